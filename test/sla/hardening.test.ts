// Regression tests for the SLA items of issue 8 (hardening): each `describe` names the item it pins down.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { calendar24x7, createCalendar } from '../../src/calendar/index.js';
import { ItsmError } from '../../src/core/index.js';
import {
  SlaDefinitionSchema,
  createSlaDefinition,
  evaluateSla,
  evaluateTicket,
  evaluateTickets,
  explainSla,
  safeCreateSlaDefinition,
  type SlaDefinition,
  type SlaResult,
  type SlaSegment,
  type SlaTicket,
  type TicketEvent,
} from '../../src/sla/index.js';
import { itsmErrorOf as thrown } from '../support/hostile-callers.js';

const wd = ['09:00-17:00'];
const ny = createCalendar({ timeZone: 'America/New_York', weekly: { mon: wd, tue: wd, wed: wd, thu: wd, fri: wd } });
const calendars = { ny };
const H = 3_600_000;

const resolution = createSlaDefinition({
  id: 'resolution', kind: 'resolution', target: 'PT8H', calendar: 'ny',
  start: true, stop: { field: 'state', eq: 'resolved' }, pause: { field: 'state', eq: 'on_hold' },
});
const opened: TicketEvent = { at: '2026-03-09T09:00:00-04:00', type: 'CREATE', set: { state: 'new' } };
const held: TicketEvent = { at: '2026-03-09T10:00:00-04:00', type: 'HOLD', set: { state: 'on_hold' } };

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
};

describe('issue 8 item 1: cost grows with the events, not with the span of time', () => {
  // The time bounds catch hangs and out-of-memory crashes, not speed (CI machines are noisy).
  it('explains an open clock evaluated at 9999-12-31 with a bounded number of segments', () => {
    const { value: r, ms } = timed(() => evaluateSla(resolution, [opened], { calendars, now: '9999-12-31T23:59:59Z' }));
    expect(ms).toBeLessThan(10_000);
    expect(r.stage).toBe('running');
    expect(r.breached).toBe(true);
    expect(r.segments.length).toBeLessThan(600);
    const counted = r.segments.filter((s) => s.kind === 'counting').reduce((a, s) => a + s.businessMs, 0);
    expect(counted).toBe(r.elapsedMs);
    expect(r.segments.at(-1)!.to.getTime()).toBe(Date.UTC(9999, 11, 31, 23, 59, 59));
    const lines = explainSla(r);
    expect(lines.some((l) => l.includes('outside business hours'))).toBe(true);
  }, 60_000);

  it('evaluates a paused clock at 9999-12-31 with explain: false without building anything per day', () => {
    const { value: r, ms } = timed(() => evaluateSla(resolution, [opened, held], { calendars, now: '9999-12-31T23:59:59Z', explain: false }));
    expect(ms).toBeLessThan(10_000);
    expect(r.stage).toBe('paused');
    expect(r.segments).toEqual([]);
    expect(r.elapsedMs).toBe(H);
    // Resumed now, the target would be reached after 9999: no due date rather than an error.
    expect(r.dueAt).toBeNull();
    expect(r.nextChangeAt).toBeNull();
  }, 60_000);

  it('keeps the segments of a span of 8,000 years as few as those of one year', () => {
    const yearLater = evaluateSla(resolution, [opened], { calendars, now: '2027-03-09T09:00:00-04:00' });
    const far = evaluateSla(resolution, [opened], { calendars, now: '9999-12-31T23:59:59Z' });
    expect(far.segments.length).toBeLessThanOrEqual(yearLater.segments.length + 2);
  }, 60_000);

  it('refuses a target of 2,000,000 business days in the schema, naming the largest', () => {
    const r = safeCreateSlaDefinition({ ...resolution, target: { businessDays: 2e6 } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.some((i) => i.path.join('.').startsWith('target') && i.message.includes('at most 10,000 business days'))).toBe(true);
    expect(SlaDefinitionSchema.safeParse({ ...resolution, target: 'P3661D' }).success).toBe(false);
    expect(SlaDefinitionSchema.safeParse({ ...resolution, target: 'P3660D' }).success).toBe(true);
  });

  it('evaluates the largest targets in bounded time', () => {
    for (const target of [{ businessDays: 10_000 }, 'P3660D'] as const) {
      const { value: r, ms } = timed(() => evaluateSla({ ...resolution, target }, [opened], { calendars, now: '2026-03-10T00:00:00Z' }));
      expect(r.dueAt!.getUTCFullYear()).toBeGreaterThan(2060);
      expect(ms).toBeLessThan(5_000);
    }
  });
});

describe('issue 8 item 3: BigInt, cyclic and very deep values never become a TypeError', () => {
  it('yields two results, one failure, for a batch with a BigInt instant', () => {
    const def = createSlaDefinition({ id: 'r', target: 'PT1H', calendar: '24x7', start: true, stop: false });
    const out = [...evaluateTickets([def], [{ id: 'ok', events: [] }, { id: 'bad', events: [{ at: 1n, type: 'E' }] }] as never, { now: 0 })];
    expect(out.map((r) => [r.id, r.success])).toEqual([['ok', true], ['bad', false]]);
    const bad = out[1]!;
    if (bad.success) return;
    expect(bad.error.code).toBe('invalid_event');
    expect(bad.error.message).toContain('1n (a BigInt)');
  });

  it('describes BigInt, symbol and cyclic values in events instead of failing to print them', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const e of [{ at: opened.at, type: 1n }, { at: Symbol('t'), type: 'E' }, { at: cyclic, type: 'E' }, 5n, { at: opened.at, type: 'E', set: 1n }]) {
      expect(thrown(() => evaluateSla(resolution, [e as never], { calendars, now: 0 })).code).toMatch(/invalid_event/);
    }
  });

  it('evaluates events whose fields hold BigInts, cycles and very deep values', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    const def = createSlaDefinition({ ...resolution, pause: { field: 'big.self.self', exists: true } });
    const r = evaluateSla(def, [{ ...opened, set: { state: 'new', big: cyclic, n: 10n, deep } }], { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(r.stage).toBe('paused');
  });

  it('keeps a batch going past a ticket whose id getter throws, a non-object ticket and an events getter that throws', () => {
    const def = createSlaDefinition({ id: 'r', target: 'PT1H', calendar: '24x7', start: true, stop: false });
    const tickets: unknown[] = [
      { get id(): string { throw new Error('id'); }, events: [] },
      42,
      null,
      { id: 'throws', get events(): TicketEvent[] { throw new Error('events'); } },
      { id: 'proxy', events: new Proxy([], { get() { throw new TypeError('trap'); } }) },
      { id: 'last', events: [] },
    ];
    const out = [...evaluateTickets([def], tickets as SlaTicket[], { now: 0 })];
    expect(out.map((r) => [r.id, r.success])).toEqual([['#0', true], ['#1', false], ['#2', false], ['throws', false], ['proxy', false], ['last', true]]);
    for (const r of out) if (!r.success) expect(r.error).toBeInstanceOf(ItsmError);
    const withCause = out[3]!;
    if (!withCause.success) expect((withCause.error.cause as Error).message).toBe('events');
  });
});

