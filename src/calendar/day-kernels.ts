/**
 * The business-day kernels: local dates in the calendar's zone as day numbers (days since 1970-01-01), stepped
 * one by one near the answer and a whole year at a time (by its cached business-day count) elsewhere.
 */
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, utcYearStart } from '../core/instant.js';
import { DAY_MS, EMPTY_YEARS_LIMIT } from './constants.js';
import type { CalendarEngine } from './engine.js';
import { noBusinessTime, outOfRange } from './failures.js';

const yearOf = (t: number): number => new Date(t).getUTCFullYear();

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
