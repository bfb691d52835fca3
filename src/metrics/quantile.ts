import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { optionsNotObjectError } from '../core/messages.js';

/**
 * A sample quantile definition of Hyndman and Fan (1996), numbered as in R's `quantile(type = 1..9)`;
 * numpy's `method` names are `inverted_cdf`, `averaged_inverted_cdf`, `closest_observation`,
 * `interpolated_inverted_cdf`, `hazen`, `weibull`, `linear`, `median_unbiased`,
 * `normal_unbiased`.
 *
 * @example
 * ```ts
 * const m: QuantileMethod = 'R-7'; // the default of R, numpy, Excel's PERCENTILE.INC
 * ```
 * @category Statistics
 */
export type QuantileMethod = 'R-1' | 'R-2' | 'R-3' | 'R-4' | 'R-5' | 'R-6' | 'R-7' | 'R-8' | 'R-9';

/** Every {@link QuantileMethod}, in order. @internal */
export const QUANTILE_METHODS: readonly QuantileMethod[] = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6', 'R-7', 'R-8', 'R-9'];

/**
 * Options of {@link quantile}.
 *
 * @example
 * ```ts
 * const o: QuantileOptions = { method: 'R-6' };
 * ```
 * @category Statistics
 */
export interface QuantileOptions {
  /** The Hyndman-Fan definition (default `'R-7'`, linear interpolation between closest ranks). */
  readonly method?: QuantileMethod;
}

/** Checks a method name. @internal */
export function methodArg(method: unknown, field = 'method'): QuantileMethod {
  if (method === undefined) return 'R-7';
  if (typeof method === 'string' && (QUANTILE_METHODS as readonly string[]).includes(method)) return method as QuantileMethod;
  throw new ItsmError('invalid_argument', `${field}: ${describeValue(method)} is not a quantile method; use one of 'R-1' ... 'R-9' (default 'R-7').`, { details: { field } });
}

/** Checks a probability. @internal */
export function probabilityArg(p: unknown, field = 'p'): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ItsmError('invalid_argument', `${field}: ${describeValue(p)} is not a probability; pass a number from 0 to 1 (0.9 for the 90th percentile).`, { details: { field } });
  }
  return p;
}

/** A list of probabilities (`options.quantiles`): `[]` when undefined. @internal */
export function probabilitiesArg(list: unknown, field: string): number[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ItsmError('invalid_argument', `${field}: ${describeValue(list)} is not a list of probabilities such as [0.5, 0.9].`, { details: { field } });
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) out.push(probabilityArg(list[i], `${field}[${i}]`));
  return out;
}

/**
 * The largest magnitude a metric value may have: sums, differences and squares of such values (means, moving
 * ranges, variances) stay finite. @internal
 */
export const MAX_MAGNITUDE = 1e150;

/** Copies finite numbers (of magnitude at most {@link MAX_MAGNITUDE}) into a Float64Array, throwing on anything else. @internal */
export function finiteValues(values: readonly number[] | ArrayLike<number>, field = 'values'): Float64Array {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new ItsmError('invalid_argument', `${field}: ${describeValue(values)} is not a list of numbers.`, { details: { field } });
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ItsmError('invalid_argument', `${field}[${i}]: ${describeValue(v)} is not a finite number.`, { details: { field, index: i } });
    }
    if (v > MAX_MAGNITUDE || v < -MAX_MAGNITUDE) {
      throw new ItsmError('invalid_argument', `${field}[${i}]: ${describeValue(v)} is beyond ±1e150, the largest magnitude a metric value may have (its square would overflow).`, { details: { field, index: i } });
    }
    out[i] = v;
  }
  return out;
}

/**
 * Where a Hyndman-Fan definition reads a sorted sample of size `n` at probability `p`: the 0-based ranks `lo`,
 * `hi` and the weight `g` of `hi`, so that `Q = (1 - g) x[lo] + g x[hi]`. @internal
 */
