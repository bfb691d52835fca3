import { z } from 'zod';
import { describeValue } from '../core/describe.js';
import { unknownTimeZoneIssue } from '../core/messages.js';
import { isKnownTimeZone } from './zone.js';

/**
 * The weekday keys of a calendar spec, Monday first.
 *
 * @example
 * ```ts
 * WEEKDAYS.includes("sat"); // true
 * ```
 * @category Calendar
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * A weekday key of a calendar spec.
 *
 * @example
 * ```ts
 * const day: Weekday = 'mon';
 * ```
 * @category Calendar
 */
export type Weekday = (typeof WEEKDAYS)[number];

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;
const RANGE = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ANNUAL = /^--(\d{2})-(\d{2})$/;

/** Minutes after midnight of an `HH:MM` time, `24:00` allowed; `null` when it is not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? null : minutes;
}

/** `[startMinute, endMinute)` of one `HH:MM-HH:MM` item; an end not after the start runs into the next day. */
export type MinuteRange = readonly [start: number, end: number];

/** The longest interval text accepted (`" 09:00 - 17:00 "` with generous spacing); longer is refused unread. */
const MAX_RANGE_TEXT = 40;

/** Parses `"09:00-17:00"`; the end is made `> start` by adding a day for overnight items. */
export function parseRange(text: string): MinuteRange | { error: string } {
  const m = text.length > MAX_RANGE_TEXT ? null : RANGE.exec(text);
  if (!m) return { error: `${describeValue(text)} is not an interval "HH:MM-HH:MM" such as "09:00-17:00"` };
  const start = parseTimeOfDay(m[1]!);
  const end = parseTimeOfDay(m[2]!);
  if (start === null) return { error: `${JSON.stringify(m[1])} is not a time of day (00:00-23:59)` };
  if (start === 1440) return { error: `an interval cannot start at 24:00; start it at 00:00 of the next day` };
  if (end === null) return { error: `${JSON.stringify(m[2])} is not a time of day (00:00-24:00)` };
  return [start, end > start ? end : end + 1440];
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(0);
  dt.setUTCFullYear(y, m, 0);
  return d <= dt.getUTCDate();
}

/** `{ year, month, day }` of a `YYYY-MM-DD` date, or of an annual `--MM-DD` date (year `null`); `null` if invalid. */
export function parseDateKey(text: string): { year: number | null; month: number; day: number } | null {
  if (text.length > 10) return null;
  let m = DATE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? { year: y, month: mo, day: d } : null;
  }
  m = ANNUAL.exec(text);
  if (m) {
    const [mo, d] = [Number(m[1]), Number(m[2])];
    return isRealDate(2000, mo, d) ? { year: null, month: mo, day: d } : null;
  }
  return null;
}

function checkDayHours(items: readonly string[], ctx: z.RefinementCtx, path: (string | number)[]): void {
  const parsed: Array<{ range: MinuteRange; index: number }> = [];
  items.forEach((item, index) => {
    const r = parseRange(item);
    if ('error' in r) ctx.addIssue({ code: 'custom', path: [...path, index], message: r.error, params: { code: 'invalid_interval' } });
    else parsed.push({ range: r, index });
  });
  parsed.sort((a, b) => a.range[0] - b.range[0]);
  for (let i = 1; i < parsed.length; i++) {
    const prev = parsed[i - 1]!, cur = parsed[i]!;
    if (cur.range[0] < prev.range[1]) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, cur.index],
        message: `${describeValue(items[cur.index])} overlaps ${describeValue(items[prev.index])} of the same day; merge them into one interval`,
        params: { code: 'overlapping_intervals' },
      });
    }
  }
}

const HoursSchema = z.array(z.string());

const HolidaySchema = z.union([
  z.string(),
  z.strictObject({ date: z.string(), name: z.string().optional() }),
]);

const OverrideSchema = z.strictObject({
  date: z.string(),
  hours: HoursSchema,
  name: z.string().optional(),
});

/** Whether a value is a plain object (made by `{}` or `Object.create(null)`, as JSON parsing makes them). */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  try {
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

/**
 * Issues for objects of a spec that zod would read as plain data but are not (a `Map` or a class instance as
 * `weekly`: zod sees no keys and the calendar would be silently closed). Called before the schema.
 */
export function plainDataIssues(spec: unknown): Array<{ code: string; path: Array<string | number>; message: string }> {
  const issues: Array<{ code: string; path: Array<string | number>; message: string }> = [];
  const check = (value: unknown, path: Array<string | number>): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isPlainObject(value)) {
      issues.push({ code: 'invalid_type', path, message: `${describeValue(value)} is not a plain object; pass plain JSON data ({ mon: [...] })` });
    }
  };
  if (!isPlainObject(spec)) {
    check(spec, []);
    return issues;
  }
  try {
    const s = spec as Record<string, unknown>;
    check(s['weekly'], ['weekly']);
    for (const list of ['holidays', 'overrides'] as const) {
      const items = s[list];
      if (Array.isArray(items)) items.forEach((item, i) => check(item, [list, i]));
    }
  } catch {
    // A throwing getter: the schema reports what it can read.
  }
  return issues;
}

