import { describe, expect, it } from 'vitest';
import { calendar24x7, createCalendar, subtractCalendars, unionCalendars } from '../../src/calendar/index.js';
import { createSlaDefinition, evaluateSla } from '../../src/sla/index.js';
import type { SlaDefinition, SlaResult, TicketEvent } from '../../src/sla/index.js';
import {
  DAY,
  MINUTE,
  describeCalendar,
  describeInstant,
  findTransitions,
  offsetMinutes,
  type OracleCalendar,
  type OracleSpec,
  type OracleWeekday,
} from '../calendar/oracle.js';
import {
  OracleCapExceeded,
  evaluateSlaOracle,
  type OracleCondition,
  type OracleDefinition,
  type OracleEvent,
  type OracleResult,
} from './oracle.js';
import { mulberry32 } from '../support/random.js';

type EngineCalendar = ReturnType<typeof createCalendar>;
type EngineSpec = Parameters<typeof createCalendar>[0];

const HOUR = 60 * MINUTE;
const CASES = Number(process.env['SLA_ORACLE_CASES'] ?? 5000);
// A fixed default keeps CI reproducible; SLA_ORACLE_SEED=<n> replays a seed, SLA_ORACLE_SEED=random explores.
const SEED_ENV = process.env['SLA_ORACLE_SEED'];
const SEED = SEED_ENV === undefined ? 20_260_310 : SEED_ENV === 'random' ? (Date.now() ^ (process.pid << 16)) >>> 0 : Number(SEED_ENV);
const MAX_REPORTED = 12;
const CAP_MINUTES = 60 * 1440;

// Whole-hour, half-hour and 45-minute offsets; 30-minute DST (Lord Howe); southern-hemisphere DST at midnight
// (Santiago); negative DST (Dublin); no DST (Kathmandu, UTC).
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
  'UTC',
  'Europe/Dublin',
  'Pacific/Chatham',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------------------------


