import { describe, expect, it } from 'vitest';
import { createActor, transition } from 'xstate';
import {
  ItsmError,
} from '../../src/core/index.js';
import {
  advanceIncident, glpiPriorityMatrix, incidentMachine, replayIncidentHistory, restoreIncident, openIncident,
  type LifecycleHistoryEntry, type IncidentSnapshot,
} from '../../src/incident/index.js';
import { at, send, snapshotIn } from './helpers.js';

/** Folds the `set`s of a history, as the SLA clock does. */
const fold = (history: readonly LifecycleHistoryEntry[]): Record<string, unknown> => Object.assign({}, ...history.map((h) => h.set ?? {}));

describe('creating an incident', () => {
  it('starts in new with one CREATE entry carrying every initial field', () => {
    const s = openIncident({ at: '2026-03-09T09:00:00+01:00', id: 'INC1', impact: 1, urgency: 2, group: 'Network', fields: { category: 'wan' } });
    expect(s.value).toBe('new');
    expect(s.context.history).toEqual([{
      at: '2026-03-09T08:00:00.000Z', type: 'CREATE',
      set: { id: 'INC1', state: 'new', holdReason: null, impact: 1, urgency: 2, priority: 2, group: 'Network', assignee: null, major: 'none', resolutionCode: null, reopenCount: 0, reassignmentCount: 0, category: 'wan' },
    }]);
    expect(s.context).toMatchObject({ id: 'INC1', openedAt: '2026-03-09T08:00:00.000Z', updatedAt: '2026-03-09T08:00:00.000Z', priority: 2 });
  });

  it('defaults impact and urgency to the matrix defaults (ServiceNow 3 × 3 → 5, GLPI 3 × 3 → 3)', () => {
    expect(openIncident({ at: at(0) }).context).toMatchObject({ impact: 3, urgency: 3, priority: 5 });
    expect(openIncident({ at: at(0), matrix: glpiPriorityMatrix }).context).toMatchObject({ impact: 3, urgency: 3, priority: 3 });
  });

  it('accepts the creation instant as a Date or epoch milliseconds', () => {
    expect(openIncident({ at: new Date(at(5)) }).context.openedAt).toBe(at(5));
    expect(openIncident({ at: Date.parse(at(5)) }).context.openedAt).toBe(at(5));
  });

  it('lists every problem with invalid input, with paths', () => {
    let error: unknown;
    try {
      openIncident({ at: '2026-03-09 09:00', impact: 7, urgency: 0, group: '', fields: { priority: 1 } } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ItsmError);
    const e = error as ItsmError;
    expect(e.code).toBe('invalid_argument');
    expect(e.issues.map((i) => i.path.join('.')).sort()).toEqual(['at', 'fields.priority', 'group', 'impact', 'urgency']);
    expect(e.message).toMatch(/^Invalid incident input \(5 issues\)/);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ at: at(0), fields: Object.freeze({ vip: true }) });
    const s = openIncident(input);
    expect(input).toEqual({ at: at(0), fields: { vip: true } });
    expect(s.context.fields).not.toBe(input.fields);
  });
});

describe('counts and derived fields', () => {
  it('counts every change of group as a reassignment, including the first assignment, but not assignee changes', () => {
    let s = openIncident({ at: at(0) });
    s = send(s,
      { type: 'ASSIGN', at: at(1), group: 'Service Desk' },          // none → SD: 1
      { type: 'ASSIGN', at: at(2), group: 'Service Desk', assignee: 'bo' }, // same group: no
      { type: 'ASSIGN', at: at(3), group: 'Network', assignee: 'ana' },     // 2
      { type: 'ASSIGN', at: at(4), group: null },                            // 3
    );
    expect(s.context).toMatchObject({ reassignmentCount: 3, group: null, assignee: null });
    expect(s.context.history.slice(1).map((h) => h.set)).toEqual([
      { group: 'Service Desk', assignee: null, reassignmentCount: 1 },
      { group: 'Service Desk', assignee: 'bo' },
      { group: 'Network', assignee: 'ana', reassignmentCount: 2 },
      { group: null, assignee: null, reassignmentCount: 3 },
    ]);
  });

  it('counts reopens and clears the resolution on REOPEN', () => {
    let s = snapshotIn('resolved');
    s = send(s, { type: 'REOPEN', at: at(20), reason: 'Back again' });
    expect(s.context).toMatchObject({ reopenCount: 1, resolutionCode: null, resolutionNotes: null, resolvedAt: null });
    expect(s.context.history.at(-1)!.set).toEqual({ state: 'in_progress', reopenCount: 1, reopenReason: 'Back again', resolutionCode: null, resolutionNotes: null });
    s = send(s, { type: 'RESOLVE', at: at(30), code: 'c', notes: 'n' }, { type: 'REOPEN', at: at(40), reason: 'Again' });
    expect(s.context.reopenCount).toBe(2);
  });

  it('re-derives the priority when only the urgency changes', () => {
    const s = send(openIncident({ at: at(0), impact: 1, urgency: 3 }), { type: 'UPDATE', at: at(1), urgency: 1 });
    expect(s.context).toMatchObject({ impact: 1, urgency: 1, priority: 1 });
    expect(s.context.history.at(-1)!.set).toEqual({ urgency: 1, priority: 1 });
  });

  it('keeps the fold of history sets equal to the context fields the SLA clock reads', () => {
    let s = openIncident({ at: at(0), impact: 2, urgency: 2 });
    s = send(s,
      { type: 'ASSIGN', at: at(1), group: 'Network', assignee: 'ana' },
      { type: 'START', at: at(2) },
      { type: 'UPDATE', at: at(3), impact: 1 },
      { type: 'HOLD', at: at(4), reason: 'awaiting_vendor' },
      { type: 'PROPOSE_MAJOR', at: at(5) },
      { type: 'RESOLVE', at: at(6), code: 'fixed', notes: 'ok' },
    );
    const f = fold(s.context.history);
    const c = s.context;
    expect(f).toMatchObject({
      state: s.value, holdReason: c.holdReason, impact: c.impact, urgency: c.urgency, priority: c.priority, group: c.group,
      assignee: c.assignee, major: c.major, resolutionCode: c.resolutionCode, reopenCount: c.reopenCount, reassignmentCount: c.reassignmentCount,
    });
  });
});

