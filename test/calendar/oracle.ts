/**
 * A deliberately naive reference model of business-time semantics (DESIGN.md, "Business-time semantics
 * (normative)"), used to check the engine in `src/calendar/`. It shares no code with the engine.
 *
 * The model follows the definition literally: an instant is business time iff its local wall-clock reading in
 * the calendar's zone, read with `Intl.DateTimeFormat#formatToParts`, lies inside an open interval `[start, end)`
 * of the hours of the day the interval starts on (override > holiday > weekly). Arithmetic steps through the
 * timeline minute by minute: every interval boundary falls on a whole minute of local time and every offset in
 * use (2000-2035) is a whole number of minutes, so membership is constant inside each UTC minute.
 *
 * Only `Intl` with an explicit `timeZone` and `Date.UTC` / UTC getters are used, so the host's zone (`TZ`) cannot
 * leak in.
 */

export type OracleWeekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';

/** The calendar spec shape (kept structurally identical to the engine's, but declared here on purpose). */
export interface OracleSpec {
  readonly timeZone: string;
  readonly weekly: { readonly [K in OracleWeekday]?: readonly string[] };
  readonly holidays?: ReadonlyArray<string | { readonly date: string; readonly name?: string }>;
  readonly overrides?: ReadonlyArray<{ readonly date: string; readonly hours: readonly string[]; readonly name?: string }>;
}

/** A calendar of the model: a spec, always-open, or a composition. */
export type OracleCalendar =
  | { readonly kind: 'spec'; readonly spec: OracleSpec }
  | { readonly kind: 'always'; readonly timeZone?: string }
  | { readonly kind: 'union'; readonly parts: readonly OracleCalendar[] }
  | { readonly kind: 'intersect'; readonly parts: readonly OracleCalendar[] }
  | { readonly kind: 'subtract'; readonly a: OracleCalendar; readonly b: OracleCalendar };

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const WEEKDAYS: readonly OracleWeekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// ---------------------------------------------------------------------------------------------------------------
// Wall clock
// ---------------------------------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall-clock reading of an instant in a zone. */
export interface WallReading {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Reads the wall clock of `timeZone` at `ms` (no cache). */
export function readWallClock(timeZone: string, ms: number): WallReading {
  const parts = formatterFor(timeZone).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    if (!p) throw new Error(`oracle: no ${type} in the reading of ${new Date(ms).toISOString()} in ${timeZone}`);
    return Number(p.value);
  };
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

// zone -> epoch minute -> local wall minute (minutes since 1970-01-01T00:00 of the local calendar)
const wallCache = new Map<string, Map<number, number>>();
let wallCacheSize = 0;
let readings = 0;

/** How many wall-clock readings (`formatToParts` calls) the oracle has made so far. */
export function wallClockReadings(): number {
  return readings;
}

/**
 * The local wall-clock reading at the start of UTC minute `epochMinute`, as "local minutes since 1970-01-01
 * 00:00 local". Memoized (the cache only avoids repeating the same `formatToParts` call).
 */
export function wallMinuteAt(timeZone: string, epochMinute: number): number {
  let zoneCache = wallCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    wallCache.set(timeZone, zoneCache);
  }
  const hit = zoneCache.get(epochMinute);
  if (hit !== undefined) return hit;
  const r = readWallClock(timeZone, epochMinute * MINUTE);
  readings++;
  if (r.second !== 0) {
    // The per-minute model would be wrong for an offset that is not a whole number of minutes.
    throw new Error(`oracle: ${timeZone} has a non-whole-minute offset at ${new Date(epochMinute * MINUTE).toISOString()}`);
  }
  const wall = Date.UTC(r.year, r.month - 1, r.day, r.hour, r.minute) / MINUTE;
  if (wallCacheSize > 2_000_000) {
    wallCache.clear();
    wallCacheSize = 0;
    const fresh = new Map<number, number>();
    wallCache.set(timeZone, fresh);
    zoneCache = fresh;
  }
  zoneCache.set(epochMinute, wall);
  wallCacheSize++;
  return wall;
}

/** UTC offset of `timeZone` at `ms`, in minutes (local = UTC + offset). */
export function offsetMinutes(timeZone: string, ms: number): number {
  const m = Math.floor(ms / MINUTE);
  return wallMinuteAt(timeZone, m) - m;
}

