import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { optionsArg } from './durations.js';
import { recordAt, accessorFn, groupRecords, periodArg, readInstant, recordsArg, withGroups, ZoneReader, zoneArg, type MetricAccessor, type MetricGroup, type MetricGroupingOptions, type MetricPeriodUnit } from './grouping.js';
import { flagValue, rateOf, type RateMetric } from './rates.js';
import { quantileSelect } from './quantile.js';

/**
 * Options of {@link firstContactResolution}.
 *
 * @example
 * ```ts
 * const o: FirstContactResolutionOptions<{ fcr: boolean; remoteFixable: boolean }> = { resolvedOnFirstContact: 'fcr', eligible: 'remoteFixable' };
 * ```
 * @category Service desk
 */
export interface FirstContactResolutionOptions<T> extends MetricGroupingOptions<T> {
  /** Whether the contact was resolved at first contact (default field `'resolvedOnFirstContact'`). */
  readonly resolvedOnFirstContact?: MetricAccessor<T, boolean | null | undefined>;
  /** Whether the contact could have been resolved at first contact (for the net rate; default: all). */
  readonly eligible?: MetricAccessor<T, boolean | null | undefined>;
}

/**
 * First-contact resolution, gross and net.
 *
 * @example
 * ```ts
 * const f: FirstContactResolution = firstContactResolution(contacts);
 * [f.gross.value, f.net.value];
 * ```
 * @category Service desk
 */
export interface FirstContactResolution {
  /** The gross rate (the headline value). */
  readonly value: number | null;
  readonly n: number;
  /** Resolved at first contact / all contacts. */
  readonly gross: RateMetric;
  /** Resolved at first contact / contacts eligible for it (HDI's net FCR). */
  readonly net: RateMetric;
  readonly reason?: 'insufficient_data';
}

/**
 * First-contact resolution (FCR): gross = resolved at first contact / all contacts; net = resolved at first
 * contact / contacts that could be (excluding those needing a visit, a change, a specialist by policy), the two
 * rates HDI and MetricNet publish. A contact with no FCR value is excluded and counted.
 *
 * @param records - Contacts or incidents (not mutated).
 * @param options - Fields and grouping (periods by `periodBy` only).
 * @returns Gross and net rates, overall and per group.
 * @throws {@link core!ItsmError} `invalid_argument` for a value that is not a boolean or a record that is not an object.
 * @example
 * ```ts
 * firstContactResolution([{ resolvedOnFirstContact: true }, { resolvedOnFirstContact: false }]).value; // 0.5
 * ```
 * @category Service desk
 */
export function firstContactResolution<T>(records: readonly T[], options?: FirstContactResolutionOptions<T>): FirstContactResolution {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ resolvedOnFirstContact: 'fcr' }");
    const fcr = accessorFn(o.resolvedOnFirstContact ?? ('resolvedOnFirstContact' as MetricAccessor<T, boolean>), 'options.resolvedOnFirstContact');
    const eligible = o.eligible === undefined ? null : accessorFn(o.eligible, 'options.eligible');
    const gross = rateOf(records, o, (r, i) => {
      const v = flagValue(fcr(r, i), 'resolvedOnFirstContact', i);
      return v === null ? -1 : v ? 1 : 0;
    }, null);
    const net = rateOf(records, o, (r, i) => {
      const v = flagValue(fcr(r, i), 'resolvedOnFirstContact', i);
      if (v === null) return -1;
      if (eligible !== null && flagValue(eligible(r, i), 'eligible', i) !== true) return -1;
      return v ? 1 : 0;
    }, null);
    const res = { value: gross.value, n: gross.n, gross, net };
    return gross.n > 0 ? res : { ...res, reason: 'insufficient_data' };
  });
}

/**
 * Options of {@link reopenRate}.
 *
 * @example
 * ```ts
 * const o: ReopenRateOptions<{ resolvedAt: string; reopenCount: number }> = { now: '2026-04-01T00:00:00Z', lookBackMs: 30 * 86_400_000 };
 * ```
 * @category Service desk
 */
export interface ReopenRateOptions<T> extends MetricGroupingOptions<T> {
  /** When the item was (first) resolved (default `'resolvedAt'`); unresolved items are excluded. */
  readonly resolvedAt?: MetricAccessor<T, Instant | null | undefined>;
  /** Whether (boolean) or how often (count) it was reopened (default `'reopenCount'`). */
  readonly reopened?: MetricAccessor<T, boolean | number | null | undefined>;
  /** The end of the look-back window (with `lookBackMs`). */
  readonly now?: Instant;
  /** Only items resolved in `[now − lookBackMs, now)` count. */
  readonly lookBackMs?: number;
}

