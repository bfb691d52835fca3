import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessTime,
  businessDaysBetween,
  businessIntervals,
  businessTimeBetween,
  calendar24x7,
  createCalendar,
  intersectCalendars,
  isBusinessDay,
  isBusinessTime,
  isHoliday,
  nextBusinessTime,
  nextClosing,
  nextOpening,
  previousBusinessTime,
  previousClosing,
  previousOpening,
  subtractCalendars,
  unionCalendars,
} from '../../src/calendar/index.js';
import {
  DAY,
  MINUTE,
  addBusinessDaysOracle,
  addOracle,
  betweenOracle,
  businessDaysBetweenOracle,
  dateRuleOracle,
  dayTargetOracle,
  localDayOracle,
  nextTransitionOracle,
  previousOracle,
  previousTransitionOracle,
  zoneOfOracle,
  describeCalendar,
  describeInstant,
  findTransitions,
  intervalsOracle,
  isBusinessOracle,
  nextOracle,
  offsetMinutes,
  readWallClock,
  wallClockReadings,
  wallMinuteAt,
  type OracleCalendar,
  type OracleSpec,
  type OracleWeekday,
} from './oracle.js';
import { mulberry32 } from '../support/random.js';

type EngineCalendar = ReturnType<typeof createCalendar>;
type EngineSpec = Parameters<typeof createCalendar>[0];

const HOUR = 3_600_000;

// The zones exercised: whole-hour, half-hour and 45-minute offsets, 30-minute DST (Lord Howe), negative DST
// (Dublin), DST at midnight (Havana), Ramadan suspensions (Casablanca, Gaza), a skipped day (Apia 2011-12-30),
// a two-hour DST (Troll) and zones without DST.
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
  'Pacific/Apia',
  'Asia/Tehran',
  'Africa/Casablanca',
  'UTC',
  'Europe/Berlin',
  'Australia/Sydney',
  'America/St_Johns',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
  'Europe/Dublin',
  'America/Havana',
  'Asia/Gaza',
  'Antarctica/Troll',
  'America/Los_Angeles',
] as const;

const FIRST_YEAR = 2000;
const LAST_YEAR = 2035;
const APIA_SKIP = Date.parse('2011-12-30T10:00:00Z'); // 2011-12-29T24:00-10:00 became 2011-12-31T00:00+14:00
const CAP_MINUTES = 15 * 1440; // the oracle gives up (and the case is skipped) beyond 15 days of stepping
const SCENARIOS = Number(process.env['ORACLE_SCENARIOS'] ?? 240);
const NEW_QUERY_SCENARIOS = Number(process.env['ORACLE_NEW_QUERY_SCENARIOS'] ?? 120);
const MAX_STORED_FAILURES = 40;

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------------


const SEED = process.env['ORACLE_SEED'] !== undefined ? Number(process.env['ORACLE_SEED']) : 20260308;
const rnd = mulberry32(SEED);
const int = (n: number): number => Math.floor(rnd() * n); // 0..n-1
const between = (lo: number, hi: number): number => lo + int(hi - lo + 1); // lo..hi inclusive
const chance = (p: number): boolean => rnd() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// ---------------------------------------------------------------------------------------------------------------
// Random specs
// ---------------------------------------------------------------------------------------------------------------

const WEEKDAYS: readonly OracleWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 1-3 non-overlapping intervals of one day; sometimes touching, sometimes the last one overnight. */
function randomDayHours(): string[] {
  const k = between(1, 3);
  const grid = pick([60, 60, 30, 30, 15, 5, 1]);
  const slots = 1440 / grid; // points 0..slots (inclusive) on the grid
  const chosen = new Set<number>();
  while (chosen.size < 2 * k) chosen.add(int(slots + 1) * grid);
  const points = [...chosen].sort((a, b) => a - b);
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) spans.push([points[2 * i] ?? 0, points[2 * i + 1] ?? 0]);
  // Touching neighbours (half-open intervals that meet do not overlap).
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1], cur = spans[i];
    if (prev && cur && chance(0.15) && prev[1] < cur[1]) cur[0] = prev[1];
  }
  const items = spans.map(([s, e]) => `${clock(s)}-${e === 1440 ? '24:00' : clock(e)}`);
  const last = spans[spans.length - 1];
  if (last && chance(0.3)) {
    // Overnight: an end at or before the start, on the grid (equal to the start = 24 hours).
    const end = int(Math.floor(last[0] / grid) + 1) * grid;
    items[items.length - 1] = `${clock(last[0])}-${clock(end)}`;
  }
  return items;
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

interface RandomSpec {
  timeZone: string;
  weekly: { [K in OracleWeekday]?: string[] };
  holidays?: Array<string | { date: string; name?: string }>;
  overrides?: Array<{ date: string; hours: string[]; name?: string }>;
}