describe('issue 8 item 4: options and main arguments of the wrong shape give ItsmError', () => {
  const def = resolution;
  it('refuses null, missing or non-object options with invalid_argument', () => {
    for (const options of [null, undefined, 1, 'now', true, 1n]) {
      expect(thrown(() => evaluateSla(def, [], options as never)).code).toBe('invalid_argument');
      expect(thrown(() => evaluateTicket([def], [], options as never)).code).toBe('invalid_argument');
      expect(thrown(() => evaluateTickets([def], [], options as never)).code).toBe('invalid_argument');
    }
  });

  it('refuses options members of the wrong type', () => {
    for (const options of [{ now: 0, calendars: null }, { now: 0, calendars: 5 }, { calendars, now: 0, explain: 'yes' }, { calendars, now: 0, onSwitch: 1n }, { calendars, now: null }, { calendars, now: 1n }]) {
      expect(thrown(() => evaluateSla(def, [], options as never)).code).toMatch(/invalid_argument|invalid_instant/);
    }
  });

  it('refuses definitions, events and tickets that are not what they should be', () => {
    for (const bad of [null, undefined, 1, 'x', {}]) {
      expect(thrown(() => evaluateTicket(bad as never, [], { now: 0 })).code).toMatch(/invalid_argument|invalid_definition/);
      expect(thrown(() => evaluateTickets([def], bad as never, { calendars, now: 0 })).code).toBe('invalid_argument');
      expect(thrown(() => evaluateSla(def, bad as never, { calendars, now: 0 })).code).toBe('invalid_argument');
    }
    expect(thrown(() => evaluateTicket([null as never], [], { now: 0 })).code).toBe('invalid_definition');
  });

  it('refuses to explain something that is not a result', () => {
    for (const bad of [null, undefined, 1, {}, { slaId: 'x' }]) expect(thrown(() => explainSla(bad as never)).code).toBe('invalid_argument');
  });

  it('reports a definition whose getter throws as invalid, also from the safe variant', () => {
    const hostile = { ...resolution, get target(): string { throw new Error('no'); } };
    expect(thrown(() => createSlaDefinition(hostile as never)).code).toBe('invalid_definition');
    expect(safeCreateSlaDefinition(hostile).success).toBe(false);
  });
});