/**
 * Reopen rate: of the items resolved (within the look-back window, if given), the share reopened at least once.
 * Periods place an item by its resolution.
 *
 * @param records - Incidents (not mutated).
 * @param options - Fields, look-back window, grouping.
 * @returns The rate overall and per group; unresolved and out-of-window items in `nExcluded`.
 * @throws {@link core!ItsmError} `invalid_argument` for a look-back without `now`, bad values or a record that is not an object.
 * @example
 * ```ts
 * reopenRate(incidents, { now: '2026-04-01T00:00:00Z', lookBackMs: 30 * 86_400_000 }).value;
 * ```
 * @category Service desk
 */
export function reopenRate<T>(records: readonly T[], options?: ReopenRateOptions<T>): RateMetric {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ now, lookBackMs: 2592000000 }");
    const resolved = accessorFn(o.resolvedAt ?? ('resolvedAt' as MetricAccessor<T, Instant>), 'options.resolvedAt');
    const reopened = accessorFn(o.reopened ?? ('reopenCount' as MetricAccessor<T, number>), 'options.reopened');
    if (o.lookBackMs !== undefined && (o.now === undefined || typeof o.lookBackMs !== 'number' || !(o.lookBackMs > 0))) {
      throw new ItsmError('invalid_argument', `options.lookBackMs: ${describeValue(o.lookBackMs)} needs a positive number of ms and options.now.`, { details: { field: 'options.lookBackMs' } });
    }
    const to = o.now === undefined ? Infinity : toEpochMs(o.now, 'options.now');
    const from = o.lookBackMs === undefined ? -Infinity : to - o.lookBackMs;
    return rateOf(records, o, (r, i) => {
      const t = readInstant(resolved(r, i), 'resolvedAt', i);
      if (t === null || t < from || t >= to) return -1;
      return flagValue(reopened(r, i), 'reopened', i) === true ? 1 : 0;
    }, resolved);
  });
}

/**
 * Options of {@link reassignmentRate} and {@link escalationRate}.
 *
 * @example
 * ```ts
 * const o: FlagRateOptions<{ reassignment_count: number }> = { field: 'reassignment_count' };
 * ```
 * @category Service desk
 */
export interface FlagRateOptions<T> extends MetricGroupingOptions<T> {
  /** The boolean or count (> 0 counts) to read (defaults: `'reassignmentCount'`, `'escalated'`). */
  readonly field?: MetricAccessor<T, boolean | number | null | undefined>;
}

/**
 * Reassignment rate: the share of items reassigned at least once (a count field, > 0 counts). Items
 * without the value are excluded and counted.
 *
 * @param records - Incidents (not mutated).
 * @param options - The field (default `'reassignmentCount'`) and grouping.
 * @returns The rate overall and per group.
 * @throws {@link core!ItsmError} `invalid_argument` for a value that is not a boolean or count, or a record that is not an object.
 * @example
 * ```ts
 * reassignmentRate([{ reassignmentCount: 0 }, { reassignmentCount: 2 }]).value; // 0.5
 * ```
 * @category Service desk
 */
export function reassignmentRate<T>(records: readonly T[], options?: FlagRateOptions<T>): RateMetric {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ field: 'reassignmentCount' }");
    const f = accessorFn(o.field ?? ('reassignmentCount' as MetricAccessor<T, number>), 'options.field');
    return rateOf(records, o, (r, i) => {
      const v = flagValue(f(r, i), 'field', i);
      return v === null ? -1 : v ? 1 : 0;
    }, null);
  });
}

/**
 * Escalation rate: the share of items escalated (functionally or hierarchically; a boolean or a count).
 *
 * @param records - Incidents (not mutated).
 * @param options - The field (default `'escalated'`) and grouping.
 * @returns The rate overall and per group.
 * @throws {@link core!ItsmError} `invalid_argument` for a value that is not a boolean or count, or a record that is not an object.
 * @example
 * ```ts
 * escalationRate([{ escalated: true }, { escalated: false }]).value; // 0.5
 * ```
 * @category Service desk
 */
export function escalationRate<T>(records: readonly T[], options?: FlagRateOptions<T>): RateMetric {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ field: 'escalated' }");
    const f = accessorFn(o.field ?? ('escalated' as MetricAccessor<T, boolean>), 'options.field');
    return rateOf(records, o, (r, i) => {
      const v = flagValue(f(r, i), 'field', i);
      return v === null ? -1 : v ? 1 : 0;
    }, null);
  });
}

/**
 * Options of {@link backlog}.
 *
 * @example
 * ```ts
 * const o: BacklogOptions<{ openedAt: string; closedAt: string | null }> = { closedAt: 'closedAt', agesMs: [86_400_000, 7 * 86_400_000] };
 * ```
 * @category Service desk
 */
