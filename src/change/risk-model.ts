import { z } from 'zod';
import { toSafe, validationError, type SafeResult, type ValidationIssue, foreignError } from '../core/errors.js';
import { frozenCopy } from '../core/freeze.js';
import { issuesFromZod } from '../core/schema.js';
import { ConditionSchema, type Condition } from '../core/condition.js';

/**
 * The four risk levels of a change, lowest first (ServiceNow's risk values).
 *
 * @example
 * ```ts
 * RISK_LEVELS.indexOf('high') > RISK_LEVELS.indexOf('moderate'); // true
 * ```
 * @category Risk
 */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;

/**
 * One of {@link RISK_LEVELS}.
 *
 * @example
 * ```ts
 * const level: RiskLevel = 'very_high';
 * ```
 * @category Risk
 */
export type RiskLevel = (typeof RISK_LEVELS)[number];

const RiskLevelSchema = z.enum(RISK_LEVELS);
const Id = z.string().min(1, 'must be a non-empty string');
const AnswerValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The zod schema of a {@link RiskModel}: ordered risk conditions, a weighted questionnaire with thresholds and an
 * impact × probability matrix, each optional. Issues name the exact path (`conditions[2].when.any[0].eq`).
 *
 * @example
 * ```ts
 * RiskModelSchema.parse({ id: 'default', conditions: [{ id: 'db', when: { field: 'category', eq: 'database' }, risk: 'high' }] });
 * ```
 * @category Risk
 */
export const RiskModelSchema = z
  .object({
    id: Id,
    /** Risk conditions in order; the first that holds sets the risk (and the impact, when it names one). */
    conditions: z.array(z.object({
      id: Id,
      description: z.string().optional(),
      when: ConditionSchema,
      risk: RiskLevelSchema,
      impact: z.string().min(1).optional(),
    }).strict()).optional(),
    questionnaire: z.object({
      questions: z.array(z.object({
        id: Id,
        text: z.string().optional(),
        weight: z.number().finite().min(0).optional(),
        options: z.array(z.object({ value: AnswerValue, score: z.number().finite(), label: z.string().optional() }).strict()).min(1, 'a question needs at least one option'),
      }).strict()).min(1, 'a questionnaire needs at least one question'),
      /** A weighted score at or above `min` reaches `level`; the highest threshold reached counts. */
      thresholds: z.array(z.object({ min: z.number().finite(), level: RiskLevelSchema }).strict()).min(1, 'a questionnaire needs at least one threshold'),
    }).strict().optional(),
    matrix: z.object({
      /** Impact values, rows of `cells`. */
      impacts: z.array(z.string().min(1)).min(1),
      /** Probability values, columns of `cells`. */
      probabilities: z.array(z.string().min(1)).min(1),
      cells: z.array(z.array(RiskLevelSchema)),
      /** The change field holding the impact when no condition set one (default `impact`). */
      impactField: z.string().min(1).optional(),
      /** The change field holding the probability (default `probability`). */
      probabilityField: z.string().min(1).optional(),
    }).strict().optional(),
    /** The level when nothing else decides (default `low`). */
    defaultRisk: RiskLevelSchema.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const issue of crossIssues(m)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { code: issue.code } });
  });

/**
 * A risk model: what {@link createRiskModel} returns (validated, deep-frozen plain JSON).
 *
 * @example
 * ```ts
 * const model: RiskModel = createRiskModel({ id: 'cab', defaultRisk: 'moderate' });
 * ```
 * @category Risk
 */
export interface RiskModel {
  readonly id: string;
  readonly conditions?: ReadonlyArray<{
    readonly id: string;
    readonly description?: string | undefined;
    readonly when: Condition;
    readonly risk: RiskLevel;
    readonly impact?: string | undefined;
  }> | undefined;
  readonly questionnaire?: {
    readonly questions: ReadonlyArray<{
      readonly id: string;
      readonly text?: string | undefined;
      readonly weight?: number | undefined;
      readonly options: ReadonlyArray<{ readonly value: string | number | boolean; readonly score: number; readonly label?: string | undefined }>;
    }>;
    readonly thresholds: ReadonlyArray<{ readonly min: number; readonly level: RiskLevel }>;
  } | undefined;
  readonly matrix?: {
    readonly impacts: readonly string[];
    readonly probabilities: readonly string[];
    readonly cells: ReadonlyArray<readonly RiskLevel[]>;
    readonly impactField?: string | undefined;
    readonly probabilityField?: string | undefined;
  } | undefined;
  readonly defaultRisk?: RiskLevel | undefined;
}

