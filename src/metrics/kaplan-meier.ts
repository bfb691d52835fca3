import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';

/**
 * One observed duration for {@link kaplanMeier}: `observed: false` means the item was still open (censored)
 * when last seen, `duration` after its start.
 *
 * @example
 * ```ts
 * const o: SurvivalObservation = { duration: 3_600_000, observed: false }; // open for an hour so far
 * ```
 * @category Statistics
 */
export interface SurvivalObservation {
  readonly duration: number;
  readonly observed: boolean;
}

/**
 * One distinct time of a Kaplan-Meier estimate: how many were at risk just before it, how many ended
 * (`events`) and how many were censored at it, and the survival estimate just after it.
 *
 * @example
 * ```ts
 * const s: KaplanMeierStep = { time: 6, atRisk: 21, events: 3, censored: 1, survival: 18 / 21 };
 * ```
 * @category Statistics
 */
export interface KaplanMeierStep {
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  readonly survival: number;
}

/**
 * A Kaplan-Meier survival curve.
 *
 * @example
 * ```ts
 * const km: KaplanMeierResult = kaplanMeier([{ duration: 1, observed: true }]);
 * km.median; // 1
 * ```
 * @category Statistics
 */
export interface KaplanMeierResult {
  /** One step per distinct time (events or censorings), ascending. */
  readonly steps: readonly KaplanMeierStep[];
  /** The smallest time at which survival is at most 0.5; `null` when it never gets there. */
  readonly median: number | null;
  /** Observations. */
  readonly n: number;
  /** Censored observations. */
  readonly nCensored: number;
}

/** Kaplan-Meier on parallel arrays (durations, observed flags), n items. @internal */
export function kaplanMeierArrays(durations: Float64Array, observed: Uint8Array, n: number): KaplanMeierResult {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => durations[a]! - durations[b]!);
  const steps: KaplanMeierStep[] = [];
  let atRisk = n;
  let survival = 1;
  let median: number | null = null;
  let nCensored = 0;
  for (let i = 0; i < n; ) {
    const time = durations[order[i]!]!;
    let events = 0;
    let censored = 0;
    while (i < n && durations[order[i]!] === time) {
      if (observed[order[i]!]) events++;
      else censored++;
      i++;
    }
    // censorings at an event time are taken to happen just after the events (the usual convention)
    if (events > 0) survival *= 1 - events / atRisk;
    steps.push({ time, atRisk, events, censored, survival });
    // 1e-12: a product that is 0.5 exactly on paper (0.6 x 5/6) must not miss the median by a rounding
    if (median === null && events > 0 && survival <= 0.5 + 1e-12) median = time;
    atRisk -= events + censored;
    nCensored += censored;
  }
  return { steps, median, n, nCensored };
}

/**
 * The Kaplan-Meier product-limit estimate of the survival function: the share of items still open after
 * each time, with censored (still open) items leaving the risk set without ending.
 *
 * At a time with both events and censorings, the censored items are counted at risk for the events
 * (censoring is taken to happen just after). The median is the smallest time at which the estimate is at most 0.5 (up to a rounding tolerance of 1e-12).
 *
 * @param observations - Durations with whether the end was observed (not mutated).
 * @returns The steps, the median (`null` if the curve never reaches 0.5), `n` and `nCensored`.
 * @throws {@link core!ItsmError} `invalid_argument` for a negative or non-finite duration or a non-boolean `observed`.
 * @example
 * ```ts
 * kaplanMeier([
 *   { duration: 2, observed: true },
 *   { duration: 3, observed: false },
 *   { duration: 5, observed: true },
 * ]).median; // 5
 * ```
 * @category Statistics
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierResult {
  return atBoundary(() => {
    if (!Array.isArray(observations)) throw new ItsmError('invalid_argument', `observations: ${describeValue(observations)} is not a list of { duration, observed }.`, { details: { field: 'observations' } });
    const n = observations.length;
    const durations = new Float64Array(n);
    const observed = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const o = observations[i] as SurvivalObservation | undefined;
      const d = o?.duration;
      if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) {
        throw new ItsmError('invalid_argument', `observations[${i}].duration: ${describeValue(d)} is not a finite duration >= 0.`, { details: { field: 'observations', index: i } });
      }
      if (typeof o?.observed !== 'boolean') {
        throw new ItsmError('invalid_argument', `observations[${i}].observed: ${describeValue(o?.observed)} is not true or false.`, { details: { field: 'observations', index: i } });
      }
      durations[i] = d;
      observed[i] = o.observed ? 1 : 0;
    }
    return kaplanMeierArrays(durations, observed, n);
  });
}
