/**
 * The calendar engine. A query travels this pipeline once per UTC year of a calendar, then answers from cache:
 *
 * 1. **spec** (`spec.ts`): validated JSON, parsed into minute ranges per weekday, holiday and override dates
 *    (`weekly.ts`); composites (`compose.ts`) combine the tables of their parts instead.
 * 2. **year table** (`table.ts`): for UTC year `y`, every local day whose hours can touch the year contributes
 *    its intervals...
 * 3. **zone segments** (`zone.ts`): ...read through the zone's offset segments of that year (stretches of one
 *    UTC offset, found once per year with `Intl`)...
 * 4. **preimages** (`weekly.ts` `pushPreimage`): ...as the real-time stretches whose wall-clock reading lies in
 *    the interval (a DST gap shortens them, a fold lengthens or splits them)...
 * 5. **prefix sums** (`table.ts` `buildTable`): ...sorted, merged, and summed, so that `cum[i]` is the business
 *    time of the year before interval `i`.
 * 6. **binary search** (`kernels.ts`, `day-kernels.ts`): membership, measure, addition, transitions and
 *    business days are binary searches in one or two year tables, on epoch milliseconds.
 *
 * Long spans pay for the years they need, not the years they cross: a year that cannot hold business time is
 * never compiled (`yearMayHaveBusinessTime`), whole years in between come from cached totals (`yearTotal`,
 * `yearBusinessDays`), and a year that repeats one 400 years earlier borrows its totals (`canonicalYear`).
 *
 * The public functions (`arithmetic.ts`, `query.ts`, `transitions.ts`, `days.ts`) validate their arguments and
 * call the kernels; other modules call the kernels through `internal.ts`.
 */
import { BUSINESS_CLOCK, type BusinessClock } from '../core/business-clock.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, utcYearStart } from '../core/instant.js';
import { argumentError } from '../core/messages.js';
import { BLOCK_CACHE_SIZE, DAY_MS, GREGORIAN_CYCLE_YEARS, PERIODIC_FROM_YEAR, SEGMENT_MARGIN_MS } from './constants.js';
import { notACalendar } from './failures.js';
import { addBackward, addForward, nextOpen } from './kernels.js';
import type { CalendarSpec } from './spec.js';
import { emptyTable, type BlockTable } from './table.js';
import { zoneSegments, type ZoneSegment } from './zone.js';

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

// The cross-build brand: a calendar made by the ESM build is recognised by the CJS build and the other way
// round (the engine's methods travel with the object). The value is the engine protocol version.
const CALENDAR_BRAND: unique symbol = Symbol.for('itsm-kit.BusinessCalendar') as never;
const ENGINE_PROTOCOL = 1;

/** The shared machinery of every calendar: per-year tables, cached, and the lookups built on them. */
export abstract class CalendarEngine implements BusinessCalendar {
  abstract readonly kind: BusinessCalendar['kind'];
  abstract readonly timeZone: string;
  abstract readonly spec: Readonly<CalendarSpec> | null;
  abstract readonly parts: readonly BusinessCalendar[];

  /** @internal */
  readonly [CALENDAR_BRAND] = ENGINE_PROTOCOL;

  private readonly blocks = new Map<number, BlockTable>();
  // The two most recently used years, checked before the map: most queries stay within one or two years.
  private last: BlockTable | null = null;
  private lastYear = 0;
  private prev: BlockTable | null = null;
  private prevYear = 0;
  // Year totals and business-day counts survive the eviction of their tables (a few numbers per year).
  private readonly totals = new Map<number, number>();
  private readonly dayCounts = new Map<number, number>();
  private clock: BusinessClock | null = null;

  /** Compiles the table of UTC year `y` (called once per year while cached). */
  protected abstract compile(y: number, from: number, to: number): BlockTable;

  /** The close (or `at` local minutes) of local day `day` if it is a business day, else `null`. */
  abstract dayTarget(day: number, atMinutes: number | null): number | null;

  /** Whether the calendar can have any business time at all (a quick exit for searches). */
  abstract readonly mayHaveBusinessTime: boolean;

  /** Whether UTC year `y` (and the local dates around it) may hold business time; `false` skips compiling it. */
  abstract yearMayHaveBusinessTime(y: number): boolean;

  /**
   * Whether year `y`'s table is a pure function of the weekly pattern, the annual holidays and the zone's final
   * rule (no dated holiday or override near it, `y >= PERIODIC_FROM_YEAR`, every zone repeating), so that it
   * equals year `y - 400` shifted by 146,097 days.
   */
  abstract isPeriodicYear(y: number): boolean;

  /** The business-time protocol other modules use (see core/business-clock.ts). */
  get [BUSINESS_CLOCK](): BusinessClock {
    if (this.clock === null) {
      const clock: BusinessClock = {
        addBusinessMs: (fromMs, ms) => {
          if (!Number.isFinite(fromMs) || fromMs < MIN_SUPPORTED_MS || fromMs >= MAX_SUPPORTED_MS) throw argumentError('fromMs', fromMs, 'epoch milliseconds in years 0001-9999');
          if (!Number.isFinite(ms)) throw argumentError('ms', ms, 'a finite number of milliseconds');
          if (ms === 0) return fromMs;
          return ms > 0 ? addForward(this, fromMs, ms, 'addBusinessTime') : addBackward(this, fromMs, -ms, 'addBusinessTime');
        },
        nextBusinessMs: (ms) => {
          if (!Number.isFinite(ms) || ms < MIN_SUPPORTED_MS || ms >= MAX_SUPPORTED_MS) throw argumentError('ms', ms, 'epoch milliseconds in years 0001-9999');
          return nextOpen(this, ms, 'nextBusinessTime');
        },
      };
      this.clock = Object.freeze(clock);
    }
    return this.clock;
  }

