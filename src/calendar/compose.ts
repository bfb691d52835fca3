import { ItsmError } from '../core/errors.js';
import { utcYearStart } from '../core/instant.js';
import { DAY_MS, MINUTE_MS } from './constants.js';
import type { BusinessCalendar } from './engine.js';
import { CalendarEngine, engineOf, segmentsForYear } from './engine.js';
import { intersectTables, lastStartAtOrBefore, subtractTables, unionTables, type BlockTable } from './table.js';
import { earliestInstantAtOrAfter } from './zone.js';

abstract class CompositeCalendar extends CalendarEngine {
  readonly spec = null;
  readonly timeZone: string;
  readonly parts: readonly CalendarEngine[];

  constructor(parts: readonly CalendarEngine[]) {
    super();
    this.parts = Object.freeze([...parts]);
    this.timeZone = parts[0]!.timeZone;
  }

  /**
   * A composite has no hours of its own, so a business day is a local date (in {@link timeZone}) that holds
   * business time between its midnights, and its close is the end of the last such stretch.
   */
  dayTarget(day: number, atMinutes: number | null): number | null {
    const y = new Date(day * DAY_MS).getUTCFullYear();
    const segs = segmentsForYear(this.timeZone, utcYearStart(y), utcYearStart(y + 1));
    const from = earliestInstantAtOrAfter(segs, day * DAY_MS);
    const to = earliestInstantAtOrAfter(segs, (day + 1) * DAY_MS);
    if (from === null || to === null || to <= from) return null;
    // The last business instant before `to`, searched from the later block backwards (a day can span two).
    let close: number | null = null;
    for (let t = to - 1; t >= from && close === null; ) {
      const table = this.tableAt(t);
      const i = lastStartAtOrBefore(table, t);
      if (i >= 0 && table.ends[i]! > from) close = Math.min(table.ends[i]!, to);
      t = table.from - 1;
    }
    if (close === null) return null;
    if (atMinutes !== null) return earliestInstantAtOrAfter(segs, day * DAY_MS + atMinutes * MINUTE_MS);
    return close;
  }

  isPeriodicYear(y: number): boolean {
    return this.parts.every((p) => p.isPeriodicYear(y));
  }
}

class UnionCalendar extends CompositeCalendar {
  readonly kind = 'union' as const;
  readonly mayHaveBusinessTime = this.parts.some((p) => p.mayHaveBusinessTime);
  yearMayHaveBusinessTime(y: number): boolean {
    return this.parts.some((p) => p.yearMayHaveBusinessTime(y));
  }
  protected compile(y: number): BlockTable {
    return unionTables(this.parts.map((p) => p.tableOfYear(y)));
  }
}

class IntersectionCalendar extends CompositeCalendar {
  readonly kind = 'intersection' as const;
  readonly mayHaveBusinessTime = this.parts.every((p) => p.mayHaveBusinessTime);
  yearMayHaveBusinessTime(y: number): boolean {
    return this.parts.every((p) => p.yearMayHaveBusinessTime(y));
  }
  protected compile(y: number): BlockTable {
    let t = this.parts[0]!.tableOfYear(y);
    for (let i = 1; i < this.parts.length; i++) t = intersectTables(t, this.parts[i]!.tableOfYear(y));
    return t;
  }
}

class DifferenceCalendar extends CompositeCalendar {
  readonly kind = 'difference' as const;
  readonly mayHaveBusinessTime = this.parts[0]!.mayHaveBusinessTime;
  yearMayHaveBusinessTime(y: number): boolean {
    return this.parts[0]!.yearMayHaveBusinessTime(y);
  }
  protected compile(y: number): BlockTable {
    return subtractTables(this.parts[0]!.tableOfYear(y), this.parts[1]!.tableOfYear(y));
  }
}

function engines(fn: string, cals: readonly BusinessCalendar[]): CalendarEngine[] {
  if (cals.length === 0) {
    throw new ItsmError('invalid_argument', `${fn}: pass at least one calendar.`, { details: { field: 'cals' } });
  }
  return cals.map((c, i) => engineOf(c, `${fn}: cals[${i}]`));
}

/**
 * A calendar open whenever any of `cals` is open: "follow-the-sun" support from regional desks in their own zones.
 *
 * @param cals - One or more calendars, in any zones.
 * @returns The union; its {@link BusinessCalendar.timeZone} is the first part's.
 * @throws {@link core!ItsmError} `invalid_argument` when no calendar is given.
 * @example
 * ```ts
 * const followTheSun = unionCalendars(londonDesk, newYorkDesk, sydneyDesk);
 * ```
 * @category Composition
 */
export function unionCalendars(...cals: BusinessCalendar[]): BusinessCalendar {
  return new UnionCalendar(engines('unionCalendars', cals));
}

/**
 * A calendar open only when every one of `cals` is open: "when both the vendor and our desk are working".
 *
 * @param cals - One or more calendars, in any zones.
 * @returns The intersection; its {@link BusinessCalendar.timeZone} is the first part's.
 * @throws {@link core!ItsmError} `invalid_argument` when no calendar is given.
 * @example
 * ```ts
 * const jointHours = intersectCalendars(ourDesk, vendorDesk);
 * ```
 * @category Composition
 */
export function intersectCalendars(...cals: BusinessCalendar[]): BusinessCalendar {
  return new IntersectionCalendar(engines('intersectCalendars', cals));
}

/**
 * A calendar open when `a` is open and `b` is not: "support hours minus maintenance windows".
 *
 * @param a - The calendar to take time from.
 * @param b - The time to remove (any zone).
 * @returns The difference; its {@link BusinessCalendar.timeZone} is `a`'s.
 * @throws {@link core!ItsmError} `invalid_argument` when either is not a calendar.
 * @example
 * ```ts
 * const maintenance = createCalendar({ timeZone: 'UTC', weekly: { sun: ['02:00-04:00'] } });
 * const serviceHours = subtractCalendars(calendar24x7(), maintenance);
 * ```
 * @category Composition
 */
export function subtractCalendars(a: BusinessCalendar, b: BusinessCalendar): BusinessCalendar {
  return new DifferenceCalendar([engineOf(a, 'subtractCalendars: a'), engineOf(b, 'subtractCalendars: b')]);
}
