import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { optionsNotObjectError } from '../core/messages.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import { isBusinessCalendar } from '../calendar/engine.js';
import { businessMsBetween } from '../calendar/internal.js';
import { recordAt, accessorFn, groupRecords, readInstant, recordsArg, withGroups, type MetricAccessor, type MetricGroup, type MetricGroupingOptions } from './grouping.js';
import { methodArg, probabilitiesArg, quantileSorted, type QuantileMethod } from './quantile.js';
import { radixSortFloat64 } from './radix.js';

/**
 * Options of {@link durationMetrics}: which instants bound each duration, how to group, and how to measure.
 *
 * @example
 * ```ts
 * const mtta: DurationMetricsOptions<{ openedAt: string; acknowledgedAt: string | null }> = { end: 'acknowledgedAt', now: '2026-03-31T00:00:00Z' };
 * ```
 * @category Durations
 */
export interface DurationMetricsOptions<T> extends MetricGroupingOptions<T> {
  /** The start of each duration (default the field `'openedAt'`); a record without it is excluded and counted. */
  readonly start?: MetricAccessor<T, Instant | null | undefined>;
  /** The end (default `'resolvedAt'`); `null` / `undefined` / `''` means still open: censored, not dropped. */
  readonly end?: MetricAccessor<T, Instant | null | undefined>;
  /** Measure business time in this calendar instead of elapsed (24x7) time. */
  readonly calendar?: BusinessCalendar;
  /** Open items are censored at this instant (for the Kaplan-Meier median). */
  readonly now?: Instant;
  /** Quantiles to report besides the median and p90 (probabilities). */
  readonly quantiles?: readonly number[];
  /** The quantile definition (default `'R-7'`). */
  readonly method?: QuantileMethod;
}

/**
 * Duration statistics (MTTA, MTTR, MTRS, ...) in milliseconds. Mean, median and quantiles are over completed
 * items only; `kaplanMeierMedian` also uses the open ones, censored at `now`.
 *
 * @example
 * ```ts
 * const m: DurationMetrics = durationMetrics(incidents, { now });
 * if (m.value !== null) console.log(`MTTR ${m.value / 3_600_000} h over ${m.n} (+${m.nCensored} open)`);
 * ```
 * @category Durations
 */
export interface DurationMetrics {
  /** The mean of completed durations (ms), `null` without any. */
  readonly value: number | null;
  /** Completed items. */
  readonly n: number;
  /** Open items (no end yet): censored, never dropped. */
  readonly nCensored: number;
  /** Items without a start, or whose end precedes their start. */
  readonly nExcluded: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** The requested quantiles keyed by `String(p)`. */
  readonly quantiles: Readonly<Record<string, number | null>>;
  /**
   * The Kaplan-Meier median over completed and censored items; `null` if survival never reaches 0.5, or if
   * items are open and no `now` was given (their time open is unknown).
   */
  readonly kaplanMeierMedian: number | null;
  /** `'business'` with a calendar, else `'elapsed'`. */
  readonly time: 'business' | 'elapsed';
  readonly reason?: 'insufficient_data';
  /** Per group, with `by` or `period`. */
  readonly groups?: readonly MetricGroup<DurationMetrics>[];
}

/** KM median from sorted event and censoring times. */
function kmMedianSorted(ev: Float64Array, cen: Float64Array): number | null {
  let i = 0, j = 0;
  let atRisk = ev.length + cen.length;
  let s = 1;
  while (i < ev.length) {
    const t = cen.length > j && cen[j]! < ev[i]! ? cen[j]! : ev[i]!;
    let d = 0, c = 0;
    while (i < ev.length && ev[i] === t) { d++; i++; }
    while (j < cen.length && cen[j] === t) { c++; j++; }
    if (d > 0) {
      s *= 1 - d / atRisk;
      if (s <= 0.5 + 1e-12) return t;
    }
    atRisk -= d + c;
  }
  return null;
}

const FLAG_DONE = 0, FLAG_OPEN = 1, FLAG_OPEN_UNKNOWN = 2, FLAG_EXCLUDED = 3;

/** Completed and censored durations laid out group after group, with offsets. */
interface Partition {
  readonly res: Float64Array;
  readonly cen: Float64Array;
  /** res of group g is res[done[g], done[g + 1]) */
  readonly done: Int32Array;
  readonly open: Int32Array;
  readonly unknown: Int32Array;
  readonly excluded: Int32Array;
}