// ---------------------------------------------------------------------------------------------------------------
// Spec membership
// ---------------------------------------------------------------------------------------------------------------

interface Span {
  readonly start: number; // minutes after local midnight of the day the interval starts on
  readonly end: number; // exclusive, may exceed 1440 for an overnight interval
}

function parseClock(text: string): number {
  const m = /^(\d\d):(\d\d)$/.exec(text);
  if (!m) throw new Error(`oracle: bad time ${text}`);
  const h = Number(m[1]), mi = Number(m[2]);
  if (h > 24 || mi > 59 || (h === 24 && mi !== 0)) throw new Error(`oracle: bad time ${text}`);
  return h * 60 + mi;
}

/** "HH:MM-HH:MM" -> span; an end not after the start runs overnight (+24 h). */
export function parseSpan(item: string): Span {
  const [a, b, ...rest] = item.split('-');
  if (a === undefined || b === undefined || rest.length > 0) throw new Error(`oracle: bad interval ${item}`);
  const start = parseClock(a), end = parseClock(b);
  if (start >= 1440) throw new Error(`oracle: bad interval start ${item}`);
  return { start, end: end > start ? end : end + 1440 };
}

interface CompiledSpec {
  readonly timeZone: string;
  readonly weekly: ReadonlyArray<readonly Span[]>; // index 0 = Sunday
  readonly fixedHolidays: ReadonlySet<string>; // YYYY-MM-DD
  readonly annualHolidays: ReadonlySet<string>; // MM-DD
  readonly overrides: ReadonlyMap<string, readonly Span[]>; // YYYY-MM-DD
  readonly dayCache: Map<number, readonly Span[]>; // memo of hoursOfDay
}

const compiled = new WeakMap<OracleSpec, CompiledSpec>();

function compile(spec: OracleSpec): CompiledSpec {
  const hit = compiled.get(spec);
  if (hit) return hit;
  const weekly = WEEKDAYS.map((d) => (spec.weekly[d] ?? []).map(parseSpan));
  const fixedHolidays = new Set<string>();
  const annualHolidays = new Set<string>();
  for (const h of spec.holidays ?? []) {
    const date = typeof h === 'string' ? h : h.date;
    if (date.startsWith('--')) annualHolidays.add(date.slice(2));
    else fixedHolidays.add(date);
  }
  const overrides = new Map<string, readonly Span[]>();
  for (const o of spec.overrides ?? []) overrides.set(o.date, o.hours.map(parseSpan));
  const c: CompiledSpec = { timeZone: spec.timeZone, weekly, fixedHolidays, annualHolidays, overrides, dayCache: new Map() };
  compiled.set(spec, c);
  return c;
}

/** `YYYY-MM-DD` of local day number `dayNumber` (days since 1970-01-01 of the local calendar). */
export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** The hours that START on local day `dayNumber`: override > holiday > weekly. */
function hoursOfDay(c: CompiledSpec, dayNumber: number): readonly Span[] {
  const hit = c.dayCache.get(dayNumber);
  if (hit) return hit;
  const hours = resolveHoursOfDay(c, dayNumber);
  c.dayCache.set(dayNumber, hours);
  return hours;
}

function resolveHoursOfDay(c: CompiledSpec, dayNumber: number): readonly Span[] {
  const date = dateOfDayNumber(dayNumber);
  const override = c.overrides.get(date);
  if (override) return override;
  if (c.fixedHolidays.has(date) || c.annualHolidays.has(date.slice(5))) return [];
  const weekday = new Date(dayNumber * DAY).getUTCDay();
  return c.weekly[weekday] ?? [];
}

/** Whether a local wall minute lies inside an interval of its own day or an overnight one of the day before. */
export function isBusinessWallMinute(spec: OracleSpec, wallMinute: number): boolean {
  const c = compile(spec);
  const day = Math.floor(wallMinute / 1440);
  const m = wallMinute - day * 1440;
  for (const s of hoursOfDay(c, day)) if (s.start <= m && m < s.end) return true;
  // Seen from the previous day, this reading is at minute m + 1440.
  for (const s of hoursOfDay(c, day - 1)) if (s.start <= m + 1440 && m + 1440 < s.end) return true;
  return false;
}

