import { toEpochMs, type Instant } from '../core/instant.js';
import { argumentError } from '../core/messages.js';
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { addBackward, addForward, measure } from './kernels.js';

/**
 * The business time in `[from, to)`, in milliseconds; negative when `to` is before `from`.
 *
 * An instant counts when its local wall-clock reading in the calendar's zone lies inside an open interval,
 * so a spring-forward gap shortens an interval and a fall-back fold lengthens it. The cost is one or two binary
 * searches, plus one cached total per whole year in between (years without business time and, from 2440 on,
 * years that repeat an earlier 400-year cycle are never compiled).
 *
 * @param cal - The calendar.
 * @param from - Start of the range (inclusive).
 * @param to - End of the range (exclusive).
 * @returns Business milliseconds.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant, `invalid_argument` when `cal` is not a calendar.
 * @example
 * ```ts
 * // Friday 16:00 to Monday 10:00 in a Mon-Fri 09:00-17:00 calendar: 2 h
 * businessTimeBetween(cal, '2026-03-06T16:00:00-05:00', '2026-03-09T10:00:00-04:00'); // 7200000
 * ```
 * @category Arithmetic
 */
export function businessTimeBetween(cal: BusinessCalendar, from: Instant, to: Instant): number {
  const engine = engineOf(cal);
  const a = toEpochMs(from, 'from');
  const b = toEpochMs(to, 'to');
  if (a === b) return 0;
  return a < b ? measure(engine, a, b) : 0 - measure(engine, b, a); // 0 - x, not -x: never -0
}

/**
 * Adds (or, when negative, subtracts) business time.
 *
 * For `ms > 0` the result is the earliest instant `u >= t` with `businessTimeBetween(cal, t, u) === ms`, so
 * Friday 16:00 plus 1 h in a 09:00-17:00 calendar is Friday 17:00, not Monday 09:00. For `ms < 0` it is the
 * latest `u <= t` with `businessTimeBetween(cal, u, t) === -ms`. `ms = 0` returns `t`.
 *
 * @param cal - The calendar.
 * @param t - The instant to start from (need not be business time).
 * @param ms - Business milliseconds to add; a finite number.
 * @returns The instant reached.
 * @throws {@link core!ItsmError} `no_business_time` when the calendar has no business time within ten years
 * (found quickly, never a hang); `invalid_instant` / `invalid_argument` for bad input or a result outside
 * years 0001-9999.
 * @example
 * ```ts
 * addBusinessTime(cal, '2026-03-06T16:00:00-05:00', 60 * 60_000); // Friday 17:00 (22:00Z)
 * addBusinessTime(cal, '2026-03-06T16:00:00-05:00', 2 * 60 * 60_000); // Monday 10:00 EDT
 * ```
 * @category Arithmetic
 */
export function addBusinessTime(cal: BusinessCalendar, t: Instant, ms: number): Date {
  const engine = engineOf(cal);
  const start = toEpochMs(t, 't');
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw argumentError('ms', ms, 'a finite number of milliseconds; pass business time in ms (for example 4 * 3_600_000)');
  if (ms === 0) return new Date(start);
  return new Date(ms > 0 ? addForward(engine, start, ms, 'addBusinessTime') : addBackward(engine, start, -ms, 'addBusinessTime'));
}
