import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { optionsNotObjectError } from '../core/messages.js';
import { finiteValues, quantileSorted } from './quantile.js';
import { twoSidedP } from './normal.js';

/**
 * Options of {@link mannKendall}.
 *
 * @example
 * ```ts
 * const o: MannKendallOptions = { alpha: 0.1 };
 * ```
 * @category Statistics
 */
export interface MannKendallOptions {
  /** Significance level of the two-sided test (default 0.05). */
  readonly alpha?: number;
}

/**
 * The Mann-Kendall trend test, in the conventions of pyMannKendall's `original_test`.
 *
 * @example
 * ```ts
 * const r: MannKendallResult = mannKendall([1, 2, 3, 4, 5]);
 * r.trend; // 'increasing'
 * ```
 * @category Statistics
 */
export interface MannKendallResult {
  readonly n: number;
  /** S = Σ_{i<j} sign(x_j − x_i). */
  readonly s: number;
  /** Var(S) with the tie correction. */
  readonly variance: number;
  /** (S − sign(S)) / √Var(S) (continuity correction); 0 when S = 0 or Var(S) = 0. */
  readonly z: number;
  /** Two-sided p-value 2 (1 − Φ(|z|)). */
  readonly p: number;
  /** Kendall's tau as S / (n (n − 1) / 2); 0 below two values. */
  readonly tau: number;
  /** `p < alpha` and the sign of z decide. */
  readonly trend: 'increasing' | 'decreasing' | 'no trend';
  /** `'insufficient_data'` below two values. */
  readonly reason?: 'insufficient_data';
}

/** The most values {@link mannKendall} takes (its cost grows with the square of the count). */
const MAX_MANN_KENDALL = 20_000;
/** The most points {@link theilSen} takes (it keeps every pairwise slope: 8 M at this count). */
const MAX_THEIL_SEN = 4_000;

/**
 * The Mann-Kendall test for a monotone trend in a series (values in time order).
 *
 * S counts concordant minus discordant pairs; Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over tie groups of
 * size t; z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, 0 for S = 0 (also when every value is tied);
 * p is two-sided; the trend is significant when p < alpha. These are pyMannKendall's `original_test`
 * conventions (Hussain and Mahmud 2019, after Mann 1945 and Kendall 1975).
 *
 * @param values - The series (finite numbers, in time order; not mutated).
 * @param options - `alpha` (default 0.05).
 * @returns S, its variance, z, p, tau and the trend.
 * @throws {@link core!ItsmError} `invalid_argument` for a non-finite value (or one beyond ±1e150), alpha outside (0, 1), or more than 20,000 values.
 * @example
 * ```ts
 * mannKendall([5, 4, 4, 2, 1]).trend; // 'decreasing'
 * ```
 * @category Statistics
 */
export function mannKendall(values: readonly number[], options: MannKendallOptions = {}): MannKendallResult {
  return atBoundary(() => {
    if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', 'an object such as { alpha: 0.05 }');
    const alpha = options.alpha ?? 0.05;
    if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
      throw new ItsmError('invalid_argument', `options.alpha: ${describeValue(alpha)} is not a significance level; pass a number between 0 and 1 such as 0.05.`, { details: { field: 'options.alpha' } });
    }
    const x = finiteValues(values);
    const n = x.length;
    if (n > MAX_MANN_KENDALL) throw new ItsmError('invalid_argument', `values: ${n} values is more than the ${MAX_MANN_KENDALL} the Mann-Kendall test takes (its cost grows with the square); aggregate them first (one value per day or week).`, { details: { field: 'values' } });
    if (n < 2) return { n, s: 0, variance: 0, z: 0, p: 1, tau: 0, trend: 'no trend', reason: 'insufficient_data' };
    let s = 0;
    for (let i = 0; i < n - 1; i++) {
      const xi = x[i]!;
      for (let j = i + 1; j < n; j++) {
        const d = x[j]! - xi;
        if (d > 0) s++;
        else if (d < 0) s--;
      }
    }
    const sorted = Float64Array.from(x).sort();
    let ties = 0;
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) j++;
      const t = j - i;
      if (t > 1) ties += t * (t - 1) * (2 * t + 5);
      i = j;
    }
    const variance = (n * (n - 1) * (2 * n + 5) - ties) / 18;
    const z = variance <= 0 || s === 0 ? 0 : (s > 0 ? s - 1 : s + 1) / Math.sqrt(variance);
    const p = twoSidedP(z);
    const trend = p < alpha ? (z > 0 ? 'increasing' : z < 0 ? 'decreasing' : 'no trend') : 'no trend';
    return { n, s, variance, z, p, tau: s / ((n * (n - 1)) / 2), trend };
  });
}