export interface BacklogOptions<T> extends MetricGroupingOptions<T> {
  /** Default `'openedAt'`. */
  readonly openedAt?: MetricAccessor<T, Instant | null | undefined>;
  /** When the item left the backlog (default `'resolvedAt'`); null / undefined: still open. */
  readonly closedAt?: MetricAccessor<T, Instant | null | undefined>;
  /** Upper bounds of the ageing buckets in ms (default 1 day, 3 days, 7 days, 30 days; an open-ended bucket follows). */
  readonly agesMs?: readonly number[];
}

/**
 * One ageing bucket: items whose age at the instant is in `[fromMs, toMs)`.
 *
 * @example
 * ```ts
 * const b: AgeingBucket = { fromMs: 0, toMs: 86_400_000, count: 12 };
 * ```
 * @category Service desk
 */
export interface AgeingBucket {
  readonly fromMs: number;
  /** `null` for the last, open-ended bucket. */
  readonly toMs: number | null;
  readonly count: number;
}

/**
 * The backlog as of an instant.
 *
 * @example
 * ```ts
 * const b: Backlog = backlog(incidents, '2026-03-31T23:59:59Z');
 * b.value; // items open at that instant
 * ```
 * @category Service desk
 */
export interface Backlog {
  /** Items open at the instant. */
  readonly value: number;
  readonly n: number;
  readonly ageing: readonly AgeingBucket[];
  /** Age of the oldest open item (ms); `null` for an empty backlog. */
  readonly oldestMs: number | null;
  /** Median age of open items (ms). */
  readonly medianAgeMs: number | null;
  /** Items without an opening instant, counted. */
  readonly nExcluded: number;
  readonly groups?: readonly MetricGroup<Backlog>[];
}

/**
 * The backlog at an instant: items opened at or before it and not closed by then (closed strictly after it, or
 * not at all), with ageing buckets. An empty backlog is a real 0 (not missing data).
 *
 * @param records - Incidents or requests (not mutated).
 * @param at - The instant.
 * @param options - Fields, buckets, grouping (`period` is not meaningful here and is refused).
 * @returns The count, ageing, oldest and median age, overall and per group.
 * @throws {@link core!ItsmError} `invalid_argument` for a `period` option or bad buckets; `invalid_instant` for unreadable instants.
 * @example
 * ```ts
 * backlog(incidents, '2016-03-15T00:00:00Z', { by: 'priority' }).groups;
 * ```
 * @category Service desk
 */
export function backlog<T>(records: readonly T[], at: Instant, options?: BacklogOptions<T>): Backlog {
  return atBoundary(() => {
    recordsArg(records);
    const o = optionsArg(options, "{ closedAt: 'closedAt' }");
    if (o.period !== undefined) throw new ItsmError('invalid_argument', 'options.period: a backlog is taken at one instant; call backlog once per period end instead.', { details: { field: 'options.period' } });
    const t = toEpochMs(at, 'at');
    const opened = accessorFn(o.openedAt ?? ('openedAt' as MetricAccessor<T, Instant>), 'options.openedAt');
    const closed = accessorFn(o.closedAt ?? ('resolvedAt' as MetricAccessor<T, Instant>), 'options.closedAt');
    const ages = o.agesMs ?? [86_400_000, 3 * 86_400_000, 7 * 86_400_000, 30 * 86_400_000];
    if (!Array.isArray(ages) || ages.some((a, i) => typeof a !== 'number' || !(a > 0) || (i > 0 && a <= ages[i - 1]!))) {
      throw new ItsmError('invalid_argument', `options.agesMs: ${describeValue(ages)} is not an increasing list of positive ms.`, { details: { field: 'options.agesMs' } });
    }
    const n = records.length;
    const age = new Float64Array(n).fill(-1); // -1: not open at t; -2: excluded
    for (let i = 0; i < n; i++) {
      const r = recordAt(records, i);
      const s = readInstant(opened(r, i), 'openedAt', i);
      if (s === null) {
        age[i] = -2;
        continue;
      }
      if (s > t) continue;
      const e = readInstant(closed(r, i), 'closedAt', i);
      if (e !== null && e <= t) continue;
      age[i] = t - s;
    }
    const compute = (of: Int32Array, count: number): Backlog[] =>
      Array.from({ length: count }, (_, g) => {
        const list: number[] = [];
        let excluded = 0;
        for (let i = 0; i < n; i++) {
          if (of[i] !== g) continue;
          if (age[i]! >= 0) list.push(age[i]!);
          else if (age[i] === -2) excluded++;
        }
        const buckets = [...ages, null].map((toMs, k) => ({ fromMs: k === 0 ? 0 : ages[k - 1]!, toMs, count: 0 }));
        let oldest: number | null = null;
        for (const a of list) {
          let k = 0;
          while (k < ages.length && a >= ages[k]!) k++;
          buckets[k]!.count++;
          if (oldest === null || a > oldest) oldest = a;
        }
        return { value: list.length, n: list.length, ageing: buckets, oldestMs: oldest, medianAgeMs: quantileSelect(Float64Array.from(list), 0.5, 'R-7'), nExcluded: excluded };
      });
    const index = groupRecords(records, o, null);
    const overall = compute(new Int32Array(n), 1)[0]!;
    return index.grouped ? withGroups(overall, index, compute(index.of, index.count)) : overall;
  });
}

