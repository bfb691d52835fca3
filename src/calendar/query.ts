import type { Instant } from '../core/instant.js';
import type { BusinessCalendar } from './engine.js';
import { EMPTY_YEARS_LIMIT, MAX_MS, engineOf, instantArg, noBusinessTime, type CalendarEngine } from './engine.js';
import { lastStartAtOrBefore } from './table.js';
import { businessMsIntervals } from './internal.js';

/**
 * Whether `t` is business time: its local wall-clock reading in the calendar's zone lies inside an open
 * interval (intervals are half-open, so the closing minute itself is not business time).
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns `true` when the calendar is open at `t`.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant.
 * @example
 * ```ts
 * isBusinessTime(cal, '2026-03-06T16:59:00-05:00'); // true
 * isBusinessTime(cal, '2026-03-06T17:00:00-05:00'); // false
 * ```
 * @category Queries
 */
export function isBusinessTime(cal: BusinessCalendar, t: Instant): boolean {
  const engine = engineOf(cal);
  const ms = instantArg(t, 't');
  const table = engine.tableAt(ms);
  const i = lastStartAtOrBefore(table, ms);
  return i >= 0 && ms < table.ends[i]!;
}

/** The first business instant at or after `t`. */
export function nextOpen(engine: CalendarEngine, t: number, fn: string): number {
  let table = engine.tableAt(t);
  const i = lastStartAtOrBefore(table, t);
  if (i >= 0 && t < table.ends[i]!) return t;
  if (i + 1 < table.starts.length) return table.starts[i + 1]!;
  for (let empty = 0; ; ) {
    if (table.to >= MAX_MS || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
    table = engine.tableAt(table.to);
    if (table.starts.length > 0) return table.starts[0]!;
    if (++empty >= EMPTY_YEARS_LIMIT) throw noBusinessTime(fn, t);
  }
}

/**
 * `t` itself when it is business time, otherwise the next instant the calendar opens.
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The first business instant at or after `t`.
 * @throws {@link core!ItsmError} `no_business_time` when the calendar does not open within ten years.
 * @example
 * ```ts
 * nextBusinessTime(cal, '2026-03-07T12:00:00-05:00'); // Monday 2026-03-09 09:00 EDT
 * ```
 * @category Queries
 */
export function nextBusinessTime(cal: BusinessCalendar, t: Instant): Date {
  const engine = engineOf(cal);
  return new Date(nextOpen(engine, instantArg(t, 't'), 'nextBusinessTime'));
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
 * The open stretches of the calendar within `[from, to)`, clipped to the range, in order; touching stretches
 * are merged (an overnight shift that meets the next day's hours is one stretch).
 *
 * @param cal - The calendar.
 * @param from - Start of the range (inclusive).
 * @param to - End of the range (exclusive); an empty list when `to <= from`.
 * @returns Fresh interval objects.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant.
 * @example
 * ```ts
 * businessIntervals(cal, '2026-03-09T00:00:00-04:00', '2026-03-10T00:00:00-04:00');
 * // [{ start: 2026-03-09T13:00:00Z, end: 2026-03-09T21:00:00Z }]
 * ```
 * @category Queries
 */
export function businessIntervals(cal: BusinessCalendar, from: Instant, to: Instant): BusinessInterval[] {
  engineOf(cal);
  const flat = businessMsIntervals(cal, instantArg(from, 'from'), instantArg(to, 'to'));
  const out: BusinessInterval[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ start: new Date(flat[i]!), end: new Date(flat[i + 1]!) });
  return out;
}
