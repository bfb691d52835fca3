import { atBoundary } from '../core/errors.js';
import { optionsNotObjectError } from '../core/messages.js';
import { finiteValues, methodArg, probabilitiesArg, quantileSelect, type QuantileMethod } from './quantile.js';

/**
 * Options of {@link summarize}.
 *
 * @example
 * ```ts
 * const o: SummarizeOptions = { quantiles: [0.9, 0.95], method: 'R-7' };
 * ```
 * @category Statistics
 */
export interface SummarizeOptions {
  /** Extra quantiles to report, as probabilities (0.9 for p90). */
  readonly quantiles?: readonly number[];
  /** The Hyndman-Fan definition for the median and the quantiles (default `'R-7'`). */
  readonly method?: QuantileMethod;
}

/**
 * A sample's summary. Every statistic is `null` for no values; `stdDev` is the sample standard deviation
 * (denominator `n - 1`), `null` below two values.
 *
 * @example
 * ```ts
 * const s: SampleSummary = summarize([1, 2, 3]);
 * s.quantiles['0.9']; // 2.8
 * ```
 * @category Statistics
 */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly median: number | null;
  readonly stdDev: number | null;
  /** The requested quantiles keyed by the probability as written by `String(p)` (`'0.9'`). */
  readonly quantiles: Readonly<Record<string, number | null>>;
  /** `'insufficient_data'` when there are no values. */
  readonly reason?: 'insufficient_data';
}

/** The summary of `a[from, to)` (reorders the range). @internal */
export function summarizeRange(a: Float64Array, from: number, to: number, probs: readonly number[], method: QuantileMethod): SampleSummary {
  const n = to - from;
  const quantiles: Record<string, number | null> = {};
  if (n === 0) {
    for (const p of probs) quantiles[String(p)] = null;
    return { n: 0, mean: null, min: null, max: null, median: null, stdDev: null, quantiles, reason: 'insufficient_data' };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = a[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = from; i < to; i++) {
    const d = a[i]! - mean;
    ss += d * d;
  }
  const median = quantileSelect(a, 0.5, method, from, to);
  for (const p of probs) quantiles[String(p)] = quantileSelect(a, p, method, from, to);
  return { n, mean: clampMean(mean, min, max), min, max, median, stdDev: n > 1 ? Math.sqrt(ss / (n - 1)) : null, quantiles };
}

/** Rounding can put a mean of equal values a hair outside them. */
function clampMean(mean: number, min: number, max: number): number {
  return mean < min ? min : mean > max ? max : mean;
}

/**
 * Count, mean, min, max, median, sample standard deviation and any quantiles of a sample.
 *
 * @param values - Finite numbers (not mutated).
 * @param options - Quantiles to add and the quantile definition.
 * @returns The summary; every statistic `null` (with `reason: 'insufficient_data'`) for no values.
 * @throws {@link core!ItsmError} `invalid_argument` for a non-finite value (or one beyond ±1e150), a probability outside [0, 1] or an unknown method.
 * @example
 * ```ts
 * summarize([4, 1, 3, 2], { quantiles: [0.9] }); // { n: 4, mean: 2.5, median: 2.5, quantiles: { '0.9': 3.7 }, ... }
 * ```
 * @category Statistics
 */
export function summarize(values: readonly number[], options: SummarizeOptions = {}): SampleSummary {
  return atBoundary(() => {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw optionsNotObjectError('options', 'an object such as { quantiles: [0.9] }');
    const method = methodArg(options.method, 'options.method');
    const probs = probabilitiesArg(options.quantiles, 'options.quantiles');
    const a = finiteValues(values);
    return summarizeRange(a, 0, a.length, probs, method);
  });
}