/** A random spec whose holidays and overrides fall within a few days of `anchor`. */
function randomSpec(timeZone: string, anchor: number): RandomSpec {
  const weekly: RandomSpec['weekly'] = {};
  for (const d of WEEKDAYS) {
    if (chance(0.25)) {
      if (chance(0.5)) weekly[d] = [];
    } else weekly[d] = randomDayHours();
  }
  if (WEEKDAYS.every((d) => (weekly[d] ?? []).length === 0)) weekly[pick(WEEKDAYS)] = randomDayHours();
  const spec: RandomSpec = { timeZone, weekly };
  const anchorDay = Math.floor(anchor / DAY);
  const nHolidays = pick([0, 0, 1, 2, 3, 4]);
  if (nHolidays > 0) {
    const seen = new Set<string>();
    const holidays: NonNullable<RandomSpec['holidays']> = [];
    for (let i = 0; i < nHolidays; i++) {
      const date = isoDate(anchorDay + between(-4, 4));
      const value = chance(0.3) ? `--${date.slice(5)}` : date;
      if (seen.has(value)) continue;
      seen.add(value);
      holidays.push(chance(0.3) ? { date: value, name: `Holiday ${i}` } : value);
    }
    spec.holidays = holidays;
  }
  const nOverrides = pick([0, 0, 1, 2, 3]);
  if (nOverrides > 0) {
    const seen = new Set<string>();
    const overrides: NonNullable<RandomSpec['overrides']> = [];
    for (let i = 0; i < nOverrides; i++) {
      const date = isoDate(anchorDay + between(-4, 4));
      if (seen.has(date)) continue;
      seen.add(date);
      const hours = chance(0.3) ? [] : randomDayHours();
      overrides.push(chance(0.3) ? { date, hours, name: `Override ${i}` } : { date, hours });
    }
    spec.overrides = overrides;
  }
  return spec;
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios: a calendar (engine + oracle) and an anchor instant around which queries are made
// ---------------------------------------------------------------------------------------------------------------

interface Scenario {
  readonly engine: EngineCalendar;
  readonly oracle: OracleCalendar;
  readonly zone: string; // the zone of the first leaf, for messages
  readonly anchor: number;
}

let transitions = new Map<string, number[]>();

function randomAnchor(zone: string, index: number): number {
  if (index % 25 === 0) return APIA_SKIP + between(-36 * 60, 36 * 60) * MINUTE;
  const ts = transitions.get(zone) ?? [];
  const r = rnd();
  if (ts.length > 0 && r < 0.45) return pick(ts) + between(-6 * 60, 6 * 60) * MINUTE;
  // Year boundaries (the engine compiles per-year tables) and leap days.
  if (r < 0.53) return Date.UTC(between(FIRST_YEAR, LAST_YEAR), 0, 1) + between(-36 * 60, 36 * 60) * MINUTE;
  if (r < 0.56) return Date.UTC(pick([2000, 2004, 2008, 2012, 2016, 2020, 2024, 2028, 2032]), 1, 29, 12) + between(-36 * 60, 36 * 60) * MINUTE;
  // A few years outside the main range.
  const [fromYear, toYear] = r < 0.6 ? [1975, 2099] : [FIRST_YEAR, LAST_YEAR];
  const from = Date.UTC(fromYear, 0, 5), to = Date.UTC(toYear, 11, 25);
  return from + Math.floor(rnd() * ((to - from) / MINUTE)) * MINUTE;
}

function leaf(zone: string, anchor: number): { engine: EngineCalendar; oracle: OracleCalendar; spec: RandomSpec } {
  const spec = randomSpec(zone, anchor);
  return { engine: createCalendar(spec as EngineSpec), oracle: { kind: 'spec', spec: spec as OracleSpec }, spec };
}

function randomScenario(index: number): Scenario {
  const zone = index % 25 === 0 ? 'Pacific/Apia' : pick(ZONES);
  const anchor = randomAnchor(zone, index);
  const a = leaf(zone, anchor);
  const roll = rnd();
  if (roll < 0.62) return { engine: a.engine, oracle: a.oracle, zone, anchor };
  const otherZone = pick(ZONES.filter((z) => z !== zone));
  const b = leaf(otherZone, anchor);
  if (roll < 0.72) return { engine: unionCalendars(a.engine, b.engine), oracle: { kind: 'union', parts: [a.oracle, b.oracle] }, zone, anchor };
  if (roll < 0.82) return { engine: intersectCalendars(a.engine, b.engine), oracle: { kind: 'intersect', parts: [a.oracle, b.oracle] }, zone, anchor };
  if (roll < 0.92) return { engine: subtractCalendars(a.engine, b.engine), oracle: { kind: 'subtract', a: a.oracle, b: b.oracle }, zone, anchor };
  const c = leaf(pick(ZONES), anchor);
  if (roll < 0.95) {
    return {
      engine: unionCalendars(a.engine, intersectCalendars(b.engine, c.engine)),
      oracle: { kind: 'union', parts: [a.oracle, { kind: 'intersect', parts: [b.oracle, c.oracle] }] },
      zone,
      anchor,
    };
  }
  if (roll < 0.97) {
    return {
      engine: subtractCalendars(calendar24x7(otherZone), unionCalendars(a.engine, b.engine, c.engine)),
      oracle: { kind: 'subtract', a: { kind: 'always', timeZone: otherZone }, b: { kind: 'union', parts: [a.oracle, b.oracle, c.oracle] } },
      zone,
      anchor,
    };
  }
  return {
    engine: intersectCalendars(a.engine, subtractCalendars(b.engine, c.engine), calendar24x7()),
    oracle: { kind: 'intersect', parts: [a.oracle, { kind: 'subtract', a: b.oracle, b: c.oracle }, { kind: 'always' }] },
    zone,
    anchor,
  };
}

/** A whole-minute instant near the anchor; half the time on a quarter hour so that boundaries are hit often. */
function nearInstant(s: Scenario): number {
  const span = 30 * 60;
  if (chance(0.5)) return s.anchor - (s.anchor % (15 * MINUTE)) + between(-span / 15, span / 15) * 15 * MINUTE;
  return s.anchor + between(-span, span) * MINUTE;
}

/** Keeps range ends within two days of the anchor, so that a scenario reads a bounded stretch of wall clock. */
function clampToWindow(s: Scenario, t: number): number {
  return Math.min(Math.max(t, s.anchor - 2 * DAY), s.anchor + 2 * DAY);
}

/** The instant as one of the accepted input forms. */
function asInput(ms: number): Date | number | string {
  const form = int(4);
  if (form === 0) return ms;
  if (form === 1) return new Date(ms);
  if (form === 2) return new Date(ms).toISOString();
  const off = pick([-210, -300, 0, 60, 345, 840, 765]);
  const local = new Date(ms + off * MINUTE).toISOString().slice(0, 23);
  const a = Math.abs(off);
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function describeInput(v: Date | number | string): string {
  return v instanceof Date ? `new Date(${JSON.stringify(v.toISOString())})` : JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------------------------------
// The comparison run
// ---------------------------------------------------------------------------------------------------------------

type Kind =
  | 'isBusinessTime'
  | 'businessTimeBetween'
  | 'addBusinessTime(+)'
  | 'addBusinessTime(-)'
  | 'nextBusinessTime'
  | 'previousBusinessTime'
  | 'businessIntervals'
  | 'nextOpening'
  | 'nextClosing'
  | 'previousOpening'
  | 'previousClosing'
  | 'addBusinessDays(+)'
  | 'addBusinessDays(-)'
  | 'businessDaysBetween'
  | 'isBusinessDay'
  | 'isHoliday';

const counts: Record<Kind | 'skipped', number> = {
  isBusinessTime: 0,
  businessTimeBetween: 0,
  'addBusinessTime(+)': 0,
  'addBusinessTime(-)': 0,
  nextBusinessTime: 0,
  previousBusinessTime: 0,
  businessIntervals: 0,
  nextOpening: 0,
  nextClosing: 0,
  previousOpening: 0,
  previousClosing: 0,
  'addBusinessDays(+)': 0,
  'addBusinessDays(-)': 0,
  businessDaysBetween: 0,
  isBusinessDay: 0,
  isHoliday: 0,
  skipped: 0,
};
const failures: string[] = [];
let failureCount = 0;

function report(kind: Kind, s: Scenario, query: string, oracleAnswer: string, engineAnswer: string): void {
  failureCount++;
  if (failures.length >= MAX_STORED_FAILURES) return;
  failures.push(
    [
      `${kind} disagrees (seed ${SEED})`,
      `  calendar: ${describeCalendar(s.oracle)}`,
      `  zone: ${s.zone}`,
      `  query: ${query}`,
      `  oracle: ${oracleAnswer}`,
      `  engine: ${engineAnswer}`,
    ].join('\n'),
  );
}

let engineMs = 0;
function attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; error: string } {
  const t0 = performance.now();
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  } finally {
    engineMs += performance.now() - t0;
  }
}

/** Fails with every stored disagreement spelled out (calendar, zone, query, both answers). */
function expectNoDisagreements(): void {
  if (failureCount > 0) {
    expect.fail(`${failureCount} disagreements with the oracle (first ${failures.length} shown):\n\n${failures.join('\n\n')}`);
  }
}

function dateAnswer(r: { ok: true; value: Date } | { ok: false; error: string }, zone: string): string {
  return r.ok ? describeInstant(r.value.getTime(), zone) : r.error;
}

const TRANSITIONS = [
  ['nextOpening', nextOpening, 'next', 'opening'],
  ['nextClosing', nextClosing, 'next', 'closing'],
  ['previousOpening', previousOpening, 'previous', 'opening'],
  ['previousClosing', previousClosing, 'previous', 'closing'],
] as const;

const DAYS_CAP = 12;
const TRANSITION_CAP_MINUTES = 6 * 1440; // beyond six days of stepping the case is skipped

/** The new queries of issue 7: previous business time, openings and closings, business days. */
function runNewQueries(s: Scenario): void {
  const z = s.zone;
  for (let i = 0; i < 2; i++) {
    let t = nearInstant(s);
    if (chance(0.15)) t += int(MINUTE);
    const expected = previousOracle(s.oracle, t, TRANSITION_CAP_MINUTES);
    if (expected === null) {
      counts.skipped++;
      continue;
    }
    const input = asInput(t);
    const got = attempt(() => previousBusinessTime(s.engine, input));
    counts.previousBusinessTime++;
    if (!got.ok || got.value.getTime() !== expected) {
      report('previousBusinessTime', s, `previousBusinessTime(cal, ${describeInput(input)}) from ${describeInstant(t, z)}`, describeInstant(expected, z), dateAnswer(got, z));
    }
  }
  for (const [kind, fn, direction, what] of TRANSITIONS) {
    for (let i = 0; i < 1; i++) {
      let t = nearInstant(s);
      if (chance(0.15)) t += int(MINUTE);
      const expected = direction === 'next' ? nextTransitionOracle(s.oracle, t, what, TRANSITION_CAP_MINUTES) : previousTransitionOracle(s.oracle, t, what, TRANSITION_CAP_MINUTES);
      if (expected === null) {
        counts.skipped++;
        continue;
      }
      const input = asInput(t);
      const got = attempt(() => fn(s.engine, input));
      counts[kind]++;
      if (!got.ok || got.value === null || got.value.getTime() !== expected) {
        report(kind, s, `${kind}(cal, ${describeInput(input)}) from ${describeInstant(t, z)}`, describeInstant(expected, z), got.ok ? (got.value === null ? 'null' : describeInstant(got.value.getTime(), z)) : got.error);
      }
    }
  }
  const dayZone = zoneOfOracle(s.oracle);
  for (let i = 0; i < 2; i++) {
    const t = nearInstant(s) + (chance(0.15) ? int(MINUTE) : 0);
    const n = between(-3, 3);
    const atMinutes = chance(0.25) ? between(0, 95) * 15 : null;
    const at = atMinutes === null ? undefined : clock(atMinutes);
    const expected = addBusinessDaysOracle(s.oracle, t, n, atMinutes, DAYS_CAP);
    if (expected === null) {
      counts.skipped++;
      continue;
    }
    const kind: Kind = n >= 0 ? 'addBusinessDays(+)' : 'addBusinessDays(-)';
    const input = asInput(t);
    const got = attempt(() => addBusinessDays(s.engine, input, n, at === undefined ? undefined : { at }));
    counts[kind]++;
    if (!got.ok || got.value.getTime() !== expected) {
      report(kind, s, `addBusinessDays(cal, ${describeInput(input)}, ${n}${at === undefined ? '' : `, { at: '${at}' }`}) from ${describeInstant(t, dayZone)}`, describeInstant(expected, dayZone), dateAnswer(got, dayZone));
    }
  }
  {
    const from = nearInstant(s);
    const to = from + between(-5 * 1440, 5 * 1440) * MINUTE;
    const expected = businessDaysBetweenOracle(s.oracle, from, to);
    const fromIn = asInput(from), toIn = asInput(to);
    const got = attempt(() => businessDaysBetween(s.engine, fromIn, toIn));
    counts.businessDaysBetween++;
    if (!got.ok || got.value !== expected) {
      report('businessDaysBetween', s, `businessDaysBetween(cal, ${describeInput(fromIn)}, ${describeInput(toIn)}) from ${describeInstant(from, dayZone)} to ${describeInstant(to, dayZone)}`, String(expected), got.ok ? String(got.value) : got.error);
    }
  }
  for (let i = 0; i < 2; i++) {
    const day = localDayOracle(dayZone, nearInstant(s)) + between(-2, 2);
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    const expected = dayTargetOracle(s.oracle, day, null) !== null;
    const got = attempt(() => isBusinessDay(s.engine, date));
    counts.isBusinessDay++;
    if (!got.ok || got.value !== expected) report('isBusinessDay', s, `isBusinessDay(cal, '${date}') in ${dayZone}`, String(expected), got.ok ? String(got.value) : got.error);
  }
  if (s.oracle.kind === 'spec') {
    const spec = s.oracle.spec;
    for (let k = -4; k <= 4; k++) {
      const day = Math.floor(s.anchor / DAY) + k;
      const date = new Date(day * DAY).toISOString().slice(0, 10);
      const want = dateRuleOracle(spec, day);
      const got = attempt(() => isHoliday(s.engine, date));
      counts.isHoliday++;
      // A date decided by a closing rule is never a business day.
      const businessDay = dayTargetOracle(s.oracle, day, null) !== null;
      const same = got.ok && (want === null
        ? got.value === null
        : got.value !== null && got.value.path[0] === want.list && got.value.path[1] === want.index
          && got.value.kind === (want.list === 'overrides' ? 'override' : 'holiday') && !(businessDay && got.value.closed));
      if (!same) report('isHoliday', s, `isHoliday(cal, '${date}')`, JSON.stringify(want), got.ok ? JSON.stringify(got.value) : got.error);
    }
  }
}

function runScenario(s: Scenario): void {
  const z = s.zone;
  // isBusinessTime: whole minutes, sub-minute readings, and 1 ms either side of a quarter hour.
  for (let i = 0; i < 56; i++) {
    let t = nearInstant(s);
    const r = rnd();
    if (r < 0.2) t += int(MINUTE);
    else if (r < 0.3) t -= 1;
    const input = asInput(t);
    const expected = isBusinessOracle(s.oracle, t);
    const got = attempt(() => isBusinessTime(s.engine, input));
    counts.isBusinessTime++;
    if (!got.ok || got.value !== expected) {
      report('isBusinessTime', s, `isBusinessTime(cal, ${describeInput(input)}) at ${describeInstant(t, z)}`, String(expected), got.ok ? String(got.value) : got.error);
    }
  }
  // businessTimeBetween over up to 3 days either way (a few with sub-minute endpoints).
  for (let i = 0; i < 10; i++) {
    let from = nearInstant(s);
    let to = clampToWindow(s, from + between(-3 * 1440, 3 * 1440) * MINUTE);
    if (chance(0.15)) {
      from += int(MINUTE);
      to += int(MINUTE);
    }
    const fromIn = asInput(from), toIn = asInput(to);
    const expected = betweenOracle(s.oracle, from, to);
    const got = attempt(() => businessTimeBetween(s.engine, fromIn, toIn));
    counts.businessTimeBetween++;
    if (!got.ok || got.value !== expected) {
      report(
        'businessTimeBetween',
        s,
        `businessTimeBetween(cal, ${describeInput(fromIn)}, ${describeInput(toIn)}) from ${describeInstant(from, z)} to ${describeInstant(to, z)}`,
        `${expected} ms (${expected / MINUTE} min)`,
        got.ok ? `${got.value} ms (${got.value / MINUTE} min)` : got.error,
      );
    }
  }
  // addBusinessTime, both signs, up to 1,500 business minutes (some with a sub-minute remainder).
  for (let i = 0; i < 16; i++) {
    const sign = i % 2 === 0 ? 1 : -1;
    const kind: Kind = sign > 0 ? 'addBusinessTime(+)' : 'addBusinessTime(-)';
    let t = nearInstant(s);
    if (chance(0.1)) t += int(MINUTE);
    const r = rnd();
    const minutes = r < 0.5 ? between(1, 120) : r < 0.85 ? between(1, 600) : between(1, 1500);
    const d = sign * (minutes * MINUTE - (chance(0.2) ? between(1, MINUTE - 1) : 0));
    const expected = addOracle(s.oracle, t, d, CAP_MINUTES);
    if (expected === null) {
      counts.skipped++;
      continue;
    }
    const input = asInput(t);
    const got = attempt(() => addBusinessTime(s.engine, input, d));
    counts[kind]++;
    if (!got.ok || got.value.getTime() !== expected) {
      report(kind, s, `addBusinessTime(cal, ${describeInput(input)}, ${d}) from ${describeInstant(t, z)}`, describeInstant(expected, z), dateAnswer(got, z));
    }
  }
  // nextBusinessTime.
  for (let i = 0; i < 8; i++) {
    let t = nearInstant(s);
    if (chance(0.15)) t += int(MINUTE);
    const expected = nextOracle(s.oracle, t, CAP_MINUTES);
    if (expected === null) {
      counts.skipped++;
      continue;
    }
    const input = asInput(t);
    const got = attempt(() => nextBusinessTime(s.engine, input));
    counts.nextBusinessTime++;
    if (!got.ok || got.value.getTime() !== expected) {
      report('nextBusinessTime', s, `nextBusinessTime(cal, ${describeInput(input)}) from ${describeInstant(t, z)}`, describeInstant(expected, z), dateAnswer(got, z));
    }
  }
  // businessIntervals over up to 3 days.
  for (let i = 0; i < 2; i++) {
    const from = nearInstant(s);
    const to = Math.max(from, clampToWindow(s, from + between(0, 3 * 1440) * MINUTE));
    const fromIn = asInput(from), toIn = asInput(to);
    const expected = intervalsOracle(s.oracle, from, to);
    const got = attempt(() => businessIntervals(s.engine, fromIn, toIn).map((x) => ({ start: x.start.getTime(), end: x.end.getTime() })));
    counts.businessIntervals++;
    const show = (xs: Array<{ start: number; end: number }>): string =>
      `[${xs.map((x) => `${describeInstant(x.start, z)} → ${describeInstant(x.end, z)}`).join(', ')}]`;
    if (!got.ok || JSON.stringify(got.value) !== JSON.stringify(expected)) {
      report(
        'businessIntervals',
        s,
        `businessIntervals(cal, ${describeInput(fromIn)}, ${describeInput(toIn)}) from ${describeInstant(from, z)} to ${describeInstant(to, z)}`,
        show(expected),
        got.ok ? show(got.value) : got.error,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('the minute-stepping oracle itself', () => {
  const everyDay = (timeZone: string, hours: string[]): OracleCalendar => ({
    kind: 'spec',
    spec: { timeZone, weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, hours])) },
  });

  it('counts a New York fall-back night as 180 minutes of 01:00-03:00', () => {
    const cal = everyDay('America/New_York', ['01:00-03:00']);
    expect(betweenOracle(cal, Date.parse('2026-11-01T00:00:00-04:00'), Date.parse('2026-11-01T12:00:00-05:00'))).toBe(180 * MINUTE);
  });

  it('counts a New York spring-forward night as 60 minutes of 01:00-03:00', () => {
    const cal = everyDay('America/New_York', ['01:00-03:00']);
    expect(betweenOracle(cal, Date.parse('2026-03-08T00:00:00-05:00'), Date.parse('2026-03-08T12:00:00-04:00'))).toBe(60 * MINUTE);
  });

  it('splits 01:30-02:30 on a New York fall-back night into two real stretches', () => {
    const cal = everyDay('America/New_York', ['01:30-02:30']);
    expect(intervalsOracle(cal, Date.parse('2026-11-01T00:00:00-04:00'), Date.parse('2026-11-01T12:00:00-05:00'))).toEqual([
      { start: Date.parse('2026-11-01T01:30:00-04:00'), end: Date.parse('2026-11-01T01:00:00-05:00') },
      { start: Date.parse('2026-11-01T01:30:00-05:00'), end: Date.parse('2026-11-01T02:30:00-05:00') },
    ]);
  });

  it('reads the Lord Howe fall-back fold of 01:30-02:00 twice (+11:00 then +10:30)', () => {
    const cal = everyDay('Australia/Lord_Howe', ['01:30-02:00']);
    expect(intervalsOracle(cal, Date.parse('2026-04-04T12:00:00Z'), Date.parse('2026-04-05T12:00:00Z'))).toEqual([
      { start: Date.parse('2026-04-05T01:30:00+11:00'), end: Date.parse('2026-04-05T01:30:00+10:30') + 30 * MINUTE },
    ]);
    expect(betweenOracle(cal, Date.parse('2026-04-04T12:00:00Z'), Date.parse('2026-04-05T12:00:00Z'))).toBe(60 * MINUTE);
  });

  it('never reads 2011-12-30 on an Apia wall clock', () => {
    const dates = new Set<string>();
    for (let t = Date.parse('2011-12-29T00:00:00Z'); t < Date.parse('2011-12-31T00:00:00Z'); t += 15 * MINUTE) {
      const r = readWallClock('Pacific/Apia', t);
      dates.add(`${r.year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`);
    }
    expect([...dates]).toEqual(['2011-12-28', '2011-12-29', '2011-12-31']);
    expect(offsetMinutes('Pacific/Apia', APIA_SKIP - 1)).toBe(-10 * 60);
    expect(offsetMinutes('Pacific/Apia', APIA_SKIP)).toBe(14 * 60);
  });

  it('lets the overnight hours of the skipped Apia Friday run into Saturday morning', () => {
    const cal: OracleCalendar = { kind: 'spec', spec: { timeZone: 'Pacific/Apia', weekly: { fri: ['22:00-06:00'] } } };
    expect(isBusinessOracle(cal, Date.parse('2011-12-31T03:00:00+14:00'))).toBe(true);
    expect(isBusinessOracle(cal, Date.parse('2011-12-31T06:00:00+14:00'))).toBe(false);
  });

  it('lets an override beat a holiday and spares the overnight hours of the evening before', () => {
    const cal: OracleCalendar = {
      kind: 'spec',
      spec: {
        timeZone: 'UTC',
        weekly: { mon: ['22:00-06:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'] },
        holidays: ['2026-03-10', '--03-11'],
        overrides: [{ date: '2026-03-11', hours: ['10:00-11:00'] }],
      },
    };
    expect(isBusinessOracle(cal, Date.parse('2026-03-10T05:59:00Z'))).toBe(true); // Monday's night
    expect(isBusinessOracle(cal, Date.parse('2026-03-10T09:00:00Z'))).toBe(false); // holiday
    expect(betweenOracle(cal, Date.parse('2026-03-11T00:00:00Z'), Date.parse('2026-03-12T00:00:00Z'))).toBe(60 * MINUTE);
  });

  it('adds and subtracts by stepping to the earliest and latest instants', () => {
    const cal: OracleCalendar = { kind: 'spec', spec: { timeZone: 'UTC', weekly: { fri: ['09:00-17:00'], mon: ['09:00-17:00'] } } };
    const fri16 = Date.parse('2026-03-13T16:00:00Z');
    expect(addOracle(cal, fri16, HOUR, CAP_MINUTES)).toBe(Date.parse('2026-03-13T17:00:00Z'));
    expect(addOracle(cal, fri16, HOUR + 1, CAP_MINUTES)).toBe(Date.parse('2026-03-16T09:00:00.001Z'));
    expect(addOracle(cal, Date.parse('2026-03-16T09:00:00Z'), -HOUR, CAP_MINUTES)).toBe(fri16);
    expect(addOracle(cal, Date.parse('2026-03-16T10:00:00Z'), -HOUR, CAP_MINUTES)).toBe(Date.parse('2026-03-16T09:00:00Z'));
    expect(nextOracle(cal, Date.parse('2026-03-13T17:00:00Z'), CAP_MINUTES)).toBe(Date.parse('2026-03-16T09:00:00Z'));
  });
});

describe('the calendar engine against the minute-stepping oracle', () => {
  beforeEach(() => {
    failures.length = 0;
    failureCount = 0;
  });

  beforeAll(() => {
    const started = performance.now();
    transitions = new Map(ZONES.map((z) => [z, findTransitions(z, FIRST_YEAR, LAST_YEAR)]));
    const total = [...transitions.values()].reduce((n, ts) => n + ts.length, 0);
    console.log(`oracle: found ${total} offset transitions in ${ZONES.length} zones (${FIRST_YEAR}-${LAST_YEAR}) in ${Math.round(performance.now() - started)} ms`);
  });

  it('agrees on 20,000+ random cases across 20 zones, DST transitions, holidays, overrides and compositions', () => {
    const started = performance.now();
    console.log(`oracle: seed ${SEED} (override with ORACLE_SEED)`);
    for (let i = 0; i < SCENARIOS; i++) {
      const made = attempt(() => randomScenario(i));
      if (!made.ok) {
        failureCount++;
        if (failures.length < MAX_STORED_FAILURES) failures.push(`building scenario ${i} (seed ${SEED}) ${made.error}`);
        continue;
      }
      runScenario(made.value);
    }
    const total = Object.entries(counts).reduce((n, [k, v]) => (k === 'skipped' ? n : n + v), 0);
    console.log(
      `oracle: ${total} cases in ${Math.round(performance.now() - started)} ms (engine ${Math.round(engineMs)} ms, ${wallClockReadings()} wall-clock readings), ${failureCount} disagreements`,
      counts,
    );
    expectNoDisagreements();
    expect(total).toBeGreaterThanOrEqual(20_000);
    expect(counts.isBusinessTime).toBeGreaterThan(10_000);
    expect(counts.businessTimeBetween).toBeGreaterThan(2_000);
    expect(counts['addBusinessTime(+)']).toBeGreaterThan(1_800);
    expect(counts['addBusinessTime(-)']).toBeGreaterThan(1_800);
    expect(counts.nextBusinessTime).toBeGreaterThan(1_800);
    expect(counts.businessIntervals).toBeGreaterThan(450);
  }, 300_000);

  it('agrees on previous business time, openings, closings, business days and deciding rules in random scenarios', () => {
    const started = performance.now();
    const before = { ...counts };
    for (let i = 0; i < NEW_QUERY_SCENARIOS; i++) {
      const made = attempt(() => randomScenario(i));
      if (!made.ok) {
        failureCount++;
        if (failures.length < MAX_STORED_FAILURES) failures.push(`building scenario ${i} (seed ${SEED}) ${made.error}`);
        continue;
      }
      runNewQueries(made.value);
    }
    const done = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v - before[k as keyof typeof counts]]).filter(([, v]) => v !== 0));
    console.log(`oracle: new queries over ${NEW_QUERY_SCENARIOS} scenarios in ${Math.round(performance.now() - started)} ms, ${failureCount} disagreements`, done);
    expectNoDisagreements();
    const got = (k: keyof typeof counts): number => counts[k] - before[k];
    expect(got('previousBusinessTime')).toBeGreaterThan(200);
    for (const kind of ['nextOpening', 'nextClosing', 'previousOpening', 'previousClosing'] as const) expect(got(kind)).toBeGreaterThan(100);
    expect(got('addBusinessDays(+)') + got('addBusinessDays(-)')).toBeGreaterThan(200);
    expect(got('businessDaysBetween')).toBeGreaterThan(110);
    expect(got('isBusinessDay')).toBeGreaterThan(220);
    expect(got('isHoliday')).toBeGreaterThan(450);
  }, 300_000);

  // Deterministic: for every offset transition of 2025-2026 (and Apia's skipped day), put intervals on the
  // transition date whose ends sit just before, at, inside and just after the gap or fold, plus overnight
  // intervals from the evening before that end at those points, and compare everything around the transition.
  it('agrees on intervals that start, end or lie inside every gap and fold of 2025-2026 and the Apia skip', () => {
    const started = performance.now();
    let cases = 0;
    const hm = (m: number): string => (m === 1440 ? '24:00' : clock(m));
    const list = ZONES.flatMap((zone) =>
      (transitions.get(zone) ?? []).filter((t) => t >= Date.UTC(2025, 0, 1) && t < Date.UTC(2027, 0, 1)).map((t) => ({ zone, t })),
    );
    list.push({ zone: 'Pacific/Apia', t: APIA_SKIP });
    for (const { zone, t } of list) {
      const m = t / MINUTE;
      const wBefore = wallMinuteAt(zone, m - 1) + 1; // the reading the clock would have shown without the change
      const wAfter = wallMinuteAt(zone, m);
      const walls = [wBefore - 30, wBefore, wAfter, wAfter + 30, Math.floor((wBefore + wAfter) / 2), wBefore + 15, wAfter - 15];
      const days = [...new Set([Math.floor((wBefore - 1) / 1440), Math.floor(wAfter / 1440)])];
      const shapes: Array<{ date: string; hours: string[] }> = [];
      for (const day of days) {
        const date = isoDate(day);
        const points = [...new Set(walls.map((w) => w - day * 1440).filter((p) => p >= 0 && p <= 1440))].sort((a, b) => a - b);
        for (const a of points) for (const b of points) if (a < b && a < 1440) shapes.push({ date, hours: [`${hm(a)}-${hm(b)}`] });
        for (const p of points) {
          if (p >= 1440) continue;
          const start = p < 1380 ? 1380 : p; // 23:00 the day before, or a 24-hour interval ending at p
          shapes.push({ date: isoDate(day - 1), hours: [`${clock(start)}-${clock(p)}`] });
        }
      }
      for (const o of shapes) {
        const spec: RandomSpec = { timeZone: zone, weekly: {}, overrides: [o] };
        const s: Scenario = { engine: createCalendar(spec as EngineSpec), oracle: { kind: 'spec', spec: spec as OracleSpec }, zone, anchor: t };
        const from = t - 24 * HOUR, to = t + 24 * HOUR;
        const d = betweenOracle(s.oracle, from, to);
        const got = attempt(() => businessTimeBetween(s.engine, from, to));
        cases++;
        if (!got.ok || got.value !== d) {
          report('businessTimeBetween', s, `businessTimeBetween(cal, ${describeInstant(from, zone)}, ${describeInstant(to, zone)})`, `${d / MINUTE} min`, got.ok ? `${got.value / MINUTE} min` : got.error);
        }
        const expected = intervalsOracle(s.oracle, from, to);
        const xs = attempt(() => businessIntervals(s.engine, from, to).map((x) => ({ start: x.start.getTime(), end: x.end.getTime() })));
        cases++;
        const show = (ys: Array<{ start: number; end: number }>): string =>
          `[${ys.map((x) => `${describeInstant(x.start, zone)} → ${describeInstant(x.end, zone)}`).join(', ')}]`;
        if (!xs.ok || JSON.stringify(xs.value) !== JSON.stringify(expected)) {
          report('businessIntervals', s, `businessIntervals(cal, ${describeInstant(from, zone)}, ${describeInstant(to, zone)})`, show(expected), xs.ok ? show(xs.value) : xs.error);
        }
        for (let k = -8; k <= 8; k++) {
          for (const q of [t + k * 15 * MINUTE, t + k * 15 * MINUTE - 1]) {
            const b = attempt(() => isBusinessTime(s.engine, q));
            cases++;
            if (!b.ok || b.value !== isBusinessOracle(s.oracle, q)) {
              report('isBusinessTime', s, `isBusinessTime(cal, ${describeInstant(q, zone)})`, String(isBusinessOracle(s.oracle, q)), b.ok ? String(b.value) : b.error);
            }
          }
        }
        if (d === 0) continue;
        for (const [at, amount] of [[from, 1], [from, d], [to, -1], [to, -d], [t, Math.ceil(d / 2)], [t, -Math.ceil(d / 2)]] as const) {
          const want = addOracle(s.oracle, at, amount, 3 * 1440);
          if (want === null) continue;
          const a = attempt(() => addBusinessTime(s.engine, at, amount));
          cases++;
          if (!a.ok || a.value.getTime() !== want) {
            report(amount > 0 ? 'addBusinessTime(+)' : 'addBusinessTime(-)', s, `addBusinessTime(cal, ${describeInstant(at, zone)}, ${amount})`, describeInstant(want, zone), dateAnswer(a, zone));
          }
        }
        const n = nextOracle(s.oracle, from, 3 * 1440);
        if (n !== null) {
          const a = attempt(() => nextBusinessTime(s.engine, from));
          cases++;
          if (!a.ok || a.value.getTime() !== n) report('nextBusinessTime', s, `nextBusinessTime(cal, ${describeInstant(from, zone)})`, describeInstant(n, zone), dateAnswer(a, zone));
        }
      }
    }
    console.log(`oracle: ${cases} transition-edge cases over ${list.length} transitions in ${Math.round(performance.now() - started)} ms, ${failureCount} disagreements`);
    expectNoDisagreements();
  });

  it('agrees over ranges of three to five weeks that cross a new year', () => {
    const started = performance.now();
    let cases = 0;
    for (let i = 0; i < 10; i++) {
      const year = between(FIRST_YEAR, LAST_YEAR - 1);
      const from = Date.UTC(year, 11, between(1, 20), between(0, 23), between(0, 59));
      const to = from + between(21 * 1440, 35 * 1440) * MINUTE;
      const zone = pick(ZONES);
      const a = leaf(zone, Date.UTC(year + 1, 0, 1));
      const s: Scenario = i % 4 === 3
        ? (() => {
            const b = leaf(pick(ZONES), Date.UTC(year, 11, 31));
            return { engine: unionCalendars(a.engine, b.engine), oracle: { kind: 'union', parts: [a.oracle, b.oracle] } as const, zone, anchor: from };
          })()
        : { engine: a.engine, oracle: a.oracle, zone, anchor: from };
      const d = betweenOracle(s.oracle, from, to);
      const got = attempt(() => businessTimeBetween(s.engine, from, to));
      cases++;
      if (!got.ok || got.value !== d) report('businessTimeBetween', s, `businessTimeBetween(cal, ${from}, ${to}) from ${describeInstant(from, zone)} to ${describeInstant(to, zone)}`, String(d), got.ok ? String(got.value) : got.error);
      if (d === 0) continue;
      // Adding all of it back from either end lands on the first / last business instant of the range.
      const forward = addOracle(s.oracle, from, d, 60 * 1440);
      const backward = addOracle(s.oracle, to, -d, 60 * 1440);
      const f = attempt(() => addBusinessTime(s.engine, from, d));
      const b = attempt(() => addBusinessTime(s.engine, to, -d));
      cases += 2;
      if (forward !== null && (!f.ok || f.value.getTime() !== forward)) report('addBusinessTime(+)', s, `addBusinessTime(cal, ${from}, ${d})`, describeInstant(forward, zone), dateAnswer(f, zone));
      if (backward !== null && (!b.ok || b.value.getTime() !== backward)) report('addBusinessTime(-)', s, `addBusinessTime(cal, ${to}, ${-d})`, describeInstant(backward, zone), dateAnswer(b, zone));
      const expected = intervalsOracle(s.oracle, from, to);
      const xs = attempt(() => businessIntervals(s.engine, from, to).map((x) => ({ start: x.start.getTime(), end: x.end.getTime() })));
      cases++;
      if (!xs.ok || JSON.stringify(xs.value) !== JSON.stringify(expected)) {
        report('businessIntervals', s, `businessIntervals(cal, ${from}, ${to})`, `${expected.length} stretches`, xs.ok ? `${xs.value.length} stretches, first difference at ${xs.value.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(expected[k]))}` : xs.error);
      }
    }
    console.log(`oracle: ${cases} long-range cases in ${Math.round(performance.now() - started)} ms, ${failureCount} disagreements`);
    expectNoDisagreements();
  });

  it('agrees on calendars queried across a century in random order, evicting and recompiling years', () => {
    const started = performance.now();
    let cases = 0;
    const from = Date.UTC(1975, 0, 1) / MINUTE, to = Date.UTC(2099, 11, 31) / MINUTE;
    for (let i = 0; i < 6; i++) {
      const zone = pick(ZONES);
      const anchor = between(from, to) * MINUTE;
      const a = leaf(zone, anchor);
      const s: Scenario = i < 4
        ? { engine: a.engine, oracle: a.oracle, zone, anchor }
        : (() => {
            const b = leaf(pick(ZONES), anchor);
            return { engine: subtractCalendars(a.engine, b.engine), oracle: { kind: 'subtract', a: a.oracle, b: b.oracle } as const, zone, anchor };
          })();
      const instants: number[] = [];
      for (let k = 0; k < 600; k++) instants.push(between(from, to) * MINUTE + (chance(0.2) ? int(MINUTE) : 0));
      for (const t of [...instants, ...instants.reverse()]) {
        const got = attempt(() => isBusinessTime(s.engine, t));
        cases++;
        const expected = isBusinessOracle(s.oracle, t);
        if (!got.ok || got.value !== expected) report('isBusinessTime', s, `isBusinessTime(cal, ${describeInstant(t, zone)})`, String(expected), got.ok ? String(got.value) : got.error);
      }
      for (let k = 0; k < 30; k++) {
        const t = between(from, to) * MINUTE;
        const u = t + between(1, 1440) * MINUTE;
        const expected = betweenOracle(s.oracle, t, u);
        const got = attempt(() => businessTimeBetween(s.engine, t, u));
        cases++;
        if (!got.ok || got.value !== expected) report('businessTimeBetween', s, `businessTimeBetween(cal, ${describeInstant(t, zone)}, ${describeInstant(u, zone)})`, String(expected), got.ok ? String(got.value) : got.error);
        const d = between(1, 240) * MINUTE;
        const added = addOracle(s.oracle, t, d, 3 * 1440);
        if (added === null) continue;
        const a2 = attempt(() => addBusinessTime(s.engine, t, d));
        cases++;
        if (!a2.ok || a2.value.getTime() !== added) report('addBusinessTime(+)', s, `addBusinessTime(cal, ${describeInstant(t, zone)}, ${d})`, describeInstant(added, zone), dateAnswer(a2, zone));
      }
    }
    console.log(`oracle: ${cases} century-wide cases in ${Math.round(performance.now() - started)} ms, ${failureCount} disagreements`);
    expectNoDisagreements();
  });
});
