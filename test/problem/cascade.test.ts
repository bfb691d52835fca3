import { describe, expect, it } from 'vitest';
import { advanceIncident, openIncident, type IncidentSnapshot } from '../../src/incident/index.js';
import { linkedIncidentEvents, type LinkedIncidentStatus } from '../../src/problem/index.js';
import { at, problemIn, send } from './helpers.js';

const statusOf = (s: IncidentSnapshot): LinkedIncidentStatus => ({ id: s.context.id!, state: String(s.value), holdReason: s.context.holdReason, updatedAt: s.context.updatedAt });

function incident(id: string, hold: 'awaiting_problem' | 'awaiting_vendor' | null, lastAt = at(-5)): IncidentSnapshot {
  let s = openIncident({ at: at(-60), id });
  s = advanceIncident(s, { type: 'START', at: at(-50) }).snapshot;
  if (hold) s = advanceIncident(s, { type: 'HOLD', at: lastAt, reason: hold }).snapshot;
  return s;
}

describe('resolving a problem cascades to linked incidents as data', () => {
  const problem = () => send(problemIn('root_cause_analysis'), { type: 'LINK_INCIDENT', at: at(12), incidentId: 'INC2' }, { type: 'LINK_INCIDENT', at: at(13), incidentId: 'INC3' });

  it('resolves the linked incidents waiting on the problem when the fix is applied, and only those', () => {
    const p = send(problem(), { type: 'START_FIX', at: at(14) }, { type: 'RESOLVE', at: at(30), notes: 'MTU set to 1400' });
    const incidents = [incident('INC1', 'awaiting_problem'), incident('INC2', 'awaiting_vendor'), incident('INC3', null), incident('INC9', 'awaiting_problem')];
    const commands = linkedIncidentEvents(p, incidents.map(statusOf));
    expect(commands).toEqual([{ incidentId: 'INC1', event: { type: 'RESOLVE', at: at(30), code: 'solved_by_problem', notes: 'Resolved by problem PRB1: MTU set to 1400' } }]);
    // The incident machine accepts them.
    const step = advanceIncident(incidents[0]!, commands[0]!.event);
    expect(step.accepted).toBe(true);
    expect(step.snapshot.context).toMatchObject({ resolutionCode: 'solved_by_problem', holdReason: null });
  });

  it('resumes them when the risk is accepted or the problem canceled, so work on them restarts', () => {
    const inc = [incident('INC1', 'awaiting_problem')];
    const risk = linkedIncidentEvents(send(problem(), { type: 'ACCEPT_RISK', at: at(30), reason: 'System retires in May' }), inc.map(statusOf));
    expect(risk).toEqual([{ incidentId: 'INC1', event: { type: 'RESUME', at: at(30), comment: 'Problem PRB1: risk accepted, no fix is coming: System retires in May' } }]);
    expect(advanceIncident(inc[0]!, risk[0]!.event).snapshot.value).toBe('in_progress');
    const canceled = linkedIncidentEvents(send(problem(), { type: 'CANCEL', at: at(30), reason: 'Misdiagnosed' }), inc.map(statusOf));
    expect(canceled[0]!.event).toMatchObject({ type: 'RESUME', comment: 'Problem PRB1 was canceled: Misdiagnosed' });
  });

  it('sends nothing for a duplicate (relink to the original) or an unresolved problem', () => {
    const inc = [statusOf(incident('INC1', 'awaiting_problem'))];
    expect(linkedIncidentEvents(send(problem(), { type: 'MARK_DUPLICATE', at: at(30), of: 'PRB0' }), inc)).toEqual([]);
    expect(linkedIncidentEvents(problem(), inc)).toEqual([]);
  });

  it('never dates an event before the incident\'s last event', () => {
    const p = send(problem(), { type: 'START_FIX', at: at(14) }, { type: 'RESOLVE', at: at(30), notes: 'done' });
    const late = incident('INC1', 'awaiting_problem', at(45));
    const [command] = linkedIncidentEvents(p, [statusOf(late)]);
    expect(command!.event.at).toBe(at(45));
    expect(advanceIncident(late, command!.event).accepted).toBe(true);
  });

  it('still cascades once the problem is closed', () => {
    const p = send(problemIn('resolved'), { type: 'CLOSE', at: at(40) });
    expect(linkedIncidentEvents(p, [statusOf(incident('INC1', 'awaiting_problem'))])[0]!.event).toMatchObject({ type: 'RESOLVE', at: at(10) });
  });
});
