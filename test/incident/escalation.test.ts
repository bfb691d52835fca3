import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItsmError } from '../../src/core/index.js';
import { createCalendar } from 'itsm-kit/calendar';
import {
  createEscalationPolicy, escalationsDue, safeCreateEscalationPolicy, type EscalationPolicy,
} from '../../src/incident/index.js';
import { naiveBusinessTime } from './business-time-oracle.js';

const T = Date.parse('2026-03-09T08:00:00Z'); // Monday
const min = (m: number): Date => new Date(T + m * 60_000);

const threeLevels: EscalationPolicy = createEscalationPolicy({
  name: 'network',
  levels: [
    { after: 'PT0S', kind: 'functional', targets: ['on-call'] },
    { after: 'PT15M', kind: 'functional', targets: ['network-l2'] },
    { after: 'PT30M', kind: 'hierarchical', targets: ['it-manager'] },
  ],
});

describe('escalation policies', () => {
  it('validates a PagerDuty-style policy', () => {
    const p = createEscalationPolicy({ levels: [{ after: 'PT5M', kind: 'functional', targets: ['a'] }, { after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['b'] }], loops: 2, repeatEvery: 'PT1H' });
    expect(p.loops).toBe(2);
  });

  it('lists every issue with its path', () => {
    const r = safeCreateEscalationPolicy({
      levels: [
        { after: 'PT30M', kind: 'functional', targets: ['a'] },
        { after: 'PT10M', kind: 'sideways', targets: [] },
        { after: { slaPercent: 0 }, kind: 'functional', targets: ['c'] },
        { after: 'soon', kind: 'functional', targets: ['d'] },
      ],
      loops: 1,
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.code).toBe('invalid_definition');
    expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'levels.1.after', 'levels.1.kind', 'levels.1.targets', 'levels.2.after.slaPercent', 'levels.3.after', 'repeatEvery',
    ]);
  });

  it('refuses an empty policy and passes that would overlap', () => {
    expect(() => createEscalationPolicy({ levels: [] })).toThrow(/at least one level/);
    expect(() => createEscalationPolicy({ levels: [{ after: 'PT1H', kind: 'functional', targets: ['a'] }], loops: 1, repeatEvery: 'PT30M' })).toThrow(/longer than the last duration level/);
  });
});

