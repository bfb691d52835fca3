import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessTimeBetween, calendar24x7, createCalendar, isBusinessTime } from '../../src/calendar/index.js';
import { createSlaDefinition, evaluateSla, evaluateTicket, explainSla } from '../../src/sla/index.js';
import type { Condition } from '../../src/core/index.js';
import type { SlaDefinition, SlaResult, SlaSegment, TicketEvent } from '../../src/sla/index.js';

type Calendar = ReturnType<typeof createCalendar>;

const SEED = Number(process.env['SLA_PROPERTIES_SEED'] ?? 20260309);
const RUNS = Number(process.env['SLA_PROPERTIES_RUNS'] ?? 300);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const run = { seed: SEED, numRuns: RUNS };

// ---------------------------------------------------------------------------------------------------------------
// Calendars (around the 2026 DST switches of their zones) and definitions
// ---------------------------------------------------------------------------------------------------------------

const weekdays = (hours: string[]): Record<string, string[]> => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

const CALENDARS: Readonly<Record<string, Calendar>> = {
  support: createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['09:00-17:00']), holidays: ['2026-03-10', '--11-26'] }),
  split: createCalendar({ timeZone: 'Europe/London', weekly: { ...weekdays(['08:00-12:00', '13:00-17:30']), sat: ['10:00-14:00'] } }),
  night: createCalendar({
    timeZone: 'Australia/Lord_Howe',
    weekly: { mon: ['22:00-06:00'], tue: ['22:00-06:00'], wed: ['22:00-06:00'], thu: ['22:00-06:00'], fri: ['22:00-06:00'], sat: ['01:00-03:00'], sun: ['01:30-02:30'] },
    overrides: [{ date: '2026-04-06', hours: ['12:00-14:00'] }],
  }),
  santiago: createCalendar({ timeZone: 'America/Santiago', weekly: weekdays(['08:30-18:00']), holidays: ['2026-04-03', '2026-09-18'] }),
  kathmandu: calendar24x7('Asia/Kathmandu'),
};
const KEYS = [...Object.keys(CALENDARS), '24x7'] as const;
const calendarOf = (key: string): Calendar => CALENDARS[key] ?? calendar24x7('UTC');

// Window starts: a few days before a DST switch in New York, Lord Howe and Santiago, and an ordinary week.
const WINDOWS = ['2026-03-05T12:00:00Z', '2026-04-02T00:00:00Z', '2026-09-03T15:00:00Z', '2026-06-15T06:00:00Z'].map(Date.parse);

const STARTS: readonly Condition[] = [{ field: 'state', ne: 'new' }, { event: 'ASSIGN' }, true, { field: 'assignee', exists: true }];
const STOPS: readonly Condition[] = [{ field: 'state', in: ['resolved', 'closed'] }, { event: 'RESOLVE' }, { field: 'state', notIn: ['new', 'in_progress', 'on_hold'] }];
const PAUSES: readonly Condition[] = [
  { field: 'state', eq: 'on_hold' },
  { any: [{ field: 'state', eq: 'on_hold' }, { field: 'holdReason', in: ['awaiting_caller'] }] },
  { event: 'HOLD' },
];
const CANCELS: readonly Condition[] = [{ field: 'state', eq: 'canceled' }, { event: 'CANCEL' }];
const RESETS: readonly Condition[] = [{ event: 'REOPEN' }, { field: 'priority', lte: 1 }];
const TARGETS: ReadonlyArray<SlaDefinition['target']> = [
  'PT15M', 'PT45M', 'PT1H', 'PT2H', 'PT4H', 'PT8H', 'P1D', 'P2D', 'PT1H1M',
  { businessDays: 0, at: '17:00' }, { businessDays: 1 }, { businessDays: 2, at: '12:00' },
];

