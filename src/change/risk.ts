import { ItsmError, foreignError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { compileCondition, describeCondition, type CompiledCondition } from '../core/condition.js';
import { RISK_LEVELS, createRiskModel, type RiskLevel, type RiskModel } from './risk-model.js';

/**
 * What decided a risk assessment: the first matching condition, the questionnaire, the matrix, or the model's
 * default when none of them gave a level.
 *
 * @example
 * ```ts
 * const by: RiskSource = 'matrix';
 * ```
 * @category Risk
 */
export type RiskSource = 'condition' | 'questionnaire' | 'matrix' | 'default';

/**
 * One answered question of an assessment.
 *
 * @example
 * ```ts
 * const a: RiskAnswer = { question: 'backout', answer: 'untested', score: 3, weight: 2, weighted: 6 };
 * ```
 * @category Risk
 */
export interface RiskAnswer {
  readonly question: string;
  readonly answer: string | number | boolean;
  readonly score: number;
  readonly weight: number;
  /** `score × weight`. */
  readonly weighted: number;
}

/**
 * The result of {@link assessChangeRisk}: the level, the impact, and each part's contribution, so that "why is
 * this change high risk?" has an answer.
 *
 * @example
 * ```ts
 * const r = assessChangeRisk(change, model);
 * r.level;     // 'high'
 * r.decidedBy; // 'condition'
 * r.reason;    // 'risk condition "prod-db" (category = database) sets high'
 * ```
 * @category Risk
 */
export interface RiskAssessment {
  readonly level: RiskLevel;
  /** The impact set by the matching condition, else the change's impact field (when the model has a matrix). */
  readonly impact: string | null;
  readonly decidedBy: RiskSource;
  /** One sentence naming the rule, answers or matrix cell that decided. */
  readonly reason: string;
  /** The first risk condition that holds, or null. */
  readonly condition: { readonly id: string; readonly description: string; readonly level: RiskLevel; readonly impact: string | null } | null;
  /** The questionnaire's score and level, or null when the model has none. */
  readonly questionnaire: {
    readonly score: number;
    readonly level: RiskLevel;
    /** The threshold reached (`null` when the score is below every threshold: level `low`). */
    readonly threshold: number | null;
    readonly answers: readonly RiskAnswer[];
    readonly unanswered: readonly string[];
  } | null;
  /** The matrix cell used, or null (no matrix, or impact or probability unknown: see `reason`). */
  readonly matrix: { readonly impact: string; readonly probability: string; readonly level: RiskLevel } | null;
}

/**
 * The fields of a change that a risk model reads: any fields (conditions test them by name, dotted paths
 * allowed), plus `answers` for the questionnaire (question id → chosen option value).
 *
 * @example
 * ```ts
 * const change: RiskInput = { category: 'database', impact: 'high', probability: 'likely', answers: { backout: 'untested' } };
 * ```
 * @category Risk
 */
export type RiskInput = Readonly<Record<string, unknown>> & { readonly answers?: Readonly<Record<string, unknown>> | undefined };

interface Compiled {
  readonly model: RiskModel;
  readonly conditions: readonly CompiledCondition[];
}

const compiled = new WeakMap<object, Compiled>();

function compile(model: RiskModel): Compiled {
  let c = compiled.get(model);
  if (c === undefined) {
    // A model not made by createRiskModel is validated once (and the validated copy used).
    const valid = createRiskModel(model);
    c = { model: valid, conditions: (valid.conditions ?? []).map((r) => compileCondition(r.when)) };
    compiled.set(model, c);
  }
  return c;
}

const rank = (l: RiskLevel): number => RISK_LEVELS.indexOf(l);
const fmt = (v: unknown): string => (typeof v === 'string' ? v : describeValue(v));

/**
 * Assesses the risk of a change with a risk model, ServiceNow style: the risk conditions are tried in order and
 * the first that holds sets risk and impact; the questionnaire's weighted score is mapped to a level by its
 * thresholds; the matrix gives the level of (impact, probability). The highest level wins (on a tie, the
 * earlier of condition, questionnaire, matrix); the result names the rule, the answers and the cell.
 *
 * @param change - The change's fields, with `answers` for the questionnaire.
 * @param model - From {@link createRiskModel} (a plain object is validated once).
 * @returns A fresh assessment.
 * @throws {@link core!ItsmError} `invalid_definition` for an invalid model, `invalid_argument` when `change` is
 * not an object or an answer is not one of its question's options.
 * @example
 * ```ts
 * assessChangeRisk({ category: 'database', probability: 'likely' }, model).level; // 'very_high'
 * ```
 * @category Risk
 */
export function assessChangeRisk(change: RiskInput, model: RiskModel): RiskAssessment {
  try {
    if (change === null || typeof change !== 'object' || Array.isArray(change)) {
      throw new ItsmError('invalid_argument', `assessChangeRisk: ${describeValue(change)} is not a change; pass its fields as an object.`, { details: { field: 'change' } });
    }
    const { model: m, conditions } = compile(model);
    const fields = change as Record<string, unknown>;

    let condition: RiskAssessment['condition'] = null;
    const rules = m.conditions ?? [];
    for (let i = 0; i < rules.length; i++) {
      if (conditions[i]!(fields, '')) {
        const r = rules[i]!;
        condition = { id: r.id, description: r.description ?? describeCondition(r.when), level: r.risk, impact: r.impact ?? null };
        break;
      }
    }

    let questionnaire: RiskAssessment['questionnaire'] = null;
    if (m.questionnaire !== undefined) {
      const given = change.answers ?? {};
      const answers: RiskAnswer[] = [];
      const unanswered: string[] = [];
      let score = 0;
      for (const q of m.questionnaire.questions) {
        if (!Object.prototype.hasOwnProperty.call(given, q.id) || given[q.id] === undefined) { unanswered.push(q.id); continue; }
        const value = given[q.id];
        const option = q.options.find((o) => o.value === value);
        if (option === undefined) {
          throw new ItsmError('invalid_argument', `assessChangeRisk: answers.${q.id}: ${describeValue(value)} is not an option of question "${q.id}"; use one of ${q.options.map((o) => fmt(o.value)).join(', ')}.`, { details: { field: `answers.${q.id}` } });
        }
        const weight = q.weight ?? 1;
        answers.push({ question: q.id, answer: option.value, score: option.score, weight, weighted: option.score * weight });
        score += option.score * weight;
      }
      let best: { min: number; level: RiskLevel } | null = null;
      for (const t of m.questionnaire.thresholds) if (score >= t.min && (best === null || t.min > best.min || (t.min === best.min && rank(t.level) > rank(best.level)))) best = t;
      questionnaire = { score, level: best?.level ?? 'low', threshold: best?.min ?? null, answers, unanswered };
    }

    let matrix: RiskAssessment['matrix'] = null;
    let impact: string | null = condition?.impact ?? null;
    let matrixNote = '';
    if (m.matrix !== undefined) {
      const mx = m.matrix;
      if (impact === null) {
        const v = fields[mx.impactField ?? 'impact'];
        impact = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
      }
      const pv = fields[mx.probabilityField ?? 'probability'];
      const probability = typeof pv === 'string' ? pv : typeof pv === 'number' ? String(pv) : null;
      const i = impact === null ? -1 : mx.impacts.indexOf(impact);
      const j = probability === null ? -1 : mx.probabilities.indexOf(probability);
      if (i >= 0 && j >= 0) matrix = { impact: impact!, probability: probability!, level: mx.cells[i]![j]! };
      else matrixNote = i < 0 ? `impact ${impact === null ? 'not set' : `"${impact}" not in the matrix`}` : `probability ${probability === null ? 'not set' : `"${probability}" not in the matrix`}`;
    }

    const candidates: Array<[RiskSource, RiskLevel]> = [];
    if (condition) candidates.push(['condition', condition.level]);
    if (questionnaire) candidates.push(['questionnaire', questionnaire.level]);
    if (matrix) candidates.push(['matrix', matrix.level]);
    let decidedBy: RiskSource = 'default';
    let level: RiskLevel = m.defaultRisk ?? 'low';
    let top = -1;
    for (const [source, l] of candidates) if (rank(l) > top) { top = rank(l); decidedBy = source; level = l; }

    let reason: string;
    if (decidedBy === 'condition') reason = `risk condition "${condition!.id}" (${condition!.description}) sets ${level}`;
    else if (decidedBy === 'questionnaire') {
      const q = questionnaire!;
      const parts = q.answers.map((a) => `${a.question} = ${fmt(a.answer)}: ${a.weighted}`).join(', ');
      reason = q.threshold === null ? `questionnaire score ${q.score} is below every threshold, so ${level}` : `questionnaire score ${q.score} (${parts || 'no answers'}) reaches ${q.threshold}, so ${level}`;
    } else if (decidedBy === 'matrix') reason = `impact ${matrix!.impact} × probability ${matrix!.probability} is ${level} in the matrix`;
    else reason = `no risk condition holds${m.matrix && matrixNote ? ` and the matrix does not apply (${matrixNote})` : ''}; the model's default risk is ${level}`;
    return { level, impact, decidedBy, reason, condition, questionnaire, matrix };
  } catch (e) {
    throw foreignError(e);
  }
}