const rnd = mulberry32(SEED);
const int = (n: number): number => Math.floor(rnd() * n);
const between = (lo: number, hi: number): number => lo + int(hi - lo + 1);
const chance = (p: number): boolean => rnd() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[int(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
/** Like `pick`, for lists in which `undefined` (an absent option) is a legitimate choice. */
function pickOptional<T>(items: ReadonlyArray<T | undefined>): T | undefined {
  return items[int(items.length)];
}

// ---------------------------------------------------------------------------------------------------------------
// Calendars: a pool per (zone, window), windows around DST transitions and a few ordinary weeks of 2026
// ---------------------------------------------------------------------------------------------------------------

interface CalendarCase {
  readonly key: string; // the definition's calendar key
  readonly engine: EngineCalendar | null; // null for the built-in '24x7'
  readonly oracle: OracleCalendar;
  readonly label: string;
}

interface Window {
  readonly zone: string;
  readonly start: number; // a whole minute; ticket starts are drawn from [start, start + 4 days]
  readonly dst: boolean;
  readonly calendars: CalendarCase[];
}

const WEEKDAYS: readonly OracleWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKDAYS: readonly OracleWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function everyDay(days: readonly OracleWeekday[], hours: readonly string[]): { [K in OracleWeekday]?: string[] } {
  const weekly: { [K in OracleWeekday]?: string[] } = {};
  for (const d of days) weekly[d] = [...hours];
  return weekly;
}

function randomWeekly(shape: number): { [K in OracleWeekday]?: string[] } {
  switch (shape) {
    case 0: { // office hours
      const open = between(14, 20) * 30;
      const close = between(32, 38) * 30;
      return everyDay(WORKDAYS, [`${clock(open)}-${clock(close)}`]);
    }
    case 1: // overnight desk, weekdays or every day
      return everyDay(chance(0.5) ? WORKDAYS : WEEKDAYS, [pick(['22:00-06:00', '20:00-02:00', '23:30-01:30', '18:00-08:00'])]);
    case 2: { // split shift, Saturday morning
      const w = everyDay(WORKDAYS, ['08:00-12:00', '13:00-17:30']);
      if (chance(0.6)) w.sat = ['10:00-14:00'];
      return w;
    }
    case 3: // hours around the usual DST switch times
      return everyDay(WEEKDAYS, pick([
        ['00:00-02:30', '02:45-04:00', '12:00-20:00'],
        ['01:00-03:00', '09:00-17:00'],
        ['00:30-01:30', '02:00-03:30', '23:00-24:00'],
      ]));
    case 4: // whole weekdays
      return everyDay(WORKDAYS, ['00:00-24:00']);
    default: // random short intervals every day
      return everyDay(WEEKDAYS, [`${clock(between(0, 11) * 60)}-${clock(between(12, 23) * 60 + pick([0, 30]))}`]);
  }
}

/** A composite: an office plus a weekend desk in another zone, or round-the-clock hours minus lunch and a night. */
function randomComposite(zone: string): CalendarCase {
  if (chance(0.5)) {
    const office: OracleSpec = { timeZone: zone, weekly: everyDay(WORKDAYS, ['09:00-17:00']) };
    const weekend: OracleSpec = { timeZone: pick(ZONES), weekly: { sat: ['10:00-16:00'], sun: ['10:00-16:00'], mon: ['16:30-18:00'] } };
    const oracle: OracleCalendar = { kind: 'union', parts: [{ kind: 'spec', spec: office }, { kind: 'spec', spec: weekend }] };
    return { key: 'support', engine: unionCalendars(createCalendar(office as EngineSpec), createCalendar(weekend as EngineSpec)), oracle, label: describeCalendar(oracle) };
  }
  const closed: OracleSpec = { timeZone: zone, weekly: everyDay(WEEKDAYS, ['12:00-13:00', '23:00-05:00']) };
  const oracle: OracleCalendar = { kind: 'subtract', a: { kind: 'always' }, b: { kind: 'spec', spec: closed } };
  return { key: 'support', engine: subtractCalendars(calendar24x7(zone), createCalendar(closed as EngineSpec)), oracle, label: describeCalendar(oracle) };
}

function randomCalendar(zone: string, windowStart: number, index: number): CalendarCase {
  if (index === 9) return randomComposite(zone);
  if (index === 0) return { key: 'support', engine: calendar24x7(zone), oracle: { kind: 'always' }, label: `calendar24x7('${zone}')` };
  if (index === 1) return { key: '24x7', engine: null, oracle: { kind: 'always' }, label: "built-in '24x7'" };
  const spec: { -readonly [K in keyof OracleSpec]: OracleSpec[K] } = { timeZone: zone, weekly: randomWeekly((index - 2) % 6) };
  const firstDay = Math.floor(windowStart / DAY);
  const dates = (): string => new Date((firstDay + between(0, 9)) * DAY).toISOString().slice(0, 10);
  const holidays: string[] = [];
  for (let i = pick([0, 1, 1, 2, 3]); i > 0; i--) {
    const d = dates();
    holidays.push(chance(0.3) ? `--${d.slice(5)}` : d);
  }
  if (holidays.length > 0) spec.holidays = [...new Set(holidays)];
  if (chance(0.3)) spec.overrides = [{ date: dates(), hours: pick([[], ['10:00-12:00'], ['07:00-23:00']]) }];
  const oracle: OracleCalendar = { kind: 'spec', spec };
  return { key: 'support', engine: createCalendar(spec as EngineSpec), oracle, label: describeCalendar(oracle) };
}

function buildWindows(): Window[] {
  const windows: Window[] = [];
  const ordinary = ['2026-03-02T06:00:00Z', '2026-06-15T12:00:00Z', '2026-12-21T00:00:00Z'].map(Date.parse);
  for (const zone of ZONES) {
    const starts = findTransitions(zone, 2026, 2026).map((t) => ({ start: t - 3 * DAY, dst: true }));
    for (const s of ordinary) starts.push({ start: s, dst: false });
    for (const { start, dst } of starts) {
      const calendars = Array.from({ length: 10 }, (_, i) => randomCalendar(zone, start, i));
      windows.push({ zone, start: Math.floor(start / MINUTE) * MINUTE, dst, calendars });
    }
  }
  return windows;
}

// ---------------------------------------------------------------------------------------------------------------
// Definitions and tickets
// ---------------------------------------------------------------------------------------------------------------

const STARTS: readonly OracleCondition[] = [
  { field: 'state', ne: 'new' },
  { event: 'ASSIGN' },
  true,
  { field: 'state', in: ['in_progress', 'on_hold'] },
  { any: [{ event: 'ASSIGN' }, { field: 'priority', lte: 2 }] },
  { field: 'assignee', exists: true },
];
const STOPS: readonly OracleCondition[] = [
  { field: 'state', in: ['resolved', 'closed'] },
  { event: 'RESOLVE' },
  { any: [{ event: 'RESOLVE' }, { event: 'CLOSE' }] },
  { field: 'state', eq: 'closed' },
  { all: [{ field: 'state', notIn: ['new', 'in_progress', 'on_hold'] }, { field: 'state', ne: 'canceled' }] },
  { field: 'state', notIn: ['new', 'in_progress', 'on_hold'] }, // holds with a cancel too: cancel wins (rule 3)
];
const PAUSES: ReadonlyArray<OracleCondition | undefined> = [
  undefined,
  { field: 'state', eq: 'on_hold' },
  { field: 'state', eq: 'on_hold' },
  { any: [{ field: 'state', eq: 'on_hold' }, { field: 'holdReason', in: ['awaiting_caller', 'awaiting_vendor'] }] },
  { all: [{ field: 'state', eq: 'on_hold' }, { not: { field: 'holdReason', eq: 'awaiting_change' } }] },
  { event: 'HOLD' },
  { field: 'holdReason', exists: true },
];
const CANCELS: ReadonlyArray<OracleCondition | undefined> = [
  undefined,
  { field: 'state', eq: 'canceled' },
  { event: 'CANCEL' },
  { field: 'state', in: ['canceled', 'closed'] }, // a CLOSE both stops and cancels: cancel wins (rule 3)
];
const RESETS: ReadonlyArray<OracleCondition | undefined> = [
  undefined,
  undefined,
  { event: 'REOPEN' },
  { field: 'priority', lte: 1 },
  { all: [{ event: 'UPDATE' }, { field: 'priority', lt: 2 }] },
  { event: 'CREATE' },
];
const APPLIES: ReadonlyArray<OracleCondition | undefined> = [
  undefined,
  undefined,
  undefined,
  { field: 'priority', lte: 3 },
  { field: 'priority', gte: 2 },
  { field: 'customer.tier', eq: 'gold' },
  { field: 'priority', notIn: [4] },
  { field: 'category', gt: 'm' },
];
const TARGETS = ['PT15M', 'PT30M', 'PT45M', 'PT1H', 'PT1H30M', 'PT2H', 'PT4H', 'PT8H', 'PT12H', 'P1D', 'P1DT6H', 'P2D', 'PT7M', 'PT1H1M'];

function randomWarnAt(): number[] | undefined {
  switch (int(6)) {
    case 0: case 1: return undefined;
    case 2: return [0.5];
    case 3: return [0.5, 0.9];
    case 4: return [0.33, 0.66];
    default: return Array.from({ length: between(1, 3) }, () => between(1, 99) / 100);
  }
}

function randomDefinition(calendarKey: string): OracleDefinition {
  const d: { -readonly [K in keyof OracleDefinition]: OracleDefinition[K] } = {
    id: 'sla', target: pick(TARGETS), calendar: calendarKey, start: pick(STARTS), stop: pick(STOPS),
  };
  const optional = {
    pause: pickOptional(PAUSES), cancel: pickOptional(CANCELS), reset: pickOptional(RESETS), appliesTo: pickOptional(APPLIES), warnAt: randomWarnAt(),
    retroactiveStart: chance(0.2) ? 'openedAt' : undefined,
    timeZoneField: chance(0.15) ? 'customerZone' : undefined,
  };
  // A retroactive start is most telling when the clock starts late, after pauses to replay.
  if (optional.retroactiveStart !== undefined && chance(0.6)) d.start = pick([{ event: 'ASSIGN' }, { field: 'assignee', exists: true }]);
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (d as Record<string, unknown>)[k] = v;
  return d;
}

const TYPES = ['CREATE', 'ASSIGN', 'HOLD', 'RESUME', 'UPDATE', 'RESOLVE', 'REOPEN', 'CLOSE', 'CANCEL'] as const;

/** Zones for the `customerZone` field (read by `timeZoneField`). */
const CUSTOMER_ZONES = ['Asia/Tokyo', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];

/** An instant for the `openedAt` field (read by `retroactiveStart`): mostly before `at`, sometimes after it. */
function openedAt(at: number): string | number {
  const t = at + (chance(0.85) ? -between(0, 600) : between(1, 120)) * MINUTE;
  return chance(0.5) ? new Date(t).toISOString() : t;
}

function randomSet(type: (typeof TYPES)[number], at: number): Record<string, unknown> | undefined {
  switch (type) {
    case 'CREATE': {
      const s: Record<string, unknown> = { state: 'new', priority: between(1, 4) };
      if (chance(0.8)) s['openedAt'] = openedAt(at);
      if (chance(0.6)) s['customerZone'] = pick(CUSTOMER_ZONES);
      if (chance(0.7)) s['customer'] = { tier: pick(['gold', 'gold', 'silver']) };
      if (chance(0.7)) s['category'] = pick(['network', 'hardware', 'software']);
      return s;
    }
    case 'ASSIGN': return chance(0.8) ? { state: 'in_progress', assignee: pick(['ana', 'bo']) } : { assignee: 'cy' };
    case 'HOLD': return { state: 'on_hold', holdReason: pick(['awaiting_caller', 'awaiting_vendor', 'awaiting_change']) };
    case 'RESUME': return { state: 'in_progress', holdReason: undefined };
    case 'UPDATE': return pickOptional([undefined, { priority: between(1, 4) }, { note: 'x' }, { holdReason: null }, { assignee: undefined }, { category: 'software' }, { openedAt: openedAt(at) }, { openedAt: null }, { customerZone: pick(CUSTOMER_ZONES) }, { customerZone: undefined }]);
    case 'RESOLVE': return { state: 'resolved' };
    case 'REOPEN': return { state: 'in_progress', priority: chance(0.3) ? 1 : between(2, 4) };
    case 'CLOSE': return { state: 'closed' };
    case 'CANCEL': return { state: 'canceled' };
  }
}

function randomGap(): number {
  const r = rnd();
  if (r < 0.15) return 0;
  if (r < 0.45) return between(1, 59) * MINUTE;
  if (r < 0.6) return between(1, 16) * 15 * MINUTE;
  if (r < 0.85) return between(1, 12) * HOUR + pick([0, 0, between(0, 59)]) * MINUTE;
  return between(12 * 60, 3 * 24 * 60) * MINUTE;
}

// ASSIGN twice as likely as the rest, CREATE (a reset in some definitions) half as likely, after the first event.
const LATER_TYPES: ReadonlyArray<(typeof TYPES)[number]> = [...TYPES.filter((t) => t !== 'CREATE'), 'ASSIGN', 'ASSIGN', 'HOLD', 'RESUME', 'RESOLVE'];

function randomEvents(windowStart: number): OracleEvent[] {
  let at = windowStart + between(0, 4 * 1440) * MINUTE;
  const n = between(2, 12);
  const events: OracleEvent[] = [];
  for (let i = 0; i < n; i++) {
    const type = i === 0 ? (chance(0.85) ? 'CREATE' : pick(TYPES)) : i === 1 && chance(0.4) ? 'ASSIGN' : chance(0.05) ? 'CREATE' : pick(LATER_TYPES);
    const set = randomSet(type, at);
    events.push(set === undefined ? { at, type } : { at, type, set });
    at += randomGap();
  }
  return events;
}

function randomNow(events: readonly OracleEvent[]): number {
  const first = events[0]!.at;
  const last = events[events.length - 1]!.at;
  const r = rnd();
  if (r < 0.05) return first - between(1, 600) * MINUTE;
  if (r < 0.2) return pick(events).at;
  if (r < 0.6) return first + int((last - first) / MINUTE + 1) * MINUTE;
  return last + between(0, 3 * 1440) * MINUTE;
}

const BOUNDARY_TYPES = ['RESOLVE', 'HOLD', 'CLOSE', 'CANCEL', 'REOPEN', 'UPDATE', 'RESUME', 'ASSIGN'] as const;

/**
 * Moves event i (and the events after it, keeping their gaps) onto the instant a threshold of the clock is due
 * as it stands after event i - 1: a stop, pause, reset... exactly at the breach or at a warning.
 */
function moveOntoThreshold(def: OracleDefinition, cal: OracleCalendar, events: OracleEvent[]): OracleEvent[] {
  const i = between(1, events.length - 1);
  const before = events[i - 1]!.at;
  const o = evaluateSlaOracle(def, events.slice(0, i), cal, before, CAP_MINUTES);
  if (o.stage !== 'running') return events;
  const due = [o.dueAt, ...o.warnings.map((w) => w.dueAt)].filter((t): t is number => t !== null && t > before && t % MINUTE === 0);
  if (due.length === 0) return events;
  const shift = pick(due) - events[i]!.at;
  const type = pick(BOUNDARY_TYPES);
  const set = randomSet(type, events[i]!.at + shift);
  return events.map((e, k) => {
    if (k < i) return e;
    if (k > i) return { ...e, at: e.at + shift };
    return set === undefined ? { at: e.at + shift, type } : { at: e.at + shift, type, set };
  });
}

function toEngineEvents(events: readonly OracleEvent[]): TicketEvent[] {
  return events.map((e) => {
    const r = rnd();
    const at = r < 0.4 ? e.at : r < 0.7 ? new Date(e.at) : new Date(e.at).toISOString();
    return e.set === undefined ? { at, type: e.type } : { at, type: e.type, set: { ...e.set } };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------------------------

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

function differences(o: OracleResult, e: SlaResult, now: number): string[] {
  const out: string[] = [];
  const same = (name: string, want: unknown, got: unknown): void => {
    if (!Object.is(want, got)) out.push(`${name}: oracle ${String(want)}, engine ${String(got)}`);
  };
  same('stage', o.stage, e.stage);
  same('breached', o.breached, e.breached);
  same('targetMs', o.targetMs, e.targetMs);
  same('elapsedMs', o.elapsedMs, e.elapsedMs);
  same('pausedMs', o.pausedMs, e.pausedMs);
  same('dueAt', o.dueAt, ms(e.dueAt));
  same('breachedAt', o.breachedAt, ms(e.breachedAt));
  same('startedAt', o.startedAt, ms(e.startedAt));
  same('stoppedAt', o.stoppedAt, ms(e.stoppedAt));
  same('remainingMs', o.targetMs - o.elapsedMs, e.remainingMs);
  same('percent', (o.elapsedMs / o.targetMs) * 100, e.percent);
  same('cycles.length', o.cycles.length, e.cycles.length);
  o.cycles.forEach((oc, i) => {
    const ec = e.cycles[i];
    if (ec === undefined) return;
    same(`cycles[${i}].stage`, oc.stage, ec.stage);
    same(`cycles[${i}].startedAt`, oc.startedAt, ms(ec.startedAt));
    same(`cycles[${i}].stoppedAt`, oc.stoppedAt, ms(ec.stoppedAt));
    same(`cycles[${i}].endedAt`, oc.endedAt, ms(ec.endedAt));
    same(`cycles[${i}].endReason`, 'reset', ec.endReason);
    same(`cycles[${i}].elapsedMs`, oc.elapsedMs, ec.elapsedMs);
    same(`cycles[${i}].pausedMs`, oc.pausedMs, ec.pausedMs);
    same(`cycles[${i}].breachedAt`, oc.breachedAt, ms(ec.breachedAt));
    same(`cycles[${i}].breached`, oc.breachedAt !== null, ec.breached);
  });
  const fractions = [...new Set(o.warnings.map((w) => w.fraction))].sort((a, b) => a - b);
  same('warnings', fractions.join(','), e.warnings.map((w) => w.fraction).join(','));
  for (const f of fractions) {
    const ow = o.warnings.find((w) => w.fraction === f)!;
    const ew = e.warnings.find((w) => w.fraction === f);
    if (ew === undefined) continue;
    same(`warning ${f} reachedAt`, ow.reachedAt, ms(ew.reachedAt));
    same(`warning ${f} dueAt`, ow.dueAt, ms(ew.dueAt));
  }
  same('nextChangeAt', o.nextChangeAt, ms(e.nextChangeAt));
  if (e.nextChangeAt !== null && !(e.nextChangeAt.getTime() > now)) out.push(`nextChangeAt ${e.nextChangeAt.toISOString()} is not after now`);
  // The engine's own figures: the timer is the earliest warning or breach not reached yet, while running.
  const pending = [...e.warnings.filter((w) => w.reachedAt === null).map((w) => ms(w.dueAt)), e.breached ? null : ms(e.dueAt)]
    .filter((t): t is number => t !== null);
  same('nextChangeAt vs the engine\'s own projections', e.stage === 'running' && pending.length > 0 ? Math.min(...pending) : null, ms(e.nextChangeAt));
  same('evaluatedAt', now, ms(e.evaluatedAt));
  return out;
}

function describeCase(
  def: OracleDefinition,
  cal: CalendarCase,
  zone: string,
  events: readonly OracleEvent[],
  now: number,
  o: OracleResult | null,
  e: SlaResult | null,
  diffs: readonly string[],
): string {
  const instant = (t: number | null): string => (t === null ? 'null' : describeInstant(t, zone));
  const lines = [
    `definition: ${JSON.stringify(def)}`,
    `calendar "${cal.key}": ${cal.label}`,
    'events:',
    ...events.map((ev, i) => `  [${i}] ${instant(ev.at)} ${ev.type} ${JSON.stringify(ev.set ?? {}, (_k, v: unknown) => (v === undefined ? '<undefined>' : v))}`),
    `now: ${instant(now)}`,
    ...diffs.map((d) => `  ${d.replace(/(-?\d{12,})/g, (n) => instant(Number(n)))}`),
  ];
  if (o) lines.push(`oracle: ${JSON.stringify(o)}`);
  if (e) lines.push(`engine: ${JSON.stringify({ ...e, segments: e.segments.length })}`);
  return lines.join('\n');
}

/** Whether a threshold fell exactly on an event instant (met at the stop, breach at a resume, ...). */
function isBoundaryCase(o: OracleResult, events: readonly OracleEvent[]): boolean {
  const at = new Set(events.map((e) => e.at));
  const instants = [o.breachedAt, o.stage === 'completed' || o.stage === 'canceled' ? o.dueAt : null, ...o.warnings.map((w) => w.reachedAt)];
  return instants.some((t) => t !== null && at.has(t)) || o.cycles.some((c) => c.breachedAt !== null && at.has(c.breachedAt));
}

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

describe('evaluateSla against the naive minute-stepping oracle', () => {
  it(`agrees on stage, figures, thresholds and projections for ${CASES} random tickets`, () => {
    const started = performance.now();
    console.log(`sla oracle: seed ${SEED} (override with SLA_ORACLE_SEED=<n> or SLA_ORACLE_SEED=random)`);
    const windows = buildWindows();
    const failures: string[] = [];
    let mismatches = 0, compared = 0, skipped = 0, dstCases = 0, spanning = 0, attempts = 0;
    const stages = new Map<string, number>();
    const kinds = new Map<string, number>();
    let breached = 0, withCycles = 0, withNextChange = 0, boundary = 0, retroactive = 0, rezoned = 0;

    while (compared < CASES && attempts < CASES * 2) {
      attempts++;
      const w = pick(windows);
      const cal = pick(w.calendars);
      const def = randomDefinition(cal.key);
      let o: OracleResult;
      let events: OracleEvent[];
      let now: number;
      try {
        events = randomEvents(w.start);
        if (chance(0.3)) events = moveOntoThreshold(def, cal.oracle, events);
        now = randomNow(events);
        o = evaluateSlaOracle(def, events, cal.oracle, now, CAP_MINUTES);
        if (o.nextChangeAt !== null && o.nextChangeAt % MINUTE === 0 && chance(0.15)) {
          // Evaluate exactly at the instant a threshold is due (reached "now").
          now = o.nextChangeAt;
          o = evaluateSlaOracle(def, events, cal.oracle, now, CAP_MINUTES);
        }
      } catch (error) {
        if (error instanceof OracleCapExceeded) {
          skipped++;
          continue;
        }
        throw error;
      }
      const engineDef = chance(0.5) ? createSlaDefinition(def as SlaDefinition) : (def as SlaDefinition);
      const calendars = cal.engine === null ? {} : { [cal.key]: cal.engine };
      let e: SlaResult | null = null;
      let diffs: string[];
      try {
        e = evaluateSla(engineDef, toEngineEvents(events), { calendars, now, explain: chance(0.5) });
        diffs = differences(o, e, now);
      } catch (error) {
        diffs = [`engine threw ${String(error)}`];
      }
      compared++;
      if (w.dst) dstCases++;
      if (offsetMinutes(w.zone, events[0]!.at) !== offsetMinutes(w.zone, Math.max(now, events[events.length - 1]!.at))) spanning++;
      stages.set(o.stage, (stages.get(o.stage) ?? 0) + 1);
      if (o.breached) breached++;
      if (o.cycles.length > 0) withCycles++;
      if (o.nextChangeAt !== null) withNextChange++;
      if (isBoundaryCase(o, events)) boundary++;
      if (def.timeZoneField !== undefined && e !== null && e.startedAt !== null && e.timeZone !== w.zone && cal.key !== '24x7') rezoned++;
      if ([o, ...o.cycles].some((x) => x.startedAt !== null && !events.some((ev) => ev.at === x.startedAt))) retroactive++;
      if (diffs.length > 0) {
        mismatches++;
        for (const d of new Set(diffs.map((x) => x.replace(/[:\d.]+.*$|\s.*$/, '')))) kinds.set(d, (kinds.get(d) ?? 0) + 1);
        if (failures.length < MAX_REPORTED) failures.push(describeCase(def, cal, w.zone, events, now, o, e, diffs));
      }
    }

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `sla oracle: ${compared} tickets compared (${dstCases} in DST windows, ${spanning} spanning an offset change, ${skipped} skipped beyond the projection cap) in ${seconds} s; ` +
        `stages ${JSON.stringify(Object.fromEntries(stages))}, ${breached} breached, ${withCycles} with reset cycles, ` +
        `${withNextChange} with nextChangeAt, ${boundary} with a threshold exactly at an event, ${retroactive} started retroactively, ${rezoned} in a customer's zone; ${mismatches} mismatches (seed ${SEED})` +
        (kinds.size > 0 ? `; mismatched fields ${JSON.stringify(Object.fromEntries(kinds))}` : ''),
    );
    if (failures.length > 0) console.log(failures.join('\n\n'));
    expect(compared).toBeGreaterThanOrEqual(CASES);
    expect(mismatches, `seed ${SEED}:\n${failures.join('\n\n')}`).toBe(0);
  });
});