function duplicates(list: unknown, path: string[], what: string): ValidationIssue[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<unknown>();
  const out: ValidationIssue[] = [];
  list.forEach((item: unknown, i) => {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)['id'] : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) out.push({ code: 'duplicate_id', path: [...path, i, 'id'], message: `"${id}" is already the id of another ${what}` });
    seen.add(id);
  });
  return out;
}

// Checks across fields; zod skips refinements once a field is invalid, so createRiskModel runs them on the raw
// input too, to list every issue at once.
function crossIssues(m: Record<string, unknown>): ValidationIssue[] {
  const issues = duplicates(m['conditions'], ['conditions'], 'condition');
  const q = m['questionnaire'] as Record<string, unknown> | undefined;
  if (q !== null && typeof q === 'object') {
    issues.push(...duplicates(q['questions'], ['questionnaire', 'questions'], 'question'));
    const questions = q['questions'];
    if (Array.isArray(questions)) {
      questions.forEach((question: unknown, i) => {
        const options = (question as Record<string, unknown> | null)?.['options'];
        if (!Array.isArray(options)) return;
        const values = new Set<unknown>();
        options.forEach((o: unknown, j) => {
          const v = (o as Record<string, unknown> | null)?.['value'];
          if (values.has(v)) issues.push({ code: 'duplicate_option', path: ['questionnaire', 'questions', i, 'options', j, 'value'], message: 'is already the value of another option of this question' });
          values.add(v);
        });
      });
    }
  }
  const mx = m['matrix'] as Record<string, unknown> | undefined;
  if (mx !== null && typeof mx === 'object' && Array.isArray(mx['impacts']) && Array.isArray(mx['probabilities']) && Array.isArray(mx['cells'])) {
    const rows = mx['impacts'].length, cols = mx['probabilities'].length;
    if (mx['cells'].length !== rows) issues.push({ code: 'not_rectangular', path: ['matrix', 'cells'], message: `has ${mx['cells'].length} rows but there are ${rows} impacts` });
    mx['cells'].forEach((row: unknown, i) => {
      if (Array.isArray(row) && row.length !== cols) issues.push({ code: 'not_rectangular', path: ['matrix', 'cells', i], message: `has ${row.length} cells but there are ${cols} probabilities` });
    });
    for (const key of ['impacts', 'probabilities'] as const) {
      const list = mx[key] as unknown[];
      list.forEach((v, i) => { if (list.indexOf(v) !== i) issues.push({ code: 'duplicate_value', path: ['matrix', key, i], message: 'appears twice' }); });
    }
  }
  return issues;
}

/**
 * Validates a risk model and returns it deep-frozen.
 *
 * @param input - Untrusted JSON.
 * @returns The model.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path.
 * @example
 * ```ts
 * const model = createRiskModel({
 *   id: 'cab',
 *   conditions: [{ id: 'prod-db', when: { field: 'category', eq: 'database' }, risk: 'high', impact: 'high' }],
 *   matrix: { impacts: ['high', 'low'], probabilities: ['likely', 'unlikely'], cells: [['very_high', 'high'], ['moderate', 'low']] },
 * });
 * ```
 * @category Risk
 */
export function createRiskModel(input: unknown): RiskModel {
  try {
    const r = RiskModelSchema.safeParse(input);
    if (r.success) return frozenCopy(r.data) as RiskModel;
    const issues = issuesFromZod(r.error);
    if (input !== null && typeof input === 'object') {
      for (const extra of crossIssues(input as Record<string, unknown>)) {
        if (!issues.some((i) => i.path.join('.') === extra.path.join('.') && i.code === extra.code)) issues.push(extra);
      }
    }
    throw validationError('risk model', issues);
  } catch (e) {
    throw foreignError(e);
  }
}

/**
 * {@link createRiskModel} without throwing.
 *
 * @param input - Untrusted JSON.
 * @returns `{ success: true, data }` or `{ success: false, error }` with every issue.
 * @example
 * ```ts
 * const r = safeCreateRiskModel(json);
 * if (!r.success) console.error(r.error.issues);
 * ```
 * @category Risk
 */
export function safeCreateRiskModel(input: unknown): SafeResult<RiskModel> {
  return toSafe(() => createRiskModel(input));
}