function partition(dur: Float64Array, flag: Uint8Array, of: Int32Array | null, count: number): Partition {
  const n = dur.length;
  const done = new Int32Array(count + 1), open = new Int32Array(count + 1), unknown = new Int32Array(count), excluded = new Int32Array(count);
  for (let i = 0; i < n; i++) {
    const g = of === null ? 0 : of[i]!;
    if (g < 0) continue;
    const f = flag[i]!;
    if (f === FLAG_DONE) done[g + 1]!++;
    else if (f === FLAG_OPEN) open[g + 1]!++;
    else if (f === FLAG_OPEN_UNKNOWN) unknown[g]!++;
    else excluded[g]!++;
  }
  for (let g = 0; g < count; g++) {
    done[g + 1]! += done[g]!;
    open[g + 1]! += open[g]!;
  }
  const res = new Float64Array(done[count]!);
  const cen = new Float64Array(open[count]!);
  const fillDone = done.slice(0, count), fillOpen = open.slice(0, count);
  for (let i = 0; i < n; i++) {
    const g = of === null ? 0 : of[i]!;
    if (g < 0) continue;
    const f = flag[i]!;
    if (f === FLAG_DONE) res[fillDone[g]!++] = dur[i]!;
    else if (f === FLAG_OPEN) cen[fillOpen[g]!++] = dur[i]!;
  }
  return { res, cen, done, open, unknown, excluded };
}

/** Merges the sorted runs a[off[k], off[k + 1]) into one sorted array (pairwise: log2(runs) passes). */
function mergeRuns(a: Float64Array, off: Int32Array): Float64Array {
  let bounds = Array.from(off);
  let src = a;
  if (bounds.length <= 2) return a;
  while (bounds.length > 2) {
    const dst = new Float64Array(src.length);
    const next: number[] = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r]!, mid = bounds[r + 1]!, hi = r + 2 < bounds.length ? bounds[r + 2]! : mid;
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = src[i]! <= src[j]! ? src[i++]! : src[j++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
      next.push(hi);
    }
    bounds = next;
    src = dst;
  }
  return src;
}

/** Duration statistics from sorted completed and censored durations. */
function statsFromSorted(done_: Float64Array, open_: Float64Array, nUnknown: number, nExcluded: number, probs: readonly number[], method: QuantileMethod, time: 'business' | 'elapsed'): DurationMetrics {
  const nOpen = open_.length;
  const km = nUnknown > 0 ? null : nOpen === 0 ? quantileSorted(done_, 0.5, 'R-1') : kmMedianSorted(done_, open_); // no censoring: KM median = inverted-CDF median
  const nDone = done_.length;
  let sum = 0;
  for (let i = 0; i < nDone; i++) sum += done_[i]!;
  const min = nDone ? done_[0]! : null;
  const max = nDone ? done_[nDone - 1]! : null;
  const mean = nDone ? Math.min(max!, Math.max(min!, sum / nDone)) : null;
  const quantiles: Record<string, number | null> = {};
  for (const p of probs) quantiles[String(p)] = quantileSorted(done_, p, method);
  const m: DurationMetrics = {
    value: mean,
    n: nDone,
    nCensored: nOpen + nUnknown,
    nExcluded,
    mean,
    median: quantileSorted(done_, 0.5, method),
    p90: quantileSorted(done_, 0.9, method),
    min,
    max,
    quantiles,
    kaplanMeierMedian: km,
    time,
  };
  return nDone === 0 ? { ...m, reason: 'insufficient_data' } : m;
}

/**
 * Overall and per-group duration statistics from per-record durations and flags: each group's values are sorted
 * once (linear radix sort), and the overall figures read the merge of the sorted groups. @internal
 */
export function durationStats(
  dur: Float64Array,
  flag: Uint8Array,
  of: Int32Array | null,
  count: number,
  probs: readonly number[],
  method: QuantileMethod,
  time: 'business' | 'elapsed',
): { overall: DurationMetrics; groups: DurationMetrics[] } {
  const p = partition(dur, flag, of, count);
  const groups: DurationMetrics[] = [];
  let largest = 0;
  for (let g = 0; g < count; g++) largest = Math.max(largest, p.done[g + 1]! - p.done[g]!, p.open[g + 1]! - p.open[g]!);
  const scratch = new Uint32Array(2 * largest);
  for (let g = 0; g < count; g++) {
    const d = p.res.subarray(p.done[g]!, p.done[g + 1]!);
    const o = p.cen.subarray(p.open[g]!, p.open[g + 1]!);
    radixSortFloat64(d, scratch);
    radixSortFloat64(o, scratch);
    groups.push(statsFromSorted(d, o, p.unknown[g]!, p.excluded[g]!, probs, method, time));
  }
  if (count === 1 && of === null) return { overall: groups[0]!, groups };
  // records outside every group (no period instant) still count overall: they are excluded or unknown there
  let unknown = 0, excluded = 0;
  for (let g = 0; g < count; g++) {
    unknown += p.unknown[g]!;
    excluded += p.excluded[g]!;
  }
  if (of !== null) for (let i = 0; i < of.length; i++) if (of[i]! < 0) excluded++;
  const overall = statsFromSorted(mergeRuns(p.res, p.done), mergeRuns(p.cen, p.open), unknown, excluded, probs, method, time);
  return { overall, groups };
}

