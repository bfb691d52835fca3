import { transition } from 'xstate';
import { problemMachine, openProblem, type ProblemEvent, type ProblemSnapshot, type ProblemState } from '../../src/problem/index.js';

export const T0 = Date.UTC(2026, 2, 9, 10, 0);
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export function send(s: ProblemSnapshot, ...events: ProblemEvent[]): ProblemSnapshot {
  for (const e of events) {
    const [next] = transition(problemMachine, s, e);
    if (next === s) throw new Error(`setup event ${e.type} was refused in ${String(s.value)}`);
    s = next;
  }
  return s;
}

/** A problem in `state` (last event at minute 10), with one linked incident INC1, a cause and a workaround. */
export function problemIn(state: ProblemState): ProblemSnapshot {
  const s = openProblem({ at: at(0), id: 'PRB1', statement: 'VPN drops every hour', linkedIncidents: ['INC1'], cause: 'MTU mismatch', workaround: 'Reconnect' });
  const assess = { type: 'ASSESS', at: at(2), assignee: 'kim' } as const;
  const confirm = { type: 'CONFIRM', at: at(4) } as const;
  const fix = { type: 'START_FIX', at: at(6), fix: 'MTU 1400' } as const;
  switch (state) {
    case 'new': return send(s, { type: 'UPDATE', at: at(10) });
    case 'assess': return send(s, { ...assess, at: at(10) });
    case 'root_cause_analysis': return send(s, assess, { ...confirm, at: at(10) });
    case 'fix_in_progress': return send(s, assess, confirm, { ...fix, at: at(10) });
    case 'resolved': return send(s, assess, confirm, fix, { type: 'RESOLVE', at: at(10), notes: 'MTU set everywhere' });
    case 'closed': return send(s, assess, confirm, fix, { type: 'RESOLVE', at: at(8), notes: 'done' }, { type: 'CLOSE', at: at(10) });
    case 'canceled': return send(s, { type: 'CANCEL', at: at(10), reason: 'Not a problem' });
  }
}

export const VALID: Record<ProblemEvent['type'], ProblemEvent> = {
  ASSESS: { type: 'ASSESS', at: at(20), assignee: 'lee' },
  CONFIRM: { type: 'CONFIRM', at: at(20) },
  START_FIX: { type: 'START_FIX', at: at(20), cause: 'MTU mismatch' },
  RESOLVE: { type: 'RESOLVE', at: at(20), notes: 'Fixed' },
  ACCEPT_RISK: { type: 'ACCEPT_RISK', at: at(20), reason: 'Retiring soon' },
  MARK_DUPLICATE: { type: 'MARK_DUPLICATE', at: at(20), of: 'PRB0' },
  CANCEL: { type: 'CANCEL', at: at(20), reason: 'Training issue' },
  REANALYZE: { type: 'REANALYZE', at: at(20), reason: 'Came back' },
  CLOSE: { type: 'CLOSE', at: at(20) },
  UPDATE: { type: 'UPDATE', at: at(20), affectedCis: ['VPN-1'] },
  PUBLISH_KNOWN_ERROR: { type: 'PUBLISH_KNOWN_ERROR', at: at(20) },
  LINK_INCIDENT: { type: 'LINK_INCIDENT', at: at(20), incidentId: 'INC2' },
  UNLINK_INCIDENT: { type: 'UNLINK_INCIDENT', at: at(20), incidentId: 'INC1' },
};
