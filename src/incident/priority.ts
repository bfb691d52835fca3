import { frozenCopy } from '../core/freeze.js';
import { z } from 'zod';
import { ItsmError, atBoundary, toSafe, validationError, type SafeResult, type ValidationIssue } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { issuesFromZod } from '../core/schema.js';

/**
 * Zod schema for a {@link PriorityMatrix}: a rectangular table of positive integers, rows indexed by impact
 * level and columns by urgency level (both 1-based), with optional default levels inside the table.
 *
 * @example
 * ```ts
 * PriorityMatrixSchema.parse({ priorities: [[1, 2], [2, 3]] });
 * ```
 * @category Priority
 */
export const PriorityMatrixSchema: z.ZodType<PriorityMatrix> = z
  .object({
    name: z.string().min(1).optional(),
    priorities: z
      .array(z.array(z.number().int().min(1, 'a priority is a positive integer')).min(1, 'a row needs at least one urgency level'))
      .min(1, 'the matrix needs at least one impact level'),
    defaultImpact: z.number().int().min(1).optional(),
    defaultUrgency: z.number().int().min(1).optional(),
  })
  .superRefine((m, ctx) => {
    for (const issue of shapeIssues(m)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { code: issue.code } });
  });

// The checks across fields (rectangular rows, defaults inside the table). zod skips refinements once a field
// is invalid, so createPriorityMatrix also runs them on the raw input to list every issue at once.
function shapeIssues(m: { priorities?: unknown; defaultImpact?: unknown; defaultUrgency?: unknown }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(m.priorities) || !m.priorities.every(Array.isArray)) return issues;
  const rows = m.priorities as unknown[][];
  const width = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== width) issues.push({ code: 'not_rectangular', path: ['priorities', i], message: `has ${row.length} urgency levels but row 0 has ${width}; the matrix must be rectangular` });
  });
  const outside = (v: unknown, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v > max;
  if (outside(m.defaultImpact, rows.length)) issues.push({ code: 'out_of_range', path: ['defaultImpact'], message: `must be an impact level between 1 and ${rows.length}` });
  if (outside(m.defaultUrgency, width)) issues.push({ code: 'out_of_range', path: ['defaultUrgency'], message: `must be an urgency level between 1 and ${width}` });
  return issues;
}

/**
 * An impact × urgency → priority table. `priorities[impact - 1][urgency - 1]` is the priority. Levels are
 * 1-based; what "1" means (highest in ServiceNow and iTop, lowest in GLPI) is the matrix's convention.
 *
 * @example
 * ```ts
 * const m: PriorityMatrix = { name: '2x2', priorities: [[1, 2], [2, 3]] };
 * ```
 * @category Priority
 */
export interface PriorityMatrix {
  /** A label for people. */
  readonly name?: string;
  /** Rows: impact levels; columns: urgency levels. */
  readonly priorities: readonly (readonly number[])[];
  /** The impact of an incident created without one (default: the last row). */
  readonly defaultImpact?: number;
  /** The urgency of an incident created without one (default: the last column). */
  readonly defaultUrgency?: number;
}

// Matrices made by this module (the built-in ones and createPriorityMatrix's results): derivePriority trusts them and
// validates any other value first.
const made = new WeakSet<object>();

function frozen(m: PriorityMatrix): PriorityMatrix {
  const out = Object.freeze({ ...m, priorities: Object.freeze(m.priorities.map((r) => Object.freeze([...r]))) });
  made.add(out);
  return out;
}

/**
 * ServiceNow's default matrix: impact 1-3 × urgency 1-3 → priority 1 (critical) to 5 (planning).
 * Impact and urgency default to 3 (low).
 *
 * @example
 * ```ts
 * derivePriority(1, 2, serviceNowPriorityMatrix); // 2
 * ```
 * @category Priority
 */
export const serviceNowPriorityMatrix: PriorityMatrix = frozen({
  name: 'ServiceNow 3x3',
  priorities: [
    [1, 2, 3],
    [2, 3, 4],
    [3, 4, 5],
  ],
  defaultImpact: 3,
  defaultUrgency: 3,
});

/**
 * iTop's incident matrix (`Incident::ComputePriority` in the ITIL incident module): impact 1-3 × urgency 1-4
 * → priority 1 (highest) to 4.
 *
 * @example
 * ```ts
 * derivePriority(1, 3, iTopPriorityMatrix); // 2
 * ```
 * @category Priority
 */
export const iTopPriorityMatrix: PriorityMatrix = frozen({
  name: 'iTop 3x4',
  priorities: [
    [1, 1, 2, 4],
    [1, 2, 3, 4],
    [2, 3, 3, 4],
  ],
});

/**
 * GLPI's default matrix (its `priority_matrix` setting): levels 1 (very low) to 5 (very high) for both impact
 * and urgency → priority 1 (very low) to 5 (very high). The matrix is symmetric; GLPI's "major" priority (6)
 * is set by hand, outside the matrix. Impact and urgency default to 3 (medium).
 *
 * @example
 * ```ts
 * derivePriority(5, 5, glpiPriorityMatrix); // 5
 * ```
 * @category Priority
 */
