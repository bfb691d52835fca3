import { describe, expect, it } from 'vitest';
import { ItsmError } from '../../src/core/index.js';
import { advanceIncident, autoCloseDueAt, incidentMachine, openIncident } from '../../src/incident/index.js';
import { naiveBusinessTime } from './business-time-oracle.js';
import { send, snapshotIn } from './helpers.js';

// Resolved on Friday 2026-03-13 at 16:00 UTC.
const resolvedFriday = () => send(openIncident({ at: '2026-03-12T10:00:00Z' }),
  { type: 'START', at: '2026-03-12T10:05:00Z' },
  { type: 'RESOLVE', at: '2026-03-13T16:00:00Z', code: 'fixed', notes: 'ok' });

describe('autoCloseDueAt', () => {
  it('is null while the incident is not resolved', () => {
    for (const state of ['new', 'in_progress', 'on_hold', 'closed', 'canceled'] as const) {
      expect(autoCloseDueAt(snapshotIn(state), 'P7D')).toBeNull();
    }
  });

  it('counts from the resolution by default', () => {
    expect(autoCloseDueAt(resolvedFriday(), 'P7D')).toEqual(new Date('2026-03-20T16:00:00Z'));
  });

  it('counts from the last update when asked, so an update postpones it', () => {
    const s = send(resolvedFriday(), { type: 'UPDATE', at: '2026-03-14T09:00:00Z', comment: 'caller says thanks' });
    expect(autoCloseDueAt(s, 'P3D', { from: 'resolved_at' })).toEqual(new Date('2026-03-16T16:00:00Z'));
    expect(autoCloseDueAt(s, 'P3D', { from: 'last_update' })).toEqual(new Date('2026-03-17T09:00:00Z'));
  });

  it('counts business time when given, Friday 16:00 + 2 business hours being Monday 10:00', () => {
    expect(autoCloseDueAt(resolvedFriday(), 'PT2H', { calendar: naiveBusinessTime })).toEqual(new Date('2026-03-16T10:00:00Z'));
  });

  it('works on persisted JSON and leads to an accepted AUTO_CLOSE', () => {
    const json = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(resolvedFriday())));
    const due = autoCloseDueAt(json, 'P5D')!;
    const step = advanceIncident(json, { type: 'AUTO_CLOSE', at: due });
    expect(step.accepted).toBe(true);
    expect(step.snapshot.value).toBe('closed');
    expect(step.snapshot.context.closedAt).toBe(due.toISOString());
    expect(step.snapshot.context.history.at(-1)).toEqual({ at: due.toISOString(), type: 'AUTO_CLOSE', set: { state: 'closed' } });
  });

  it('refuses a duration without fixed length and an unknown starting point', () => {
    expect(() => autoCloseDueAt(resolvedFriday(), 'P1M')).toThrow(/Years and months have no fixed length/);
    try {
      autoCloseDueAt(resolvedFriday(), 'P1D', { from: 'closed_at' as never });
      expect.unreachable();
    } catch (e) {
      expect((e as ItsmError).code).toBe('invalid_argument');
    }
  });
});
