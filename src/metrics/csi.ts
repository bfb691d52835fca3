import { z } from 'zod';
import { ItsmError, toSafe, type SafeResult, type ValidationIssue, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { frozenCopy } from '../core/freeze.js';
import { parseWith } from '../core/schema.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { optionsArg } from './durations.js';
import { finiteValues } from './quantile.js';
import { centerAndMovingRange, runRules, ruleSetArg, type ControlRuleSet } from './control-chart.js';
import { mannKendall } from './trend.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Zod schema of a CSI register entry (an improvement initiative of the continual improvement register).
 *
 * @example
 * ```ts
 * CsiRegisterEntrySchema.parse({ id: 'CSI-7', title: 'Cut P2 MTTR', metric: 'mttr_p2_hours', baseline: 30, target: 12, current: 21, owner: 'desk-lead', status: 'in_progress', due: '2026-06-30' });
 * ```
 * @category Improvement
 */
export const CsiRegisterEntrySchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    /** What is measured (free text or a metric key). */
    metric: z.string().min(1).optional(),
    baseline: z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
    target: z.number().refine(Number.isFinite, { message: 'must be a finite number' }),
    current: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).nullable().optional(),
    owner: z.string().min(1),
    status: z.enum(['proposed', 'approved', 'in_progress', 'completed', 'abandoned']),
    /** Due date, `YYYY-MM-DD`. */
    due: z.string().regex(DATE, { message: 'must be a date YYYY-MM-DD' }),
  })
  .strict()
  .refine((e) => e.target !== e.baseline, { message: 'target must differ from baseline (nothing to improve otherwise)', path: ['target'] });

/**
 * A CSI register entry.
 *
 * @example
 * ```ts
 * const e: CsiRegisterEntry = createCsiRegisterEntry({ id: 'CSI-7', title: 'Cut P2 MTTR', baseline: 30, target: 12, owner: 'desk-lead', status: 'approved', due: '2026-06-30' });
 * ```
 * @category Improvement
 */
export type CsiRegisterEntry = z.output<typeof CsiRegisterEntrySchema>;

/**
 * Validates a CSI register entry.
 *
 * @param entry - The entry (plain JSON).
 * @returns A deep-frozen copy.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue.
 * @example
 * ```ts
 * createCsiRegisterEntry({ id: 'CSI-1', title: 'Raise FCR', baseline: 0.6, target: 0.75, owner: 'sd', status: 'proposed', due: '2026-09-30' });
 * ```
 * @category Improvement
 */
export function createCsiRegisterEntry(entry: CsiRegisterEntry): CsiRegisterEntry {
  return atBoundary(() => {
    const r = parseWith(CsiRegisterEntrySchema, entry, 'CSI register entry');
    if (!r.success) throw r.error;
    return frozenCopy(r.data);
  });
}

/**
 * {@link createCsiRegisterEntry} without throwing.
 *
 * @param entry - Untrusted input.
 * @returns The entry or the `invalid_definition` error.
 * @example
 * ```ts
 * const r = safeCreateCsiRegisterEntry(JSON.parse(text));
 * ```
 * @category Improvement
 */
export function safeCreateCsiRegisterEntry(entry: unknown): SafeResult<CsiRegisterEntry> {
  return toSafe(() => createCsiRegisterEntry(entry as CsiRegisterEntry));
}

/**
 * The JSON Schema (draft 2020-12) of a CSI register entry.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * const schema = csiRegisterEntryJsonSchema();
 * ```
 * @category Improvement
 */
export function csiRegisterEntryJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CsiRegisterEntrySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema['title'] = 'itsm-kit CSI register entry';
  return schema;
}

/**
 * Progress of a CSI entry toward its target.
 *
 * @example
 * ```ts
 * const p: CsiProgress = csiProgress(entry, { asOf: '2026-05-01T00:00:00Z' });
 * p.value; // 0.5 half way from baseline to target
 * ```
 * @category Improvement
 */
export interface CsiProgress {
  /** (current − baseline) / (target − baseline): 0 at baseline, 1 at target, above 1 beyond, below 0 worse; `null` without `current`. */
  readonly value: number | null;
  readonly direction: 'increase' | 'decrease';
  readonly achieved: boolean;
  /** Past its due date (end of that day, UTC) with `asOf`, not achieved, and not completed or abandoned. */
  readonly overdue: boolean;
  readonly reason?: 'insufficient_data';
}

