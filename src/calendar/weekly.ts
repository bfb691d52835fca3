import { frozenCopy } from '../core/freeze.js';
import type { BusinessCalendar } from './engine.js';
import { CalendarEngine, DAY_MS, MINUTE_MS, segmentsForYear, yearStart } from './engine.js';
import { WEEKDAYS, parseDateKey, parseRange, type CalendarSpec, type MinuteRange } from './spec.js';
import { buildTable, type BlockTable, type IntervalList } from './table.js';
import { earliestInstantAtOrAfter, type ZoneSegment } from './zone.js';

/** Days since 1970-01-01 of a civil date. */
function dayNumber(year: number, month: number, day: number): number {
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


/** A calendar built from a validated {@link CalendarSpec}. */
export class WeeklyCalendar extends CalendarEngine {
  readonly kind = 'weekly' as const;
  readonly timeZone: string;
  readonly spec: Readonly<CalendarSpec>;
  readonly parts: readonly BusinessCalendar[] = [];
  readonly mayHaveBusinessTime: boolean;

  /** Hours per JavaScript weekday (0 = Sunday). */
  private readonly byWeekday: MinuteRange[][];
  private readonly fixedHolidays = new Set<number>();
  /** Annual holidays as `month * 100 + day`. */
  private readonly annualHolidays = new Set<number>();
  private readonly overrides = new Map<number, MinuteRange[]>();

  constructor(spec: CalendarSpec) {
    super();
    this.spec = frozenCopy(spec);
    this.timeZone = spec.timeZone;
    const jsOrder = ['sun', ...WEEKDAYS.slice(0, 6)] as const;
    this.byWeekday = jsOrder.map((d) => ranges(spec.weekly[d]));
    for (const h of spec.holidays ?? []) {
      const key = parseDateKey(typeof h === 'string' ? h : h.date);
      if (key === null) continue;
      if (key.year === null) this.annualHolidays.add(key.month * 100 + key.day);
      else this.fixedHolidays.add(dayNumber(key.year, key.month, key.day));
    }
    for (const o of spec.overrides ?? []) {
      const key = parseDateKey(o.date);
      if (key !== null && key.year !== null) this.overrides.set(dayNumber(key.year, key.month, key.day), ranges(o.hours));
    }
    this.mayHaveBusinessTime = this.byWeekday.some((r) => r.length > 0) || [...this.overrides.values()].some((r) => r.length > 0);
  }

  /** The hours that start on local day `day` (days since 1970-01-01), after overrides and holidays. */
  hoursOf(day: number): readonly MinuteRange[] {
    const o = this.overrides.get(day);
    if (o !== undefined) return o;
    if (this.fixedHolidays.has(day)) return [];
    if (this.annualHolidays.size > 0) {
      const d = new Date(day * DAY_MS);
      if (this.annualHolidays.has((d.getUTCMonth() + 1) * 100 + d.getUTCDate())) return [];
    }
    return this.byWeekday[(((day + 4) % 7) + 7) % 7]!;
  }

  protected compile(_y: number, from: number, to: number): BlockTable {
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
    const segs = segmentsForYear(this.timeZone, yearStart(y), yearStart(y + 1));
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
