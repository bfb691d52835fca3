import { atBoundary, ItsmError, validationError } from '../core/errors.js';
import { argumentError, optionsNotObjectError } from '../core/messages.js';
import { describeValue } from '../core/describe.js';
import { issuesFromZod } from '../core/schema.js';
import { isKnownTimeZone, offsetAt } from '../calendar/zone.js';
import { CalendarSpecSchema, parseRange, plainDataIssues, WEEKDAYS, type CalendarSpec, type Weekday } from '../calendar/spec.js';

const DAY_MIN = 1440;
const MINUTE_MS = 60_000;

/**
 * The part of a `date-holidays` instance this adapter reads (structural, so the package stays an optional peer:
 * pass `new Holidays('DE')` from `date-holidays`, or anything with the same two methods).
 *
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 * const source: DateHolidaysLike = new Holidays('DE', 'BY');
 * ```
 * @category Holidays
 */
export interface DateHolidaysLike {
  /** The year's holidays; `date` is the local start `"YYYY-MM-DD hh:mm:ss"`, `end` the real end instant. */
  getHolidays(year: number): ReadonlyArray<{
    readonly date: string;
    readonly start?: Date;
    readonly end: Date;
    readonly name: string;
    readonly type: string;
    readonly substitute?: boolean;
  }>;
  /** The zones of the selected country / state; the first is the one `date-holidays` computes in by default. */
  getTimezones?(): string[] | undefined;
}

/**
 * A holiday of a calendar spec, as `holidaysFromDateHolidays` returns it: a closed date with its name.
 *
 * @example
 * ```ts
 * const h: CalendarHoliday = { date: '2026-12-25', name: '1. Weihnachtstag' };
 * ```
 * @category Holidays
 */
export interface CalendarHoliday {
  readonly date: string;
  readonly name: string;
}

/**
 * A date override of a calendar spec: the date's own hours (what is left of its weekly hours on a half day).
 *
 * @example
 * ```ts
 * const o: CalendarOverride = { date: '2026-12-24', hours: ['09:00-14:00'], name: 'Heiliger Abend' };
 * ```
 * @category Holidays
 */
export interface CalendarOverride {
  readonly date: string;
  readonly hours: readonly string[];
  readonly name: string;
}

/**
 * Options of {@link holidaysFromDateHolidays} and {@link calendarSpecWithHolidays}.
 *
 * @example
 * ```ts
 * const options: DateHolidaysOptions = { years: [2026, 2027], types: ['public', 'bank'] };
 * ```
 * @category Holidays
 */
export interface DateHolidaysOptions {
  /** The years to read (needed: a library has no clock to pick "this year"). */
  readonly years?: number | readonly number[];
  /** Which `date-holidays` types close the calendar; default `['public', 'bank']`. */
  readonly types?: readonly string[];
  /**
   * The weekly hours the half days are cut from (a date closed from 14:00 keeps its weekly hours before 14:00).
   * Default: a day open 00:00-24:00. {@link calendarSpecWithHolidays} passes the spec's own weekly hours.
   */
  readonly weekly?: CalendarSpec['weekly'];
  /** The zone the holidays are read in; default the first of `hd.getTimezones()`, which `date-holidays` uses. */
  readonly timeZone?: string;
}

/**
 * What {@link holidaysFromDateHolidays} returns: whole closed dates and the half days as overrides, ready for
 * a {@link calendar!CalendarSpec}'s `holidays` and `overrides`.
 *
 * @example
 * ```ts
 * const { holidays, overrides }: DateHolidaysResult = holidaysFromDateHolidays(hd, { years: 2026 });
 * ```
 * @category Holidays
 */