/** Membership of an instant (any ms; constant within a UTC minute). */
export function isBusinessOracle(cal: OracleCalendar, ms: number): boolean {
  switch (cal.kind) {
    case 'always':
      return true;
    case 'spec':
      return isBusinessWallMinute(cal.spec, wallMinuteAt(cal.spec.timeZone, Math.floor(ms / MINUTE)));
    case 'union':
      return cal.parts.some((p) => isBusinessOracle(p, ms));
    case 'intersect':
      return cal.parts.every((p) => isBusinessOracle(p, ms));
    case 'subtract':
      return isBusinessOracle(cal.a, ms) && !isBusinessOracle(cal.b, ms);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Arithmetic by stepping (pieces never straddle a UTC minute boundary)
// ---------------------------------------------------------------------------------------------------------------

function nextBoundary(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE + MINUTE;
}

function prevBoundary(ms: number): number {
  const f = Math.floor(ms / MINUTE) * MINUTE;
  return f === ms ? ms - MINUTE : f;
}

/** Business ms in `[from, to)`, negative when `to < from`. */
export function betweenOracle(cal: OracleCalendar, from: number, to: number): number {
  if (to < from) return -betweenOracle(cal, to, from);
  let total = 0;
  for (let pos = from; pos < to; ) {
    const end = Math.min(nextBoundary(pos), to);
    if (isBusinessOracle(cal, pos)) total += end - pos;
    pos = end;
  }
  return total;
}

/**
 * For `ms > 0` the earliest `u >= t` with `between(t, u) = ms`; for `ms < 0` the latest `u <= t` with
 * `between(u, t) = -ms`; `t` for 0. `null` when more than `capMinutes` minutes would have to be stepped.
 */
export function addOracle(cal: OracleCalendar, t: number, ms: number, capMinutes: number): number | null {
  let rem = Math.abs(ms);
  let pos = t;
  let steps = 0;
  if (ms > 0) {
    while (rem > 0) {
      if (++steps > capMinutes + 1) return null;
      const end = nextBoundary(pos);
      if (isBusinessOracle(cal, pos)) {
        const take = Math.min(rem, end - pos);
        rem -= take;
        pos += take;
      } else pos = end;
    }
  } else {
    while (rem > 0) {
      if (++steps > capMinutes + 1) return null;
      const start = prevBoundary(pos);
      if (isBusinessOracle(cal, start)) {
        const take = Math.min(rem, pos - start);
        rem -= take;
        pos -= take;
      } else pos = start;
    }
  }
  return pos;
}

/** `t` when business time, else the start of the next business minute; `null` beyond `capMinutes`. */
export function nextOracle(cal: OracleCalendar, t: number, capMinutes: number): number | null {
  if (isBusinessOracle(cal, t)) return t;
  let pos = nextBoundary(t);
  for (let i = 0; i < capMinutes; i++, pos += MINUTE) if (isBusinessOracle(cal, pos)) return pos;
  return null;
}

/** Maximal business stretches clipped to `[from, to)`, touching stretches merged. */
export function intervalsOracle(cal: OracleCalendar, from: number, to: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let open: number | null = null;
  for (let pos = from; pos < to; ) {
    const end = Math.min(nextBoundary(pos), to);
    const b = isBusinessOracle(cal, pos);
    if (b && open === null) open = pos;
    if (!b && open !== null) {
      out.push({ start: open, end: pos });
      open = null;
    }
    pos = end;
  }
  if (open !== null) out.push({ start: open, end: to });
  return out;
}

/**
 * The mirror of `nextOracle`: `t` when `t` or the millisecond before it is business time, else the end of the last
 * business minute before `t`; `null` beyond `capMinutes`.
 */
export function previousOracle(cal: OracleCalendar, t: number, capMinutes: number): number | null {
  if (isBusinessOracle(cal, t) || isBusinessOracle(cal, t - 1)) return t;
  let m = Math.floor((t - 1) / MINUTE) - 1;
  for (let i = 0; i < capMinutes; i++, m--) if (isBusinessOracle(cal, m * MINUTE)) return (m + 1) * MINUTE;
  return null;
}

export type TransitionKind = 'opening' | 'closing';

/** The first minute boundary strictly after `t` where business time starts (opening) or stops (closing). */
export function nextTransitionOracle(cal: OracleCalendar, t: number, kind: TransitionKind, capMinutes: number): number | null {
  let m = Math.floor(t / MINUTE) + 1;
  let before = isBusinessOracle(cal, m * MINUTE - 1);
  for (let i = 0; i < capMinutes; i++, m++) {
    const now = isBusinessOracle(cal, m * MINUTE);
    if (kind === 'opening' ? now && !before : before && !now) return m * MINUTE;
    before = now;
  }
  return null;
}

/** The last minute boundary at or before `t` where business time starts or stops. */
export function previousTransitionOracle(cal: OracleCalendar, t: number, kind: TransitionKind, capMinutes: number): number | null {
  let m = Math.floor(t / MINUTE);
  let now = isBusinessOracle(cal, m * MINUTE);
  for (let i = 0; i < capMinutes; i++, m--) {
    const before = isBusinessOracle(cal, m * MINUTE - 1);
    if (kind === 'opening' ? now && !before : before && !now) return m * MINUTE;
    now = before;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Business days (local dates as day numbers: days since 1970-01-01 of the local calendar)
// ---------------------------------------------------------------------------------------------------------------

/** The zone whose local dates are a calendar's business days: a leaf's own, a composite's first part's. */
export function zoneOfOracle(cal: OracleCalendar): string {
  switch (cal.kind) {
    case 'spec':
      return cal.spec.timeZone;
    case 'always':
      return cal.timeZone ?? 'UTC';
    case 'union':
    case 'intersect':
      return zoneOfOracle(cal.parts[0]!);
    case 'subtract':
      return zoneOfOracle(cal.a);
  }
}

/** The local day of instant `t` in `timeZone`. */
export function localDayOracle(timeZone: string, t: number): number {
  return Math.floor(wallMinuteAt(timeZone, Math.floor(t / MINUTE)) / 1440);
}

/** The first UTC minute (as an instant) whose wall reading is at or after `wallMinute`, searched near it. */
function firstInstantReadingAtLeast(timeZone: string, wallMinute: number): number {
  let m = wallMinute - 16 * 60;
  while (wallMinuteAt(timeZone, m) < wallMinute) m++;
  return m * MINUTE;
}

/**
 * The close (or `at` local minutes) of local day `day` when it is a business day, else `null`. For a spec (and
 * an always-open calendar, which the engine builds as `00:00-24:00` every day): hours that start on the day and
 * exist on the wall clock, closing at the end of the last real minute read inside them. For a composite:
 * business time between the day's midnights in the composite's zone, closing at its last business minute (at
 * most the next midnight).
 */
export function dayTargetOracle(cal: OracleCalendar, day: number, atMinutes: number | null): number | null {
  const zone = zoneOfOracle(cal);
  let close: number | null = null;
  if (cal.kind === 'spec' || cal.kind === 'always') {
    const spans = cal.kind === 'spec' ? hoursOfDay(compile(cal.spec), day) : [{ start: 0, end: 1440 }];
    if (spans.length === 0) return null;
    // Scan real minutes from the latest one that can read inside the day's hours, down to the earliest. A window
    // of 3 hours around the offset at the day's start holds every candidate in the tested zones (no offset there
    // falls by more than 2 hours at once); the full range of offsets (-12 h to +14 h) is the fallback.
    const first = day * 1440 + Math.min(...spans.map((s) => s.start));
    const last = day * 1440 + Math.max(...spans.map((s) => s.end));
    const off = wallMinuteAt(zone, day * 1440) - day * 1440;
    const scan = (lo: number, hi: number): number | null => {
      for (let m = hi; m >= lo; m--) {
        const w = wallMinuteAt(zone, m) - day * 1440;
        if (spans.some((s) => s.start <= w && w < s.end)) return (m + 1) * MINUTE;
      }
      return null;
    };
    close = scan(first - off - 3 * 60, last - off + 3 * 60) ?? scan(first - 14 * 60, last + 12 * 60);
  } else {
    const from = firstInstantReadingAtLeast(zone, day * 1440);
    const to = firstInstantReadingAtLeast(zone, (day + 1) * 1440);
    for (let u = to - MINUTE; u >= from && close === null; u -= MINUTE) if (isBusinessOracle(cal, u)) close = u + MINUTE;
  }
  if (close === null) return null;
  return atMinutes === null ? close : firstInstantReadingAtLeast(zone, day * 1440 + atMinutes);
}

/** Which spec entry decides local day `day`: its override, else its first dated holiday, else its first annual one. */
export function dateRuleOracle(spec: OracleSpec, day: number): { readonly list: 'overrides' | 'holidays'; readonly index: number } | null {
  const date = dateOfDayNumber(day);
  const o = (spec.overrides ?? []).findIndex((x) => x.date === date);
  if (o >= 0) return { list: 'overrides', index: o };
  const dates = (spec.holidays ?? []).map((h) => (typeof h === 'string' ? h : h.date));
  const fixed = dates.indexOf(date);
  if (fixed >= 0) return { list: 'holidays', index: fixed };
  const annual = dates.indexOf(`--${date.slice(5)}`);
  return annual >= 0 ? { list: 'holidays', index: annual } : null;
}

/** `addBusinessDays` by stepping dates (see the engine's documentation); `null` beyond `capDays`. */
export function addBusinessDaysOracle(cal: OracleCalendar, t: number, n: number, atMinutes: number | null, capDays: number): number | null {
  const today = localDayOracle(zoneOfOracle(cal), t);
  if (n >= 0) {
    let remaining = n;
    for (let day = today; day <= today + capDays; day++) {
      const target = dayTargetOracle(cal, day, atMinutes);
      if (target === null) continue;
      if (day === today) {
        if (n === 0 && target > t) return target;
        continue;
      }
      if (remaining <= 1) return target;
      remaining--;
    }
    return null;
  }
  let remaining = -n;
  for (let day = today - 1; day >= today - capDays; day--) {
    const target = dayTargetOracle(cal, day, atMinutes);
    if (target === null) continue;
    if (remaining <= 1) return target;
    remaining--;
  }
  return null;
}

/** Business days among the local dates of `[from, to)`, negative when reversed. */
export function businessDaysBetweenOracle(cal: OracleCalendar, from: number, to: number): number {
  const zone = zoneOfOracle(cal);
  const a = localDayOracle(zone, from), b = localDayOracle(zone, to);
  if (b < a) return -businessDaysBetweenOracle(cal, to, from);
  let count = 0;
  for (let day = a; day < b; day++) if (dayTargetOracle(cal, day, null) !== null) count++;
  return count;
}

// ---------------------------------------------------------------------------------------------------------------
// DST transitions (for placing test instants near them)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Every instant in `[fromYear, toYear]` (UTC years) where the offset of `timeZone` changes: the first minute with
 * the new offset. Found by sampling every 12 hours and bisecting to the minute.
 */
export function findTransitions(timeZone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  const step = 12 * 3_600_000;
  const end = Date.UTC(toYear + 1, 0, 1);
  let prevT = Date.UTC(fromYear, 0, 1);
  let prevOff = readOffsetUncached(timeZone, prevT / MINUTE);
  for (let t = prevT + step; t <= end; t += step) {
    const off = readOffsetUncached(timeZone, t / MINUTE);
    if (off !== prevOff) {
      let lo = prevT / MINUTE, hi = t / MINUTE; // offset(lo) = prevOff, offset(hi) != prevOff
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (readOffsetUncached(timeZone, mid) === prevOff) lo = mid;
        else hi = mid;
      }
      out.push(hi * MINUTE);
    }
    prevT = t;
    prevOff = off;
  }
  return out;
}

function readOffsetUncached(timeZone: string, epochMinute: number): number {
  const r = readWallClock(timeZone, epochMinute * MINUTE);
  return Date.UTC(r.year, r.month - 1, r.day, r.hour, r.minute, r.second) / MINUTE - epochMinute;
}

// ---------------------------------------------------------------------------------------------------------------
// Describing cases
// ---------------------------------------------------------------------------------------------------------------

/** An ISO string of `ms` with the local reading of `timeZone`, for failure messages. */
export function describeInstant(ms: number, timeZone?: string): string {
  const utc = new Date(ms).toISOString();
  if (!timeZone) return utc;
  const off = offsetMinutes(timeZone, ms);
  const local = new Date(ms + off * MINUTE).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${utc} (${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')} ${timeZone})`;
}

/** A JSON rendering of an oracle calendar, for failure messages. */
export function describeCalendar(cal: OracleCalendar): string {
  switch (cal.kind) {
    case 'always':
      return 'calendar24x7()';
    case 'spec':
      return JSON.stringify(cal.spec);
    case 'union':
      return `union(${cal.parts.map(describeCalendar).join(', ')})`;
    case 'intersect':
      return `intersect(${cal.parts.map(describeCalendar).join(', ')})`;
    case 'subtract':
      return `subtract(${describeCalendar(cal.a)}, ${describeCalendar(cal.b)})`;
  }
}