const definitionArb: fc.Arbitrary<SlaDefinition> = fc
  .record({
    target: fc.constantFrom(...TARGETS),
    calendar: fc.constantFrom(...KEYS),
    start: fc.constantFrom(...STARTS),
    stop: fc.constantFrom(...STOPS),
    pause: fc.option(fc.constantFrom(...PAUSES), { nil: undefined }),
    cancel: fc.option(fc.constantFrom(...CANCELS), { nil: undefined }),
    reset: fc.option(fc.constantFrom(...RESETS), { freq: 3, nil: undefined }),
    warnAt: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 3 }).map((xs) => xs.map((x) => x / 100)), { nil: undefined }),
    retroactiveStart: fc.option(fc.constant('openedAt'), { freq: 4, nil: undefined }),
  })
  .map((r) => {
    const def: Record<string, unknown> = { id: 'sla', kind: 'resolution' };
    for (const [k, v] of Object.entries(r)) if (v !== undefined) def[k] = v;
    return def as unknown as SlaDefinition;
  });

const TYPES = ['CREATE', 'ASSIGN', 'ASSIGN', 'HOLD', 'HOLD', 'RESUME', 'UPDATE', 'RESOLVE', 'REOPEN', 'CLOSE', 'CANCEL'] as const;

function setOf(type: string, variant: number, at: number): Record<string, unknown> | undefined {
  switch (type) {
    case 'CREATE': return { state: 'new', priority: 1 + (variant % 4), openedAt: new Date(at - (variant % 3) * 37 * MINUTE).toISOString() };
    case 'ASSIGN': return { state: 'in_progress', assignee: variant % 2 === 0 ? 'ana' : 'bo' };
    case 'HOLD': return { state: 'on_hold', holdReason: variant % 2 === 0 ? 'awaiting_caller' : 'awaiting_vendor' };
    case 'RESUME': return { state: 'in_progress', holdReason: undefined };
    case 'UPDATE': return variant % 3 === 0 ? undefined : { priority: 1 + (variant % 4) };
    case 'RESOLVE': return { state: 'resolved' };
    case 'REOPEN': return { state: 'in_progress' };
    case 'CLOSE': return { state: 'closed' };
    default: return { state: 'canceled' };
  }
}

/** Gaps: equal instants, whole minutes, and arbitrary milliseconds (the clock is not tied to a minute grid). */
const gapArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 600 }).map((m) => m * MINUTE), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: 3 * DAY }), weight: 3 },
);

const eventsArb: fc.Arbitrary<Array<{ at: number; type: string; set?: Record<string, unknown> }>> = fc
  .record({
    base: fc.constantFrom(...WINDOWS),
    offset: fc.integer({ min: 0, max: 4 * 1440 }),
    steps: fc.array(fc.tuple(fc.constantFrom(...TYPES), fc.nat(11), gapArb), { minLength: 2, maxLength: 10, size: 'max' }),
  })
  .map(({ base, offset, steps }) => {
    let at = base + offset * MINUTE;
    return steps.map(([type, variant, gap], i) => {
      if (i > 0) at += gap;
      const t = i === 0 ? 'CREATE' : i === 1 && variant % 3 !== 0 ? 'ASSIGN' : type;
      const set = setOf(t, variant, at);
      return set === undefined ? { at, type: t } : { at, type: t, set };
    });
  });

interface Case {
  readonly def: SlaDefinition;
  readonly events: ReadonlyArray<{ at: number; type: string; set?: Record<string, unknown> }>;
  readonly now: number;
}

/** `now`: before, among or after the events (a fraction of the span, plus up to three days). */
const caseArb: fc.Arbitrary<Case> = fc
  .record({ def: definitionArb, events: eventsArb, where: fc.integer({ min: -10, max: 150 }).map((x) => x / 100), extra: fc.integer({ min: 0, max: 3 * DAY }) })
  .map(({ def, events, where, extra }) => {
    const first = events[0]!.at, last = events[events.length - 1]!.at;
    const now = where > 1 ? last + extra : Math.round(first + where * Math.max(last - first, HOUR));
    return { def, events, now };
  });

