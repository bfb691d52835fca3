/**
 * The millisecond kernels: every calendar answer, computed on epoch milliseconds in already validated ranges,
 * with no argument checking and no `Date` allocation. The public functions beside this file validate and
 * wrap; `internal.ts` exposes a few kernels to other modules.
 *
 * Conventions: intervals are half-open `[start, end)`; a year table's intervals are sorted, disjoint and
 * non-touching, but one stretch of business time that crosses a UTC new year appears as two pieces (one ending
 * at the block's `to`, one starting at the next block's `from`), which the transition kernels join.
 */
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, utcYearStart } from '../core/instant.js';
import { DAY_MS, EMPTY_YEARS_LIMIT } from './constants.js';
import type { CalendarEngine } from './engine.js';
import { noBusinessTime, outOfRange } from './failures.js';
import { lastStartAtOrBefore, measureBefore, type BlockTable } from './table.js';

const yearOf = (t: number): number => new Date(t).getUTCFullYear();

// ---------------------------------------------------------------------------------------------------------------
// Measure and addition
// ---------------------------------------------------------------------------------------------------------------

/** Business ms in `[a, b)` for `a <= b`. Whole years in between are summed from cached year totals. */
export function measure(engine: CalendarEngine, a: number, b: number): number {
  const table = engine.tableAt(a);
  if (b <= table.to) return measureBefore(table, b) - measureBefore(table, a);
  let sum = table.total - measureBefore(table, a);
  for (let y = yearOf(table.to); ; y++) {
    const end = utcYearStart(y + 1);
    if (b < end) return sum + measureBefore(engine.tableOfYear(y), b);
    sum += engine.yearTotal(y);
    if (b === end) return sum;
  }
}