/**
 * Options of {@link openedClosedPerPeriod}.
 *
 * @example
 * ```ts
 * const o: OpenedClosedOptions<{ openedAt: string; closedAt: string | null }> = { closedAt: 'closedAt', timeZone: 'Europe/London' };
 * ```
 * @category Service desk
 */
export interface OpenedClosedOptions<T> {
  readonly openedAt?: MetricAccessor<T, Instant | null | undefined>;
  readonly closedAt?: MetricAccessor<T, Instant | null | undefined>;
  /** Zone in which periods are read (default `'UTC'`). */
  readonly timeZone?: string;
}

/**
 * Opened and closed counts of one period.
 *
 * @example
 * ```ts
 * const p: OpenedClosedPeriod = { period: '2026-03', opened: 120, closed: 112, net: 8 };
 * ```
 * @category Service desk
 */
export interface OpenedClosedPeriod {
  readonly period: string;
  readonly opened: number;
  readonly closed: number;
  /** opened − closed: the backlog's growth in the period. */
  readonly net: number;
}

/**
 * Items opened and closed per period (day, ISO week, month, quarter in a zone), every period between the first
 * and the last one present listed (a quiet period is a real 0).
 *
 * @param records - Incidents or requests (not mutated).
 * @param period - The period unit.
 * @param options - Fields and zone.
 * @returns Periods in order, with `n` the number of records read.
 * @throws {@link core!ItsmError} `invalid_argument` for an unknown unit, `unknown_time_zone` for an unknown zone.
 * @example
 * ```ts
 * openedClosedPerPeriod(incidents, 'month', { closedAt: 'closedAt' }).periods;
 * ```
 * @category Service desk
 */
export function openedClosedPerPeriod<T>(records: readonly T[], period: MetricPeriodUnit, options?: OpenedClosedOptions<T>): { readonly n: number; readonly periods: readonly OpenedClosedPeriod[] } {
  return atBoundary(() => {
    recordsArg(records);
    const unit = periodArg(period, 'period');
    if (unit === undefined) throw new ItsmError('invalid_argument', "period: required; use 'day', 'week', 'month' or 'quarter'.", { details: { field: 'period' } });
    const o = optionsArg(options, "{ timeZone: 'UTC' }");
    const zone = new ZoneReader(zoneArg(o.timeZone, 'options.timeZone'));
    const opened = accessorFn(o.openedAt ?? ('openedAt' as MetricAccessor<T, Instant>), 'options.openedAt');
    const closed = accessorFn(o.closedAt ?? ('resolvedAt' as MetricAccessor<T, Instant>), 'options.closedAt');
    const counts = new Map<string, { opened: number; closed: number }>();
    let min = Infinity, max = -Infinity;
    const bump = (t: number, which: 'opened' | 'closed'): void => {
      const k = zone.periodKey(t, unit);
      const c = counts.get(k) ?? { opened: 0, closed: 0 };
      c[which]++;
      counts.set(k, c);
      if (t < min) min = t;
      if (t > max) max = t;
    };
    for (let i = 0; i < records.length; i++) {
      const r = recordAt(records, i);
      const s = readInstant(opened(r, i), 'openedAt', i);
      if (s !== null) bump(s, 'opened');
      const e = readInstant(closed(r, i), 'closedAt', i);
      if (e !== null) bump(e, 'closed');
    }
    const periods: OpenedClosedPeriod[] = [];
    if (counts.size > 0) {
      // walk every period from the first to the last: steps of 6 hours always land in each day, week, month, quarter
      const seen = new Set<string>();
      const last = zone.periodKey(max, unit);
      for (let t = min; ; t += 6 * 3_600_000) {
        const k = zone.periodKey(Math.min(t, max), unit);
        if (!seen.has(k)) {
          seen.add(k);
          const c = counts.get(k) ?? { opened: 0, closed: 0 };
          periods.push({ period: k, opened: c.opened, closed: c.closed, net: c.opened - c.closed });
        }
        if (k === last || t >= max) break;
      }
    }
    return { n: records.length, periods };
  });
}