/**
 * Zod schema of a {@link CalendarSpec}: validates the zone, every interval (syntax, `24:00` only as an end,
 * no overlap within a day), every date, and rejects unknown keys. Every issue is reported with its path.
 *
 * @example
 * ```ts
 * const r = CalendarSpecSchema.safeParse({ timeZone: 'Europe/London', weekly: { mon: ['09:00-17:00'] } });
 * r.success; // true
 * ```
 * @category Calendar
 */
export const CalendarSpecSchema = z
  .strictObject({
    /** Optional label, used in explanations and error messages. */
    name: z.string().optional(),
    timeZone: z.string(),
    weekly: z.strictObject({
      mon: HoursSchema.optional(),
      tue: HoursSchema.optional(),
      wed: HoursSchema.optional(),
      thu: HoursSchema.optional(),
      fri: HoursSchema.optional(),
      sat: HoursSchema.optional(),
      sun: HoursSchema.optional(),
    }),
    holidays: z.array(HolidaySchema).optional(),
    overrides: z.array(OverrideSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    if (!isKnownTimeZone(spec.timeZone)) {
      const issue = unknownTimeZoneIssue(['timeZone'], spec.timeZone);
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { code: issue.code } });
    }
    for (const day of WEEKDAYS) {
      const items = spec.weekly[day];
      if (items) checkDayHours(items, ctx, ['weekly', day]);
    }
    spec.holidays?.forEach((h, i) => {
      const date = typeof h === 'string' ? h : h.date;
      if (parseDateKey(date) === null) {
        ctx.addIssue({
          code: 'custom',
          path: typeof h === 'string' ? ['holidays', i] : ['holidays', i, 'date'],
          message: `${describeValue(date)} is not a date; use "YYYY-MM-DD" or "--MM-DD" for every year`,
          params: { code: 'invalid_date' },
        });
      }
    });
    const seen = new Map<string, number>();
    spec.overrides?.forEach((o, i) => {
      const key = parseDateKey(o.date);
      if (key === null || key.year === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', i, 'date'],
          message: `${describeValue(o.date)} is not a date; an override needs a calendar date "YYYY-MM-DD"`,
          params: { code: 'invalid_date' },
        });
      } else if (seen.has(o.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', i, 'date'],
          message: `${o.date} already has an override (overrides[${seen.get(o.date)}]); give each date one override`,
          params: { code: 'duplicate_override' },
        });
      } else {
        seen.set(o.date, i);
      }
      checkDayHours(o.hours, ctx, ['overrides', i, 'hours']);
    });
  });

/**
 * A business calendar as plain JSON: one IANA zone, weekly hours, holidays and date overrides.
 *
 * - Weekly items are `"HH:MM-HH:MM"` local times; `"24:00"` is a valid end; an end not after its start runs
 *   overnight into the next day and belongs to the day it starts on; a missing day is closed.
 * - Holidays (`YYYY-MM-DD`, or `--MM-DD` every year) close the intervals that start on their date.
 * - Overrides replace a date's weekly hours (`[]` closes it) and beat a holiday on the same date.
 *
 * @example
 * ```ts
 * const spec: CalendarSpec = {
 *   timeZone: 'America/New_York',
 *   weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
 *   holidays: ['2026-12-25', { date: '--01-01', name: "New Year's Day" }],
 *   overrides: [{ date: '2026-12-24', hours: ['09:00-12:00'], name: 'Christmas Eve' }],
 * };
 * ```
 * @category Calendar
 */
export interface CalendarSpec {
  /** Optional label, used in explanations. */
  readonly name?: string;
  /** IANA time zone of the hours (`America/New_York`, `UTC`). */
  readonly timeZone: string;
  /** Hours per weekday as `"HH:MM-HH:MM"` items; a missing day is closed. */
  readonly weekly: { readonly [D in Weekday]?: readonly string[] };
  /** Closed dates: `YYYY-MM-DD`, or `--MM-DD` every year. */
  readonly holidays?: ReadonlyArray<string | { readonly date: string; readonly name?: string }>;
  /** A date's own hours, replacing its weekly hours (`[]` closes it); beats a holiday on the same date. */
  readonly overrides?: ReadonlyArray<{ readonly date: string; readonly hours: readonly string[]; readonly name?: string }>;
}
