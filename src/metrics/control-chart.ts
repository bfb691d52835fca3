import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { optionsNotObjectError } from '../core/messages.js';
import { finiteValues } from './quantile.js';

/**
 * A set of run rules: the four Western Electric rules (Western Electric 1956) or the eight Nelson rules (Nelson 1984).
 *
 * @example
 * ```ts
 * const r: ControlRuleSet = 'nelson';
 * ```
 * @category Control charts
 */
export type ControlRuleSet = 'western-electric' | 'nelson';

/**
 * Options of {@link detectSignals}.
 *
 * @example
 * ```ts
 * const o: DetectSignalsOptions = { rules: 'nelson', center: 10, sigma: 2 };
 * ```
 * @category Control charts
 */
export interface DetectSignalsOptions {
  /** Which rules (default `'western-electric'`). */
  readonly rules?: ControlRuleSet;
  /** The center line (default: the mean of the values). */
  readonly center?: number;
  /** One sigma (default: the average moving range × 2.66 / 3, as on an XmR chart). */
  readonly sigma?: number;
}

/**
 * The hits of one run rule.
 *
 * @example
 * ```ts
 * const s: ControlSignal = { rule: 1, description: 'one point beyond 3 sigma', indices: [7] };
 * ```
 * @category Control charts
 */
export interface ControlSignal {
  /** The rule's number within its set (Western Electric 1-4, Nelson 1-8). */
  readonly rule: number;
  readonly description: string;
  /** The points that complete the rule's pattern (every point from which the pattern, read backwards, holds). */
  readonly indices: readonly number[];
}

/**
 * What {@link detectSignals} found.
 *
 * @example
 * ```ts
 * const r: SignalReport = detectSignals([1, 2, 3]);
 * r.signals.filter((s) => s.indices.length > 0);
 * ```
 * @category Control charts
 */
export interface SignalReport {
  readonly rules: ControlRuleSet;
  /** `null` (with `reason`) when there are no values. */
  readonly center: number | null;
  /** `null` (with `reason`) when it cannot be estimated (fewer than two values). */
  readonly sigma: number | null;
  /** Every rule of the set, in order, with its hits (possibly none). */
  readonly signals: readonly ControlSignal[];
  readonly reason?: 'insufficient_data';
}

type Rule = { readonly rule: number; readonly description: string; readonly test: (z: Float64Array, i: number) => boolean };

/** `count` of the last `window` points (ending at i) satisfy `pred`, and so does point i. */
function kOfLast(z: Float64Array, i: number, window: number, count: number, pred: (v: number) => boolean): boolean {
  if (i < window - 1 || !pred(z[i]!)) return false;
  let c = 0;
  for (let j = i - window + 1; j <= i; j++) if (pred(z[j]!)) c++;
  return c >= count;
}

const above = (k: number) => (v: number) => v > k;
const below = (k: number) => (v: number) => v < -k;
const sameSide = (z: Float64Array, i: number, len: number): boolean => kOfLast(z, i, len, len, above(0)) || kOfLast(z, i, len, len, below(0));
const beyond3: Rule['test'] = (z, i) => Math.abs(z[i]!) > 3;
const twoOfThree: Rule['test'] = (z, i) => kOfLast(z, i, 3, 2, above(2)) || kOfLast(z, i, 3, 2, below(2));
const fourOfFive: Rule['test'] = (z, i) => kOfLast(z, i, 5, 4, above(1)) || kOfLast(z, i, 5, 4, below(1));

function monotoneRun(x: Float64Array, i: number, len: number): boolean {
  if (i < len - 1) return false;
  let up = true, down = true;
  for (let j = i - len + 2; j <= i; j++) {
    if (!(x[j]! > x[j - 1]!)) up = false;
    if (!(x[j]! < x[j - 1]!)) down = false;
  }
  return up || down;
}

function alternating(x: Float64Array, i: number, len: number): boolean {
  if (i < len - 1) return false;
  let prev = 0;
  for (let j = i - len + 2; j <= i; j++) {
    const d = Math.sign(x[j]! - x[j - 1]!);
    if (d === 0 || d === prev) return false;
    prev = d;
  }
  return true;
}

const WESTERN_ELECTRIC: readonly Rule[] = [
  { rule: 1, description: 'one point beyond 3 sigma', test: beyond3 },
  { rule: 2, description: '2 of 3 consecutive points beyond 2 sigma on the same side', test: twoOfThree },
  { rule: 3, description: '4 of 5 consecutive points beyond 1 sigma on the same side', test: fourOfFive },
  { rule: 4, description: '8 consecutive points on the same side of the center line', test: (z, i) => sameSide(z, i, 8) },
];

