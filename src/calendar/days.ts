import { ItsmError } from '../core/errors.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { argumentError } from '../core/messages.js';
import type { BusinessCalendar, CalendarEngine } from './engine.js';
import { engineOf } from './engine.js';
import { optionsOf } from './failures.js';
import { FIRST_DAY, LAST_DAY, addBusinessDaysMs, countBusinessDays } from './day-kernels.js';
import { parseDateKey, parseTimeOfDay } from './spec.js';
import { WeeklyCalendar, dayNumber } from './weekly.js';

/**
 * Options of {@link addBusinessDays}.
 *
 * @example
 * ```ts
 * const options: AddBusinessDaysOptions = { at: '12:00' };
 * ```
 * @category Business days
 */
export interface AddBusinessDaysOptions {
  /** A local time `HH:MM` on the target day instead of its close (a time in a DST gap moves to the gap's end). */
  readonly at?: string;
}

/**
 * The close (or the `at` time) of the n-th business day after `t` (or, for negative `n`, before it): the "by end
 * of next business day" target, and "the previous business day".
 *
 * A business day is a local date in the calendar's zone that has business time: for a calendar built from a
 * spec, hours that start on that date (so an overnight shift's close is the next morning); for a composite,
 * business time between the date's midnights. `n > 0` counts business days after `t`'s local date, `n < 0`
 * business days before it (`-1` is the last business day before that date, whatever the time of `t`); `n = 0`
 * is `t`'s own date when it is a business day whose close (or `at`) is still ahead of `t`, otherwise the next
 * business day (at 17:00 sharp, a 09:00-17:00 day is over). Whole years are skipped by their business-day
 * count, so a large `n` costs little.
 *
 * @param cal - The calendar.
 * @param t - The instant to count from.
 * @param n - A whole number of business days (negative: before `t`).
 * @param options - `at`: a local `HH:MM` on the target day instead of its close.
 * @returns The target instant.
 * @throws {@link core!ItsmError} `invalid_argument` for a bad `n` or `at`, or a target outside years 0001-9999;
 * `no_business_time` when no business day comes within ten years.
 * @example
 * ```ts
 * // Ticket on Monday 10:00, "by end of next business day": Tuesday 17:00
 * addBusinessDays(cal, '2026-03-09T10:00:00-04:00', 1); // 2026-03-10T21:00:00Z
 * // The previous business day's close: Friday 17:00
 * addBusinessDays(cal, '2026-03-09T10:00:00-04:00', -1); // 2026-03-06T22:00:00Z
 * ```
 * @category Business days
 */