export interface DateHolidaysResult {
  readonly holidays: CalendarHoliday[];
  readonly overrides: CalendarOverride[];
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?/;

/** Local wall-clock epoch (ms, the wall reading taken as UTC) of a `date-holidays` date string. */
function readLocal(text: unknown, where: string): number {
  const m = typeof text === 'string' ? LOCAL.exec(text) : null;
  if (m === null) throw new ItsmError('invalid_argument', `${where}: ${describeValue(text)} is not a date-holidays date "YYYY-MM-DD hh:mm:ss".`, { details: { field: where } });
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
}

const pad = (n: number): string => String(n).padStart(2, '0');
const dateKey = (localMs: number): string => new Date(localMs).toISOString().slice(0, 10);
const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function weekdayOf(localDayMs: number): Weekday {
  return WEEKDAYS[(new Date(localDayMs).getUTCDay() + 6) % 7]!;
}

/** The weekly items of a day minus the closed minutes `[from, to)` of that day, as `HH:MM-HH:MM` items. */
function remainingHours(items: readonly string[], from: number, to: number): string[] {
  const out: string[] = [];
  for (const item of items) {
    const r = parseRange(item);
    if ('error' in r) throw new ItsmError('invalid_argument', `options.weekly: ${r.error}.`, { details: { field: 'options.weekly' } });
    const [s, e] = r;
    const pieces: Array<[number, number]> = [[s, Math.min(e, from)], [Math.max(s, to), e]];
    for (const [a, b] of pieces) {
      // A piece starting at or after midnight would belong to the next date; the date's override owns only its own.
      if (b > a && a < DAY_MIN) out.push(`${hhmm(a)}-${b === DAY_MIN ? '24:00' : hhmm(b % DAY_MIN)}`);
    }
  }
  return out;
}

function parseSame(a: string, b: string): boolean {
  const x = parseRange(a), y = parseRange(b);
  return !('error' in x) && !('error' in y) && x[0] === y[0] && x[1] === y[1];
}

function readYears(years: DateHolidaysOptions['years']): number[] {
  const list = typeof years === 'number' ? [years] : years;
  if (!Array.isArray(list) || list.length === 0) {
    throw argumentError('options.years', years, 'a year or a non-empty list of years (such as [2026, 2027])');
  }
  for (const y of list) {
    if (!Number.isInteger(y) || y < 1 || y > 9999) throw argumentError('options.years', y, 'a year between 1 and 9999');
  }
  return [...new Set(list as number[])].sort((a, b) => a - b);
}

/**
 * Turns the holidays of a `date-holidays` instance into calendar holidays and date overrides. A holiday that
 * closes a whole local day becomes a holiday; one that closes part of a day (German "Heiliger Abend" from
 * 14:00) becomes an override keeping the weekly hours outside the closed part. Several holidays on one date
 * are merged (names joined with " / "); a whole-day closure wins over a partial one.
 *
 * This module never imports `date-holidays`: it reads the instance you pass, so the package stays an optional
 * peer dependency.
 *
 * @param hd - A `date-holidays` instance (`new Holidays('US')`), or anything shaped like {@link DateHolidaysLike}.
 * @param options - `years` (needed), `types`, `weekly`, `timeZone`.
 * @returns `{ holidays, overrides }`, sorted by date.
 * @throws {@link core!ItsmError} `invalid_argument` for missing years or a malformed instance (also when a getter
 * or a Proxy trap of the caller's value throws, the original kept as `cause`); `unknown_time_zone`.
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 * const { holidays, overrides } = holidaysFromDateHolidays(new Holidays('DE'), { years: 2026, weekly: spec.weekly });
 * ```
 * @category Holidays
 */
export function holidaysFromDateHolidays(hd: DateHolidaysLike, options: DateHolidaysOptions = {}): DateHolidaysResult {
  // A throwing getter / Proxy trap of the caller's values leaves as an ItsmError, never as the caller's own Error.
  return atBoundary(() => readHolidays(hd, options));
}

function readTypes(types: DateHolidaysOptions['types']): Set<unknown> {
  if (types === undefined) return new Set(['public', 'bank']);
  if (!Array.isArray(types)) throw argumentError('options.types', types, 'a list of date-holidays types (such as ["public", "bank"])');
  return new Set(types);
}

function readHolidays(hd: DateHolidaysLike, options: DateHolidaysOptions): DateHolidaysResult {
  if (hd === null || typeof hd !== 'object' || typeof hd.getHolidays !== 'function') {
    throw argumentError('hd', hd, 'a date-holidays instance (new Holidays("US"))');
  }
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ years, types?, weekly?, timeZone? }');
  const years = readYears(options.years);
  const types = readTypes(options.types);
  const zone = options.timeZone ?? (typeof hd.getTimezones === 'function' ? hd.getTimezones()?.[0] : undefined);
  if (zone !== undefined && !isKnownTimeZone(zone)) {
    throw new ItsmError('unknown_time_zone', `options.timeZone: ${describeValue(zone)} is not an IANA time zone known to this platform; use a name such as "Europe/Berlin".`, { details: { field: 'options.timeZone' } });
  }
  const full = new Map<string, string[]>();
  const partial = new Map<string, { from: number; to: number; names: string[] }>();
  for (const year of years) {
    const list = hd.getHolidays(year);
    if (!Array.isArray(list)) throw argumentError('hd.getHolidays()', list, 'a list of holidays');
    list.forEach((h, i) => {
      if (h === null || typeof h !== 'object' || !types.has(h.type)) return;
      const where = `hd.getHolidays(${year})[${i}]`;
      const start = readLocal(h.date, `${where}.date`);
      const endMs = h.end instanceof Date ? h.end.getTime() : NaN;
      if (!Number.isFinite(endMs)) throw argumentError(`${where}.end`, h.end, 'a valid Date');
      // The end's wall-clock reading: in the zone when known, else with the offset the start was read at.
      const end = zone !== undefined
        ? endMs + offsetAt(zone, endMs)
        : endMs + (h.start instanceof Date ? start - h.start.getTime() : 0);
      const name = typeof h.name === 'string' ? h.name : String(h.name);
      for (let day = Math.floor(start / 86_400_000) * 86_400_000; day < end; day += 86_400_000) {
        const from = Math.max(0, Math.round((start - day) / MINUTE_MS));
        const to = Math.min(DAY_MIN, Math.round((end - day) / MINUTE_MS));
        if (to <= from) continue;
        const key = dateKey(day);
        if (from === 0 && to === DAY_MIN) {
          const names = full.get(key);
          if (names === undefined) full.set(key, [name]);
          else if (!names.includes(name)) names.push(name);
          continue;
        }
        const p = partial.get(key);
        if (p === undefined) partial.set(key, { from, to, names: [name] });
        else {
          p.from = Math.min(p.from, from);
          p.to = Math.max(p.to, to);
          if (!p.names.includes(name)) p.names.push(name);
        }
      }
    });
  }
  const holidays = [...full].map(([date, names]) => ({ date, name: names.join(' / ') }));
  const overrides: CalendarOverride[] = [];
  for (const [date, p] of partial) {
    if (full.has(date)) continue;
    const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
    const weekly = options.weekly === undefined ? ['00:00-24:00'] : options.weekly[weekdayOf(day)] ?? [];
    const hours = remainingHours(weekly, p.from, p.to);
    // A closure outside the day's hours (Halloween from 18:00 in a 09-17 office) changes nothing: no override.
    if (hours.length === weekly.length && hours.every((h, i) => parseSame(h, weekly[i]!))) continue;
    overrides.push({ date, hours, name: p.names.join(' / ') });
  }
  const byDate = (a: { date: string }, b: { date: string }): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return { holidays: holidays.sort(byDate), overrides: overrides.sort(byDate) };
}