const options = (now: number, extra: { explain?: boolean } = {}) => ({ calendars: CALENDARS, now, ...extra });
const evaluate = (c: Case, extra: { explain?: boolean } = {}): SlaResult => evaluateSla(c.def, c.events as TicketEvent[], options(c.now, extra));
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The result without its explanation (segments, also those of earlier cycles). */
function figures(r: SlaResult): unknown {
  return { ...r, segments: undefined, cycles: r.cycles.map((c) => ({ ...c, segments: undefined })) };
}

/** The segments tile `[from, to)` in order, and each one's `businessMs` is the business time it spans. */
function expectTiling(segments: readonly SlaSegment[], from: number, to: number, cal: Calendar): void {
  let at = from;
  for (const s of segments) {
    expect(s.from.getTime()).toBe(at);
    expect(s.to.getTime()).toBeGreaterThan(s.from.getTime());
    const business = businessTimeBetween(cal, s.from, s.to);
    if (s.kind === 'outside_hours') {
      expect(s.businessMs).toBe(0);
      expect(business).toBe(0);
    } else expect(s.businessMs).toBe(business);
    at = s.to.getTime();
  }
  expect(at).toBe(to);
}

const sum = (segments: readonly SlaSegment[], kind: SlaSegment['kind']): number =>
  segments.filter((s) => s.kind === kind).reduce((a, s) => a + s.businessMs, 0);

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

