// Rules of the lifecycle kit that the conformance suite does not cover: the instant rule of persisted snapshots,
// fresh results, hostile field names, and the entry points' shape checks.
import { describe, expect, it } from 'vitest';
import { ItsmError } from 'itsm-kit/core';
import {
  advanceIncident, incidentMachine, openIncident, replayIncidentHistory, restoreIncident, safeOpenIncident,
  safeRestoreIncident, type IncidentEvent,
} from 'itsm-kit/incident';
import { openProblem, restoreProblem, safeOpenProblem } from 'itsm-kit/problem';

const persisted = (s: unknown) => JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(s as never)));

describe('persisted instants', () => {
  it('refuses a persisted updatedAt without offset, which each host zone would read differently (the Santiago defect)', () => {
    const row = persisted(openIncident({ at: '2026-03-09T10:00:00Z' }));
    row.context.updatedAt = '2026-03-09T10:00:00';
    const r = safeRestoreIncident(row);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toContain('context.updatedAt');
    expect(() => advanceIncident(row, { type: 'START', at: '2026-03-09T12:00:00Z' })).toThrow(ItsmError);
  });

  it('accepts a persisted instant with any offset and compares it as an instant', () => {
    const row = persisted(openIncident({ at: '2026-03-09T10:00:00Z' }));
    row.context.updatedAt = '2026-03-09T07:00:00-03:00';
    expect(advanceIncident(row, { type: 'START', at: '2026-03-09T10:00:00Z' }).accepted).toBe(true);
    expect(advanceIncident(row, { type: 'START', at: '2026-03-09T09:59:59Z' }).refusal?.rule).toBe('out_of_order');
  });

  it('refuses instants outside years 0001-9999 and strings that are not ISO 8601 with an offset', () => {
    for (const at of ['Tue Mar 10 2026', '+010000-01-01T00:00:00.000Z', 8.7e15, -1e17]) {
      expect(safeOpenIncident({ at }).success).toBe(false);
      expect(safeOpenProblem({ at, statement: 'x' }).success).toBe(false);
    }
    const row = persisted(openIncident({ at: '2026-03-09T10:00:00Z' }));
    row.context.openedAt = 'Tue Mar 10 2026';
    expect(() => restoreIncident(row)).toThrow(/context\.openedAt/);
  });
});

describe('fresh results', () => {
  it('restores into fresh, parsed objects: unknown keys dropped, nothing shared with the row', () => {
    const row = persisted(openIncident({ at: '2026-03-09T10:00:00Z', fields: { vip: true } }));
    row.context.extra = 'kept by the caller';
    const live = restoreIncident(row);
    expect(live.context).not.toBe(row.context);
    expect('extra' in live.context).toBe(false);
    expect(live.context.history[0]).not.toBe(row.context.history[0]);
    expect(live.context.history[0]!.set).not.toBe(row.context.history[0].set);
    expect(restoreProblem(JSON.parse(JSON.stringify(openProblem({ at: 0, statement: 'x' })))).context.history).toHaveLength(1);
  });
});

describe('hostile field names', () => {
  it('refuses __proto__, constructor and prototype as custom fields, and the history inherits nothing', () => {
    const s = openIncident({ at: '2026-03-09T10:00:00Z' });
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const fields = JSON.parse(`{ ${JSON.stringify(name)}: { "state": "closed" } }`);
      const step = advanceIncident(s, { type: 'UPDATE', at: '2026-03-09T11:00:00Z', fields } as IncidentEvent);
      expect(step.accepted).toBe(false);
      expect(step.refusal?.rule).toBe('invalid_event');
      expect(safeOpenIncident({ at: 0, fields }).success).toBe(false);
    }
    const ok = advanceIncident(s, { type: 'UPDATE', at: '2026-03-09T11:00:00Z', fields: { vip: true } }).snapshot;
    const entry = ok.context.history.at(-1)!;
    expect(Object.getPrototypeOf(entry.set)).toBe(Object.prototype);
    expect((entry.set as Record<string, unknown>)['state']).toBeUndefined();
    expect(replayIncidentHistory(ok.context.history).context).toEqual(ok.context);
  });

  it('applies the parsed event, not the caller\'s object: unknown keys never reach the history', () => {
    const s = openIncident({ at: '2026-03-09T10:00:00Z' });
    const step = advanceIncident(s, { type: 'START', at: '2026-03-09T11:00:00Z', note: 'x' } as unknown as IncidentEvent);
    expect(step.accepted).toBe(true);
    expect(JSON.stringify(step.snapshot.context.history)).not.toContain('note');
  });
});

describe('entry points check the shape of their arguments', () => {
  it('gives an ItsmError, never a TypeError, for a missing snapshot, history or event', () => {
    for (const bad of [null, undefined, 42, 'new', [], {}]) {
      expect(() => advanceIncident(bad as never, { type: 'START', at: 0 })).toThrow(ItsmError);
      expect(() => replayIncidentHistory(bad as never)).toThrow(ItsmError);
      expect(() => restoreIncident(bad)).toThrow(ItsmError);
    }
    const s = openIncident({ at: 0 });
    for (const bad of [null, undefined, 42, 'START', [], {}, { type: 7 }]) {
      expect(advanceIncident(s, bad as never).refusal?.rule).toBe('invalid_event');
    }
  });
});
