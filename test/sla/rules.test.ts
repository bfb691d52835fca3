import { describe, expect, it } from 'vitest';
import { calendar24x7, createCalendar, isBusinessTime } from '../../src/calendar/index.js';
import { ItsmError } from '../../src/core/index.js';
import {
  createSlaDefinition,
  evaluateTickets,
  evaluateSla,
  evaluateTicket,
  explainSla,
  safeCreateSlaDefinition,
  type SlaDefinition,
  type TicketEvent,
} from '../../src/sla/index.js';

const H = 3_600_000;
const MIN = 60_000;
const wd = ['09:00-17:00'];
const support = createCalendar({
  timeZone: 'America/New_York',
  weekly: { mon: wd, tue: wd, wed: wd, thu: wd, fri: wd },
  holidays: ['2026-03-11'],
});
const calendars = { support };
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const resolution: SlaDefinition = {
  id: 'resolution',
  kind: 'resolution',
  target: 'PT8H',
  calendar: 'support',
  start: { field: 'state', ne: 'new' },
  stop: { field: 'state', in: ['resolved', 'closed'] },
  pause: { field: 'state', eq: 'on_hold' },
  cancel: { field: 'state', eq: 'canceled' },
};

const ev = (at: string, type: string, set?: Record<string, unknown>): TicketEvent => (set === undefined ? { at, type } : { at, type, set });
const created = ev('2026-03-09T09:00:00-04:00', 'CREATE', { state: 'new', priority: 3 });
const assigned = ev('2026-03-09T09:20:00-04:00', 'ASSIGN', { state: 'in_progress' });