describe('persisting and resuming', () => {
  const busy = (): IncidentSnapshot => send(snapshotIn('in_progress'), { type: 'HOLD', at: at(15), reason: 'awaiting_caller', comment: 'Photo please' });

  it('survives a JSON round trip of getPersistedSnapshot unchanged', () => {
    const persisted = incidentMachine.getPersistedSnapshot(busy());
    const json = JSON.parse(JSON.stringify(persisted));
    expect(json).toEqual(persisted);
  });

  it('resumes from persisted JSON with transition after restoreIncident', () => {
    const s = busy();
    const json = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(s)));
    const live = restoreIncident(json);
    const [next] = transition(incidentMachine, live, { type: 'RESUME', at: at(20) });
    const [direct] = transition(incidentMachine, s, { type: 'RESUME', at: at(20) });
    expect(next.value).toBe('in_progress');
    expect(next.context).toEqual(direct.context);
  });

  it('resumes from persisted JSON in an actor created with the snapshot', () => {
    const json = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(busy())));
    // xstate types ask for `input` even when restoring (statelyai/xstate#4915); it is not used.
    const actor = createActor(incidentMachine, { snapshot: json, input: undefined as never });
    actor.start();
    actor.send({ type: 'RESUME', at: at(20) });
    actor.send({ type: 'CLOSE', at: at(21) }); // refused: not resolved
    expect(actor.getSnapshot().value).toBe('in_progress');
    expect(actor.getSnapshot().context.history.at(-1)!.type).toBe('RESUME');
    actor.stop();
  });

  it('advances persisted JSON directly with advanceIncident', () => {
    const json = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(busy())));
    expect(advanceIncident(json, { type: 'RESUME', at: at(20) }).snapshot.value).toBe('in_progress');
  });

  it('refuses to restore JSON that is not an incident snapshot, listing the problems', () => {
    expect(() => restoreIncident({ value: 'nowhere', context: { history: [] } })).toThrow(ItsmError);
    try {
      restoreIncident({ value: 'nowhere', context: {} });
    } catch (e) {
      expect((e as ItsmError).issues.some((i) => i.path.join('.') === 'value')).toBe(true);
      expect((e as ItsmError).issues.some((i) => i.path.join('.') === 'context.history')).toBe(true);
    }
  });
});

describe('replaying history', () => {
  it('rebuilds the same snapshot from history alone', () => {
    let s = openIncident({ at: at(0), id: 'INC9', impact: 2, urgency: 1, fields: { vip: true } });
    s = send(s,
      { type: 'ASSIGN', at: at(1), group: 'Network' },
      { type: 'UPDATE', at: at(2), urgency: 3, comment: 'less urgent', fields: { category: 'lan' } },
      { type: 'HOLD', at: at(3), reason: 'awaiting_caller', comment: 'Which port?' },
      { type: 'RESUME', at: at(4), comment: 'answered' },
      { type: 'PROPOSE_MAJOR', at: at(5), comment: 'many users' },
      { type: 'REJECT_MAJOR', at: at(6), reason: 'one building' },
      { type: 'RESOLVE', at: at(7), code: 'fixed', notes: 'patched' },
      { type: 'REOPEN', at: at(8), reason: 'not fixed' },
      { type: 'CANCEL', at: at(9), reason: 'wrong ticket' },
    );
    const again = replayIncidentHistory(JSON.parse(JSON.stringify(s.context.history)));
    expect(again.value).toBe(s.value);
    expect(again.context).toEqual(s.context);
  });

  it('rebuilds with the matrix the incident was opened with, which the CREATE entry records', () => {
    const s = openIncident({ at: at(0), impact: 5, urgency: 5, matrix: glpiPriorityMatrix });
    expect(s.context.history[0]!.set).toMatchObject({ matrix: glpiPriorityMatrix });
    expect(replayIncidentHistory(s.context.history).context).toEqual(s.context);
    const { matrix: _m, ...withoutMatrix } = s.context.history[0]!.set!;
    expect(() => replayIncidentHistory([{ ...s.context.history[0]!, set: withoutMatrix }])).toThrow(/outside the priority matrix/);
  });

  it('refuses a history that does not start with CREATE or contains a refused entry', () => {
    expect(() => replayIncidentHistory([])).toThrow(/CREATE/);
    const h = snapshotIn('in_progress').context.history;
    const bad = [...h, { at: at(5), type: 'START' }];
    try {
      replayIncidentHistory(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as ItsmError).code).toBe('refused_transition');
      expect((e as ItsmError).details['refusal']).toMatchObject({ rule: 'start_only_from_new' });
    }
    expect(() => replayIncidentHistory([...h, { at: at(30), type: 'TELEPORT' }])).toThrow(/not an incident event/);
  });
});