/**
 * A point for {@link theilSen}.
 *
 * @example
 * ```ts
 * const p: TrendPoint = { x: 1, y: 3.5 };
 * ```
 * @category Statistics
 */
export interface TrendPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * A Theil-Sen line.
 *
 * @example
 * ```ts
 * const { slope, intercept }: TheilSenResult = theilSen([1, 3, 5]);
 * ```
 * @category Statistics
 */
export interface TheilSenResult {
  /** The median of the pairwise slopes; `null` with fewer than two distinct x. */
  readonly slope: number | null;
  /** median(y) − slope · median(x); `null` when the slope is. */
  readonly intercept: number | null;
  readonly n: number;
  /** `'insufficient_data'` when there is no slope. */
  readonly reason?: 'insufficient_data';
}

/**
 * The Theil-Sen estimator (Theil 1950, Sen 1968): the median of the slopes of every pair of points with different
 * x, and the intercept median(y) − slope · median(x) (pyMannKendall's `sens_slope`; SciPy's `theilslopes`
 * with its default `method='separate'`).
 *
 * @param data - A series (x = 0, 1, 2, ...) or `{ x, y }` points (not mutated).
 * @returns The slope and intercept (`null` with fewer than two distinct x).
 * @throws {@link core!ItsmError} `invalid_argument` for non-finite numbers (or beyond ±1e150), more than 4,000 points, or a fit that overflows.
 * @example
 * ```ts
 * theilSen([1, 2, 4, 5]);                            // { slope: 1.41666..., intercept: 0.875, n: 4 }
 * theilSen([{ x: 0, y: 1 }, { x: 2, y: 5 }]).slope;  // 2
 * ```
 * @category Statistics
 */
export function theilSen(data: readonly number[] | readonly TrendPoint[]): TheilSenResult {
  return atBoundary(() => {
    if (!Array.isArray(data)) throw new ItsmError('invalid_argument', `data: ${describeValue(data)} is not a list of numbers or { x, y } points.`, { details: { field: 'data' } });
    const n = data.length;
    let xs: Float64Array;
    let ys: Float64Array;
    if (n > 0 && typeof data[0] === 'object' && data[0] !== null) {
      const pts = data as readonly TrendPoint[];
      xs = finiteValues(pts.map((p) => p?.x), 'data[].x');
      ys = finiteValues(pts.map((p) => p?.y), 'data[].y');
    } else {
      ys = finiteValues(data as readonly number[], 'data');
      xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = i;
    }
    if (n > MAX_THEIL_SEN) throw new ItsmError('invalid_argument', `data: ${n} points is more than the ${MAX_THEIL_SEN} Theil-Sen takes (it keeps every pairwise slope); aggregate them first.`, { details: { field: 'data' } });
    const all = new Float64Array((n * (n - 1)) / 2);
    let k = 0;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = xs[j]! - xs[i]!;
        if (dx !== 0) all[k++] = (ys[j]! - ys[i]!) / dx;
      }
    }
    if (k === 0) return { slope: null, intercept: null, n, reason: 'insufficient_data' };
    const sorted = all.subarray(0, k).sort();
    const slope = quantileSorted(sorted, 0.5, 'R-7')!;
    const my = quantileSorted(Float64Array.from(ys).sort(), 0.5, 'R-7')!;
    const mx = quantileSorted(Float64Array.from(xs).sort(), 0.5, 'R-7')!;
    const intercept = my - slope * mx;
    if (!Number.isFinite(slope) || !Number.isFinite(intercept)) {
      throw new ItsmError('invalid_argument', 'data: the fitted line overflows (x values far closer together than the y values are apart); rescale x or y.', { details: { field: 'data' } });
    }
    return { slope, intercept, n };
  });
}