describe('escalationsDue', () => {
  it('returns the levels due by now and the next one', () => {
    const r = escalationsDue(threeLevels, T, min(20));
    expect(r.due.map((s) => [s.level, s.targets[0], s.at])).toEqual([[0, 'on-call', min(0)], [1, 'network-l2', min(15)]]);
    expect(r.next).toMatchObject({ level: 2, kind: 'hierarchical', targets: ['it-manager'] });
    expect(r.nextEscalationAt).toEqual(min(30));
    expect(r.acknowledged).toBe(false);
  });

  it('fires a level exactly at its instant', () => {
    expect(escalationsDue(threeLevels, T, min(15)).due).toHaveLength(2);
    expect(escalationsDue(threeLevels, T, new Date(T + 15 * 60_000 - 1)).due).toHaveLength(1);
  });

  it('stops at the acknowledgement: nothing at or after it fires, and nothing is next', () => {
    const r = escalationsDue(threeLevels, T, min(60), { acknowledgedAt: min(15) });
    expect(r.due.map((s) => s.level)).toEqual([0]);
    expect(r.nextEscalationAt).toBeNull();
    expect(r.acknowledged).toBe(true);
  });

  it('repeats the levels loops more times, one pass every repeatEvery', () => {
    const p = createEscalationPolicy({ levels: threeLevels.levels, loops: 1, repeatEvery: 'PT1H' });
    const r = escalationsDue(p, T, min(70));
    expect(r.due.map((s) => [s.loop, s.level])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0]]);
    expect(r.nextEscalationAt).toEqual(min(75));
    expect(escalationsDue(p, T, min(500))).toMatchObject({ next: null, nextEscalationAt: null });
    expect(escalationsDue(p, T, min(500)).due).toHaveLength(6);
  });

  it('fires SLA-percent levels when that share of the target has elapsed, computed back from the due instant', () => {
    const p = createEscalationPolicy({ levels: [{ after: { slaPercent: 50 }, kind: 'functional', targets: ['l2'] }, { after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['owner'] }] });
    // 4 h target, started at 08:00, paused 30 min so far: due at 12:30.
    const sla = { startedAt: min(0), dueAt: min(270), targetMs: 4 * 3_600_000, elapsedMs: 100 * 60_000 };
    const r = escalationsDue(p, T, min(130), { sla });
    expect(r.due).toEqual([]);
    expect(r.nextEscalationAt).toEqual(min(150)); // 50 %: 12:30 − 2 h
    const later = escalationsDue(p, T, min(200), { sla });
    expect(later.due.map((s) => [s.targets[0], s.at])).toEqual([['l2', min(150)], ['owner', min(210)].slice(0, 0).length ? [] : ['l2', min(150)]].slice(0, 1));
    expect(later.nextEscalationAt).toEqual(min(210)); // 75 %: 12:30 − 1 h
  });

  it('reports a percentage reached while the SLA clock is paused as due at an unknown instant', () => {
    const p = createEscalationPolicy({ levels: [{ after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['owner'] }] });
    const paused = { startedAt: min(0), dueAt: null, targetMs: 60 * 60_000 };
    expect(escalationsDue(p, T, min(90), { sla: { ...paused, elapsedMs: 50 * 60_000 } }).due).toEqual([{ level: 0, loop: 0, kind: 'hierarchical', targets: ['owner'], at: null }]);
    expect(escalationsDue(p, T, min(90), { sla: { ...paused, elapsedMs: 40 * 60_000 } })).toMatchObject({ due: [], nextEscalationAt: null });
  });

  it('needs the SLA clock for SLA-percent levels', () => {
    const p = createEscalationPolicy({ levels: [{ after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['owner'] }] });
    expect(() => escalationsDue(p, T, T)).toThrow(/options\.sla/);
    expect(() => escalationsDue(p, T, T, { sla: { startedAt: T, dueAt: T, targetMs: 0 } })).toThrow(/targetMs/);
  });

  it('refuses invalid instants, naming the option', () => {
    try {
      escalationsDue(threeLevels, T, '2026-03-09 09:00');
      expect.unreachable();
    } catch (e) {
      expect((e as ItsmError).code).toBe('invalid_instant');
      expect((e as ItsmError).message).toMatch(/^now: /);
    }
  });

  it('counts business time and fires only inside business hours when given', () => {
    // Triggered Friday 16:30 UTC in a Mon-Fri 09:00-17:00 calendar.
    const fri = Date.parse('2026-03-13T16:30:00Z');
    const r = escalationsDue(threeLevels, fri, fri + 60_000, { calendar: naiveBusinessTime });
    expect(r.due.map((s) => s.at)).toEqual([new Date(fri)]);
    // +15 business minutes = 16:45; +30 = 17:00, the closing instant, which fires when business resumes Monday 09:00.
    expect(r.nextEscalationAt).toEqual(new Date('2026-03-13T16:45:00Z'));
    const all = escalationsDue(threeLevels, fri, Date.parse('2026-03-20T00:00:00Z'), { calendar: naiveBusinessTime });
    expect(all.due.map((s) => s.at)).toEqual([new Date(fri), new Date('2026-03-13T16:45:00Z'), new Date('2026-03-16T09:00:00Z')]);
  });

  it('moves a trigger outside business hours to the next opening', () => {
    const sat = Date.parse('2026-03-14T10:00:00Z');
    expect(escalationsDue(threeLevels, sat, sat, { calendar: naiveBusinessTime }).nextEscalationAt).toEqual(new Date('2026-03-16T09:00:00Z'));
  });

  it('gives the same instants with an itsm-kit/calendar calendar passed as it is as with the naive oracle', () => {
    const calendar = (createCalendar({ timeZone: 'UTC', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } }));
    const p = createEscalationPolicy({ levels: [...threeLevels.levels, { after: 'PT9H', kind: 'hierarchical', targets: ['cio'] }], loops: 1, repeatEvery: 'PT10H' });
    fc.assert(fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), (start, wait) => {
      const [triggeredAt, now] = [T + start * 60_000, T + (start + wait) * 60_000];
      expect(escalationsDue(p, triggeredAt, now, { calendar })).toEqual(escalationsDue(p, triggeredAt, now, { calendar: naiveBusinessTime }));
    }), { numRuns: 100 });
  });
});

describe('escalationsDue invariants', () => {
  const policy = createEscalationPolicy({ levels: threeLevels.levels, loops: 2, repeatEvery: 'PT45M' });
  const arb = fc.record({ now: fc.integer({ min: -10, max: 300 }), ack: fc.option(fc.integer({ min: -10, max: 300 }), { nil: undefined }) });

  it('returns due steps at or before now and before the acknowledgement, in order, and a later next step', () => {
    fc.assert(fc.property(arb, ({ now, ack }) => {
      const r = escalationsDue(policy, T, min(now), { ...(ack !== undefined ? { acknowledgedAt: min(ack) } : {}) });
      const times = r.due.map((s) => s.at!.getTime());
      for (const t of times) {
        expect(t).toBeLessThanOrEqual(min(now).getTime());
        if (ack !== undefined) expect(t).toBeLessThan(min(ack).getTime());
      }
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      if (r.nextEscalationAt) expect(r.nextEscalationAt.getTime()).toBeGreaterThan(min(now).getTime());
      if (r.acknowledged) expect(r.nextEscalationAt).toBeNull();
    }));
  });

  it('only adds steps as time passes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
      const [early, late] = [Math.min(a, b), Math.max(a, b)];
      const key = (s: { loop: number; level: number }) => `${s.loop}/${s.level}`;
      const before = escalationsDue(policy, T, min(early)).due.map(key);
      const after = escalationsDue(policy, T, min(late)).due.map(key);
      expect(after.slice(0, before.length)).toEqual(before);
    }));
  });
});