describe('issue 8 item 6: condition paths never read inherited properties', () => {
  it('does not start on customer.toString, which every object inherits', () => {
    const def = createSlaDefinition({ ...resolution, id: 'inherit', start: { field: 'customer.toString', exists: true } });
    const r = evaluateSla(def, [{ ...opened, set: { customer: {} } }], { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(r.stage).toBe('not_started');
  });

  it('treats a __proto__ field of an event as plain data', () => {
    const def = createSlaDefinition({ ...resolution, id: 'proto', start: { field: '__proto__.state', eq: 'closed' } });
    const set = JSON.parse('{"__proto__": {"state": "closed"}}') as Record<string, unknown>;
    const r = evaluateSla(def, [{ ...opened, set }], { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(r.stage).toBe('running');
    expect(({} as Record<string, unknown>)['state']).toBeUndefined();
  });
});

describe('issue 8 item 7: explainSla is linear in the segments', () => {
  it('explains 200,000 segments (100,000 runs under different causes) in well under the quadratic time', () => {
    const base = evaluateSla(resolution, [opened], { calendars, now: '2026-03-09T12:00:00-04:00' });
    const segments: SlaSegment[] = [];
    let t = Date.UTC(2026, 2, 9, 13);
    for (let i = 0; i < 100_000; i++) {
      segments.push({ from: new Date(t), to: new Date(t + 1000), kind: 'outside_hours', cause: 'closed', eventIndex: null, businessMs: 0 });
      segments.push({ from: new Date(t + 1000), to: new Date(t + 2000), kind: 'counting', cause: `c${i}`, eventIndex: i, businessMs: 1000 });
      t += 2000;
    }
    const result: SlaResult = { ...base, segments };
    const { value: lines, ms } = timed(() => explainSla(result));
    expect(lines.filter((l) => l.startsWith('counted')).length).toBe(100_000);
    // A quadratic scan (the old one) takes minutes here; formatting the 200,000 instants is most of the rest.
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});

describe('issue 8 item 9: duplicate ids and instants from another realm', () => {
  it('reports duplicate SLA ids as invalid_definition with the path of each duplicate', () => {
    const other = { ...resolution, id: 'other' };
    const e = thrown(() => evaluateTicket([resolution, other, resolution, other], [], { calendars, now: 0 }));
    expect(e.code).toBe('invalid_definition');
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([['duplicate_id', [2, 'id']], ['duplicate_id', [3, 'id']]]);
    expect(e.message).toContain('[2].id: "resolution" is used twice (also by definitions[0])');
    expect(thrown(() => evaluateTickets([resolution, resolution], [], { now: 0 })).issues).toHaveLength(1);
  });

  it('accepts a Date from another realm (node:vm) as an event instant, as now and in a retroactive start field', () => {
    const foreign = (iso: string) => runInNewContext(`new Date(${JSON.stringify(iso)})`) as Date;
    const def = createSlaDefinition({ ...resolution, id: 'retro', start: { field: 'state', eq: 'in_progress' }, retroactiveStart: 'openedAt' });
    const events: TicketEvent[] = [
      { at: foreign('2026-03-09T13:00:00.000Z'), type: 'CREATE', set: { state: 'new', openedAt: foreign('2026-03-09T13:00:00.000Z') } },
      { at: foreign('2026-03-09T14:00:00.000Z'), type: 'ASSIGN', set: { state: 'in_progress' } },
    ];
    const r = evaluateSla(def, events, { calendars, now: foreign('2026-03-09T16:00:00.000Z') });
    expect(r.startedAt!.toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(r.elapsedMs).toBe(3 * H);
  });

  it('keeps what it validated when a condition getter changes its answer later', () => {
    let reads = 0;
    const tricky = { field: 'state', get eq(): unknown { reads++; return reads === 1 ? 'resolved' : 5n; } };
    const def = createSlaDefinition({ ...resolution, id: 'getter', stop: tricky as never });
    expect(SlaDefinitionSchema.safeParse(def).success).toBe(true);
    expect(def.stop).toEqual({ field: 'state', eq: 'resolved' });
    expect(Object.isFrozen(def.stop)).toBe(true);
  });

  it('uses the 24x7 calendar as before for definitions without business hours', () => {
    const def = createSlaDefinition({ id: 'x', target: 'PT1H', calendar: '24x7', start: true, stop: false });
    const r: SlaDefinition = def;
    expect(evaluateSla(r, [{ at: 0, type: 'E' }], { calendars: { '24x7': calendar24x7('UTC') }, now: H }).breached).toBe(true);
  });
});

describe('issue 7 §5: one explanation text per cause, whichever path put the clock there', () => {
  it('writes "resumed: not (state = on_hold)" for a resume replayed by a retroactive start, as for one at an event', () => {
    const def = createSlaDefinition({
      id: 'retro-resume', target: 'PT8H', calendar: 'ny', retroactiveStart: 'openedAt',
      start: { field: 'assigned', eq: true }, stop: { field: 'state', eq: 'resolved' }, pause: { field: 'state', eq: 'on_hold' },
    });
    const replayed = evaluateSla(def, [
      { at: '2026-03-09T09:00:00-04:00', type: 'CREATE', set: { state: 'on_hold', openedAt: '2026-03-09T09:00:00-04:00' } },
      { at: '2026-03-09T10:00:00-04:00', type: 'RESUME', set: { state: 'in_progress' } },
      { at: '2026-03-09T11:00:00-04:00', type: 'ASSIGN', set: { assigned: true } },
    ], { calendars, now: '2026-03-09T12:00:00-04:00' });
    const atEvent = evaluateSla(def, [
      { at: '2026-03-09T09:00:00-04:00', type: 'CREATE', set: { state: 'on_hold', assigned: true } },
      { at: '2026-03-09T10:00:00-04:00', type: 'RESUME', set: { state: 'in_progress' } },
    ], { calendars, now: '2026-03-09T12:00:00-04:00' });
    const resumed = (r: SlaResult) => r.segments.filter((s) => s.kind === 'counting').map((s) => s.cause);
    expect(resumed(atEvent)).toEqual(['resumed: not (state = on_hold)']);
    expect(resumed(replayed)).toEqual(['resumed: not (state = on_hold)']);
    expect(replayed.segments.map((s) => [s.kind, s.cause, s.eventIndex])).toEqual([
      ['paused', 'paused: state = on_hold', 0],
      ['counting', 'resumed: not (state = on_hold)', 1],
    ]);
  });

  it('tiles a three-year open stretch with detailed segments, then one summary segment holding the rest', () => {
    const r = evaluateSla(resolution, [opened], { calendars, now: '2029-03-09T09:00:00-04:00' });
    let at = r.startedAt!.getTime();
    for (const s of r.segments) {
      expect(s.from.getTime()).toBe(at);
      at = s.to.getTime();
    }
    expect(at).toBe(Date.UTC(2029, 2, 9, 13));
    const last = r.segments.at(-1)!;
    expect(last.kind).toBe('counting');
    expect(last.to.getTime() - last.from.getTime()).toBeGreaterThan(700 * 86_400_000);
    expect(r.segments.reduce((a, s) => a + s.businessMs, 0)).toBe(r.elapsedMs);
  });
});

describe('a ticket source that fails', () => {
  it('ends the batch with an ItsmError naming the position when the iterable itself throws (a broken cursor)', () => {
    const def = createSlaDefinition({ id: 'r', target: 'PT1H', calendar: '24x7', start: true, stop: { field: 'state', eq: 'done' } });
    function* cursor() {
      yield { id: 'ok', events: [] };
      throw new Error('connection reset');
    }
    const seen: string[] = [];
    let error: unknown = null;
    try {
      for (const r of evaluateTickets([def], cursor(), { now: 0 })) seen.push(r.id);
    } catch (e) {
      error = e;
    }
    expect(seen).toEqual(['ok']);
    expect(error).toBeInstanceOf(ItsmError);
    expect((error as ItsmError).code).toBe('invalid_argument');
    expect((error as ItsmError).message).toMatch(/reading ticket 1/);
    expect(((error as ItsmError).cause as Error).message).toBe('connection reset');
  });
});
