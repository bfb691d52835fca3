import { ItsmError } from '../core/errors.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { argumentError } from '../core/messages.js';
import { DEFAULT_INTERVALS_LIMIT } from './constants.js';
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { optionsOf } from './failures.js';
import { intervalsMs, lastBusinessAtOrBefore, nextOpen } from './kernels.js';
import { lastStartAtOrBefore } from './table.js';

/**
 * Whether `t` is business time: its local wall-clock reading in the calendar's zone lies inside an open
 * interval (intervals are half-open, so the closing minute itself is not business time).
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns `true` when the calendar is open at `t`.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant, `invalid_argument` when `cal` is not a calendar.
 * @example
 * ```ts
 * isBusinessTime(cal, '2026-03-06T16:59:00-05:00'); // true
 * isBusinessTime(cal, '2026-03-06T17:00:00-05:00'); // false
 * ```
 * @category Queries
 */
export function isBusinessTime(cal: BusinessCalendar, t: Instant): boolean {
  const engine = engineOf(cal);
  const ms = toEpochMs(t, 't');
  const table = engine.tableAt(ms);
  const i = lastStartAtOrBefore(table, ms);
  return i >= 0 && ms < table.ends[i]!;
}

/**
 * `t` itself when it is business time, otherwise the next instant the calendar opens.
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The first business instant at or after `t`.
 * @throws {@link core!ItsmError} `no_business_time` when the calendar does not open within ten years;
 * `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * nextBusinessTime(cal, '2026-03-07T12:00:00-05:00'); // Monday 2026-03-09 09:00 EDT
 * ```
 * @category Queries
 */
export function nextBusinessTime(cal: BusinessCalendar, t: Instant): Date {
  const engine = engineOf(cal);
  return new Date(nextOpen(engine, toEpochMs(t, 't'), 'nextBusinessTime'));
}

/**
 * The mirror of {@link nextBusinessTime}: the latest instant at or before `t` that business time runs up to.
 *
 * Intervals are half-open, so a stretch `[open, close)` has no last millisecond worth naming; the result is
 * `t` itself when `t` is business time **or a closing instant** (`t - 1 ms` is business time), otherwise the
 * close of the last stretch before `t` (Saturday noon gives Friday 17:00, not 16:59:59.999). This is the
 * `rollback` of pandas' business hours and moment-business-time's `lastWorkingTime`, and it is what
 * `addBusinessTime(cal, addBusinessTime(cal, t, -d), d)` returns for `t` outside business time.
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The latest instant `u <= t` with business time just before it or at it.
 * @throws {@link core!ItsmError} `no_business_time` when the calendar was not open within the ten years before `t`;
 * `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * previousBusinessTime(cal, '2026-03-07T12:00:00-05:00'); // Friday 2026-03-06 17:00 EST
 * previousBusinessTime(cal, '2026-03-06T17:00:00-05:00'); // the same instant: the close itself
 * ```
 * @category Queries
 */
export function previousBusinessTime(cal: BusinessCalendar, t: Instant): Date {
  const engine = engineOf(cal);
  return new Date(lastBusinessAtOrBefore(engine, toEpochMs(t, 't'), 'previousBusinessTime'));
}

/**
 * A stretch of business time, `[start, end)`.
 *
 * @example
 * ```ts
 * const i: BusinessInterval = { start: new Date('2026-03-09T13:00:00Z'), end: new Date('2026-03-09T21:00:00Z') };
 * ```
 * @category Queries
 */
export interface BusinessInterval {
  readonly start: Date;
  readonly end: Date;
}

/**
 * Options of {@link businessIntervals}.
 *
 * @example
 * ```ts
 * const options: BusinessIntervalsOptions = { limit: 1_000 };
 * ```
 * @category Queries
 */
export interface BusinessIntervalsOptions {
  /**
   * The most stretches to return (a whole number >= 1, or `Infinity`); default 100,000. A range holding more
   * (a year typo such as 9999 for 2026) is refused with `invalid_argument` instead of building millions of objects.
   */
  readonly limit?: number;
}

/**
 * The open stretches of the calendar within `[from, to)`, clipped to the range, in order; touching stretches
 * are merged (an overnight shift that meets the next day's hours is one stretch).
 *
 * @param cal - The calendar.
 * @param from - Start of the range (inclusive).
 * @param to - End of the range (exclusive); an empty list when `to <= from`.
 * @param options - `limit`: the most stretches to return (default 100,000).
 * @returns Fresh interval objects.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant; `invalid_argument` for a bad `limit`
 * or when the range holds more than `limit` stretches (`details.limit`).
 * @example
 * ```ts
 * businessIntervals(cal, '2026-03-09T00:00:00-04:00', '2026-03-10T00:00:00-04:00');
 * // [{ start: 2026-03-09T13:00:00Z, end: 2026-03-09T21:00:00Z }]
 * ```
 * @category Queries
 */
export function businessIntervals(cal: BusinessCalendar, from: Instant, to: Instant, options?: BusinessIntervalsOptions): BusinessInterval[] {
  const engine = engineOf(cal);
  const a = toEpochMs(from, 'from');
  const b = toEpochMs(to, 'to');
  const limit = optionsOf(options).get('limit') ?? DEFAULT_INTERVALS_LIMIT;
  if (typeof limit !== 'number' || !(limit === Infinity || (Number.isInteger(limit) && limit >= 1))) {
    throw argumentError('options.limit', limit, 'a whole number of stretches >= 1 (or Infinity)');
  }
  const flat = intervalsMs(engine, a, b, limit);
  if (flat === null) {
    throw new ItsmError('invalid_argument', `businessIntervals: the range holds more than ${limit} business stretches; narrow the range or raise options.limit.`, { details: { field: 'options.limit', limit } });
  }
  const out: BusinessInterval[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ start: new Date(flat[i]!), end: new Date(flat[i + 1]!) });
  return out;
}