describe('starting, stopping and cancelling', () => {
  it('does not start before the start condition holds', () => {
    const r = evaluateSla(resolution, [created], { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(r.stage).toBe('not_started');
    expect(r.startedAt).toBeNull();
    expect(r.dueAt).toBeNull();
    expect(r.elapsedMs).toBe(0);
  });

  it('starts at the event where the start condition first holds', () => {
    const r = evaluateSla(resolution, [created, assigned], { calendars, now: '2026-03-09T10:20:00-04:00' });
    expect(r.stage).toBe('running');
    expect(iso(r.startedAt)).toBe('2026-03-09T13:20:00.000Z');
    expect(r.elapsedMs).toBe(H);
    expect(iso(r.dueAt)).toBe('2026-03-10T13:20:00.000Z');
  });

  it('completes at once with zero elapsed when start and stop hold at one event', () => {
    const r = evaluateSla(resolution, [created, ev('2026-03-09T10:00:00-04:00', 'RESOLVE', { state: 'resolved' })], { calendars, now: '2026-03-10T10:00:00-04:00' });
    expect(r.stage).toBe('completed');
    expect(r.elapsedMs).toBe(0);
    expect(r.breached).toBe(false);
    expect(iso(r.stoppedAt)).toBe('2026-03-09T14:00:00.000Z');
  });

  it('lets cancel win over stop at the same event', () => {
    const both: SlaDefinition = { ...resolution, cancel: { event: 'CANCEL' } };
    const r = evaluateSla(both, [created, assigned, ev('2026-03-09T10:00:00-04:00', 'CANCEL', { state: 'resolved' })], { calendars, now: '2026-03-09T11:00:00-04:00' });
    expect(r.stage).toBe('canceled');
  });

  it('keeps a completed clock completed when later events arrive without a reset', () => {
    const r = evaluateSla(resolution, [created, assigned, ev('2026-03-09T10:20:00-04:00', 'RESOLVE', { state: 'resolved' }), ev('2026-03-09T11:00:00-04:00', 'REOPEN', { state: 'in_progress' })], { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(r.stage).toBe('completed');
    expect(r.elapsedMs).toBe(H);
  });

  it('reads { field, ne } as holding when the field is missing', () => {
    const def: SlaDefinition = { ...resolution, start: { field: 'assignee', ne: null } };
    const r = evaluateSla(def, [created], { calendars, now: '2026-03-09T10:00:00-04:00' });
    expect(r.stage).toBe('running');
  });
});

describe('pauses', () => {
  const hold = ev('2026-03-09T11:00:00-04:00', 'HOLD', { state: 'on_hold' });
  const resume = ev('2026-03-09T13:10:00-04:00', 'RESUME', { state: 'in_progress' });

  it('stops counting while paused and counts the pause in business time', () => {
    const r = evaluateSla(resolution, [created, assigned, hold, resume], { calendars, now: '2026-03-09T14:10:00-04:00' });
    expect(r.elapsedMs).toBe(100 * MIN + H);
    expect(r.pausedMs).toBe(130 * MIN);
    expect(iso(r.dueAt)).toBe('2026-03-10T15:30:00.000Z');
  });

  it('projects the due date of a paused clock as if it resumed now', () => {
    const r = evaluateSla(resolution, [created, assigned, hold], { calendars, now: '2026-03-09T16:00:00-04:00' });
    expect(r.stage).toBe('paused');
    expect(r.elapsedMs).toBe(100 * MIN);
    // 6 h 20 min left from Monday 16:00: 1 h Monday, 5 h 20 min Tuesday → 14:20.
    expect(iso(r.dueAt)).toBe('2026-03-10T18:20:00.000Z');
    expect(r.nextChangeAt).toBeNull();
  });

  it('counts no pause time over a holiday, because the calendar is closed then', () => {
    // Paused Tuesday 16:00 to Thursday 10:00; Wednesday 2026-03-11 is a holiday.
    const r = evaluateSla(resolution, [
      created, assigned,
      ev('2026-03-10T16:00:00-04:00', 'HOLD', { state: 'on_hold' }),
      ev('2026-03-12T10:00:00-04:00', 'RESUME', { state: 'in_progress' }),
    ], { calendars, now: '2026-03-12T10:00:00-04:00' });
    expect(r.pausedMs).toBe(2 * H);
    expect(r.elapsedMs).toBe(7 * H + 40 * MIN + 7 * H);
    expect(r.breached).toBe(true);
  });

  it('explains a pause with the condition that held and the event that caused it', () => {
    const r = evaluateSla(resolution, [created, assigned, hold, resume], { calendars, now: '2026-03-09T14:10:00-04:00' });
    const lines = explainSla(r);
    expect(lines).toContain('paused 2 h 10 min while state = on_hold, from event 2 (2026-03-09 11:00 -04:00 → 2026-03-09 13:10 -04:00, 2 h 10 min wall-clock)');
    expect(r.segments.map((s) => s.kind)).toEqual(['counting', 'paused', 'counting']);
  });

  it('names the alternative of an any-condition that paused the clock', () => {
    const def: SlaDefinition = { ...resolution, pause: { any: [{ field: 'state', eq: 'on_hold' }, { field: 'waitingOn', exists: true }] } };
    const r = evaluateSla(def, [created, assigned, ev('2026-03-09T11:00:00-04:00', 'UPDATE', { waitingOn: 'vendor' })], { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(r.segments.at(-1)).toMatchObject({ kind: 'paused', cause: 'paused: waitingOn is set', eventIndex: 2 });
  });
});

describe('thresholds: warnings and breach', () => {
  it('breaches at the earliest instant the target is used up: Friday 17:00, not Monday 09:00', () => {
    const r = evaluateSla({ ...resolution, target: 'PT1H' }, [
      ev('2026-03-13T16:00:00-04:00', 'CREATE', { state: 'in_progress' }),
    ], { calendars, now: '2026-03-14T12:00:00-04:00' });
    expect(iso(r.breachedAt)).toBe('2026-03-13T21:00:00.000Z');
  });

  it('meets the target when the stop lands exactly on the due instant', () => {
    const r = evaluateSla({ ...resolution, target: 'PT1H' }, [
      ev('2026-03-13T15:00:00-04:00', 'CREATE', { state: 'in_progress' }),
      ev('2026-03-13T16:00:00-04:00', 'RESOLVE', { state: 'resolved' }),
    ], { calendars, now: '2026-03-14T12:00:00-04:00' });
    expect(r.breached).toBe(false);
    expect(r.remainingMs).toBe(0);
    expect(iso(r.dueAt)).toBe('2026-03-13T20:00:00.000Z');
  });

  it('breaches a clock paused exactly at its target when it resumes', () => {
    const r = evaluateSla({ ...resolution, target: 'PT1H' }, [
      ev('2026-03-13T15:00:00-04:00', 'CREATE', { state: 'in_progress' }),
      ev('2026-03-13T16:00:00-04:00', 'HOLD', { state: 'on_hold' }),
      ev('2026-03-16T10:00:00-04:00', 'RESUME', { state: 'in_progress' }),
    ], { calendars, now: '2026-03-16T11:00:00-04:00' });
    expect(iso(r.breachedAt)).toBe('2026-03-16T14:00:00.000Z');
  });

  it('fires warnings inside business hours, never at midnight or on the weekend', () => {
    // Started Friday 16:00; 75% of 8 h = 6 h → Monday 14:00.
    const r = evaluateSla(resolution, [ev('2026-03-13T16:00:00-04:00', 'CREATE', { state: 'in_progress' })], { calendars, now: '2026-03-14T03:00:00-04:00' });
    expect(iso(r.warnings[0]!.dueAt)).toBe('2026-03-16T18:00:00.000Z');
    expect(iso(r.nextChangeAt)).toBe('2026-03-16T18:00:00.000Z');
    expect(isBusinessTime(support, r.nextChangeAt!)).toBe(true);
  });

  it('reports several warnings in order and arms the next one', () => {
    const def: SlaDefinition = { ...resolution, warnAt: [0.9, 0.5] };
    const r = evaluateSla(def, [created, assigned], { calendars, now: '2026-03-09T14:00:00-04:00' });
    expect(r.warnings.map((w) => w.fraction)).toEqual([0.5, 0.9]);
    expect(iso(r.warnings[0]!.reachedAt)).toBe('2026-03-09T17:20:00.000Z');
    expect(r.warnings[1]!.reachedAt).toBeNull();
    expect(iso(r.nextChangeAt)).toBe(iso(r.warnings[1]!.dueAt));
  });
});

describe('daylight saving time', () => {
  it('counts 24 real hours across the spring-forward night on a 24x7 calendar in New York', () => {
    const def: SlaDefinition = { ...resolution, target: 'PT24H', calendar: 'ny24' };
    const r = evaluateSla(def, [ev('2026-03-07T12:00:00-05:00', 'CREATE', { state: 'in_progress' })], {
      calendars: { ny24: calendar24x7('America/New_York') }, now: '2026-03-07T13:00:00-05:00',
    });
    // Saturday 12:00 EST + 24 h = Sunday 13:00 EDT (wall clock moved forward an hour).
    expect(iso(r.dueAt)).toBe('2026-03-08T17:00:00.000Z');
  });

  it('keeps business hours at local 09:00-17:00 on both sides of the change', () => {
    const r = evaluateSla({ ...resolution, target: 'PT10H' }, [ev('2026-03-06T09:00:00-05:00', 'CREATE', { state: 'in_progress' })], { calendars, now: '2026-03-06T10:00:00-05:00' });
    // Friday 8 h (EST), Monday 2 h from 09:00 EDT → 11:00 EDT = 15:00Z.
    expect(iso(r.dueAt)).toBe('2026-03-09T15:00:00.000Z');
  });
});

describe('retroactive start', () => {
  it('starts the clock from the instant in the named field', () => {
    const def: SlaDefinition = { ...resolution, start: { field: 'assignee', exists: true }, retroactiveStart: 'openedAt' };
    const r = evaluateSla(def, [
      ev('2026-03-09T12:00:00-04:00', 'CREATE', { state: 'new', openedAt: '2026-03-09T09:00:00-04:00' }),
      ev('2026-03-09T13:00:00-04:00', 'ASSIGN', { state: 'in_progress', assignee: 'ada' }),
    ], { calendars, now: '2026-03-09T14:00:00-04:00' });
    expect(iso(r.startedAt)).toBe('2026-03-09T13:00:00.000Z');
    expect(r.elapsedMs).toBe(5 * H);
  });

  it('replays pauses that held between the retroactive start and the start event', () => {
    const def: SlaDefinition = { ...resolution, start: { field: 'assignee', exists: true }, retroactiveStart: 'openedAt' };
    const r = evaluateSla(def, [
      ev('2026-03-09T09:00:00-04:00', 'CREATE', { state: 'new', openedAt: '2026-03-09T09:00:00-04:00' }),
      ev('2026-03-09T10:00:00-04:00', 'HOLD', { state: 'on_hold' }),
      ev('2026-03-09T11:00:00-04:00', 'RESUME', { state: 'new' }),
      ev('2026-03-09T13:00:00-04:00', 'ASSIGN', { state: 'in_progress', assignee: 'ada' }),
    ], { calendars, now: '2026-03-09T14:00:00-04:00' });
    expect(r.elapsedMs).toBe(4 * H);
    expect(r.pausedMs).toBe(H);
  });

  it('never reaches back before the previous cycle: a reopened ticket does not count its first life twice', () => {
    const def: SlaDefinition = { ...resolution, calendar: '24x7', retroactiveStart: 'openedAt', reset: { event: 'REOPEN' } };
    const r = evaluateSla(def, [
      ev('2026-03-09T08:00:00Z', 'CREATE', { state: 'new', openedAt: '2026-03-09T08:00:00Z' }),
      ev('2026-03-09T10:00:00Z', 'ASSIGN', { state: 'in_progress' }),
      ev('2026-03-09T12:00:00Z', 'RESOLVE', { state: 'resolved' }),
      ev('2026-03-09T14:00:00Z', 'REOPEN', { state: 'in_progress' }),
    ], { calendars, now: '2026-03-09T15:00:00Z' });
    expect(r.cycles[0]).toMatchObject({ elapsedMs: 4 * H });
    expect(iso(r.startedAt)).toBe('2026-03-09T14:00:00.000Z');
    expect(r.elapsedMs).toBe(H);
  });

  it('names the field when it does not hold an instant', () => {
    const def: SlaDefinition = { ...resolution, retroactiveStart: 'openedAt' };
    expect(() => evaluateSla(def, [ev('2026-03-09T09:00:00-04:00', 'CREATE', { state: 'in_progress', openedAt: 'monday' })], { calendars, now: '2026-03-09T10:00:00-04:00' }))
      .toThrow(/events\[0\]: field "openedAt" \(the retroactiveStart of SLA "resolution"\)/);
  });
});

describe('reset and cycles', () => {
  it('closes the cycle on reset and starts a new one when start holds again', () => {
    const def: SlaDefinition = { ...resolution, reset: { event: 'REOPEN' } };
    const r = evaluateSla(def, [
      created, assigned,
      ev('2026-03-09T11:20:00-04:00', 'RESOLVE', { state: 'resolved' }),
      ev('2026-03-09T13:00:00-04:00', 'REOPEN', { state: 'in_progress' }),
    ], { calendars, now: '2026-03-09T14:00:00-04:00' });
    expect(r.cycles).toHaveLength(1);
    expect(r.cycles[0]).toMatchObject({ endReason: 'reset', stage: 'completed', elapsedMs: 2 * H, breached: false });
    expect(r.stage).toBe('running');
    expect(iso(r.startedAt)).toBe('2026-03-09T17:00:00.000Z');
    expect(r.elapsedMs).toBe(H);
  });

  it('runs many cycles, each judged on its own', () => {
    const def: SlaDefinition = { ...resolution, target: 'PT1H', reset: { event: 'REOPEN' } };
    const events: TicketEvent[] = [created];
    for (let d = 9; d <= 13; d++) {
      if (d === 11) continue; // holiday
      const day = `2026-03-${String(d).padStart(2, '0')}`;
      events.push(ev(`${day}T10:00:00-04:00`, 'REOPEN', { state: 'in_progress' }));
      events.push(ev(`${day}T${d % 2 === 0 ? '10:30' : '12:00'}:00-04:00`, 'RESOLVE', { state: 'resolved' }));
    }
    const r = evaluateSla(def, events, { calendars, now: '2026-03-13T18:00:00-04:00' });
    expect(r.cycles.map((c) => c.breached)).toEqual([true, false, false]);
    expect(r.breached).toBe(true);
  });
});

describe('switching definitions mid-life (evaluateTicket)', () => {
  const p3: SlaDefinition = { ...resolution, id: 'p3', target: 'PT8H', appliesTo: { field: 'priority', gte: 3 } };
  const p1: SlaDefinition = { ...resolution, id: 'p1', target: 'PT4H', appliesTo: { field: 'priority', lte: 2 } };
  const history = [
    created, assigned,
    ev('2026-03-09T10:00:00-04:00', 'HOLD', { state: 'on_hold' }),
    ev('2026-03-09T11:00:00-04:00', 'RESUME', { state: 'in_progress' }),
    ev('2026-03-09T12:00:00-04:00', 'UPDATE', { priority: 1 }),
  ];

  it('keeps elapsed and pause time when the priority is raised (carry)', () => {
    const [r] = evaluateTicket([p3, p1], history, { calendars, now: '2026-03-09T13:00:00-04:00' });
    expect(r!.slaId).toBe('p1');
    expect(r!.elapsedMs).toBe(40 * MIN + 2 * H);
    expect(r!.pausedMs).toBe(H);
    expect(r!.switches).toEqual([{ at: new Date('2026-03-09T16:00:00Z'), eventIndex: 4, fromId: 'p3', toId: 'p1', policy: 'carry' }]);
    // 4 h target: 1 h 20 min left at 13:00 → 14:20.
    expect(iso(r!.dueAt)).toBe('2026-03-09T18:20:00.000Z');
  });

  it('breaches at the switch a clock that has already used the new target, even when it stops at that event', () => {
    const raisedAndResolved = [created, ev('2026-03-09T09:00:00-04:00', 'ASSIGN', { state: 'in_progress' }), ev('2026-03-09T14:00:00-04:00', 'RESOLVE', { state: 'resolved', priority: 1 })];
    const [r] = evaluateTicket([p3, p1], raisedAndResolved, { calendars, now: '2026-03-09T15:00:00-04:00' });
    expect(r).toMatchObject({ slaId: 'p1', stage: 'completed', breached: true, elapsedMs: 5 * H });
    expect(iso(r!.breachedAt)).toBe('2026-03-09T18:00:00.000Z');
  });

  it('starts a new cycle under the new definition with restart', () => {
    const [r] = evaluateTicket([p3, p1], history, { calendars, now: '2026-03-09T13:00:00-04:00', onSwitch: 'restart' });
    expect(r!.slaId).toBe('p1');
    expect(r!.cycles).toHaveLength(1);
    expect(r!.cycles[0]).toMatchObject({ slaId: 'p3', endReason: 'switched', elapsedMs: 40 * MIN + H, pausedMs: H });
    expect(r!.elapsedMs).toBe(H);
  });

  it('reports each group once and leaves out groups that do not apply', () => {
    const response: SlaDefinition = { ...resolution, id: 'response', kind: 'response', target: 'PT1H', stop: { field: 'state', ne: 'new' }, start: true };
    const vip: SlaDefinition = { ...resolution, id: 'vip', kind: 'custom', appliesTo: { field: 'vip', eq: true } };
    const results = evaluateTicket([p3, p1, response, vip], history, { calendars, now: '2026-03-09T13:00:00-04:00' });
    expect(results.map((r) => r.slaId)).toEqual(['p1', 'response']);
  });
});

describe('relative targets and per-ticket zones', () => {
  it('turns "by end of next business day" into business time at the start', () => {
    const def: SlaDefinition = { ...resolution, target: { businessDays: 1 } };
    const r = evaluateSla(def, [ev('2026-03-09T15:00:00-04:00', 'CREATE', { state: 'in_progress' })], { calendars, now: '2026-03-09T16:00:00-04:00' });
    expect(r.targetMs).toBe(10 * H);
    expect(iso(r.dueAt)).toBe('2026-03-10T21:00:00.000Z');
  });

  it('reaches a deadline set outside business hours when the business time before it runs out', () => {
    // "By 08:00 tomorrow" in a 09:00-17:00 calendar allows the business time up to Monday's close: no business
    // time lies between Monday 17:00 and Tuesday 08:00, so the clock breaches at the close (docs/sla.md).
    const def: SlaDefinition = { ...resolution, target: { businessDays: 1, at: '08:00' } };
    const r = evaluateSla(def, [ev('2026-03-09T10:00:00-04:00', 'CREATE', { state: 'in_progress' })], { calendars, now: '2026-03-10T10:00:00-04:00' });
    expect(r.targetMs).toBe(7 * H);
    expect(iso(r.breachedAt)).toBe('2026-03-09T21:00:00.000Z');
  });

  it('gives a clock started at the close the next business day, not a zero target', () => {
    const def: SlaDefinition = { ...resolution, target: { businessDays: 0 } };
    const r = evaluateSla(def, [ev('2026-03-09T17:00:00-04:00', 'CREATE', { state: 'in_progress' })], { calendars, now: '2026-03-09T18:00:00-04:00' });
    expect(r.targetMs).toBe(8 * H);
    expect(r.breached).toBe(false);
  });

  it('computes warning thresholds without a floating-point millisecond', () => {
    const def: SlaDefinition = { ...resolution, calendar: '24x7', target: 'PT45M', warnAt: [0.17] };
    const r = evaluateSla(def, [ev('2026-03-09T09:00:00Z', 'CREATE', { state: 'in_progress' })], { calendars, now: '2026-03-09T09:01:00Z' });
    expect(iso(r.warnings[0]!.dueAt)).toBe('2026-03-09T09:07:39.000Z');
  });

  it('reads the calendar in the ticket’s own zone', () => {
    const def: SlaDefinition = { ...resolution, target: 'PT2H', timeZoneField: 'customerZone' };
    const r = evaluateSla(def, [ev('2026-03-09T23:00:00Z', 'CREATE', { state: 'in_progress', customerZone: 'Asia/Tokyo' })], { calendars, now: '2026-03-09T23:30:00Z' });
    // 08:00 in Tokyo: opens 09:00 JST = 00:00Z, due 11:00 JST.
    expect(r.timeZone).toBe('Asia/Tokyo');
    expect(iso(r.dueAt)).toBe('2026-03-10T02:00:00.000Z');
  });

  it('names the field and event when the zone is not an IANA zone', () => {
    const def: SlaDefinition = { ...resolution, timeZoneField: 'customerZone' };
    expect(() => evaluateSla(def, [ev('2026-03-09T23:00:00Z', 'CREATE', { state: 'in_progress', customerZone: 'Mars/Base' })], { calendars, now: '2026-03-09T23:30:00Z' }))
      .toThrow(/events\[0\]: field "customerZone"/);
  });
});

describe('events and now', () => {
  it('ignores events after now, so a past now replays the clock as it stood', () => {
    const later = ev('2026-03-09T15:00:00-04:00', 'RESOLVE', { state: 'resolved' });
    const asOf = evaluateSla(resolution, [created, assigned, later], { calendars, now: '2026-03-09T12:20:00-04:00' });
    const prefix = evaluateSla(resolution, [created, assigned], { calendars, now: '2026-03-09T12:20:00-04:00' });
    expect(asOf).toEqual(prefix);
  });

  it('refuses events out of time order, naming the index', () => {
    expect(() => evaluateSla(resolution, [assigned, created], { calendars, now: '2026-03-10T00:00:00Z' }))
      .toThrow(expect.objectContaining({ code: 'events_out_of_order', message: expect.stringMatching(/^events\[1\]\.at/) }));
  });

  it('keeps the order of events at the same instant', () => {
    const t = '2026-03-09T10:00:00-04:00';
    const r = evaluateSla(resolution, [ev(t, 'CREATE', { state: 'in_progress' }), ev(t, 'RESOLVE', { state: 'resolved' })], { calendars, now: '2026-03-09T11:00:00-04:00' });
    expect(r.stage).toBe('completed');
    expect(r.elapsedMs).toBe(0);
  });

  it('names the bad field of a malformed event', () => {
    expect(() => evaluateSla(resolution, [{ at: 'soon', type: 'X' }], { calendars, now: 0 })).toThrow(/^events\[0\]\.at:/);
    expect(() => evaluateSla(resolution, [{ at: 0, type: '' }], { calendars, now: 0 })).toThrow(/^events\[0\]\.type:/);
    expect(() => evaluateSla(resolution, [{ at: 0, type: 'X', set: [] as never }], { calendars, now: 0 })).toThrow(/^events\[0\]\.set:/);
  });

  it('refuses instants outside years 0001-9999 instead of searching for ever', () => {
    expect(() => evaluateSla(resolution, [{ at: -1e17, type: 'X' }], { calendars, now: 0 })).toThrow(/^events\[0\]\.at: .*outside the supported range/);
    expect(() => evaluateSla(resolution, [{ at: 1e17, type: 'X' }, { at: 0, type: 'Y' }], { calendars, now: 0 })).toThrow(ItsmError);
    expect(() => evaluateSla(resolution, [{ at: 0, type: 'X' }], { calendars, now: 8.6e15 })).toThrow(/^options\.now: .*outside the supported range/);
    const retro: SlaDefinition = { ...resolution, retroactiveStart: 'openedAt' };
    expect(() => evaluateSla(retro, [ev('2026-03-09T09:00:00Z', 'CREATE', { state: 'in_progress', openedAt: -8e15 })], { calendars, now: '2026-03-09T10:00:00Z' }))
      .toThrow(/field "openedAt".*years 0001 to 9999/);
  });

  it('refuses events that are not a list', () => {
    expect(() => evaluateSla(resolution, {} as never, { calendars, now: 0 })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('does not mutate its inputs', () => {
    const events = Object.freeze([created, assigned].map((e) => Object.freeze({ ...e, set: Object.freeze({ ...e.set }) })));
    const def = Object.freeze({ ...resolution });
    const before = JSON.stringify({ events, def });
    evaluateSla(def, events, { calendars, now: '2026-03-09T12:00:00-04:00' });
    expect(JSON.stringify({ events, def })).toBe(before);
  });
});

describe('bad definitions and options', () => {
  it('lists every issue of a definition with its path', () => {
    const r = safeCreateSlaDefinition({
      id: '', target: 'P1M', calendar: 'support', start: { field: 'state' }, stop: { field: 'state', eq: 'x', ne: 'y' },
      pause: { any: [{ field: 'state', eq: 'on_hold' }, { feild: 'x', eq: 1 }] }, warnAt: [1.5], pasue: true,
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    const paths = r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['id', 'target', 'start', 'stop', 'pause.any.1', 'warnAt.0', '']));
    expect(r.error.message).toContain('pause.any[1]');
  });

  it('names an unknown calendar key and the known ones', () => {
    expect(() => evaluateSla({ ...resolution, calendar: 'suport' }, [], { calendars, now: 0 }))
      .toThrow(expect.objectContaining({ code: 'unknown_calendar', message: expect.stringContaining('"suport" is not in options.calendars (known: "support", "24x7")') }));
  });

  it('rejects duplicate ids and a calendar that is not a calendar', () => {
    expect(() => evaluateTicket([resolution, resolution], [], { calendars, now: 0 })).toThrow(/used twice/);
    expect(() => evaluateSla(resolution, [], { calendars: { support: {} as never }, now: 0 })).toThrow(/options\.calendars\.support/);
    expect(() => evaluateSla(resolution, [], { calendars } as never)).toThrow(/options\.now/);
  });

  it('accepts a frozen definition made by createSlaDefinition and evaluates it identically', () => {
    const def = createSlaDefinition(resolution);
    expect(Object.isFrozen(def)).toBe(true);
    const opts = { calendars, now: '2026-03-09T12:00:00-04:00' };
    expect(evaluateSla(def, [created, assigned], opts)).toEqual(evaluateSla(resolution, [created, assigned], opts));
  });

  it('throws only ItsmError for garbage input', () => {
    const garbage: unknown[] = [null, 1, 'x', [], {}, { id: 'x' }, { ...resolution, start: [] }];
    for (const g of garbage) {
      expect(() => evaluateSla(g as never, [], { calendars, now: 0 })).toThrow(ItsmError);
    }
    expect(() => evaluateSla(resolution, null as never, { calendars, now: 0 })).toThrow(ItsmError);
    expect(() => evaluateSla(resolution, [null as never], { calendars, now: 0 })).toThrow(ItsmError);
  });
});

describe('evaluateTickets', () => {
  it('pulls tickets one at a time and yields an error for a bad ticket without stopping', () => {
    let pulled = 0;
    function* tickets() {
      for (let i = 0; i < 3; i++) {
        pulled++;
        yield { id: `T${i}`, events: i === 1 ? [assigned, created] : [created, assigned] };
      }
    }
    const it = evaluateTickets([resolution], tickets(), { calendars, now: '2026-03-09T12:00:00-04:00' });
    const first = it.next();
    expect(pulled).toBe(1);
    expect(first.value).toMatchObject({ id: 'T0', success: true });
    const rest = [...it];
    expect(rest.map((r) => [r.id, r.success])).toEqual([['T1', false], ['T2', true]]);
  });
});