export const glpiPriorityMatrix: PriorityMatrix = frozen({
  name: 'GLPI 5x5',
  priorities: [
    [1, 1, 2, 2, 2],
    [1, 2, 2, 3, 3],
    [2, 2, 3, 4, 4],
    [2, 3, 4, 4, 5],
    [2, 3, 4, 5, 5],
  ],
  defaultImpact: 3,
  defaultUrgency: 3,
});

/**
 * Validates a priority matrix and returns a fresh copy.
 *
 * @param input - Untrusted matrix (parsed JSON, say).
 * @returns The validated matrix.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path.
 * @example
 * ```ts
 * const m = createPriorityMatrix({ name: 'iTop-like', priorities: [[1, 1, 2, 4], [1, 2, 3, 4], [2, 3, 3, 4]] });
 * ```
 * @category Priority
 */
export function createPriorityMatrix(input: unknown): PriorityMatrix {
  return atBoundary(() => createMatrix(input));
}

function createMatrix(input: unknown): PriorityMatrix {
  if (made.has(input as object)) return input as PriorityMatrix;
  const r = PriorityMatrixSchema.safeParse(input);
  if (r.success) {
    const m = frozenCopy(r.data);
    made.add(m);
    return m;
  }
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const issues = issuesFromZod(r.error);
  const seen = new Set(issues.map((i) => `${i.code}@${i.path.join('.')}`));
  for (const i of shapeIssues(raw)) if (!seen.has(`${i.code}@${i.path.join('.')}`)) issues.push(i);
  throw validationError('priority matrix', issues);
}

/**
 * Non-throwing {@link createPriorityMatrix}.
 *
 * @param input - Untrusted matrix.
 * @returns `{ success: true, data }` or `{ success: false, error }` with every issue.
 * @example
 * ```ts
 * const r = safeCreatePriorityMatrix({ priorities: [[1, 2], [3]] });
 * if (!r.success) console.log(r.error.issues[0]?.path); // ['priorities', 1]
 * ```
 * @category Priority
 */
export function safeCreatePriorityMatrix(input: unknown): SafeResult<PriorityMatrix> {
  return toSafe(() => createPriorityMatrix(input));
}

/**
 * The JSON Schema (draft 2020-12) of a stored {@link PriorityMatrix}, generated from {@link PriorityMatrixSchema}.
 *
 * @returns A fresh JSON Schema object.
 * @example
 * ```ts
 * const schema = priorityMatrixJsonSchema();
 * schema.type; // 'object'
 * ```
 * @category Priority
 */
export function priorityMatrixJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PriorityMatrixSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * Whether `level` is a valid impact (`axis: 'impact'`) or urgency level of `matrix`.
 * @internal
 */
export function isLevel(matrix: PriorityMatrix, axis: 'impact' | 'urgency', level: unknown): level is number {
  const max = axis === 'impact' ? matrix.priorities.length : (matrix.priorities[0]?.length ?? 0);
  return typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= max;
}

/** The number of impact and urgency levels of a matrix. @internal */
export function matrixSize(matrix: PriorityMatrix): { impact: number; urgency: number } {
  return { impact: matrix.priorities.length, urgency: matrix.priorities[0]?.length ?? 0 };
}

/**
 * Derives the priority from impact and urgency with a matrix (ServiceNow's by default).
 *
 * @param impact - Impact level, 1-based row of the matrix.
 * @param urgency - Urgency level, 1-based column.
 * @param matrix - The matrix (already validated); default {@link serviceNowPriorityMatrix}.
 * @returns The priority.
 * @throws {@link core!ItsmError} `invalid_argument` when a level is not an integer inside the matrix;
 * `invalid_definition` when `matrix` is not a valid priority matrix.
 * @example
 * ```ts
 * derivePriority(2, 2);                       // 3 (ServiceNow: moderate)
 * derivePriority(4, 5, glpiPriorityMatrix);   // 5
 * ```
 * @category Priority
 */
export function derivePriority(impact: number, urgency: number, matrix: PriorityMatrix = serviceNowPriorityMatrix): number {
  if (!made.has(matrix as object)) matrix = createPriorityMatrix(matrix);
  const size = matrixSize(matrix);
  if (!isLevel(matrix, 'impact', impact)) {
    throw new ItsmError('invalid_argument', `impact: ${describeValue(impact)} is not an impact level of ${matrix.name ?? 'the matrix'}; use an integer from 1 to ${size.impact}.`, { details: { field: 'impact', value: impact } });
  }
  if (!isLevel(matrix, 'urgency', urgency)) {
    throw new ItsmError('invalid_argument', `urgency: ${describeValue(urgency)} is not an urgency level of ${matrix.name ?? 'the matrix'}; use an integer from 1 to ${size.urgency}.`, { details: { field: 'urgency', value: urgency } });
  }
  return matrix.priorities[impact - 1]![urgency - 1]!;
}
