// The incident history is the event stream itsm-kit/sla consumes: check the contract end to end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSlaDefinition, evaluateTickets, evaluateSla } from '../../src/sla/index.js';
import { advanceIncident, escalationsDue, createEscalationPolicy, openIncident, type IncidentEvent } from '../../src/incident/index.js';
import { creationInput, eventsForRow, groupByIncident, readLog } from './servicenow-log.js';
import { T0 } from './helpers.js';

const resolution = createSlaDefinition({
  id: 'resolution', kind: 'resolution', target: 'PT8H', calendar: '24x7',
  start: { field: 'state', ne: 'new' },
  stop: { field: 'state', in: ['resolved', 'closed'] },
  pause: { field: 'state', eq: 'on_hold' },
  cancel: { field: 'state', eq: 'canceled' },
});

describe('incident history as SLA events', () => {
  it('evaluates the history of every replayed ServiceNow incident', () => {
    const incidents = groupByIncident(readLog().rows);
    const tickets = [...incidents].map(([id, rows]) => {
      let s = openIncident(creationInput(rows));
      rows.forEach((row, i) => { for (const e of eventsForRow(row, rows[i - 1])) s = advanceIncident(s, e).snapshot; });
      return { id, events: s.context.history };
    });
    const results = [...evaluateTickets([resolution], tickets, { now: '2017-01-01T00:00:00Z' })];
    expect(results.filter((r) => !r.success)).toEqual([]);
    expect(results).toHaveLength(890);
  });

  it('pauses the clock for exactly the time spent on hold', () => {
    const step = fc.record({ hold: fc.boolean(), minutes: fc.integer({ min: 1, max: 600 }) });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
      let s = openIncident({ at: T0 });
      s = advanceIncident(s, { type: 'START', at: T0 }).snapshot;
      let t = T0;
      let held = 0;
      for (const { hold, minutes } of steps) {
        const event: IncidentEvent = hold ? { type: 'HOLD', at: t, reason: 'awaiting_vendor' } : { type: 'UPDATE', at: t };
        s = advanceIncident(s, s.value === 'on_hold' && !hold ? { type: 'RESUME', at: t } : event).snapshot;
        if (s.value === 'on_hold') held += minutes * 60_000;
        t += minutes * 60_000;
      }
      const r = evaluateSla(resolution, s.context.history, { now: t, explain: false });
      expect(r.pausedMs).toBe(held);
      expect(r.elapsedMs + r.pausedMs).toBe(t - T0);
    }), { numRuns: 100 });
  });

  it('does not move an SLA-percent step while the clock is paused (dueAt is then only "if it resumed now")', () => {
    let s = openIncident({ at: T0, impact: 1, urgency: 1 });
    s = advanceIncident(s, { type: 'START', at: T0 }).snapshot;
    s = advanceIncident(s, { type: 'HOLD', at: T0 + 40 * 60_000, reason: 'awaiting_vendor' }).snapshot;
    const oneHour = createSlaDefinition({ ...resolution, id: 'one-hour', target: 'PT1H' });
    const policy = createEscalationPolicy({ levels: [{ after: { slaPercent: 50 }, kind: 'hierarchical', targets: ['owner'] }, { after: { slaPercent: 90 }, kind: 'hierarchical', targets: ['director'] }] });
    for (const later of [2, 4]) {
      const now = T0 + later * 3_600_000;
      const sla = evaluateSla(oneHour, s.context.history, { now });
      expect(sla.stage).toBe('paused');
      const r = escalationsDue(policy, T0, now, { sla });
      // 50% (30 min) was reached before the hold; 90% (54 min) is not reached while paused.
      expect(r.due.map((d) => d.targets)).toEqual([['owner']]);
      expect(r.nextEscalationAt).toBeNull();
    }
  });

  it('escalates on the SLA result of the incident\'s own history', () => {
    let s = openIncident({ at: T0, impact: 1, urgency: 1 });
    s = advanceIncident(s, { type: 'START', at: T0 }).snapshot;
    const policy = createEscalationPolicy({ levels: [{ after: { slaPercent: 50 }, kind: 'hierarchical', targets: ['owner'] }] });
    const sla = evaluateSla(resolution, s.context.history, { now: T0 + 3_600_000 });
    const r = escalationsDue(policy, T0, T0 + 3_600_000, { sla });
    expect(r.nextEscalationAt).toEqual(new Date(T0 + 4 * 3_600_000));
  });
});