/** Checks an optional calendar. @internal */
export function calendarArg(cal: unknown, field: string): BusinessCalendar | undefined {
  if (cal === undefined) return undefined;
  if (!isBusinessCalendar(cal)) throw new ItsmError('invalid_argument', `${field}: ${describeValue(cal)} is not a calendar; build one with createCalendar or calendar24x7.`, { details: { field } });
  return cal;
}

/** Checks an options object. @internal */
export function optionsArg<O extends object>(options: O | undefined, example: string): O {
  if (options === undefined) return {} as O;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw optionsNotObjectError('options', `an object such as ${example}`);
  return options;
}

/**
 * Duration metrics of records with a start and an end: MTTA (opened → acknowledged), MTTR in any of its four
 * readings (the caller names the fields: respond, repair, recover, resolve), MTRS (outage start → service
 * restored), MTTF (in service → failure). Mean, median, p90 and any quantile over completed items, plus
 * the Kaplan-Meier median over completed and open items (censored at `now`), so a backlog of long-open
 * tickets does not make the median look better than it is.
 *
 * Durations are elapsed milliseconds, or business milliseconds of `calendar` (`businessTimeBetween`). An open
 * item censored at `now` counts from its start to `now` (0 if `now` is earlier). Periods place a record by its
 * start unless `periodBy` says otherwise.
 *
 * @param records - The records (not mutated).
 * @param options - Fields, grouping, calendar, `now`, quantiles.
 * @returns The metrics overall, and per group with `by` / `period`; `value: null` with `reason: 'insufficient_data'` when nothing completed.
 * @throws {@link core!ItsmError} `invalid_argument` for bad options or a record that is not an object, `invalid_instant` for an unreadable instant.
 * @example
 * ```ts
 * const mttr = durationMetrics(incidents, { start: 'openedAt', end: 'resolvedAt', by: 'priority', now: '2026-04-01T00:00:00Z' });
 * mttr.groups?.map((g) => [g.key, g.result.median, g.result.nCensored]);
 * ```
 * @category Durations
 */
export function durationMetrics<T>(records: readonly T[], options?: DurationMetricsOptions<T>): DurationMetrics {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ start: 'openedAt', end: 'resolvedAt' }");
    const start = accessorFn(o.start ?? ('openedAt' as MetricAccessor<T, Instant>), 'options.start');
    const end = accessorFn(o.end ?? ('resolvedAt' as MetricAccessor<T, Instant>), 'options.end');
    const startName = typeof o.start === 'string' ? o.start : 'start';
    const endName = typeof o.end === 'string' ? o.end : 'end';
    const cal = calendarArg(o.calendar, 'options.calendar');
    const now = o.now === undefined ? null : toEpochMs(o.now, 'options.now');
    const method = methodArg(o.method, 'options.method');
    const probs = probabilitiesArg(o.quantiles, 'options.quantiles');
    const n = records.length;
    const dur = new Float64Array(n);
    const flag = new Uint8Array(n);
    // field names are read at their own sites (one key per site keeps V8's property caches monomorphic)
    const sKey = typeof o.start === 'string' ? o.start : o.start === undefined ? 'openedAt' : null;
    const eKey = typeof o.end === 'string' ? o.end : o.end === undefined ? 'resolvedAt' : null;
    for (let i = 0; i < n; i++) {
      const r = recordAt(records, i);
      const s = readInstant(sKey !== null ? (r as Record<string, unknown>)[sKey] : start(r, i), startName, i);
      if (s === null) {
        flag[i] = FLAG_EXCLUDED;
        continue;
      }
      const e = readInstant(eKey !== null ? (r as Record<string, unknown>)[eKey] : end(r, i), endName, i);
      if (e === null) {
        if (now === null) {
          flag[i] = FLAG_OPEN_UNKNOWN;
          continue;
        }
        flag[i] = FLAG_OPEN;
        dur[i] = now <= s ? 0 : cal === undefined ? now - s : businessMsBetween(cal, s, now);
        continue;
      }
      if (e < s) {
        flag[i] = FLAG_EXCLUDED;
        continue;
      }
      flag[i] = FLAG_DONE;
      dur[i] = cal === undefined ? e - s : businessMsBetween(cal, s, e);
    }
    const time = cal === undefined ? 'elapsed' : 'business';
    const index = groupRecords(records, o, start);
    if (!index.grouped) return durationStats(dur, flag, null, 1, probs, method, time).overall;
    const { overall, groups } = durationStats(dur, flag, index.of, index.count, probs, method, time);
    return withGroups(overall, index, groups);
  });
}