// Nelson's rules 3 and 4 read the values themselves (direction of change), so they get x, not z.
function nelsonRules(x: Float64Array): readonly Rule[] {
  return [
    { rule: 1, description: 'one point beyond 3 sigma', test: beyond3 },
    { rule: 2, description: '9 points in a row on the same side of the center line', test: (z, i) => sameSide(z, i, 9) },
    { rule: 3, description: '6 points in a row steadily increasing or decreasing', test: (_z, i) => monotoneRun(x, i, 6) },
    { rule: 4, description: '14 points in a row alternating up and down', test: (_z, i) => alternating(x, i, 14) },
    { rule: 5, description: '2 of 3 consecutive points beyond 2 sigma on the same side', test: twoOfThree },
    { rule: 6, description: '4 of 5 consecutive points beyond 1 sigma on the same side', test: fourOfFive },
    { rule: 7, description: '15 points in a row within 1 sigma of the center line', test: (z, i) => kOfLast(z, i, 15, 15, (v) => Math.abs(v) < 1) },
    { rule: 8, description: '8 points in a row beyond 1 sigma, on either side', test: (z, i) => kOfLast(z, i, 8, 8, (v) => Math.abs(v) > 1) },
  ];
}

/** Mean and average moving range of a series. @internal */
export function centerAndMovingRange(x: Float64Array): { mean: number | null; averageMovingRange: number | null } {
  const n = x.length;
  if (n === 0) return { mean: null, averageMovingRange: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  if (n < 2) return { mean: sum / n, averageMovingRange: null };
  let mr = 0;
  for (let i = 1; i < n; i++) mr += Math.abs(x[i]! - x[i - 1]!);
  return { mean: sum / n, averageMovingRange: mr / (n - 1) };
}

/** Runs a rule set over values with a given center and sigma. @internal */
export function runRules(x: Float64Array, rules: ControlRuleSet, center: number, sigma: number): ControlSignal[] {
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) z[i] = sigma > 0 ? (x[i]! - center) / sigma : x[i]! === center ? 0 : Math.sign(x[i]! - center) * Infinity;
  const set = rules === 'nelson' ? nelsonRules(x) : WESTERN_ELECTRIC;
  return set.map((r) => {
    const indices: number[] = [];
    for (let i = 0; i < x.length; i++) if (r.test(z, i)) indices.push(i);
    return { rule: r.rule, description: r.description, indices };
  });
}

/** Checks a rule-set name. @internal */
export function ruleSetArg(rules: unknown, field: string): ControlRuleSet {
  if (rules === undefined) return 'western-electric';
  if (rules === 'western-electric' || rules === 'nelson') return rules;
  throw new ItsmError('invalid_argument', `${field}: ${describeValue(rules)} is not a rule set; use 'western-electric' or 'nelson'.`, { details: { field } });
}

function finiteOption(v: unknown, field: string, positive: boolean): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || (positive && !(v > 0))) {
    throw new ItsmError('invalid_argument', `${field}: ${describeValue(v)} is not ${positive ? 'a positive' : 'a finite'} number.`, { details: { field } });
  }
  return v;
}

/**
 * Applies the Western Electric or Nelson run rules to a series and reports, for every rule, the indices of the
 * points that complete its pattern.
 *
 * Zones are read in sigmas from the center line: beyond k sigma means strictly more than k; a point exactly on the
 * center line is on neither side and breaks a same-side run. With no `sigma`, sigma is the average moving range
 * times 2.66 / 3 (that is, divided by d2 = 1.128 to three digits: the XmR estimate, not the standard deviation, which a shift or trend would inflate).
 *
 * @param values - The series in time order (finite numbers; not mutated).
 * @param options - The rule set, and a center and sigma from a baseline period if not from these values.
 * @returns The center, sigma and every rule's hits.
 * @throws {@link core!ItsmError} `invalid_argument` for non-finite values (or beyond ±1e150), an unknown rule set or a sigma that is not positive.
 * @example
 * ```ts
 * const r = detectSignals([10, 11, 9, 10, 25], { rules: 'nelson', center: 10, sigma: 1 });
 * r.signals[0]; // { rule: 1, description: 'one point beyond 3 sigma', indices: [4] }
 * ```
 * @category Control charts
 */
export function detectSignals(values: readonly number[], options: DetectSignalsOptions = {}): SignalReport {
  return atBoundary(() => {
    if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', "an object such as { rules: 'nelson' }");
    const rules = ruleSetArg(options.rules, 'options.rules');
    const x = finiteValues(values);
    const givenCenter = finiteOption(options.center, 'options.center', false);
    const givenSigma = finiteOption(options.sigma, 'options.sigma', true);
    const { mean, averageMovingRange } = centerAndMovingRange(x);
    const center = givenCenter ?? mean;
    const sigma = givenSigma ?? (averageMovingRange === null ? null : (averageMovingRange * 2.66) / 3);
    if (center === null || sigma === null || x.length === 0) {
      const set = rules === 'nelson' ? nelsonRules(x) : WESTERN_ELECTRIC;
      return { rules, center, sigma, signals: set.map((r) => ({ rule: r.rule, description: r.description, indices: [] })), reason: 'insufficient_data' };
    }
    return { rules, center, sigma, signals: runRules(x, rules, center, sigma) };
  });
}