export function quantilePosition(n: number, p: number, method: QuantileMethod): { lo: number; hi: number; g: number } {
  const clamp = (k: number): number => (k < 1 ? 1 : k > n ? n : k); // 1-based rank clamped to the sample
  let j: number;
  let g: number;
  switch (method) {
    case 'R-1':
    case 'R-2':
    case 'R-3': {
      const m = method === 'R-3' ? -0.5 : 0;
      const np = n * p + m;
      j = Math.floor(np);
      const frac = np - j;
      let gamma: number;
      if (method === 'R-1') gamma = frac > 0 ? 1 : 0;
      else if (method === 'R-2') gamma = frac > 0 ? 1 : 0.5;
      else gamma = frac === 0 && j % 2 === 0 ? 0 : 1;
      return { lo: clamp(j) - 1, hi: clamp(j + 1) - 1, g: gamma };
    }
    default: {
      let h: number;
      if (method === 'R-4') h = n * p;
      else if (method === 'R-5') h = n * p + 0.5;
      else if (method === 'R-6') h = (n + 1) * p;
      else if (method === 'R-7') h = (n - 1) * p + 1;
      else if (method === 'R-8') h = (n + 1 / 3) * p + 1 / 3;
      else h = (n + 0.25) * p + 0.375;
      if (h <= 1) return { lo: 0, hi: 0, g: 0 };
      if (h >= n) return { lo: n - 1, hi: n - 1, g: 0 };
      j = Math.floor(h);
      g = h - j;
      return { lo: j - 1, hi: j, g };
    }
  }
}

/** Interpolates two order statistics without creating -0 or drifting past either value. */
function mix(a: number, b: number, g: number): number {
  if (g === 0 || a === b) return a;
  if (g === 1) return b;
  return a + g * (b - a);
}

/** Quantile of an already sorted array (ascending). @internal */
export function quantileSorted(sorted: ArrayLike<number>, p: number, method: QuantileMethod): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const { lo, hi, g } = quantilePosition(n, p, method);
  return mix(sorted[lo]!, sorted[hi]!, g);
}

/**
 * Rearranges `a[from, to)` so that `a[k]` holds the value it would have if the range were sorted, everything
 * before it is `<=` and everything after it `>=` (Hoare's selection with median-of-three pivots: linear on average).
 * @internal
 */
export function quickselect(a: Float64Array, k: number, from = 0, to = a.length): void {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    if (hi - lo < 16) {
      for (let i = lo + 1; i <= hi; i++) {
        const v = a[i]!;
        let j = i - 1;
        while (j >= lo && a[j]! > v) {
          a[j + 1] = a[j]!;
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot
    let x = a[lo]!, y = a[mid]!, z = a[hi]!;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Quantile of `a[from, to)` by selection (the range is reordered, not sorted): two order statistics at most.
 * @internal
 */
export function quantileSelect(a: Float64Array, p: number, method: QuantileMethod, from = 0, to = a.length): number | null {
  const n = to - from;
  if (n === 0) return null;
  const { lo, hi, g } = quantilePosition(n, p, method);
  quickselect(a, from + lo, from, to);
  const x = a[from + lo]!;
  if (hi === lo || g === 0) return x;
  // the next order statistic is the minimum of what lies after lo
  let y = Infinity;
  for (let i = from + lo + 1; i < to; i++) if (a[i]! < y) y = a[i]!;
  return mix(x, y, g);
}

/**
 * The `p`-quantile of a sample by one of the nine Hyndman-Fan definitions.
 *
 * @param values - Finite numbers (not mutated; order does not matter).
 * @param p - The probability, from 0 to 1.
 * @param options - The definition (default `'R-7'`).
 * @returns The quantile, or `null` for no values.
 * @throws {@link core!ItsmError} `invalid_argument` for a non-finite value (or one beyond ±1e150), `p` outside [0, 1] or an unknown method.
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5);                    // 2.5
 * quantile([1, 2, 3, 4], 0.5, { method: 'R-1' }); // 2
 * quantile([], 0.9);                              // null
 * ```
 * @category Statistics
 */
export function quantile(values: readonly number[], p: number, options: QuantileOptions = {}): number | null {
  return atBoundary(() => {
    if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', 'an object such as { method: "R-7" }');
    const method = methodArg(options.method, 'options.method');
    const prob = probabilityArg(p);
    const a = finiteValues(values);
    return quantileSelect(a, prob, method);
  });
}