describe('evaluateSla properties', () => {
  it('gives deep-equal results when the same inputs are evaluated twice, validated or not', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = evaluate(c);
        expect(evaluate(c)).toEqual(a);
        expect(evaluateSla(createSlaDefinition(c.def), c.events as TicketEvent[], options(c.now))).toEqual(a);
        expect(explainSla(a)).toEqual(explainSla(evaluate(c)));
      }),
      run,
    );
  });

  it('neither mutates nor needs to mutate deep-frozen definitions, events and options', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, asDates) => {
        const events = c.events.map((e) => (asDates ? { ...e, at: new Date(e.at) } : { ...e }));
        const before = JSON.stringify({ def: c.def, events });
        const def = deepFreeze(structuredClone(c.def));
        deepFreeze(events);
        const opts = Object.freeze({ calendars: Object.freeze({ ...CALENDARS }), now: c.now });
        const r = evaluateSla(def, events as TicketEvent[], opts);
        expect(JSON.stringify({ def, events })).toBe(before);
        expect(opts.now).toBe(c.now);
        expect(r).toEqual(evaluate(c));
      }),
      run,
    );
  });

  it('shows the clock as it stood at now: the full history equals the history up to now', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const prefix = c.events.filter((e) => e.at <= c.now);
        expect(evaluateSla(c.def, prefix as TicketEvent[], options(c.now))).toEqual(evaluate(c));
      }),
      run,
    );
  });

  it('splits the business time of the cycle exactly into elapsed and paused time', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = evaluate(c);
        if (r.startedAt === null) return;
        const end = ms(r.stoppedAt) ?? c.now;
        // Between its start and its stop (or now) a cycle is always running or paused.
        expect(r.elapsedMs + r.pausedMs).toBe(businessTimeBetween(calendarOf(c.def.calendar), r.startedAt, end));
      }),
      run,
    );
  });

  it('explains the cycle with segments that cover it without gaps or overlaps and add up to the figures', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = evaluate(c);
        const cal = calendarOf(c.def.calendar);
        if (r.startedAt === null) {
          expect(r.segments).toEqual([]);
        } else {
          expectTiling(r.segments, r.startedAt.getTime(), ms(r.stoppedAt) ?? c.now, cal);
          expect(sum(r.segments, 'counting')).toBe(r.elapsedMs);
          expect(sum(r.segments, 'paused')).toBe(r.pausedMs);
        }
        for (const cycle of r.cycles) {
          expectTiling(cycle.segments, cycle.startedAt.getTime(), ms(cycle.stoppedAt) ?? cycle.endedAt.getTime(), cal);
          expect(sum(cycle.segments, 'counting')).toBe(cycle.elapsedMs);
          expect(sum(cycle.segments, 'paused')).toBe(cycle.pausedMs);
        }
      }),
      run,
    );
  });

  it('keeps percent, remaining time, breach and warnings consistent with elapsed time and the target', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = evaluate(c);
        expect(r.remainingMs).toBe(r.targetMs - r.elapsedMs);
        if (r.targetMs > 0) expect(r.percent).toBe((r.elapsedMs / r.targetMs) * 100);
        expect(r.breached).toBe(r.breachedAt !== null);
        if (r.breached) {
          expect(r.dueAt).toEqual(r.breachedAt);
          expect(r.remainingMs).toBeLessThanOrEqual(0);
          for (const w of r.warnings) expect(w.reachedAt!.getTime()).toBeLessThanOrEqual(r.breachedAt!.getTime());
        }
        if (r.stage === 'not_started') {
          expect([r.startedAt, r.dueAt, r.breachedAt, r.elapsedMs, r.pausedMs]).toEqual([null, null, null, 0, 0]);
          for (const w of r.warnings) expect([w.dueAt, w.reachedAt]).toEqual([null, null]);
        }
        // Warnings are by fraction, in order; a reached one is due when it was reached.
        const fractions = r.warnings.map((w) => w.fraction);
        expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
        for (const w of r.warnings) if (w.reachedAt !== null) expect(w.dueAt).toEqual(w.reachedAt);
        if (r.stage !== 'running') expect(r.nextChangeAt).toBeNull();
        else if (r.nextChangeAt !== null) expect(r.nextChangeAt.getTime()).toBeGreaterThan(c.now);
      }),
      run,
    );
  });

  it('arms nextChangeAt inside business hours or exactly at a closing time, and the threshold is reached there', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = evaluate(c);
        if (r.nextChangeAt === null) return;
        const u = r.nextChangeAt.getTime();
        const cal = calendarOf(c.def.calendar);
        expect(isBusinessTime(cal, u) || isBusinessTime(cal, u - 1)).toBe(true);
        // The timer fires: evaluating at that instant (no event came first) shows a warning or the breach reached.
        const later = evaluateSla(c.def, c.events.filter((e) => e.at <= c.now) as TicketEvent[], options(u));
        const reached = [later.breachedAt, ...later.warnings.map((w) => w.reachedAt)].map(ms);
        expect(reached).toContain(u);
      }),
      run,
    );
  });

  it('never lets elapsed or paused time go down while now advances with no new event', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 5 * DAY }), (c, step) => {
        const last = c.events[c.events.length - 1]!.at;
        const now = Math.max(c.now, last);
        const a = evaluateSla(c.def, c.events as TicketEvent[], options(now));
        const b = evaluateSla(c.def, c.events as TicketEvent[], options(now + step));
        expect(b.stage).toBe(a.stage);
        expect(b.elapsedMs).toBeGreaterThanOrEqual(a.elapsedMs);
        expect(b.pausedMs).toBeGreaterThanOrEqual(a.pausedMs);
        if (a.breached) expect(b.breachedAt).toEqual(a.breachedAt);
        a.warnings.forEach((w, i) => {
          if (w.reachedAt !== null) expect(b.warnings[i]!.reachedAt).toEqual(w.reachedAt);
        });
        if (a.stage === 'completed' || a.stage === 'canceled') expect(figures({ ...b, evaluatedAt: a.evaluatedAt })).toEqual(figures(a));
      }),
      run,
    );
  });

  it('gives the same figures with explain: false, only without segments', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(figures(evaluate(c, { explain: false }))).toEqual(figures(evaluate(c)));
      }),
      run,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Switching definitions (evaluateTicket)
// ---------------------------------------------------------------------------------------------------------------