/**
 * Options of {@link csiProgress}.
 *
 * @example
 * ```ts
 * const o: CsiProgressOptions = { asOf: '2026-07-01T00:00:00Z' };
 * ```
 * @category Improvement
 */
export interface CsiProgressOptions {
  /** The instant to judge `overdue` at (without it, nothing is overdue). */
  readonly asOf?: Instant;
}

/**
 * Progress toward target of a CSI register entry (a lower target means improvement is a decrease).
 *
 * @param entry - A validated entry.
 * @param options - `asOf`, to judge overdue.
 * @returns Progress, direction, achieved and overdue.
 * @throws {@link core!ItsmError} `invalid_argument` for an entry that is not a CSI register entry (the issues listed), `invalid_instant` for an unreadable `asOf`.
 * @example
 * ```ts
 * csiProgress({ ...entry, baseline: 30, target: 12, current: 21 }).value; // 0.5
 * ```
 * @category Improvement
 */
export function csiProgress(entry: CsiRegisterEntry, options?: CsiProgressOptions): CsiProgress {
  return atBoundary(() => {
    const o = optionsArg(options, '{ asOf }');
    const { baseline, target, current, due, status } = progressFields(entry);
    const direction = target > baseline ? 'increase' : 'decrease';
    const value = current === null ? null : progressRatio(current, baseline, target);
    const achieved = value !== null && value >= 1;
    const [y, m, d] = due.split('-').map(Number) as [number, number, number];
    const dueEnd = new Date(0);
    dueEnd.setUTCFullYear(y, m - 1, d + 1);
    const overdue = o.asOf !== undefined && toEpochMs(o.asOf, 'options.asOf') >= dueEnd.getTime() && !achieved && status !== 'completed' && status !== 'abandoned';
    const r = { value, direction, achieved, overdue } as const;
    return value === null ? { ...r, reason: 'insufficient_data' } : r;
  });
}

