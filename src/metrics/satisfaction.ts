import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { optionsArg } from './durations.js';
import { normalQuantile } from './normal.js';

/**
 * A rating scale: integers from `min` to `max`.
 *
 * @example
 * ```ts
 * const five: RatingScale = { min: 1, max: 5 };
 * ```
 * @category Satisfaction
 */
export interface RatingScale {
  readonly min: number;
  readonly max: number;
}

function scaleArg(scale: unknown, field: string): RatingScale {
  const s = scale as RatingScale | null;
  if (s === null || typeof s !== 'object' || !Number.isInteger(s.min) || !Number.isInteger(s.max) || !(s.max > s.min)) {
    throw new ItsmError('invalid_argument', `${field}: ${describeValue(scale)} is not a rating scale { min, max } of integers with max > min.`, { details: { field } });
  }
  return { min: s.min, max: s.max };
}

function scoresArg(scores: unknown, scale: RatingScale): number[] {
  if (!Array.isArray(scores)) throw new ItsmError('invalid_argument', `scores: ${describeValue(scores)} is not a list of ratings.`, { details: { field: 'scores' } });
  // an index loop, not map: map would read the list's own `constructor` (Array[Symbol.species]) and skip holes
  const out: number[] = new Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const v: unknown = scores[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < scale.min || v > scale.max) {
      throw new ItsmError('invalid_argument', `scores[${i}]: ${describeValue(v)} is not a whole rating from ${scale.min} to ${scale.max}.`, { details: { field: 'scores', index: i } });
    }
    out[i] = v;
  }
  return out;
}

/**
 * Options of {@link csat}.
 *
 * @example
 * ```ts
 * const o: CsatOptions = { method: 'top-box', topBoxes: 2 };
 * ```
 * @category Satisfaction
 */
export interface CsatOptions {
  /** `'top-box'` (default): share of ratings in the top boxes; `'mean'`: the weighted average rating. */
  readonly method?: 'top-box' | 'mean';
  /** How many top values count as satisfied (default 2: top-two-box). */
  readonly topBoxes?: number;
}

/**
 * A CSAT score.
 *
 * @example
 * ```ts
 * const c: CsatResult = csat([5, 4, 2], { min: 1, max: 5 });
 * c.value; // 2/3
 * ```
 * @category Satisfaction
 */
export interface CsatResult {
  /** The top-box share (0 to 1) or the mean rating, per `method`; `null` without ratings. */
  readonly value: number | null;
  readonly n: number;
  readonly method: 'top-box' | 'mean';
  /** Ratings in the top boxes. */
  readonly satisfied: number;
  /** The mean rating. */
  readonly mean: number | null;
  readonly scale: RatingScale;
  readonly reason?: 'insufficient_data';
}

/**
 * Customer satisfaction (CSAT) on a declared scale: by default the top-two-box share (ratings in the two
 * highest values: 4-5 on 1-5), or the weighted-average rating with `method: 'mean'`.
 *
 * @param scores - Whole ratings on the scale (not mutated).
 * @param scale - The scale, e.g. `{ min: 1, max: 5 }`.
 * @param options - Method and number of top boxes.
 * @returns The score, `n`, the satisfied count and the mean.
 * @throws {@link core!ItsmError} `invalid_argument` for a rating off the scale or a bad scale.
 * @example
 * ```ts
 * csat([5, 4, 3, 1], { min: 1, max: 5 }).value;                     // 0.5
 * csat([5, 4, 3, 1], { min: 1, max: 5 }, { method: 'mean' }).value; // 3.25
 * ```
 * @category Satisfaction
 */