describe('evaluateTicket switching from P3 to P1', () => {
  const conditions = {
    start: { field: 'state', ne: 'new' },
    stop: { field: 'state', in: ['resolved', 'closed'] },
    pause: { field: 'state', eq: 'on_hold' },
    cancel: { field: 'state', eq: 'canceled' },
  } as const;
  const p1 = (calendar: string): SlaDefinition => ({ id: 'p1', kind: 'resolution', target: 'PT4H', calendar, appliesTo: { field: 'priority', eq: 1 }, ...conditions });
  const p3 = (calendar: string): SlaDefinition => ({ id: 'p3', kind: 'resolution', target: 'P1D', calendar, appliesTo: { field: 'priority', gte: 2 }, ...conditions });
  const single = (calendar: string): SlaDefinition => ({ id: 'single', kind: 'resolution', target: 'P1D', calendar, ...conditions });

  const ticketArb = fc
    .record({
      base: fc.constantFrom(...WINDOWS),
      steps: fc.array(fc.tuple(fc.constantFrom('HOLD', 'RESUME', 'UPDATE', 'UPDATE', 'RESOLVE', 'REOPEN'), fc.nat(11), gapArb), { maxLength: 8 }),
      calendar: fc.constantFrom(...KEYS),
      after: fc.integer({ min: 0, max: 3 * DAY }),
    })
    .map(({ base, steps, calendar, after }) => {
      let at = base;
      const events: TicketEvent[] = [
        { at, type: 'CREATE', set: { state: 'new', priority: 3 } },
        { at: (at += 2 * HOUR), type: 'ASSIGN', set: { state: 'in_progress' } },
      ];
      for (const [type, variant, gap] of steps) {
        at += gap;
        const set = type === 'UPDATE' ? { priority: variant % 3 === 0 ? 1 : 2 + (variant % 2) } : setOf(type, variant, at);
        events.push(set === undefined ? { at, type } : { at, type, set });
      }
      return { events, calendar, now: at + after };
    });

  it('carries elapsed and paused time over: the totals equal a single definition evaluated over the same history', () => {
    fc.assert(
      fc.property(ticketArb, ({ events, calendar, now }) => {
        const [group] = evaluateTicket([p1(calendar), p3(calendar)], events, { calendars: CALENDARS, now });
        const one = evaluateSla(single(calendar), events, { calendars: CALENDARS, now });
        expect(group).toBeDefined();
        expect([group!.stage, group!.elapsedMs, group!.pausedMs, ms(group!.startedAt), ms(group!.stoppedAt)])
          .toEqual([one.stage, one.elapsedMs, one.pausedMs, ms(one.startedAt), ms(one.stoppedAt)]);
        for (const s of group!.switches) {
          // Up to the switch, the totals are those of the single definition evaluated at the switch.
          const atSwitch = evaluateSla(single(calendar), events, { calendars: CALENDARS, now: s.at });
          const groupAtSwitch = evaluateTicket([p1(calendar), p3(calendar)], events, { calendars: CALENDARS, now: s.at })[0]!;
          expect(groupAtSwitch.elapsedMs + groupAtSwitch.pausedMs).toBe(atSwitch.elapsedMs + atSwitch.pausedMs);
          expect(s.policy).toBe('carry');
        }
        const last = group!.switches[group!.switches.length - 1];
        if (last !== undefined) expect(group!.slaId).toBe(last.toId);
        expect(group!.targetMs).toBe(group!.slaId === 'p1' ? 4 * HOUR : DAY);
      }),
      run,
    );
  });

  it('counts in the new calendar from the switch on, keeping the time counted before it', () => {
    fc.assert(
      fc.property(ticketArb, fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 3 * DAY }), ({ events, calendar }, p1Calendar, after) => {
        const s = (events[events.length - 1]!.at as number) + MINUTE;
        const history = [...events, { at: s, type: 'UPDATE', set: { priority: 1 } }];
        const now = s + after;
        const [group] = evaluateTicket([p1(p1Calendar), p3(calendar)], history, { calendars: CALENDARS, now });
        fc.pre(group !== undefined && group.switches.length === 1 && group.switches[0]!.at.getTime() === s);
        const before = evaluateSla(single(calendar), history, { calendars: CALENDARS, now: s });
        const since = businessTimeBetween(calendarOf(p1Calendar), s, now);
        expect(group!.elapsedMs).toBe(before.elapsedMs + (before.stage === 'running' ? since : 0));
        expect(group!.pausedMs).toBe(before.pausedMs + (before.stage === 'paused' ? since : 0));
        expect(group!.targetMs).toBe(4 * HOUR);
      }),
      { ...run, numRuns: 150 },
    );
  });

  it('breaches at the switch when the running clock is already past the new target', () => {
    const support = calendar24x7('UTC');
    const history: TicketEvent[] = [
      { at: '2026-03-09T09:00:00Z', type: 'CREATE', set: { state: 'new', priority: 3 } },
      { at: '2026-03-09T09:00:00Z', type: 'ASSIGN', set: { state: 'in_progress' } },
      { at: '2026-03-09T10:00:00Z', type: 'HOLD', set: { state: 'on_hold' } },
      { at: '2026-03-09T12:00:00Z', type: 'RESUME', set: { state: 'in_progress' } },
      { at: '2026-03-09T16:00:00Z', type: 'UPDATE', set: { priority: 1 } },
    ];
    const [r] = evaluateTicket([p1('support'), p3('support')], history, { calendars: { support }, now: '2026-03-09T17:00:00Z' });
    expect(r!.slaId).toBe('p1');
    expect(r!.elapsedMs).toBe(6 * HOUR);
    expect(r!.pausedMs).toBe(2 * HOUR);
    expect(r!.breachedAt).toEqual(new Date('2026-03-09T16:00:00Z'));
    expect(r!.switches.map((s) => [s.fromId, s.toId, s.at.toISOString()])).toEqual([['p3', 'p1', '2026-03-09T16:00:00.000Z']]);
  });

  it('breaches at the switch a clock that is paused, or resolved at that very event, past the new target', () => {
    const support = calendar24x7('UTC');
    const opened: TicketEvent[] = [
      { at: '2026-03-09T09:00:00Z', type: 'CREATE', set: { state: 'new', priority: 3 } },
      { at: '2026-03-09T09:00:00Z', type: 'ASSIGN', set: { state: 'in_progress' } },
    ];
    const paused = evaluateTicket([p1('support'), p3('support')], [
      ...opened,
      { at: '2026-03-09T14:00:00Z', type: 'HOLD', set: { state: 'on_hold' } },
      { at: '2026-03-09T15:00:00Z', type: 'UPDATE', set: { priority: 1 } },
    ], { calendars: { support }, now: '2026-03-09T18:00:00Z' })[0]!;
    expect([paused.stage, paused.elapsedMs, paused.pausedMs]).toEqual(['paused', 5 * HOUR, 4 * HOUR]);
    expect(paused.breachedAt).toEqual(new Date('2026-03-09T15:00:00Z'));
    const resolved = evaluateTicket([p1('support'), p3('support')], [
      ...opened,
      { at: '2026-03-09T14:00:00Z', type: 'RESOLVE', set: { state: 'resolved', priority: 1 } },
    ], { calendars: { support }, now: '2026-03-09T18:00:00Z' })[0]!;
    expect([resolved.slaId, resolved.stage, resolved.elapsedMs]).toEqual(['p1', 'completed', 5 * HOUR]);
    expect(resolved.breachedAt).toEqual(new Date('2026-03-09T14:00:00Z'));
  });

  it('drops a breach of the old target when the priority is lowered to a larger target', () => {
    const support = calendar24x7('UTC');
    const [r] = evaluateTicket([p1('support'), p3('support')], [
      { at: '2026-03-09T09:00:00Z', type: 'CREATE', set: { state: 'new', priority: 1 } },
      { at: '2026-03-09T09:00:00Z', type: 'ASSIGN', set: { state: 'in_progress' } },
      { at: '2026-03-09T14:00:00Z', type: 'UPDATE', set: { priority: 3 } },
    ], { calendars: { support }, now: '2026-03-09T15:00:00Z' });
    expect(r!.slaId).toBe('p3');
    expect([r!.breached, r!.breachedAt, r!.elapsedMs, r!.targetMs]).toEqual([false, null, 6 * HOUR, DAY]);
    expect(r!.warnings.map((w) => w.reachedAt)).toEqual([null]); // 75 % of 24 h is not reached yet
    expect(r!.dueAt).toEqual(new Date('2026-03-10T09:00:00Z'));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Relative targets (kept out of the oracle): hand-worked examples
// ---------------------------------------------------------------------------------------------------------------

describe('relative targets', () => {
  const support = CALENDARS['support']!; // New York, weekdays 09:00-17:00, 2026-03-10 a holiday
  const office = createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['09:00-17:00']) });
  const def = (target: SlaDefinition['target']): SlaDefinition => ({
    id: 'relative', target, calendar: 'office', start: { field: 'state', ne: 'new' }, stop: { field: 'state', eq: 'resolved' }, pause: { field: 'state', eq: 'on_hold' },
  });
  const assign = (at: string): TicketEvent => ({ at, type: 'ASSIGN', set: { state: 'in_progress' } });
  const at = (iso: string): number => Date.parse(iso);

  it('gives "by the close of the next business day" the business time up to that close', () => {
    const r = evaluateSla(def({ businessDays: 1 }), [assign('2026-03-09T10:00:00-04:00')], { calendars: { office }, now: '2026-03-09T12:00:00-04:00' });
    expect(r.targetMs).toBe(15 * HOUR); // Monday 10:00-17:00 and Tuesday 09:00-17:00
    expect(ms(r.dueAt)).toBe(at('2026-03-10T17:00:00-04:00'));
    expect(r.remainingMs).toBe(13 * HOUR);
  });

  it('pushes a relative due date out by the business time spent paused', () => {
    const r = evaluateSla(def({ businessDays: 1 }), [
      assign('2026-03-09T10:00:00-04:00'),
      { at: '2026-03-09T11:00:00-04:00', type: 'HOLD', set: { state: 'on_hold' } },
      { at: '2026-03-09T13:00:00-04:00', type: 'RESUME', set: { state: 'in_progress' } },
    ], { calendars: { office }, now: '2026-03-09T14:00:00-04:00' });
    expect(r.pausedMs).toBe(2 * HOUR);
    expect(ms(r.dueAt)).toBe(at('2026-03-11T11:00:00-04:00'));
  });

  it('counts "today by 17:00" from the start and moves a passed "today by 12:00" to the next business day', () => {
    const today = evaluateSla(def({ businessDays: 0, at: '17:00' }), [assign('2026-03-09T10:00:00-04:00')], { calendars: { office }, now: '2026-03-09T10:00:00-04:00' });
    expect(today.targetMs).toBe(7 * HOUR);
    expect(ms(today.dueAt)).toBe(at('2026-03-09T17:00:00-04:00'));
    const passed = evaluateSla(def({ businessDays: 0, at: '12:00' }), [assign('2026-03-09T13:00:00-04:00')], { calendars: { office }, now: '2026-03-09T13:00:00-04:00' });
    expect(passed.targetMs).toBe(7 * HOUR); // Monday 13:00-17:00 and Tuesday 09:00-12:00
    expect(ms(passed.dueAt)).toBe(at('2026-03-10T12:00:00-04:00'));
  });

  it('counts a next business day across a weekend, the spring-forward night and a holiday', () => {
    // Friday 16:00 EST; Monday 09:00-17:00 EDT is the next business day; Tuesday the 10th is a holiday.
    const r = evaluateSla({ ...def({ businessDays: 2 }), calendar: 'support' }, [assign('2026-03-06T16:00:00-05:00')], { calendars: { support }, now: '2026-03-06T16:30:00-05:00' });
    expect(r.targetMs).toBe(17 * HOUR); // Friday 1 h, Monday 8 h, Wednesday 8 h
    expect(ms(r.dueAt)).toBe(at('2026-03-11T17:00:00-04:00'));
  });

  it('counts from a start on a closed day to the close of the first business day after it', () => {
    const r = evaluateSla(def({ businessDays: 1 }), [assign('2026-03-07T10:00:00-05:00')], { calendars: { office }, now: '2026-03-07T10:00:00-05:00' });
    expect(r.targetMs).toBe(8 * HOUR);
    expect(ms(r.dueAt)).toBe(at('2026-03-09T17:00:00-04:00'));
  });
});
