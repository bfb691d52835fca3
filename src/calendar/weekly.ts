import { frozenCopy } from '../core/freeze.js';
import { utcYearStart } from '../core/instant.js';
import { DAY_MS, GREGORIAN_CYCLE_YEARS, MINUTE_MS, PERIODIC_FROM_YEAR } from './constants.js';
import type { BusinessCalendar } from './engine.js';
import { CalendarEngine, segmentsForYear } from './engine.js';
import { WEEKDAYS, parseDateKey, parseRange, type CalendarSpec, type MinuteRange } from './spec.js';
import { buildTable, type BlockTable, type IntervalList } from './table.js';
import { earliestInstantAtOrAfter, zoneRepeats, type ZoneSegment } from './zone.js';

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / DAY_MS);
}

function ranges(items: readonly string[] | undefined): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (const item of items ?? []) {
    const r = parseRange(item);
    if (!('error' in r)) out.push(r);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The UTC years whose tables a dated entry on local day `day` can touch (its hours reach ±3 days). */
function touchedYears(into: Set<number>, day: number): void {
  for (let d = day - 3; d <= day + 3; d++) into.add(new Date(d * DAY_MS).getUTCFullYear());
}

/** Which entry of a spec decides a date: an override (beats a holiday), a holiday, or none. */
export interface DateEntry {
  readonly list: 'overrides' | 'holidays';
  readonly index: number;
}

/** A calendar built from a validated {@link CalendarSpec}. */
export class WeeklyCalendar extends CalendarEngine {
  readonly kind = 'weekly' as const;
  readonly timeZone: string;
  readonly spec: Readonly<CalendarSpec>;
  readonly parts: readonly BusinessCalendar[] = [];
  readonly mayHaveBusinessTime: boolean;

  /** Hours per JavaScript weekday (0 = Sunday). */
  private readonly byWeekday: MinuteRange[][];
  private readonly weeklyHasHours: boolean;
  /** Every weekday open from 00:00 to 24:00 (a 24x7 calendar): a year without dated entries is one stretch. */
  private readonly alwaysOpen: boolean;
  /** Dated holidays by day number, annual ones by `month * 100 + day`; the value is the index in the spec. */
  private readonly fixedHolidays = new Map<number, number>();
  private readonly annualHolidays = new Map<number, number>();
  private readonly overrides = new Map<number, { hours: MinuteRange[]; index: number }>();
  /** UTC years near a dated holiday or override (not periodic), and near an override with hours. */
  private readonly datedYears = new Set<number>();
  private readonly openOverrideYears = new Set<number>();

  constructor(spec: CalendarSpec) {
    super();
    this.spec = frozenCopy(spec);
    this.timeZone = spec.timeZone;
    const jsOrder = ['sun', ...WEEKDAYS.slice(0, 6)] as const;
    this.byWeekday = jsOrder.map((d) => ranges(spec.weekly[d]));
    this.weeklyHasHours = this.byWeekday.some((r) => r.length > 0);
    this.alwaysOpen = this.byWeekday.every((r) => r.some(([start, end]) => start === 0 && end >= 1440));
    (spec.holidays ?? []).forEach((h, index) => {
      const key = parseDateKey(typeof h === 'string' ? h : h.date);
      if (key === null) return;
      if (key.year === null) {
        const k = key.month * 100 + key.day;
        if (!this.annualHolidays.has(k)) this.annualHolidays.set(k, index);
      } else {
        const day = dayNumber(key.year, key.month, key.day);
        if (!this.fixedHolidays.has(day)) this.fixedHolidays.set(day, index);
        touchedYears(this.datedYears, day);
      }
    });
    (spec.overrides ?? []).forEach((o, index) => {
      const key = parseDateKey(o.date);
      if (key === null || key.year === null) return;
      const day = dayNumber(key.year, key.month, key.day);
      const hours = ranges(o.hours);
      this.overrides.set(day, { hours, index });
      touchedYears(this.datedYears, day);
      if (hours.length > 0) touchedYears(this.openOverrideYears, day);
    });
    this.mayHaveBusinessTime = this.weeklyHasHours || this.openOverrideYears.size > 0;
  }

  /** The entry of the spec that decides local day `day`, or `null` when its weekly hours apply. */
  entryOf(day: number): DateEntry | null {
    const o = this.overrides.get(day);
    if (o !== undefined) return { list: 'overrides', index: o.index };
    const h = this.holidayOf(day);
    return h === null ? null : { list: 'holidays', index: h };
  }

  /** The index of the holiday listed for local day `day` (dated first, then annual), or `null`. */
  holidayOf(day: number): number | null {
    const fixed = this.fixedHolidays.get(day);
    if (fixed !== undefined) return fixed;
    if (this.annualHolidays.size > 0) {
      const d = new Date(day * DAY_MS);
      const annual = this.annualHolidays.get((d.getUTCMonth() + 1) * 100 + d.getUTCDate());
      if (annual !== undefined) return annual;
    }
    return null;
  }

  /** The hours that start on local day `day` (days since 1970-01-01), after overrides and holidays. */
  hoursOf(day: number): readonly MinuteRange[] {
    const o = this.overrides.get(day);
    if (o !== undefined) return o.hours;
    if (this.fixedHolidays.has(day)) return [];
    if (this.annualHolidays.size > 0) {
      const d = new Date(day * DAY_MS);
      if (this.annualHolidays.has((d.getUTCMonth() + 1) * 100 + d.getUTCDate())) return [];
    }
    return this.byWeekday[(((day + 4) % 7) + 7) % 7]!;
  }

  yearMayHaveBusinessTime(y: number): boolean {
    return this.weeklyHasHours || this.openOverrideYears.has(y);
  }

  isPeriodicYear(y: number): boolean {
    return y >= PERIODIC_FROM_YEAR && !this.datedYears.has(y) && zoneRepeats(this.timeZone, PERIODIC_FROM_YEAR, GREGORIAN_CYCLE_YEARS);
  }

  protected compile(y: number, from: number, to: number): BlockTable {
    // Open around the clock, whatever the offsets: no zone segments needed.
    if (this.alwaysOpen && this.annualHolidays.size === 0 && !this.datedYears.has(y)) return buildTable(from, to, [from, to], true);
    const segs = segmentsForYear(this.timeZone, from, to);
    const list: IntervalList = [];
    const firstDay = Math.floor(from / DAY_MS) - 3;
    const lastDay = Math.floor(to / DAY_MS) + 1;
    for (let day = firstDay; day <= lastDay; day++) {
      for (const r of this.hoursOf(day)) pushPreimage(list, segs, day * DAY_MS + r[0] * MINUTE_MS, day * DAY_MS + r[1] * MINUTE_MS);
    }
    return buildTable(from, to, list);
  }

  dayTarget(day: number, atMinutes: number | null): number | null {
    const hours = this.hoursOf(day);
    if (hours.length === 0) return null;
    const y = new Date(day * DAY_MS).getUTCFullYear();
    const segs = segmentsForYear(this.timeZone, utcYearStart(y), utcYearStart(y + 1));
    const pieces: IntervalList = [];
    for (const r of hours) pushPreimage(pieces, segs, day * DAY_MS + r[0] * MINUTE_MS, day * DAY_MS + r[1] * MINUTE_MS);
    if (pieces.length === 0) return null; // every interval of the day fell into a DST gap
    if (atMinutes !== null) return earliestInstantAtOrAfter(segs, day * DAY_MS + atMinutes * MINUTE_MS);
    let close = -Infinity;
    for (let i = 1; i < pieces.length; i += 2) close = Math.max(close, pieces[i]!);
    return close;
  }
}

/**
 * Appends the real-time stretches whose local reading lies in `[localStart, localEnd)`: on each offset
 * segment the reading is `t + offset`, so the stretch there is `[localStart - offset, localEnd - offset)`
 * clipped to the segment. A gap thus shortens an interval and a fold lengthens it (or splits it in two).
 */
export function pushPreimage(list: IntervalList, segs: readonly ZoneSegment[], localStart: number, localEnd: number): void {
  for (const s of segs) {
    const a = Math.max(localStart - s.offset, s.from);
    const b = Math.min(localEnd - s.offset, s.to);
    if (a < b) list.push(a, b);
  }
}
