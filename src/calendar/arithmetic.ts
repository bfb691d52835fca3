import type { Instant } from '../core/instant.js';
import type { BusinessCalendar } from './engine.js';
import { EMPTY_YEARS_LIMIT, MAX_MS, MIN_MS, engineOf, instantArg, noBusinessTime, outOfRange, type CalendarEngine } from './engine.js';
import { measureBefore, type BlockTable } from './table.js';
import { ItsmError } from '../core/errors.js';

/** Business ms in `[a, b)` for `a <= b`. */
export function measure(engine: CalendarEngine, a: number, b: number): number {
  let table = engine.tableAt(a);
  if (b <= table.to) return measureBefore(table, b) - measureBefore(table, a);
  let sum = table.total - measureBefore(table, a);
  for (;;) {
    table = engine.tableAt(table.to);
    if (b <= table.to) return sum + measureBefore(table, b);
    sum += table.total;
  }
}

/**
 * The business time in `[from, to)`, in milliseconds; negative when `to` is before `from`.
 *
 * An instant counts when its local wall-clock reading in the calendar's zone lies inside an open interval,
 * so a spring-forward gap shortens an interval and a fall-back fold lengthens it.
 *
 * @param cal - The calendar.
 * @param from - Start of the range (inclusive).
 * @param to - End of the range (exclusive).
 * @returns Business milliseconds.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant.
 * @example
 * ```ts
 * // Friday 16:00 to Monday 10:00 in a Mon-Fri 09:00-17:00 calendar: 2 h
 * businessTimeBetween(cal, '2026-03-06T16:00:00-05:00', '2026-03-09T10:00:00-04:00'); // 7200000
 * ```
 * @category Arithmetic
 */
export function businessTimeBetween(cal: BusinessCalendar, from: Instant, to: Instant): number {
  const engine = engineOf(cal);
  const a = instantArg(from, 'from');
  const b = instantArg(to, 'to');
  if (a === b) return 0;
  return a < b ? measure(engine, a, b) : 0 - measure(engine, b, a); // 0 - x, not -x: never -0
}

/** Smallest index `k` with `cum[k] >= target`. */
function firstCumAtLeast(cum: Float64Array, target: number): number {
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest index `k` with `cum[k] <= target`, among interval indexes `0 .. n-1`. */
function lastCumAtMost(cum: Float64Array, target: number): number {
  let lo = 0, hi = cum.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cum[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Earliest `u >= t` with `measure(t, u) = d`, for `d > 0`. */
export function addForward(engine: CalendarEngine, t: number, d: number, fn: string): number {
  let table: BlockTable = engine.tableAt(t);
  let target = measureBefore(table, t) + d;
  let emptyYears = 0;
  while (target > table.total) {
    target -= table.total;
    if (table.to >= MAX_MS) throw outOfRange(fn);
    table = engine.tableAt(table.to);
    if (table.total === 0) {
      if (++emptyYears >= EMPTY_YEARS_LIMIT || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
    } else emptyYears = 0;
  }
  const k = firstCumAtLeast(table.cum, target);
  return table.starts[k - 1]! + (target - table.cum[k - 1]!);
}

/** Latest `u <= t` with `measure(u, t) = d`, for `d > 0`. */
export function addBackward(engine: CalendarEngine, t: number, d: number, fn: string): number {
  let table: BlockTable = engine.tableAt(t);
  let target = measureBefore(table, t) - d;
  let emptyYears = 0;
  while (target < 0) {
    if (table.from <= MIN_MS) throw outOfRange(fn);
    table = engine.tableAt(table.from - 1);
    target += table.total;
    if (table.total === 0) {
      if (++emptyYears >= EMPTY_YEARS_LIMIT || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
    } else emptyYears = 0;
  }
  const k = lastCumAtMost(table.cum, target);
  return table.starts[k]! + (target - table.cum[k]!);
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
 * (found quickly, never a hang); `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * addBusinessTime(cal, '2026-03-06T16:00:00-05:00', 60 * 60_000); // Friday 17:00 (22:00Z)
 * addBusinessTime(cal, '2026-03-06T16:00:00-05:00', 2 * 60 * 60_000); // Monday 10:00 EDT
 * ```
 * @category Arithmetic
 */
export function addBusinessTime(cal: BusinessCalendar, t: Instant, ms: number): Date {
  const engine = engineOf(cal);
  const start = instantArg(t, 't');
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new ItsmError('invalid_argument', `ms: ${String(ms)} is not a finite number of milliseconds; pass business time in ms (for example 4 * 3_600_000).`, { details: { field: 'ms', value: ms } });
  }
  if (ms === 0) return new Date(start);
  return new Date(ms > 0 ? addForward(engine, start, ms, 'addBusinessTime') : addBackward(engine, start, -ms, 'addBusinessTime'));
}
