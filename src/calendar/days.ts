import { ItsmError } from '../core/errors.js';
import type { Instant } from '../core/instant.js';
import type { BusinessCalendar } from './engine.js';
import { DAY_MS, EMPTY_YEARS_LIMIT, MAX_MS, engineOf, instantArg, noBusinessTime, outOfRange } from './engine.js';
import { parseTimeOfDay } from './spec.js';

/**
 * Options of {@link addBusinessDays}.
 *
 * @example
 * ```ts
 * const options: AddBusinessDaysOptions = { at: '12:00' };
 * ```
 * @category Arithmetic
 */
export interface AddBusinessDaysOptions {
  /** A local time `HH:MM` on the target day instead of its close (a time in a DST gap moves to the gap's end). */
  readonly at?: string;
}

const SEARCH_DAYS = EMPTY_YEARS_LIMIT * 366;

/**
 * The close (or the `at` time) of the n-th business day after `t`: the "by end of next business day" target.
 *
 * A business day is a local date in the calendar's zone that has business time: for a calendar built from a
 * spec, hours that start on that date (so an overnight shift's close is the next morning); for a composite,
 * business time between the date's midnights. `n` counts business days after `t`'s local date; `n = 0` is
 * `t`'s own date when it is a business day whose close (or `at`) is still ahead of `t`, otherwise the next business day
 * (at 17:00 sharp, a 09:00-17:00 day is over).
 *
 * @param cal - The calendar.
 * @param t - The instant to count from.
 * @param n - A whole number of business days, `>= 0`.
 * @param options - `at`: a local `HH:MM` on the target day instead of its close.
 * @returns The target instant.
 * @throws {@link core!ItsmError} `invalid_argument` for a bad `n` or `at`; `no_business_time` when no business day
 * comes within ten years.
 * @example
 * ```ts
 * // Ticket on Monday 10:00, "by end of next business day": Tuesday 17:00
 * addBusinessDays(cal, '2026-03-09T10:00:00-04:00', 1); // 2026-03-10T21:00:00Z
 * ```
 * @category Arithmetic
 */
export function addBusinessDays(cal: BusinessCalendar, t: Instant, n: number, options: AddBusinessDaysOptions = {}): Date {
  const engine = engineOf(cal);
  const start = instantArg(t, 't');
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new ItsmError('invalid_argument', `n: ${String(n)} is not a whole number of business days >= 0.`, { details: { field: 'n', value: n } });
  }
  let at: number | null = null;
  if (options.at !== undefined) {
    at = typeof options.at === 'string' ? parseTimeOfDay(options.at) : null;
    if (at === null) {
      throw new ItsmError('invalid_argument', `options.at: ${JSON.stringify(options.at)} is not a local time "HH:MM" such as "17:00".`, { details: { field: 'options.at', value: options.at } });
    }
  }
  const today = Math.floor((start + engine.offsetAt(start)) / DAY_MS);
  // A business day holds at least a minute of business time, so n days lie at least n days ahead.
  if (today + n >= Math.floor(MAX_MS / DAY_MS)) throw outOfRange('addBusinessDays');
  let remaining = n;
  let lastHit = today;
  for (let day = today; day - lastHit <= SEARCH_DAYS; day++) {
    if (day * DAY_MS >= MAX_MS) throw outOfRange('addBusinessDays');
    const target = engine.dayTarget(day, at);
    if (target === null) continue;
    lastHit = day;
    if (day === today) {
      if (n === 0 && target > start) return new Date(target);
      continue;
    }
    if (remaining <= 1) return new Date(target);
    remaining--;
  }
  throw noBusinessTime('addBusinessDays', start);
}
