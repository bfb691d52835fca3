import { ItsmError } from '../core/errors.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, toEpochMs, utcYearStart, type Instant } from '../core/instant.js';
import type { CalendarSpec } from './spec.js';
import type { BlockTable } from './table.js';
import { zoneSegments, type ZoneSegment } from './zone.js';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** How many consecutive years without business time end a search with `no_business_time`. */
export const EMPTY_YEARS_LIMIT = 10;

/** Margin around a block for which zone offsets are resolved (covers overnight intervals and ±15 h offsets). */
const SEGMENT_MARGIN_MS = 4 * DAY_MS;

/** How many compiled years a calendar keeps; older ones are dropped first. */
const BLOCK_CACHE_SIZE = 64;

/**
 * A compiled business calendar, usable by every function of `itsm-kit/calendar`. Build one with
 * {@link createCalendar}, {@link calendar24x7} or the composition functions; the object is immutable
 * (it caches compiled years internally, which never changes any answer).
 *
 * @example
 * ```ts
 * const cal: BusinessCalendar = createCalendar({ timeZone: 'Europe/London', weekly: { mon: ['09:00-17:00'] } });
 * cal.timeZone; // 'Europe/London'
 * ```
 * @category Calendar
 */
export interface BusinessCalendar {
  /** `weekly` for a calendar built from a spec, otherwise how it was composed. */
  readonly kind: 'weekly' | 'union' | 'intersection' | 'difference';
  /**
   * The zone of the calendar's hours; for a composite, the zone of its first part. Composite calendars use it
   * only to decide which local date a business day is (see {@link addBusinessDays}).
   */
  readonly timeZone: string;
  /** The validated spec of a `weekly` calendar (deep-frozen), `null` for a composite. */
  readonly spec: Readonly<CalendarSpec> | null;
  /** The calendars a composite is made of (empty for `weekly`). */
  readonly parts: readonly BusinessCalendar[];
}

/** Smallest and largest supported instants: years 0001 to 9999. */
export const MIN_MS = MIN_SUPPORTED_MS;
export const MAX_MS = MAX_SUPPORTED_MS;

/** First instant of UTC year `y`. */
export const yearStart = utcYearStart;

/** Reads an instant argument and checks the supported range. */
export function instantArg(value: Instant, field: string): number {
  return toEpochMs(value, field);
}

/** The shared machinery of every calendar: per-year tables, cached, and the lookups built on them. */
export abstract class CalendarEngine implements BusinessCalendar {
  abstract readonly kind: BusinessCalendar['kind'];
  abstract readonly timeZone: string;
  abstract readonly spec: Readonly<CalendarSpec> | null;
  abstract readonly parts: readonly BusinessCalendar[];

  private readonly blocks = new Map<number, BlockTable>();
  // The two most recently used years, checked before the map: most queries stay within one or two years.
  private last: BlockTable | null = null;
  private lastYear = 0;
  private prev: BlockTable | null = null;
  private prevYear = 0;

  /** Compiles the table of UTC year `y` (called once per year while cached). */
  protected abstract compile(y: number, from: number, to: number): BlockTable;

  /** The close (or `at` local minutes) of local day `day` if it is a business day, else `null`. */
  abstract dayTarget(day: number, atMinutes: number | null): number | null;

  /** Whether the calendar can have any business time at all (a quick exit for searches). */
  abstract readonly mayHaveBusinessTime: boolean;

  tableOfYear(y: number): BlockTable {
    if (this.last !== null && this.lastYear === y) return this.last;
    if (this.prev !== null && this.prevYear === y) return this.prev;
    let t = this.blocks.get(y);
    if (t === undefined) {
      t = this.compile(y, yearStart(y), yearStart(y + 1));
      if (this.blocks.size >= BLOCK_CACHE_SIZE) {
        const oldest = this.blocks.keys().next().value as number;
        this.blocks.delete(oldest);
      }
      this.blocks.set(y, t);
    }
    this.prev = this.last;
    this.prevYear = this.lastYear;
    this.last = t;
    this.lastYear = y;
    return t;
  }

  /** The table of the year containing `t`. */
  tableAt(t: number): BlockTable {
    const last = this.last;
    if (last !== null && t >= last.from && t < last.to) return last;
    const prev = this.prev;
    if (prev !== null && t >= prev.from && t < prev.to) {
      // Swap so that alternating between two years stays on the fast path.
      const prevYear = this.prevYear;
      this.prev = last;
      this.prevYear = this.lastYear;
      this.last = prev;
      this.lastYear = prevYear;
      return prev;
    }
    return this.tableOfYear(new Date(t).getUTCFullYear());
  }

  /** Zone segments around the year containing `t`, in the calendar's zone. */
  segmentsAround(t: number): readonly ZoneSegment[] {
    const y = new Date(t).getUTCFullYear();
    return zoneSegments(this.timeZone, yearStart(y) - SEGMENT_MARGIN_MS, yearStart(y + 1) + SEGMENT_MARGIN_MS);
  }

  /** The calendar zone's offset at `t`. */
  offsetAt(t: number): number {
    for (const s of this.segmentsAround(t)) if (t >= s.from && t < s.to) return s.offset;
    /* c8 ignore next */
    throw new Error('unreachable: segments cover their year');
  }
}

/** Zone segments covering year `y` with the margin used by compilation. */
export function segmentsForYear(zone: string, from: number, to: number): readonly ZoneSegment[] {
  return zoneSegments(zone, from - SEGMENT_MARGIN_MS, to + SEGMENT_MARGIN_MS);
}

/**
 * Whether a value is a {@link BusinessCalendar} made by this library.
 *
 * @example
 * ```ts
 * isBusinessCalendar(createCalendar(spec)); // true
 * isBusinessCalendar({ timeZone: 'UTC' });  // false
 * ```
 * @category Calendar
 */
export function isBusinessCalendar(value: unknown): value is BusinessCalendar {
  return value instanceof CalendarEngine;
}

/**
 * Returns the engine behind a calendar or throws a clear error for anything else.
 */
export function engineOf(cal: BusinessCalendar): CalendarEngine {
  if (cal instanceof CalendarEngine) return cal;
  throw new ItsmError('invalid_argument', 'cal: expected a BusinessCalendar; build one with createCalendar(spec), calendar24x7() or a composition function.', { details: { field: 'cal' } });
}

/** The error thrown when a search finds no business time within {@link EMPTY_YEARS_LIMIT} years. */
export function noBusinessTime(fn: string, from: number): ItsmError {
  return new ItsmError('no_business_time', `${fn}: the calendar has no business time within ${EMPTY_YEARS_LIMIT} years of ${new Date(from).toISOString()}; check its weekly hours, holidays and overrides.`, { details: { from: new Date(from) } });
}

/** The error thrown when a result would fall outside years 0001-9999. */
export function outOfRange(fn: string): ItsmError {
  return new ItsmError('invalid_argument', `${fn}: the result falls outside the supported range (years 0001 to 9999); use a smaller amount.`);
}
