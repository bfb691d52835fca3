// Problem management: a problem behind three incidents goes through assessment and root-cause analysis,
// publishes a known error, is fixed, and its resolution cascades to the incidents waiting on it — the cascade
// is returned as data (events) for the host to send, never performed by the library.
//
// Run: npx tsx examples/problem-known-error.ts
import { advanceIncident, openIncident, type IncidentSnapshot } from 'itsm-kit/incident';
import {
  advanceProblem, knownErrorFromProblem, linkedIncidentEvents, problemMachine, replayProblemHistory, restoreProblem,
  openProblem, type ProblemEvent, type ProblemSnapshot,
} from 'itsm-kit/problem';

const line = (text = ''): void => console.log(text);

// Three incidents about the VPN; two wait on the problem, one waits on the vendor.
const incidents = new Map<string, IncidentSnapshot>();
for (const [id, reason] of [['INC0101', 'awaiting_problem'], ['INC0102', 'awaiting_problem'], ['INC0103', 'awaiting_vendor']] as const) {
  let s = openIncident({ at: '2026-03-09T08:00:00Z', id, impact: 2, urgency: 2, group: 'Network' });
  s = advanceIncident(s, { type: 'START', at: '2026-03-09T08:10:00Z' }).snapshot;
  s = advanceIncident(s, { type: 'HOLD', at: '2026-03-09T09:00:00Z', reason }).snapshot;
  incidents.set(id, s);
}
line('Incidents: ' + [...incidents.values()].map((s) => `${s.context.id} ${s.value} (${s.context.holdReason})`).join(', '));

let problem: ProblemSnapshot = openProblem({
  at: '2026-03-09T09:30:00Z', id: 'PRB0007', statement: 'VPN sessions drop every hour',
  linkedIncidents: ['INC0101', 'INC0102', 'INC0103'], affectedServices: ['remote-access'],
});
line(`Problem ${problem.context.id}: "${problem.context.statement}" → ${problem.value}`);
line();

const events: ProblemEvent[] = [
  { type: 'ASSESS', at: '2026-03-09T09:35:00Z', assignee: 'kim', group: 'Problem Management' },
  { type: 'CONFIRM', at: '2026-03-09T10:00:00Z' },
  { type: 'PUBLISH_KNOWN_ERROR', at: '2026-03-09T10:05:00Z' }, // refused: no workaround yet
  { type: 'UPDATE', at: '2026-03-09T10:10:00Z', workaround: 'Reconnect with the "TCP 443" profile', affectedCis: ['vpn-gw-1', 'vpn-gw-2'] },
  { type: 'PUBLISH_KNOWN_ERROR', at: '2026-03-09T10:15:00Z' },
  { type: 'START_FIX', at: '2026-03-09T15:00:00Z' }, // refused: leaving root-cause analysis needs a cause
  { type: 'START_FIX', at: '2026-03-09T15:00:00Z', cause: 'MTU mismatch after the firmware upgrade', fix: 'Set MTU 1400 on both gateways' },
  { type: 'RESOLVE', at: '2026-03-10T07:30:00Z', notes: 'MTU set to 1400 on vpn-gw-1 and vpn-gw-2' },
];
for (const event of events) {
  const step = advanceProblem(problem, event);
  problem = step.snapshot;
  line(step.accepted
    ? `${event.type.padEnd(19)} → ${problem.value}${problem.context.resolutionCode ? ` (${problem.context.resolutionCode})` : ''}`
    : `${event.type.padEnd(19)} refused [${step.refusal.rule}]: ${step.refusal.message}`);
}

line();
line('Known error record published at 10:15:');
line(JSON.stringify(problem.context.knownError, null, 2).replace(/^/gm, '  '));
line(`Draft of the record now (cause found since): cause = "${knownErrorFromProblem(problem).cause}"`);

// The cascade, as data: events for the incidents on hold awaiting_problem.
line();
const commands = linkedIncidentEvents(problem, [...incidents.values()].map((s) => ({
  id: s.context.id!, state: s.value, holdReason: s.context.holdReason, updatedAt: s.context.updatedAt,
})));
line(`Cascade: ${commands.length} events for the host to send`);
for (const { incidentId, event } of commands) {
  const step = advanceIncident(incidents.get(incidentId)!, event);
  incidents.set(incidentId, step.snapshot);
  line(`  ${incidentId}: ${event.type} "${'notes' in event ? event.notes : event.comment}" → ${step.snapshot.value}`);
}
line('Incidents: ' + [...incidents.values()].map((s) => `${s.context.id} ${s.value}`).join(', '));

// Persist, restore, re-analyse when the drops come back, then accept the risk.
line();
const restored = restoreProblem(JSON.parse(JSON.stringify(problemMachine.getPersistedSnapshot(problem))));
let later = advanceProblem(restored, { type: 'REANALYZE', at: '2026-03-12T09:00:00Z', reason: 'Drops came back on gateway 2' }).snapshot;
line(`REANALYZE           → ${later.value}, re-analyses: ${later.context.reanalysisCount}, resolution code: ${later.context.resolutionCode}`);
later = advanceProblem(later, { type: 'ACCEPT_RISK', at: '2026-03-13T09:00:00Z', reason: 'Gateway 2 is replaced in April' }).snapshot;
later = advanceProblem(later, { type: 'CLOSE', at: '2026-03-20T09:00:00Z' }).snapshot;
line(`ACCEPT_RISK, CLOSE  → ${later.value} (${later.context.resolutionCode})`);
line(`History: ${later.context.history.map((h) => h.type).join(' → ')}`);
line(`History replays to the same snapshot: ${JSON.stringify(replayProblemHistory(later.context.history).context) === JSON.stringify(later.context)}`);
