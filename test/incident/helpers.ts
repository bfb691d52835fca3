import { transition } from 'xstate';
import { incidentMachine, openIncident, type IncidentEvent, type IncidentSnapshot, type IncidentState } from '../../src/incident/index.js';

export const T0 = Date.UTC(2026, 2, 9, 8, 0);
/** The ISO instant `minutes` after T0 (Monday 2026-03-09 08:00 UTC). */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

/** Sends events with xstate's pure transition, failing if one is refused. */
export function send(s: IncidentSnapshot, ...events: IncidentEvent[]): IncidentSnapshot {
  for (const e of events) {
    const [next] = transition(incidentMachine, s, e);
    if (next === s) throw new Error(`setup event ${e.type} was refused in ${String(s.value)}`);
    s = next;
  }
  return s;
}

/** A snapshot in `state`, its last event at minute 10; `proposed` makes it a major-incident candidate first. */
export function snapshotIn(state: IncidentState, options: { proposed?: boolean } = {}): IncidentSnapshot {
  let s = openIncident({ at: at(0), impact: 2, urgency: 2, group: 'Service Desk' });
  if (options.proposed) s = send(s, { type: 'PROPOSE_MAJOR', at: at(1) });
  switch (state) {
    case 'new': return send(s, { type: 'UPDATE', at: at(10) });
    case 'in_progress': return send(s, { type: 'START', at: at(10) });
    case 'on_hold': return send(s, { type: 'HOLD', at: at(10), reason: 'awaiting_vendor' });
    case 'resolved': return send(s, { type: 'RESOLVE', at: at(10), code: 'fixed', notes: 'Rebooted the switch' });
    case 'closed': return send(s, { type: 'RESOLVE', at: at(5), code: 'fixed', notes: 'Rebooted' }, { type: 'CLOSE', at: at(10) });
    case 'canceled': return send(s, { type: 'CANCEL', at: at(10), reason: 'Logged twice' });
  }
}

/** A valid event of each type, at minute 20. */
export const VALID_EVENTS: Record<IncidentEvent['type'], IncidentEvent> = {
  ASSIGN: { type: 'ASSIGN', at: at(20), group: 'Network', assignee: 'ana' },
  START: { type: 'START', at: at(20) },
  HOLD: { type: 'HOLD', at: at(20), reason: 'awaiting_change' },
  RESUME: { type: 'RESUME', at: at(20) },
  UPDATE: { type: 'UPDATE', at: at(20), impact: 1 },
  RESOLVE: { type: 'RESOLVE', at: at(20), code: 'fixed', notes: 'Replaced the cable' },
  REOPEN: { type: 'REOPEN', at: at(20), reason: 'Still down' },
  CLOSE: { type: 'CLOSE', at: at(20) },
  AUTO_CLOSE: { type: 'AUTO_CLOSE', at: at(20) },
  CANCEL: { type: 'CANCEL', at: at(20), reason: 'Duplicate' },
  PROPOSE_MAJOR: { type: 'PROPOSE_MAJOR', at: at(20), comment: 'Site down' },
  ACCEPT_MAJOR: { type: 'ACCEPT_MAJOR', at: at(20) },
  REJECT_MAJOR: { type: 'REJECT_MAJOR', at: at(20), reason: 'Single user' },
};