export function addBusinessDays(cal: BusinessCalendar, t: Instant, n: number, options?: AddBusinessDaysOptions): Date {
  const engine = engineOf(cal);
  const start = toEpochMs(t, 't');
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw argumentError('n', n, 'a whole number of business days');
  const atText = optionsOf(options).get('at');
  let at: number | null = null;
  if (atText !== undefined) {
    at = typeof atText === 'string' && atText.length <= 5 ? parseTimeOfDay(atText) : null;
    if (at === null) throw argumentError('options.at', atText, 'a local time "HH:MM" such as "17:00"');
  }
  return new Date(addBusinessDaysMs(engine, start, n, at, 'addBusinessDays'));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The local day number of a `YYYY-MM-DD` date or of an instant (read in the calendar's zone). */
function dayArg(engine: CalendarEngine, value: Instant, field: string): number {
  if (typeof value === 'string' && value.length === 10 && DATE_ONLY.test(value)) {
    const key = parseDateKey(value);
    const day = key === null || key.year === null ? null : dayNumber(key.year, key.month, key.day);
    if (day === null || day < FIRST_DAY || day > LAST_DAY) throw argumentError(field, value, 'a calendar date "YYYY-MM-DD" in years 0001-9999');
    return day;
  }
  return engine.localDay(toEpochMs(value, field));
}

/**
 * How many business days lie in `[from, to)`, counted by local date in the calendar's zone: the dates from
 * `from`'s date (included) to `to`'s date (excluded) that are business days (see {@link isBusinessDay});
 * negative when `to` is before `from`, `0` on the same date. The rule of numpy's `busday_count`, which pandas
 * uses. Whole years come from cached per-year counts.
 *
 * @param cal - The calendar.
 * @param from - Start: a local date `YYYY-MM-DD` or an instant (its local date counts).
 * @param to - End: a local date or an instant (its local date does not count).
 * @returns Business days; `-businessDaysBetween(cal, to, from)` when reversed.
 * @throws {@link core!ItsmError} `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * businessDaysBetween(cal, '2026-03-06', '2026-03-10'); // 2: Friday and Monday
 * businessDaysBetween(cal, '2026-03-10', '2026-03-06'); // -2
 * ```
 * @category Business days
 */
export function businessDaysBetween(cal: BusinessCalendar, from: Instant, to: Instant): number {
  const engine = engineOf(cal);
  const a = dayArg(engine, from, 'from');
  const b = dayArg(engine, to, 'to');
  if (a === b) return 0;
  return a < b ? countBusinessDays(engine, a, b) : 0 - countBusinessDays(engine, b, a);
}

/**
 * Whether a local date is a business day: for a calendar built from a spec, hours start on that date (after
 * overrides and holidays) and some of them exist on the wall clock (hours wholly inside a DST gap or a skipped
 * day do not); for a composite, it holds business time between its midnights in the composite's zone.
 *
 * @param cal - The calendar.
 * @param date - A local date `YYYY-MM-DD` in the calendar's zone, or an instant (its local date is used).
 * @returns `true` for a business day.
 * @throws {@link core!ItsmError} `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * isBusinessDay(cal, '2026-03-09'); // true: a Monday
 * isBusinessDay(cal, '2026-12-25'); // false: a holiday
 * ```
 * @category Business days
 */
export function isBusinessDay(cal: BusinessCalendar, date: Instant): boolean {
  const engine = engineOf(cal);
  return engine.dayTarget(dayArg(engine, date, 'date'), null) !== null;
}

/**
 * The holiday or override that decides a date, as {@link isHoliday} returns it.
 *
 * @example
 * ```ts
 * const rule: DateRule | null = isHoliday(cal, '2026-12-24');
 * if (rule?.kind === 'override') console.log(rule.hours, rule.beats?.entry);
 * ```
 * @category Business days
 */
export interface DateRule {
  /** The local date asked about, `YYYY-MM-DD`. */
  readonly date: string;
  /** `holiday`: a holiday closes the date. `override`: the date has its own hours (an override beats a holiday). */
  readonly kind: 'holiday' | 'override';
  /**
   * Whether the date has no hours of its own: `true` for a holiday and for an override with `hours: []`. (An
   * overnight shift that starts the evening before still runs into a closed date's morning.)
   */
  readonly closed: boolean;
  /** The entry's `name`, `null` when it has none. */
  readonly name: string | null;
  /** Where the entry is in the spec: `['holidays', 2]` or `['overrides', 0]`. */
  readonly path: readonly ['holidays' | 'overrides', number];
  /** The entry's date as written: `2026-12-25`, or `--12-25` for an annual holiday. */
  readonly entry: string;
  /** The override's hours as written; `[]` for a holiday. */
  readonly hours: readonly string[];
  /** For an override, the holiday of the same date that it beats; otherwise `null`. */
  readonly beats: { readonly path: readonly ['holidays', number]; readonly entry: string; readonly name: string | null } | null;
}

function isoDay(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Which holiday or override decides a local date, or `null` when its weekly hours apply. Precedence: an
 * override (the date's own hours, `[]` closing it) beats a holiday on the same date; a dated holiday
 * (`2026-12-25`) is reported before an annual one (`--12-25`) listed for the same date.
 *
 * @param cal - A calendar built from a spec (a composite has no holidays of its own: ask each of `cal.parts`).
 * @param date - A local date `YYYY-MM-DD` in the calendar's zone, or an instant (its local date is used).
 * @returns The deciding entry with its kind, name and place in the spec, or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` for a composite calendar or a bad date; `invalid_instant`
 * for a bad instant.
 * @example
 * ```ts
 * isHoliday(cal, '2026-12-25'); // { kind: 'holiday', closed: true, name: 'Christmas Day', entry: '--12-25', ... }
 * isHoliday(cal, '2026-03-09'); // null: the weekly hours apply
 * ```
 * @category Business days
 */
export function isHoliday(cal: BusinessCalendar, date: Instant): DateRule | null {
  const engine = engineOf(cal);
  if (!(engine instanceof WeeklyCalendar)) {
    throw new ItsmError('invalid_argument', `cal: a ${engine.kind} calendar has no holidays of its own; ask each of cal.parts.`, { details: { field: 'cal' } });
  }
  const day = dayArg(engine, date, 'date');
  const entry = engine.entryOf(day);
  if (entry === null) return null;
  const spec = engine.spec;
  const holidayRef = (index: number) => {
    const h = spec.holidays![index]!;
    return typeof h === 'string' ? { entry: h, name: null } : { entry: h.date, name: h.name ?? null };
  };
  if (entry.list === 'holidays') {
    const h = holidayRef(entry.index);
    return { date: isoDay(day), kind: 'holiday', closed: true, name: h.name, path: ['holidays', entry.index], entry: h.entry, hours: [], beats: null };
  }
  const o = spec.overrides![entry.index]!;
  const beaten = engine.holidayOf(day);
  return {
    date: isoDay(day),
    kind: 'override',
    closed: o.hours.length === 0,
    name: o.name ?? null,
    path: ['overrides', entry.index],
    entry: o.date,
    hours: [...o.hours],
    beats: beaten === null ? null : { path: ['holidays', beaten], ...holidayRef(beaten) },
  };
}