export function csat(scores: readonly number[], scale: RatingScale, options?: CsatOptions): CsatResult {
  return atBoundary(() => {
    const sc = scaleArg(scale, 'scale');
    const o = optionsArg(options, "{ method: 'top-box' }");
    const method = o.method ?? 'top-box';
    if (method !== 'top-box' && method !== 'mean') throw new ItsmError('invalid_argument', `options.method: ${describeValue(method)} is not 'top-box' or 'mean'.`, { details: { field: 'options.method' } });
    const boxes = o.topBoxes ?? 2;
    if (!Number.isInteger(boxes) || boxes < 1 || boxes > sc.max - sc.min + 1) throw new ItsmError('invalid_argument', `options.topBoxes: ${describeValue(boxes)} is not a number of boxes from 1 to ${sc.max - sc.min + 1}.`, { details: { field: 'options.topBoxes' } });
    const xs = scoresArg(scores, sc);
    const n = xs.length;
    const satisfied = xs.filter((v) => v > sc.max - boxes).length;
    const mean = n > 0 ? xs.reduce((a, b) => a + b, 0) / n : null;
    const value = n === 0 ? null : method === 'mean' ? mean : satisfied / n;
    const r = { value, n, method, satisfied, mean, scale: sc };
    return n > 0 ? r : { ...r, reason: 'insufficient_data' };
  });
}

/**
 * Options of {@link nps}.
 *
 * @example
 * ```ts
 * const o: NpsOptions = { interval: 'wald', confidence: 0.9 };
 * ```
 * @category Satisfaction
 */
export interface NpsOptions {
  /** `'adjusted-wald'` (default, Rocks 2016) or `'wald'`. */
  readonly interval?: 'adjusted-wald' | 'wald';
  /** Confidence level (default 0.95). */
  readonly confidence?: number;
}

/**
 * A Net Promoter Score with its confidence interval.
 *
 * @example
 * ```ts
 * const r: NpsResult = nps([10, 9, 8, 3]);
 * r.value; // 25
 * ```
 * @category Satisfaction
 */
export interface NpsResult {
  /** % promoters − % detractors, from −100 to 100; `null` without answers. */
  readonly value: number | null;
  readonly n: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** The interval in NPS points, clipped to [−100, 100]; `null` without answers. */
  readonly interval: { readonly low: number; readonly high: number; readonly method: 'adjusted-wald' | 'wald'; readonly confidence: number } | null;
  readonly reason?: 'insufficient_data';
}

/**
 * The Net Promoter Score (Reichheld 2003): promoters answer 9-10, passives 7-8, detractors 0-6 on the 0-10
 * "how likely are you to recommend" question; NPS = 100 × (promoters − detractors) / n.
 *
 * The interval treats NPS as the difference of two multinomial shares, variance (p + d − (p − d)²) / n. The
 * adjusted-Wald interval (Rocks 2016, "Interval estimation for the 'net promoter score'", The American
 * Statistician 70(4)) first adds 3/4 promoter, 3/4 detractor and 3/2 passive pseudo-answers (n + 3), which
 * keeps the coverage close to nominal for small samples and extreme scores; `'wald'` uses the raw shares.
 *
 * @param scores - Whole answers 0 to 10 (not mutated).
 * @param options - Interval method and confidence.
 * @returns The score, the counts and the interval.
 * @throws {@link core!ItsmError} `invalid_argument` for an answer off 0-10 or a confidence outside (0, 1).
 * @example
 * ```ts
 * nps([10, 10, 9, 8, 7, 6, 2]).value; // 100 * (3 - 2) / 7
 * ```
 * @category Satisfaction
 */
export function nps(scores: readonly number[], options?: NpsOptions): NpsResult {
  return atBoundary(() => {
    const o = optionsArg(options, "{ interval: 'adjusted-wald' }");
    const method = o.interval ?? 'adjusted-wald';
    if (method !== 'adjusted-wald' && method !== 'wald') throw new ItsmError('invalid_argument', `options.interval: ${describeValue(method)} is not 'adjusted-wald' or 'wald'.`, { details: { field: 'options.interval' } });
    const confidence = o.confidence ?? 0.95;
    if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) throw new ItsmError('invalid_argument', `options.confidence: ${describeValue(confidence)} is not a level between 0 and 1.`, { details: { field: 'options.confidence' } });
    const xs = scoresArg(scores, { min: 0, max: 10 });
    const n = xs.length;
    let promoters = 0, detractors = 0;
    for (const v of xs) {
      if (v >= 9) promoters++;
      else if (v <= 6) detractors++;
    }
    const passives = n - promoters - detractors;
    if (n === 0) return { value: null, n, promoters, passives, detractors, interval: null, reason: 'insufficient_data' };
    const [pp, dd, nn] = method === 'adjusted-wald' ? [promoters + 0.75, detractors + 0.75, n + 3] : [promoters, detractors, n];
    const p = pp / nn, d = dd / nn;
    const center = p - d;
    const se = Math.sqrt(Math.max(0, p + d - center * center) / nn);
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const clip = (v: number): number => Math.max(-100, Math.min(100, 100 * v));
    return { value: (100 * (promoters - detractors)) / n, n, promoters, passives, detractors, interval: { low: clip(center - z * se), high: clip(center + z * se), method, confidence } };
  });
}