  tableOfYear(y: number): BlockTable {
    if (this.last !== null && this.lastYear === y) return this.last;
    if (this.prev !== null && this.prevYear === y) return this.prev;
    let t = this.blocks.get(y);
    if (t === undefined) {
      const from = utcYearStart(y), to = utcYearStart(y + 1);
      t = this.yearMayHaveBusinessTime(y) ? this.compile(y, from, to) : emptyTable(from, to);
      if (this.blocks.size >= BLOCK_CACHE_SIZE) {
        const oldest = this.blocks.keys().next().value as number;
        this.blocks.delete(oldest);
      }
      this.blocks.set(y, t);
      if (!this.totals.has(y)) this.totals.set(y, t.total);
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

  /**
   * An earlier year with the same table (shifted by whole 400-year cycles) when `y` is periodic, else `y`:
   * long measures compile one cycle at most.
   */
  canonicalYear(y: number): number {
    if (y < PERIODIC_FROM_YEAR + GREGORIAN_CYCLE_YEARS || !this.isPeriodicYear(y)) return y;
    for (let c = PERIODIC_FROM_YEAR + ((y - PERIODIC_FROM_YEAR) % GREGORIAN_CYCLE_YEARS); c < y; c += GREGORIAN_CYCLE_YEARS) {
      if (this.isPeriodicYear(c)) return c;
    }
    return y;
  }

  /** Business ms of UTC year `y`, without compiling it when it is empty or periodic. */
  yearTotal(y: number): number {
    const hit = this.totals.get(y);
    if (hit !== undefined) return hit;
    let total: number;
    if (!this.yearMayHaveBusinessTime(y)) total = 0;
    else {
      const c = this.canonicalYear(y);
      total = c !== y ? this.yearTotal(c) : this.tableOfYear(y).total;
    }
    this.totals.set(y, total);
    return total;
  }

  /** How many business days the local dates of year `y` hold (in the calendar's zone). */
  yearBusinessDays(y: number): number {
    const hit = this.dayCounts.get(y);
    if (hit !== undefined) return hit;
    let count = 0;
    if (this.yearMayHaveBusinessTime(y - 1) || this.yearMayHaveBusinessTime(y) || this.yearMayHaveBusinessTime(y + 1)) {
      const c = this.canonicalYear(y);
      if (c !== y) count = this.yearBusinessDays(c);
      else {
        const last = utcYearStart(y + 1) / DAY_MS;
        for (let day = utcYearStart(y) / DAY_MS; day < last; day++) if (this.dayTarget(day, null) !== null) count++;
      }
    }
    this.dayCounts.set(y, count);
    return count;
  }

  /** Zone segments around the year containing `t`, in the calendar's zone. */
  segmentsAround(t: number): readonly ZoneSegment[] {
    const y = new Date(t).getUTCFullYear();
    return segmentsForYear(this.timeZone, utcYearStart(y), utcYearStart(y + 1));
  }

  /** The calendar zone's offset at `t`. */
  offsetAt(t: number): number {
    for (const s of this.segmentsAround(t)) if (t >= s.from && t < s.to) return s.offset;
    /* c8 ignore next */
    throw new Error('unreachable: segments cover their year');
  }

  /** The local date of `t` in the calendar's zone, as days since 1970-01-01. */
  localDay(t: number): number {
    return Math.floor((t + this.offsetAt(t)) / DAY_MS);
  }
}

/** Zone segments covering `[from, to)` with the margin used by compilation. */
export function segmentsForYear(zone: string, from: number, to: number): readonly ZoneSegment[] {
  return zoneSegments(zone, from - SEGMENT_MARGIN_MS, to + SEGMENT_MARGIN_MS);
}

/** The engine behind a calendar from any build of the library, or `null`. Never throws. */
function brandedEngine(value: unknown): CalendarEngine | null {
  if (typeof value !== 'object' || value === null) return null;
  try {
    if (value instanceof CalendarEngine) return value;
    return (value as { [CALENDAR_BRAND]?: unknown })[CALENDAR_BRAND] === ENGINE_PROTOCOL ? (value as CalendarEngine) : null;
  } catch {
    return null; // a Proxy whose traps throw
  }
}

/**
 * Whether a value is a {@link BusinessCalendar} made by this library (by any of its builds: a calendar from
 * the CJS build is recognised by the ESM one, so mixing `import` and `require` is safe).
 *
 * @param value - Anything.
 * @returns `true` for a calendar made by {@link createCalendar}, {@link calendar24x7}, the composition
 * functions or {@link withTimeZone}.
 * @example
 * ```ts
 * isBusinessCalendar(createCalendar(spec)); // true
 * isBusinessCalendar({ timeZone: 'UTC' });  // false
 * ```
 * @category Calendar
 */
export function isBusinessCalendar(value: unknown): value is BusinessCalendar {
  return brandedEngine(value) !== null;
}

/** Returns the engine behind a calendar or throws a clear error for anything else. */
export function engineOf(cal: BusinessCalendar, field = 'cal'): CalendarEngine {
  try {
    if (cal instanceof CalendarEngine) return cal; // the hot path: a calendar of this copy
  } catch {
    // a Proxy whose getPrototypeOf trap throws: not a calendar
  }
  const engine = brandedEngine(cal);
  if (engine !== null) return engine;
  throw notACalendar(field, cal);
}
