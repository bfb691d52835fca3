import { toSafe, validationError, type SafeResult } from '../core/errors.js';
import { unknownTimeZoneError } from '../core/messages.js';
import { issuesFromZod } from '../core/schema.js';
import type { BusinessCalendar } from './engine.js';
import { CalendarSpecSchema, plainDataIssues, type CalendarSpec } from './spec.js';
import { isKnownTimeZone } from './zone.js';
import { WeeklyCalendar } from './weekly.js';

/**
 * Validates a spec and compiles it into a {@link BusinessCalendar}. The spec is copied, never kept by reference.
 *
 * Compilation is lazy: each year's table of open intervals is built on the first query that needs it.
 *
 * @param spec - The calendar as plain JSON (see {@link CalendarSpec}).
 * @returns The calendar.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path
 * (`weekly.mon[1]: "25:00" is not a time of day`); objects must be plain data (a `Map` as `weekly` is an
 * `invalid_type` issue, not a closed calendar).
 * @example
 * ```ts
 * const support = createCalendar({
 *   timeZone: 'America/New_York',
 *   weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
 *   holidays: ['2026-11-26', '--12-25'],
 * });
 * ```
 * @category Calendar
 */
export function createCalendar(spec: CalendarSpec): BusinessCalendar {
  let plain: ReturnType<typeof plainDataIssues>;
  let r: ReturnType<typeof CalendarSpecSchema.safeParse>;
  try {
    plain = plainDataIssues(spec);
    r = CalendarSpecSchema.safeParse(spec);
  } catch {
    // Reading the input ran code that threw (a Proxy's trap, a getter): the input is not plain data.
    throw validationError('calendar spec', [{ code: 'unreadable', path: [], message: 'the spec could not be read (a getter or a Proxy trap threw); pass plain JSON data' }]);
  }
  if (!r.success || plain.length > 0) throw validationError('calendar spec', [...plain, ...(r.success ? [] : issuesFromZod(r.error))]);
  return new WeeklyCalendar(r.data);
}

/**
 * Like {@link createCalendar}, but returns `{ success: false, error }` instead of throwing on an invalid spec.
 *
 * @param spec - Untrusted input (for example JSON from a database).
 * @returns The calendar, or the error with every issue and its path.
 * @example
 * ```ts
 * const r = safeCreateCalendar(JSON.parse(text));
 * if (!r.success) for (const i of r.error.issues) console.log(i.path.join('.'), i.message);
 * ```
 * @category Calendar
 */
export function safeCreateCalendar(spec: unknown): SafeResult<BusinessCalendar> {
  return toSafe(() => createCalendar(spec as CalendarSpec));
}

const ALL_DAY = ['00:00-24:00'];

/**
 * A calendar open around the clock, every day. The zone matters only for {@link addBusinessDays}
 * (which local midnight ends a day).
 *
 * @param timeZone - IANA zone, default `UTC`.
 * @returns The calendar.
 * @throws {@link core!ItsmError} `unknown_time_zone` for a zone the platform does not know.
 * @example
 * ```ts
 * businessTimeBetween(calendar24x7(), '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'); // 86400000
 * ```
 * @category Calendar
 */
export function calendar24x7(timeZone = 'UTC'): BusinessCalendar {
  if (!isKnownTimeZone(timeZone)) throw unknownTimeZoneError('timeZone', timeZone);
  return new WeeklyCalendar({
    name: '24x7',
    timeZone,
    weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  });
}

