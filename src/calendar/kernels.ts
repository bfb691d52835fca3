/**
 * The millisecond kernels: every calendar answer, computed on epoch milliseconds in already validated ranges,
 * with no argument checking and no `Date` allocation. The public functions beside this file validate and
 * wrap; `internal.ts` exposes a few kernels to other modules; the business-day kernels are in `day-kernels.ts`.
 *
 * Conventions: intervals are half-open `[start, end)`; a year table's intervals are sorted, disjoint and
 * non-touching, but one stretch of business time that crosses a UTC new year appears as two pieces (one ending
 * at the block's `to`, one starting at the next block's `from`), which the transition kernels join.
 */
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, utcYearStart } from '../core/instant.js';
import { EMPTY_YEARS_LIMIT } from './constants.js';
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
