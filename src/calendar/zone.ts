/**
 * Time-zone offsets and transitions, read from the platform's `Intl` (the same IANA data the host uses).
 *
 * Offsets are resolved once per block of time, never per query: a block's transitions are found by sampling
 * the offset every {@link SAMPLE_STEP_MS} and bisecting each change to the second.
 */

import { utcYearStart } from '../core/instant.js';

const DAY_MS = 86_400_000;

/**
 * Sampling step for transition search. Between 1970 and 2040 no IANA zone has two transitions closer than
 * 7 days (the closest: Brazil's 2000-10-08/15 pair), so a 4-day step cannot miss a change that returns to the
 * same offset; a chain of changes between two samples is still found because bisection continues after each.
 */
const SAMPLE_STEP_MS = 4 * DAY_MS;

/** A stretch of real time with one UTC offset: `local = instant + offset`. */
export interface ZoneSegment {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is an IANA zone name this platform knows. */
export function isKnownTimeZone(zone: string): boolean {
  // IANA names are short (the longest is 32 characters); a long string is refused before Intl reads it.
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

// "1/2/2026 AD, 13:04:05" (en-US with era). Parsing the string is ~3x faster than formatToParts.
const FORMATTED = /^(\d+)\/(\d+)\/(\d+) (AD|BC|A|B), (\d+):(\d+):(\d+)$/;

/** The zone's UTC offset in milliseconds at instant `t`. */
export function offsetAt(zone: string, t: number): number {
  const seconds = Math.floor(t / 1000) * 1000;
  const text = formatterFor(zone).format(seconds);
  const m = FORMATTED.exec(text);
  if (m === null) throw new Error(`Unexpected Intl output for ${zone}: ${text}`);
  let year = Number(m[3]);
  if (m[4]!.startsWith('B')) year = 1 - year;
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[1]) - 1, Number(m[2]));
  d.setUTCHours(Number(m[5]), Number(m[6]), Number(m[7]), 0);
  return d.getTime() - seconds;
}

/** First whole second in `(lo, hi]` whose offset differs from `offLo` (given offset(hi) !== offLo). */
function firstChange(zone: string, lo: number, hi: number, offLo: number): number {
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(zone, mid) === offLo) lo = mid;
    else hi = mid;
  }
  return hi;
}

const segmentCache = new Map<string, readonly ZoneSegment[]>();

/**
 * The offset segments covering `[from, to)`, in order; the first starts at `from` and the last ends at `to`.
 * Results are cached per zone and range key.
 */
export function zoneSegments(zone: string, from: number, to: number): readonly ZoneSegment[] {
  const key = `${zone}|${from}|${to}`;
  const cached = segmentCache.get(key);
  if (cached !== undefined) return cached;
  const out: ZoneSegment[] = [];
  if (zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/GMT') {
    out.push({ from, to, offset: 0 });
  } else {
    let segStart = from;
    let segOffset = offsetAt(zone, from);
    let lo = Math.floor(from / 1000) * 1000;
    while (lo < to) {
      const hi = Math.min(lo + SAMPLE_STEP_MS, Math.floor((to - 1) / 1000) * 1000);
      if (hi <= lo) break;
      if (offsetAt(zone, hi) === segOffset) {
        lo = hi;
        continue;
      }
      // Bisect to the change, then continue from it: a chain of changes inside one step is found one by one.
      const at = firstChange(zone, lo, hi, segOffset);
      out.push({ from: segStart, to: at, offset: segOffset });
      segStart = at;
      segOffset = offsetAt(zone, at);
      lo = at;
    }
    out.push({ from: segStart, to, offset: segOffset });
  }
  if (segmentCache.size > 4096) segmentCache.clear();
  segmentCache.set(key, out);
  return out;
}

/**
 * The earliest instant whose local reading is at or after `local` (a wall-clock time expressed as epoch ms
 * of the same reading in UTC), searched within `segments`. In a fold this is the first occurrence; in a gap
 * it is the end of the gap. Returns `null` when `segments` contain no such instant.
 */
export function earliestInstantAtOrAfter(segments: readonly ZoneSegment[], local: number): number | null {
  for (const s of segments) {
    const t = local - s.offset;
    if (t < s.from) {
      // This whole segment reads later than `local` (we are past a gap, or before the first candidate).
      return s.from;
    }
    if (t < s.to) return t;
  }
  return null;
}

const repeatCache = new Map<string, boolean>();

/**
 * Whether the zone's offsets over years `fromYear` and `fromYear + 1` recur exactly `cycleYears` later (the
 * same offsets, transitions shifted by the length of the cycle): the check behind treating later years as
 * periodic. Cached per zone.
 */
export function zoneRepeats(zone: string, fromYear: number, cycleYears: number): boolean {
  const key = `${zone}|${fromYear}|${cycleYears}`;
  const hit = repeatCache.get(key);
  if (hit !== undefined) return hit;
  const a0 = utcYearStart(fromYear), b0 = utcYearStart(fromYear + cycleYears);
  const shift = b0 - a0;
  const a = zoneSegments(zone, a0, utcYearStart(fromYear + 2));
  const b = zoneSegments(zone, b0, utcYearStart(fromYear + cycleYears + 2));
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    same = x.offset === y.offset && x.from + shift === y.from && x.to + shift === y.to;
  }
  repeatCache.set(key, same);
  return same;
}