/**
 * Options of {@link ces}.
 *
 * @example
 * ```ts
 * const o: CesOptions = { version: '1.0' };
 * ```
 * @category Satisfaction
 */
export interface CesOptions {
  /** `'2.0'` (default): 1-7 agreement with "the company made it easy", high is good; `'1.0'`: 1-5 effort, low is good. */
  readonly version?: '1.0' | '2.0';
  /** A custom scale (overrides the version's). */
  readonly scale?: RatingScale;
  /** Which end of a custom scale is good (default: the version's). */
  readonly goodEnd?: 'high' | 'low';
}

/**
 * A Customer Effort Score.
 *
 * @example
 * ```ts
 * const r: CesResult = ces([7, 6, 2]);
 * r.easyShare; // 2/3
 * ```
 * @category Satisfaction
 */
export interface CesResult {
  /** The mean rating; `null` without answers. */
  readonly value: number | null;
  readonly n: number;
  /** Share of answers on the good side of the midpoint (5-7 on CES 2.0's 1-7, 1-2 on CES 1.0's 1-5). */
  readonly easyShare: number | null;
  readonly scale: RatingScale;
  readonly goodEnd: 'high' | 'low';
  readonly reason?: 'insufficient_data';
}

/**
 * The Customer Effort Score on a declared scale and direction: CES 1.0 (Dixon, Freeman and Toman 2010) asks
 * "how much effort did you personally have to put forth" on 1-5, low is good; CES 2.0 (Dixon, Toman and DeLisi,
 * The Effortless Experience, 2013) asks agreement with "the company made it easy for me" on 1-7, high is good.
 * The value is the mean; `easyShare` the share strictly on the good side of the scale's midpoint.
 *
 * @param scores - Whole ratings on the scale (not mutated).
 * @param options - The version, or a custom scale and direction.
 * @returns The mean, `n` and the easy share.
 * @throws {@link core!ItsmError} `invalid_argument` for a rating off the scale.
 * @example
 * ```ts
 * ces([7, 6, 5, 2]).value;                    // 5 (CES 2.0)
 * ces([1, 2, 5], { version: '1.0' }).easyShare; // 2/3
 * ```
 * @category Satisfaction
 */
export function ces(scores: readonly number[], options?: CesOptions): CesResult {
  return atBoundary(() => {
    const o = optionsArg(options, "{ version: '2.0' }");
    const version = o.version ?? '2.0';
    if (version !== '1.0' && version !== '2.0') throw new ItsmError('invalid_argument', `options.version: ${describeValue(version)} is not '1.0' or '2.0'.`, { details: { field: 'options.version' } });
    const scale = o.scale === undefined ? (version === '2.0' ? { min: 1, max: 7 } : { min: 1, max: 5 }) : scaleArg(o.scale, 'options.scale');
    const goodEnd = o.goodEnd ?? (version === '2.0' ? 'high' : 'low');
    if (goodEnd !== 'high' && goodEnd !== 'low') throw new ItsmError('invalid_argument', `options.goodEnd: ${describeValue(goodEnd)} is not 'high' or 'low'.`, { details: { field: 'options.goodEnd' } });
    const xs = scoresArg(scores, scale);
    const n = xs.length;
    if (n === 0) return { value: null, n, easyShare: null, scale, goodEnd, reason: 'insufficient_data' };
    const mid = (scale.min + scale.max) / 2;
    const easy = xs.filter((v) => (goodEnd === 'high' ? v > mid : v < mid)).length;
    return { value: xs.reduce((a, b) => a + b, 0) / n, n, easyShare: easy / n, scale, goodEnd };
  });
}