/**
 * Options of {@link xmrChart}.
 *
 * @example
 * ```ts
 * const o: XmrChartOptions = { rules: 'nelson', baseline: 12 };
 * ```
 * @category Control charts
 */
export interface XmrChartOptions {
  /** The run rules marking each point (default `'western-electric'`). */
  readonly rules?: ControlRuleSet;
  /** Compute the limits from the first `baseline` points only (default: all); every point is still judged. */
  readonly baseline?: number;
}

/**
 * One point of an XmR chart.
 *
 * @example
 * ```ts
 * const p: XmrPoint = { index: 1, value: 12, movingRange: 2, signals: [], aboveRangeLimit: false };
 * ```
 * @category Control charts
 */
export interface XmrPoint {
  readonly index: number;
  readonly value: number;
  /** |x_i − x_(i−1)|; `null` for the first point. */
  readonly movingRange: number | null;
  /** The numbers of the rules this point completes (see {@link detectSignals}). */
  readonly signals: readonly number[];
  /** Whether the moving range exceeds the upper range limit (a signal on the mR chart). */
  readonly aboveRangeLimit: boolean;
}

/**
 * An XmR (individuals and moving range) process behaviour chart.
 *
 * @example
 * ```ts
 * const c: XmrChart = xmrChart([5, 7, 6]);
 * c.upperLimit; // 6 + 2.66 * 1.5
 * ```
 * @category Control charts
 */
export interface XmrChart {
  readonly n: number;
  /** The mean of the (baseline) values; `null` for no values. */
  readonly center: number | null;
  /** The mean of the (baseline) moving ranges; `null` below two values. */
  readonly averageMovingRange: number | null;
  /** center + 2.66 · averageMovingRange (upper natural process limit). */
  readonly upperLimit: number | null;
  /** center − 2.66 · averageMovingRange. */
  readonly lowerLimit: number | null;
  /** 3.268 · averageMovingRange. */
  readonly upperRangeLimit: number | null;
  readonly rules: ControlRuleSet;
  readonly points: readonly XmrPoint[];
  /** Every rule's hits, as {@link detectSignals} reports them. */
  readonly signals: readonly ControlSignal[];
  readonly reason?: 'insufficient_data';
}

/**
 * Builds an XmR chart (Wheeler's process behaviour chart): natural process limits at the mean ± 2.66 times the
 * average moving range, the moving-range limit at 3.268 times it, and each point marked with the run rules it
 * triggers (sigma = 2.66 / 3 × the average moving range, so the 3-sigma zone edge is exactly the limit).
 *
 * @param values - The series in time order (finite numbers; not mutated).
 * @param options - The rule set and the baseline length.
 * @returns The limits and the points with their signals; limits `null` below two values.
 * @throws {@link core!ItsmError} `invalid_argument` for non-finite values (or beyond ±1e150), an unknown rule set or a baseline below 2.
 * @example
 * ```ts
 * const chart = xmrChart([39, 41, 40, 43, 38, 55]);
 * chart.points.filter((p) => p.signals.includes(1)); // the points beyond the limits
 * ```
 * @category Control charts
 */
export function xmrChart(values: readonly number[], options: XmrChartOptions = {}): XmrChart {
  return atBoundary(() => {
    if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', "an object such as { rules: 'nelson' }");
    const rules = ruleSetArg(options.rules, 'options.rules');
    const x = finiteValues(values);
    const n = x.length;
    if (options.baseline !== undefined && (!Number.isInteger(options.baseline) || options.baseline < 2)) {
      throw new ItsmError('invalid_argument', `options.baseline: ${describeValue(options.baseline)} is not a whole number of points >= 2.`, { details: { field: 'options.baseline' } });
    }
    const base = options.baseline === undefined ? x : x.subarray(0, Math.min(options.baseline, n));
    const { mean, averageMovingRange: amr } = centerAndMovingRange(base);
    const ok = mean !== null && amr !== null;
    const signals = ok ? runRules(x, rules, mean, (amr * 2.66) / 3) : detectSignals([], { rules }).signals;
    const byPoint: number[][] = Array.from({ length: n }, () => []);
    for (const s of signals) for (const i of s.indices) byPoint[i]!.push(s.rule);
    const url = ok ? 3.268 * amr : null;
    const points: XmrPoint[] = [];
    for (let i = 0; i < n; i++) {
      const mr = i === 0 ? null : Math.abs(x[i]! - x[i - 1]!);
      points.push({ index: i, value: x[i]!, movingRange: mr, signals: byPoint[i]!, aboveRangeLimit: mr !== null && url !== null && mr > url });
    }
    const chart: XmrChart = {
      n,
      center: mean,
      averageMovingRange: amr,
      upperLimit: ok ? mean + 2.66 * amr : null,
      lowerLimit: ok ? mean - 2.66 * amr : null,
      upperRangeLimit: url,
      rules,
      points,
      signals,
    };
    return ok ? chart : { ...chart, reason: 'insufficient_data' };
  });
}