/** (current − baseline) / (target − baseline), finite for any finite inputs (halved near ±1e308, then clamped). */
function progressRatio(current: number, baseline: number, target: number): number {
  let r = (current - baseline) / (target - baseline);
  if (!Number.isFinite(r)) r = (current / 2 - baseline / 2) / (target / 2 - baseline / 2);
  if (Number.isNaN(r)) return 0;
  return Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, r));
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The fields csiProgress reads, checked (an entry from storage may not be a created one). */
function progressFields(entry: unknown): { baseline: number; target: number; current: number | null; due: string; status: string } {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ItsmError('invalid_argument', `entry: ${describeValue(entry)} is not a CSI register entry; build one with createCsiRegisterEntry.`, { details: { field: 'entry' } });
  }
  const e = entry as Record<string, unknown>;
  const { baseline, target, due, status } = e;
  const current = e.current ?? null;
  const issues: ValidationIssue[] = [];
  if (!finite(baseline)) issues.push({ code: 'invalid_type', path: ['baseline'], message: `${describeValue(baseline)} is not a finite number` });
  if (!finite(target)) issues.push({ code: 'invalid_type', path: ['target'], message: `${describeValue(target)} is not a finite number` });
  else if (target === baseline) issues.push({ code: 'custom', path: ['target'], message: 'target must differ from baseline' });
  if (current !== null && !finite(current)) issues.push({ code: 'invalid_type', path: ['current'], message: `${describeValue(current)} is not a finite number or null` });
  if (typeof due !== 'string' || !DATE.test(due)) issues.push({ code: 'invalid_format', path: ['due'], message: `${describeValue(due)} is not a date YYYY-MM-DD` });
  if (typeof status !== 'string') issues.push({ code: 'invalid_type', path: ['status'], message: `${describeValue(status)} is not a status` });
  if (issues.length > 0) {
    const lines = issues.map((i) => `  - entry.${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ItsmError('invalid_argument', `entry is not a CSI register entry (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${lines}`, { issues, details: { field: 'entry' } });
  }
  return { baseline: baseline as number, target: target as number, current: current as number | null, due: due as string, status: status as string };
}

/**
 * Options of {@link comparePeriods}.
 *
 * @example
 * ```ts
 * const o: ComparePeriodsOptions = { lowerIsBetter: true, alpha: 0.05 };
 * ```
 * @category Improvement
 */
export interface ComparePeriodsOptions {
  /** Significance level of the trend test (default 0.05). */
  readonly alpha?: number;
  /** Run rules for the control chart (default `'western-electric'`). */
  readonly rules?: ControlRuleSet;
  /** Whether a decrease is an improvement (MTTR) or a deterioration (FCR); default true. */
  readonly lowerIsBetter?: boolean;
}

/**
 * A period-over-period comparison.
 *
 * @example
 * ```ts
 * const c: PeriodComparison = comparePeriods(before, after);
 * if (c.changed) console.log(c.direction, c.supportedBy);
 * ```
 * @category Improvement
 */
export interface PeriodComparison {
  /** mean(after) − mean(before); `null` if either is empty. */
  readonly value: number | null;
  readonly beforeMean: number | null;
  readonly afterMean: number | null;
  /** value / beforeMean (`null` when beforeMean is 0 or missing). */
  readonly relativeChange: number | null;
  /** True only when the control chart or the trend test supports a change. */
  readonly changed: boolean;
  readonly direction: 'improved' | 'deteriorated' | 'no change';
  /** `'control-chart'`: a run rule fires on the after points against limits from the before points; `'trend'`: Mann-Kendall over both is significant in the same direction. */
  readonly supportedBy: ReadonlyArray<'control-chart' | 'trend'>;
  readonly reason?: 'insufficient_data';
}

/**
 * Compares a metric's values in two periods (e.g. weekly MTTR before and after a change) and flags a change only
 * when the evidence supports it: XmR limits from the `before` values with a run rule firing on an `after` point
 * in the direction of the change, or a significant Mann-Kendall trend over the joined series in that direction.
 * A difference of means alone is never called a change.
 *
 * @param before - Baseline values in time order (at least 2 for a chart).
 * @param after - Later values in time order.
 * @param options - Alpha, rules, and which direction is better.
 * @returns The difference, whether it is supported, and by what.
 * @throws {@link core!ItsmError} `invalid_argument` for non-finite values (or beyond ±1e150).
 * @example
 * ```ts
 * comparePeriods([30, 32, 29, 31, 30, 33], [22, 21, 23, 20]).direction; // 'improved'
 * ```
 * @category Improvement
 */
export function comparePeriods(before: readonly number[], after: readonly number[], options?: ComparePeriodsOptions): PeriodComparison {
  return atBoundary(() => {
    const o = optionsArg(options, '{ lowerIsBetter: true }');
    const rules = ruleSetArg(o.rules, 'options.rules');
    const b = finiteValues(before, 'before');
    const a = finiteValues(after, 'after');
    if (o.lowerIsBetter !== undefined && typeof o.lowerIsBetter !== 'boolean') throw new ItsmError('invalid_argument', `options.lowerIsBetter: ${describeValue(o.lowerIsBetter)} is not a boolean.`, { details: { field: 'options.lowerIsBetter' } });
    const lowerIsBetter = o.lowerIsBetter ?? true;
    const mean = (x: Float64Array): number | null => (x.length ? x.reduce((s, v) => s + v, 0) / x.length : null);
    const bm = mean(b), am = mean(a);
    if (bm === null || am === null) return { value: null, beforeMean: bm, afterMean: am, relativeChange: null, changed: false, direction: 'no change', supportedBy: [], reason: 'insufficient_data' };
    const diff = am - bm;
    const sign = Math.sign(diff);
    const supportedBy: Array<'control-chart' | 'trend'> = [];
    const { averageMovingRange } = centerAndMovingRange(b);
    if (sign !== 0 && averageMovingRange !== null) {
      const joined = Float64Array.from([...b, ...a]);
      const sigma = (averageMovingRange * 2.66) / 3;
      const signals = sigma > 0 ? runRules(joined, rules, bm, sigma) : [];
      const fires = sigma === 0 ? a.some((v) => Math.sign(v - bm) === sign) : signals.some((s) => s.indices.some((i) => i >= b.length && Math.sign(joined[i]! - bm) === sign));
      if (fires) supportedBy.push('control-chart');
    }
    const mk = mannKendall([...b, ...a], o.alpha === undefined ? {} : { alpha: o.alpha });
    if (sign !== 0 && mk.trend !== 'no trend' && Math.sign(mk.z) === sign) supportedBy.push('trend');
    const changed = supportedBy.length > 0;
    const improved = lowerIsBetter ? diff < 0 : diff > 0;
    return { value: diff, beforeMean: bm, afterMean: am, relativeChange: bm !== 0 ? diff / bm : null, changed, direction: changed ? (improved ? 'improved' : 'deteriorated') : 'no change', supportedBy };
  });
}