/** Smallest index `k` with `cum[k] >= target`. */
function firstCumAtLeast(cum: Float64Array, target: number): number {
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest index `k` with `cum[k] <= target`, among interval indexes `0 .. n-1`. */
function lastCumAtMost(cum: Float64Array, target: number): number {
  let lo = 0, hi = cum.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cum[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Earliest `u >= t` with `measure(t, u) = d`, for `d > 0`. Years it passes over are not compiled. */
export function addForward(engine: CalendarEngine, t: number, d: number, fn: string): number {
  let table: BlockTable = engine.tableAt(t);
  let target = measureBefore(table, t) + d;
  if (target > table.total) {
    target -= table.total;
    let emptyYears = 0;
    for (let y = yearOf(table.to); ; y++) {
      if (y > 9999) throw outOfRange(fn);
      const total = engine.yearTotal(y);
      if (target <= total) {
        table = engine.tableOfYear(y);
        break;
      }
      target -= total;
      if (total === 0) {
        if (++emptyYears >= EMPTY_YEARS_LIMIT || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
      } else emptyYears = 0;
    }
  }
  const k = firstCumAtLeast(table.cum, target);
  return table.starts[k - 1]! + (target - table.cum[k - 1]!);
}

/** Latest `u <= t` with `measure(u, t) = d`, for `d > 0`. */
export function addBackward(engine: CalendarEngine, t: number, d: number, fn: string): number {
  let table: BlockTable = engine.tableAt(t);
  let target = measureBefore(table, t) - d;
  if (target < 0) {
    let emptyYears = 0;
    for (let y = yearOf(table.from) - 1; ; y--) {
      if (y < 1) throw outOfRange(fn);
      const total = engine.yearTotal(y);
      target += total;
      if (target >= 0) {
        table = engine.tableOfYear(y);
        break;
      }
      if (total === 0) {
        if (++emptyYears >= EMPTY_YEARS_LIMIT || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
      } else emptyYears = 0;
    }
  }
  const k = lastCumAtMost(table.cum, target);
  return table.starts[k]! + (target - table.cum[k]!);
}

// ---------------------------------------------------------------------------------------------------------------
// Next and previous business time
// ---------------------------------------------------------------------------------------------------------------

/** The first business instant at or after `t`. */
export function nextOpen(engine: CalendarEngine, t: number, fn: string): number {
  const table = engine.tableAt(t);
  const i = lastStartAtOrBefore(table, t);
  if (i >= 0 && t < table.ends[i]!) return t;
  if (i + 1 < table.starts.length) return table.starts[i + 1]!;
  for (let y = yearOf(table.to), empty = 0; ; y++) {
    if (y > 9999 || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
    if (engine.yearTotal(y) > 0) return engine.tableOfYear(y).starts[0]!;
    if (++empty >= EMPTY_YEARS_LIMIT) throw noBusinessTime(fn, t);
  }
}

/**
 * The latest `u <= t` that business time runs up to: `t` itself when `t` is business time or a closing instant
 * (`t - 1 ms` is business time), otherwise the close of the last stretch before `t`.
 */
export function lastBusinessAtOrBefore(engine: CalendarEngine, t: number, fn: string): number {
  const table = engine.tableAt(t);
  const i = lastStartAtOrBefore(table, t);
  if (i >= 0) return t <= table.ends[i]! ? t : table.ends[i]!;
  for (let y = yearOf(table.from) - 1, empty = 0; ; y--) {
    if (y < 1 || !engine.mayHaveBusinessTime) throw noBusinessTime(fn, t);
    if (engine.yearTotal(y) > 0) {
      const prev = engine.tableOfYear(y);
      return prev.ends[prev.ends.length - 1]!;
    }
    if (++empty >= EMPTY_YEARS_LIMIT) throw noBusinessTime(fn, t);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Openings and closings (ends of maximal stretches; a stretch split by a new year is one stretch)
// ---------------------------------------------------------------------------------------------------------------

/** Whether business time runs right up to `table.from` from the year before (the range edge counts as yes). */
function continuesBefore(engine: CalendarEngine, table: BlockTable): boolean {
  if (table.from <= MIN_SUPPORTED_MS) return true;
  const y = yearOf(table.from) - 1;
  if (engine.yearTotal(y) === 0) return false;
  const prev = engine.tableOfYear(y);
  return prev.ends[prev.ends.length - 1] === table.from;
}

/** Whether business time runs on from `table.to` into the next year (the range edge counts as yes). */
function continuesAfter(engine: CalendarEngine, table: BlockTable): boolean {
  if (table.to >= MAX_SUPPORTED_MS) return true;
  const y = yearOf(table.to);
  if (engine.yearTotal(y) === 0) return false;
  return engine.tableOfYear(y).starts[0] === table.to;
}

/** The next year's table to scan, skipping empty years without compiling them; `null` past the limit or range. */
function laterTable(engine: CalendarEngine, table: BlockTable, scanned: { years: number }): BlockTable | null {
  for (let y = yearOf(table.to); ; y++) {
    if (y > 9999 || ++scanned.years > EMPTY_YEARS_LIMIT) return null;
    if (engine.yearTotal(y) > 0) return engine.tableOfYear(y);
  }
}

function earlierTable(engine: CalendarEngine, table: BlockTable, scanned: { years: number }): BlockTable | null {
  for (let y = yearOf(table.from) - 1; ; y--) {
    if (y < 1 || ++scanned.years > EMPTY_YEARS_LIMIT) return null;
    if (engine.yearTotal(y) > 0) return engine.tableOfYear(y);
  }
}

/** The first opening strictly after `t`, or `null` within {@link EMPTY_YEARS_LIMIT} years. */
export function nextOpeningMs(engine: CalendarEngine, t: number): number | null {
  let table: BlockTable | null = engine.tableAt(t);
  let k = lastStartAtOrBefore(table, t) + 1;
  const scanned = { years: 0 };
  while (table !== null) {
    for (; k < table.starts.length; k++) {
      const s = table.starts[k]!;
      if (s > table.from || !continuesBefore(engine, table)) return s;
    }
    table = laterTable(engine, table, scanned);
    k = 0;
  }
  return null;
}

/** The first closing strictly after `t`, or `null`. */
export function nextClosingMs(engine: CalendarEngine, t: number): number | null {
  let table: BlockTable | null = engine.tableAt(t);
  const i = lastStartAtOrBefore(table, t);
  let k = i >= 0 && t < table.ends[i]! ? i : i + 1;
  const scanned = { years: 0 };
  while (table !== null) {
    for (; k < table.ends.length; k++) {
      const e = table.ends[k]!;
      if (e < table.to || !continuesAfter(engine, table)) return e;
    }
    table = laterTable(engine, table, scanned);
    k = 0;
  }
  return null;
}

/** The last opening at or before `t`, or `null`. */
export function previousOpeningMs(engine: CalendarEngine, t: number): number | null {
  let table: BlockTable | null = engine.tableAt(t);
  let k = lastStartAtOrBefore(table, t);
  const scanned = { years: 0 };
  while (table !== null) {
    for (; k >= 0; k--) {
      const s = table.starts[k]!;
      if (s > table.from || !continuesBefore(engine, table)) return s;
    }
    table = earlierTable(engine, table, scanned);
    if (table !== null) k = table.starts.length - 1;
  }
  return null;
}

/** The last closing at or before `t`, or `null`. */
export function previousClosingMs(engine: CalendarEngine, t: number): number | null {
  let table: BlockTable | null = engine.tableAt(t);
  const i = lastStartAtOrBefore(table, t);
  let k = i >= 0 && table.ends[i]! <= t ? i : i - 1;
  const scanned = { years: 0 };
  while (table !== null) {
    for (; k >= 0; k--) {
      const e = table.ends[k]!;
      if (e < table.to || !continuesAfter(engine, table)) return e;
    }
    table = earlierTable(engine, table, scanned);
    if (table !== null) k = table.ends.length - 1;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------------------------------------------

/**
 * The open stretches within `[a, b)` as a flat list `[s0, e0, s1, e1, ...]`, touching ones merged; `null` as
 * soon as there are more than `limit` stretches. Empty years are skipped without compiling them.
 */
export function intervalsMs(engine: CalendarEngine, a: number, b: number, limit: number): number[] | null {
  const out: number[] = [];
  for (let t = a; t < b; ) {
    const y = yearOf(t);
    const to = utcYearStart(y + 1);
    if (engine.yearTotal(y) > 0) {
      const table = engine.tableOfYear(y);
      let i = lastStartAtOrBefore(table, t);
      if (i < 0) i = 0;
      for (; i < table.starts.length && table.starts[i]! < b; i++) {
        const s = Math.max(table.starts[i]!, t);
        const e = Math.min(table.ends[i]!, b);
        if (e <= s) continue;
        if (out.length > 0 && out[out.length - 1] === s) out[out.length - 1] = e;
        else {
          if (out.length >= 2 * limit) return null;
          out.push(s, e);
        }
      }
    }
    t = to;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Business days (local dates in the calendar's zone, as days since 1970-01-01)
// ---------------------------------------------------------------------------------------------------------------

/** First and last local day numbers whose business days this library computes (0001-01-01 to 9999-12-31). */
export const FIRST_DAY = MIN_SUPPORTED_MS / DAY_MS;
export const LAST_DAY = MAX_SUPPORTED_MS / DAY_MS - 1;

const dayYear = (day: number): number => yearOf(day * DAY_MS);
const yearFirstDay = (y: number): number => utcYearStart(y) / DAY_MS;

/** Search limit of the day-stepping kernels: {@link EMPTY_YEARS_LIMIT} years of days. */
const SEARCH_DAYS = EMPTY_YEARS_LIMIT * 366;

function inRange(target: number, fn: string): number {
  if (target < MIN_SUPPORTED_MS || target >= MAX_SUPPORTED_MS) throw outOfRange(fn);
  return target;
}

/**
 * The close (or `atMinutes` local time) of the n-th business day after (n > 0) or before (n < 0) the local date
 * of `t`; for n = 0 that date itself when its target is still ahead of `t`, else the next business day. Whole
 * years that cannot hold the target are skipped by their business-day count.
 */
export function addBusinessDaysMs(engine: CalendarEngine, t: number, n: number, atMinutes: number | null, fn: string): number {
  const today = engine.localDay(t);
  if (n >= 0) {
    // A business day takes at least one date, so n days lie at least n dates ahead.
    if (today + n > LAST_DAY) throw outOfRange(fn);
    let remaining = n;
    let lastHit = today;
    for (let day = today; ; day++) {
      if (day > LAST_DAY) throw outOfRange(fn);
      if (day - lastHit > SEARCH_DAYS) throw noBusinessTime(fn, t);
      if (day > today) {
        const y = dayYear(day);
        if (day === yearFirstDay(y)) {
          const count = engine.yearBusinessDays(y);
          if (count === 0 || remaining > count) {
            remaining -= count;
            const next = yearFirstDay(y + 1);
            if (count > 0) lastHit = next - 1;
            day = next - 1;
            continue;
          }
        }
      }
      const target = engine.dayTarget(day, atMinutes);
      if (target === null) continue;
      lastHit = day;
      if (day === today) {
        if (n === 0 && target > t) return inRange(target, fn);
        continue;
      }
      if (remaining <= 1) return inRange(target, fn);
      remaining--;
    }
  }
  if (today + n < FIRST_DAY) throw outOfRange(fn);
  let remaining = -n;
  let lastHit = today;
  for (let day = today - 1; ; day--) {
    if (day < FIRST_DAY) throw outOfRange(fn);
    if (lastHit - day > SEARCH_DAYS) throw noBusinessTime(fn, t);
    const y = dayYear(day);
    if (day === yearFirstDay(y + 1) - 1) {
      const count = engine.yearBusinessDays(y);
      if (count === 0 || remaining > count) {
        remaining -= count;
        const first = yearFirstDay(y);
        if (count > 0) lastHit = first;
        day = first;
        continue;
      }
    }
    const target = engine.dayTarget(day, atMinutes);
    if (target === null) continue;
    lastHit = day;
    if (remaining <= 1) return inRange(target, fn);
    remaining--;
  }
}

/** Business days among the local dates `[lo, hi)`, `lo <= hi`; whole years come from cached counts. */
export function countBusinessDays(engine: CalendarEngine, lo: number, hi: number): number {
  let count = 0;
  for (let day = lo; day < hi; ) {
    const y = dayYear(day);
    const next = yearFirstDay(y + 1);
    if (day === yearFirstDay(y) && next <= hi) {
      count += engine.yearBusinessDays(y);
      day = next;
      continue;
    }
    if (engine.dayTarget(day, null) !== null) count++;
    day++;
  }
  return count;
}
