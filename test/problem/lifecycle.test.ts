import { describe, expect, it } from 'vitest';
import { createActor, transition } from 'xstate';
import { ItsmError } from '../../src/core/index.js';
import { problemMachine, replayProblemHistory, restoreProblem, openProblem } from '../../src/problem/index.js';
import { at, problemIn, send } from './helpers.js';

describe('creating a problem', () => {
  it('starts in new with a CREATE entry carrying the initial fields', () => {
    const p = openProblem({ at: '2026-03-09T11:00:00+01:00', id: 'PRB7', statement: 'Mail delayed', linkedIncidents: ['INC1', 'INC1', 'INC2'] });
    expect(p.value).toBe('new');
    expect(p.context.linkedIncidents).toEqual(['INC1', 'INC2']);
    expect(p.context.history).toEqual([{
      at: '2026-03-09T10:00:00.000Z', type: 'CREATE',
      set: { id: 'PRB7', state: 'new', statement: 'Mail delayed', priority: null, group: null, assignee: null, cause: null, workaround: null, affectedServices: [], affectedCis: [], linkedIncidents: ['INC1', 'INC2'], resolutionCode: null },
    }]);
  });
});

describe('persisting and resuming problems', () => {
  it('survives a JSON round trip and resumes with transition and with an actor', () => {
    const p = problemIn('root_cause_analysis');
    const json = JSON.parse(JSON.stringify(problemMachine.getPersistedSnapshot(p)));
    expect(json).toEqual(problemMachine.getPersistedSnapshot(p));
    const [viaRestore] = transition(problemMachine, restoreProblem(json), { type: 'START_FIX', at: at(20) });
    expect(viaRestore.value).toBe('fix_in_progress');
    // xstate types ask for `input` even when restoring (statelyai/xstate#4915); it is not used.
    const actor = createActor(problemMachine, { snapshot: json, input: undefined as never });
    actor.start();
    actor.send({ type: 'START_FIX', at: at(20) });
    expect(actor.getSnapshot().context).toEqual(viaRestore.context);
    actor.stop();
  });

  it('refuses to restore something that is not a problem snapshot', () => {
    expect(() => restoreProblem({ value: 'assess', context: { history: [] } })).toThrow(ItsmError);
  });
});

describe('replaying problem history', () => {
  it('rebuilds the same snapshot through every kind of event', () => {
    let p = openProblem({ at: at(0), id: 'PRB3', statement: 'Builds time out', priority: 2, affectedServices: ['ci'] });
    p = send(p,
      { type: 'LINK_INCIDENT', at: at(1), incidentId: 'INC5' },
      { type: 'ASSESS', at: at(2), assignee: 'kim', group: 'Problem Mgmt' },
      { type: 'CONFIRM', at: at(3) },
      { type: 'UPDATE', at: at(4), workaround: 'Retry the job', affectedCis: ['runner-3'], comment: 'seen twice' },
      { type: 'PUBLISH_KNOWN_ERROR', at: at(5) },
      { type: 'START_FIX', at: at(6), cause: 'Disk full', fix: 'Rotate logs' },
      { type: 'RESOLVE', at: at(7), notes: 'Log rotation enabled' },
      { type: 'REANALYZE', at: at(8), reason: 'Timeouts again' },
      { type: 'ACCEPT_RISK', at: at(9), reason: 'Runner replaced next month' },
      { type: 'CLOSE', at: at(10) },
    );
    const again = replayProblemHistory(JSON.parse(JSON.stringify(p.context.history)));
    expect(again.value).toBe('closed');
    expect(again.context).toEqual(p.context);
  });

  it('rebuilds duplicates, cancellations and unlinks', () => {
    const a = send(openProblem({ at: at(0), statement: 'x', linkedIncidents: ['I1'] }), { type: 'UNLINK_INCIDENT', at: at(1), incidentId: 'I1' }, { type: 'MARK_DUPLICATE', at: at(2), of: 'PRB1' });
    expect(replayProblemHistory(a.context.history).context).toEqual(a.context);
    const b = send(openProblem({ at: at(0), statement: 'y' }), { type: 'CANCEL', at: at(2), reason: 'noise' });
    expect(replayProblemHistory(b.context.history).context).toEqual(b.context);
  });

  it('refuses a history without CREATE or with a refused entry', () => {
    expect(() => replayProblemHistory([])).toThrow(/CREATE/);
    const h = problemIn('new').context.history;
    expect(() => replayProblemHistory([...h, { at: at(30), type: 'CLOSE' }])).toThrow(/CLOSE is accepted in resolved/);
  });
});