/**
 * Options of {@link timeBetweenFailures}.
 *
 * @example
 * ```ts
 * const o: TimeBetweenFailuresOptions<{ service: string; startedAt: string; restoredAt: string }> = { service: 'service', start: 'startedAt', end: 'restoredAt', measure: 'mtbsi' };
 * ```
 * @category Durations
 */
export interface TimeBetweenFailuresOptions<T> {
  /** Which service a failure belongs to (default: all one service). Results are grouped by it. */
  readonly service?: MetricAccessor<T, unknown>;
  /** When the failure (incident, outage) began (default `'openedAt'`). */
  readonly start?: MetricAccessor<T, Instant | null | undefined>;
  /** When service was restored (default `'resolvedAt'`). */
  readonly end?: MetricAccessor<T, Instant | null | undefined>;
  /** `'mtbf'`: restoration to the next failure (uptime, default); `'mtbsi'`: failure start to the next failure start. */
  readonly measure?: 'mtbf' | 'mtbsi';
  /** Measure in business time of this calendar. */
  readonly calendar?: BusinessCalendar;
  /** The quantile definition (default `'R-7'`). */
  readonly method?: QuantileMethod;
}

/**
 * MTBF (mean time between failures: from restoration to the next failure) or MTBSI (mean time between
 * service incidents: start to next start) per service, from a list of failures. Failures of a service are
 * taken in start order; a failure that starts before the previous one was restored (overlap) contributes an
 * MTBF interval of 0; a failure still open ends the MTBF chain for what follows it (counted as excluded).
 *
 * @param records - Failures (incidents, outages); not mutated.
 * @param options - Service, fields, measure, calendar.
 * @returns {@link DurationMetrics} over the intervals, overall and grouped by service.
 * @throws {@link core!ItsmError} `invalid_argument` / `invalid_instant` for unreadable input (a record that is not an object, say).
 * @example
 * ```ts
 * timeBetweenFailures(outages, { service: 'service', start: 'from', end: 'to', measure: 'mtbf' }).groups;
 * ```
 * @category Durations
 */
export function timeBetweenFailures<T>(records: readonly T[], options?: TimeBetweenFailuresOptions<T>): DurationMetrics {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ service: 'service', measure: 'mtbf' }");
    const service = o.service === undefined ? () => null : accessorFn(o.service, 'options.service');
    const start = accessorFn(o.start ?? ('openedAt' as MetricAccessor<T, Instant>), 'options.start');
    const end = accessorFn(o.end ?? ('resolvedAt' as MetricAccessor<T, Instant>), 'options.end');
    const measure = o.measure ?? 'mtbf';
    if (measure !== 'mtbf' && measure !== 'mtbsi') throw new ItsmError('invalid_argument', `options.measure: ${describeValue(measure)} is not 'mtbf' or 'mtbsi'.`, { details: { field: 'options.measure' } });
    const byService = new Map<unknown, Array<{ s: number; e: number | null }>>();
    for (let i = 0; i < records.length; i++) {
      const r = recordAt(records, i);
      const s = readInstant(start(r, i), 'start', i);
      if (s === null) continue;
      const key = service(r, i);
      const list = byService.get(key) ?? [];
      list.push({ s, e: readInstant(end(r, i), 'end', i) });
      byService.set(key, list);
    }
    const intervals: Array<{ service: unknown; from: number | null; to: number }> = [];
    for (const [key, list] of byService) {
      list.sort((a, b) => a.s - b.s);
      for (let k = 1; k < list.length; k++) {
        const prev = list[k - 1]!, cur = list[k]!;
        if (measure === 'mtbsi') intervals.push({ service: key, from: prev.s, to: cur.s });
        else intervals.push({ service: key, from: prev.e === null ? null : Math.min(prev.e, cur.s), to: cur.s });
      }
    }
    return durationMetrics(intervals, {
      start: 'from',
      end: 'to',
      ...(o.service === undefined ? {} : { by: 'service' as const }),
      ...(o.calendar === undefined ? {} : { calendar: o.calendar }),
      ...(o.method === undefined ? {} : { method: o.method }),
    });
  });
}