/**
 * A copy of a calendar spec with the holidays of a `date-holidays` instance added: whole days to `holidays`,
 * half days to `overrides` cut from the spec's own weekly hours, read in the spec's zone. The spec's own
 * holidays and overrides are kept, and an override already in the spec beats one from `date-holidays`.
 *
 * @param spec - The calendar spec (weekly hours and zone).
 * @param hd - A `date-holidays` instance.
 * @param options - `years` (needed) and `types`; `weekly` and `timeZone` come from the spec.
 * @returns A new spec, ready for `createCalendar`.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue of an invalid spec (as `createCalendar`);
 * `invalid_argument` for options that are not a plain object; otherwise as {@link holidaysFromDateHolidays}.
 * @example
 * ```ts
 * import Holidays from 'date-holidays';
 * const berlin = createCalendar(calendarSpecWithHolidays(spec, new Holidays('DE', 'BE'), { years: [2026, 2027] }));
 * ```
 * @category Holidays
 */
export function calendarSpecWithHolidays(spec: CalendarSpec, hd: DateHolidaysLike, options: DateHolidaysOptions = {}): CalendarSpec {
  return atBoundary(() => withHolidays(spec, hd, options));
}

/** Whether a value is a plain object (`{}` or `Object.create(null)`), not an array, a string or a class instance. */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function withHolidays(spec: CalendarSpec, hd: DateHolidaysLike, options: DateHolidaysOptions | undefined): CalendarSpec {
  // Checked before anything reads the options: a long string is refused at once, not spread key by key.
  if (options !== undefined && !isPlainObject(options)) throw optionsNotObjectError('options', '{ years, types? }');
  // The spec is validated as createCalendar would (every issue listed), and only the validated copy is read.
  const plain = plainDataIssues(spec);
  const r = CalendarSpecSchema.safeParse(spec);
  if (!r.success || plain.length > 0) throw validationError('calendar spec', [...plain, ...(r.success ? [] : issuesFromZod(r.error))]);
  const valid = r.data;
  const opts = options ?? {};
  const { holidays, overrides } = readHolidays(hd, { years: opts.years, types: opts.types, weekly: valid.weekly, timeZone: valid.timeZone });
  // The spec's own overrides win, and its own closed dates stay closed (an override would reopen them).
  const own = new Set((valid.overrides ?? []).map((o) => o.date));
  for (const h of valid.holidays ?? []) own.add(typeof h === 'string' ? h : h.date);
  const taken = (date: string): boolean => own.has(date) || own.has(`--${date.slice(5)}`);
  return {
    ...valid,
    holidays: [...(valid.holidays ?? []), ...holidays],
    overrides: [...(valid.overrides ?? []), ...overrides.filter((o) => !taken(o.date))],
  };
}
