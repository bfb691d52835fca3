// The incident lifecycle: an incident driven step by step with xstate's pure `transition`, refusals explained,
// the snapshot persisted as JSON and resumed, escalation and auto-close timers computed in business hours, and
// a real incident of the ServiceNow event log replayed with its SLA.
//
// Run: npx tsx examples/incident-lifecycle.ts
import { createCalendar, formatInstant } from 'itsm-kit/calendar';
import { formatDuration } from 'itsm-kit/core';
import {
  advanceIncident, autoCloseDueAt, createEscalationPolicy, escalationsDue, incidentMachine, replayIncidentHistory,
  restoreIncident, openIncident, type IncidentEvent, type IncidentSnapshot,
} from 'itsm-kit/incident';
import { createSlaDefinition, evaluateSla, explainSla } from 'itsm-kit/sla';

const weekday = ['09:00-17:00'];
const support = createCalendar({ timeZone: 'Europe/Paris', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } });

const resolutionSla = createSlaDefinition({
  id: 'resolution', kind: 'resolution', target: 'PT8H', calendar: 'support',
  start: { field: 'state', ne: 'new' },
  stop: { field: 'state', in: ['resolved', 'closed'] },
  pause: { field: 'state', eq: 'on_hold' },
  cancel: { field: 'state', eq: 'canceled' },
});

const line = (text = ''): void => console.log(text);
const paris = (t: Date | string | null | undefined): string => (t ? formatInstant(t, 'Europe/Paris') : 'none');
const describe = (s: IncidentSnapshot): string =>
  `${s.value}${s.context.holdReason ? ` (${s.context.holdReason})` : ''}, P${s.context.priority}, group ${s.context.group ?? '-'}`;

// ---- 1. One incident, step by step -----------------------------------------------------------------------
line('1. An incident, step by step (times are Paris, Monday 9 March 2026)');
let incident = openIncident({ at: '2026-03-09T09:00:00+01:00', id: 'INC0042', impact: 2, urgency: 2, group: 'Service Desk' });
line(`   created: ${describe(incident)}`);

const steps: IncidentEvent[] = [
  { type: 'ASSIGN', at: '2026-03-09T09:10:00+01:00', group: 'Network', assignee: 'ana' },
  { type: 'START', at: '2026-03-09T09:15:00+01:00' },
  { type: 'HOLD', at: '2026-03-09T10:00:00+01:00', reason: 'awaiting_caller' }, // refused: no comment
  { type: 'HOLD', at: '2026-03-09T10:00:00+01:00', reason: 'awaiting_caller', comment: 'Which office is affected?' },
  { type: 'RESUME', at: '2026-03-09T14:00:00+01:00' },
  { type: 'UPDATE', at: '2026-03-09T14:05:00+01:00', impact: 1, comment: 'Whole floor is down' },
  { type: 'PROPOSE_MAJOR', at: '2026-03-09T14:06:00+01:00' },
  { type: 'ACCEPT_MAJOR', at: '2026-03-09T14:10:00+01:00' },
  { type: 'CLOSE', at: '2026-03-09T15:00:00+01:00' }, // refused: not resolved
  { type: 'RESOLVE', at: '2026-03-09T16:30:00+01:00', code: 'hardware_replaced', notes: 'Replaced the floor switch' },
];
for (const event of steps) {
  const step = advanceIncident(incident, event);
  incident = step.snapshot;
  line(step.accepted ? `   ${event.type.padEnd(13)} → ${describe(incident)}` : `   ${event.type.padEnd(13)} refused [${step.refusal.rule}] ${step.refusal.message}`);
}

// Persist as JSON (a database row), restore, and carry on.
const row = JSON.stringify(incidentMachine.getPersistedSnapshot(incident));
const restored = restoreIncident(JSON.parse(row));
line(`   persisted snapshot: ${row.length} bytes of JSON; restored state: ${restored.value}`);

const autoClose = autoCloseDueAt(restored, 'PT16H', { calendar: support });
line(`   auto-close due after 16 business hours: ${paris(autoClose)}`);
incident = advanceIncident(restored, { type: 'AUTO_CLOSE', at: autoClose! }).snapshot;
line(`   AUTO_CLOSE    → ${describe(incident)}; reopen count ${incident.context.reopenCount}, reassignments ${incident.context.reassignmentCount}`);
line(`   history replays to the same snapshot: ${JSON.stringify(replayIncidentHistory(incident.context.history).context) === JSON.stringify(incident.context)}`);

const sla = evaluateSla(resolutionSla, incident.context.history, { calendars: { support }, now: '2026-03-12T12:00:00+01:00' });
line(`   resolution SLA (8 business hours, paused on hold): ${sla.stage}, ${formatDuration(sla.elapsedMs)} used, ${formatDuration(sla.pausedMs)} paused, breached: ${sla.breached}`);

// ---- 2. Escalation ---------------------------------------------------------------------------------------
line();
line('2. Escalation of an unacknowledged P1 opened Friday 16:00 (PagerDuty-style policy, business hours)');
const policy = createEscalationPolicy({
  name: 'network',
  levels: [
    { after: 'PT0S', kind: 'functional', targets: ['network-on-call'] },
    { after: 'PT30M', kind: 'functional', targets: ['network-l2'] },
    { after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['service-owner'] },
  ],
});
let p1 = openIncident({ at: '2026-03-13T16:00:00+01:00', id: 'INC0043', impact: 1, urgency: 1 });
p1 = advanceIncident(p1, { type: 'START', at: '2026-03-13T16:01:00+01:00' }).snapshot;
for (const now of ['2026-03-13T16:20:00+01:00', '2026-03-13T16:45:00+01:00', '2026-03-16T11:00:00+01:00', '2026-03-16T14:30:00+01:00']) {
  const clock = evaluateSla(resolutionSla, p1.context.history, { calendars: { support }, now });
  const r = escalationsDue(policy, p1.context.openedAt, now, { sla: clock, calendar: support });
  line(`   at ${paris(now)}: SLA ${clock.percent.toFixed(0).padStart(2)} % used; due: ${(r.due.map((s) => s.targets.join('+')).join(', ') || '-').padEnd(28)} next: ${paris(r.nextEscalationAt)} (${r.next?.targets.join('+') ?? '-'})`);
}

// ---- 3. A real incident replayed from the ServiceNow event log ---------------------------------------------
line();
line('3. INC0001312 from the ServiceNow event log, replayed (rows: state, group, assigned_to, sys_updated_at)');
type LogRow = readonly [state: string, group: string, assignee: string | null, at: string];
const rows: readonly LogRow[] = [
  ['Active', 'Group 10', 'Resolver 139', '2016-03-02T13:41Z'],
  ['Resolved', 'Group 10', 'Resolver 139', '2016-04-06T14:29Z'],
  ['Active', 'Group 10', 'Resolver 139', '2016-04-06T16:31Z'],
  ['Active', 'Group 10', 'Resolver 139', '2016-04-06T16:31Z'],
  ['Awaiting User Info', 'Group 10', 'Resolver 139', '2016-04-14T09:57Z'],
  ['Awaiting User Info', 'Group 39', null, '2016-04-25T10:50Z'],
  ['Resolved', 'Group 39', 'Resolver 194', '2016-04-25T11:16Z'],
  ['Closed', 'Group 39', 'Resolver 194', '2016-04-30T12:07Z'],
];
let real = openIncident({ at: '2016-03-02T13:40Z', id: 'INC0001312', impact: 2, urgency: 2, group: 'Group 10', assignee: 'Resolver 139' });
let prev: LogRow = ['New', 'Group 10', 'Resolver 139', '2016-03-02T13:40Z'];
for (const r of rows) {
  const [state, group, assignee, at] = r;
  const events: IncidentEvent[] = [];
  if (prev[0] === 'Resolved' && state === 'Active') events.push({ type: 'REOPEN', at, reason: '(not in the log)' });
  if (group !== prev[1] || assignee !== prev[2]) events.push({ type: 'ASSIGN', at, group, assignee });
  if (state !== prev[0] && !(prev[0] === 'Resolved' && state === 'Active')) {
    if (state === 'Active') events.push(prev[0] === 'New' ? { type: 'START', at } : { type: 'RESUME', at });
    if (state === 'Awaiting User Info') events.push({ type: 'HOLD', at, reason: 'awaiting_caller', comment: '(not in the log)' });
    if (state === 'Resolved') events.push({ type: 'RESOLVE', at, code: 'code 6', notes: '(not in the log)' });
    if (state === 'Closed') events.push({ type: 'CLOSE', at });
  }
  if (events.length === 0) events.push({ type: 'UPDATE', at });
  for (const e of events) real = advanceIncident(real, e).snapshot;
  line(`   ${r.map((x) => x ?? '?').join(', ').padEnd(63)} → ${events.map((e) => e.type).join(' + ').padEnd(16)} → ${describe(real)}`);
  prev = r;
}
line(`   reopen count ${real.context.reopenCount} (log: 1), reassignment count ${real.context.reassignmentCount} (log: 1)`);
const replayedSla = evaluateSla(
  createSlaDefinition({ ...resolutionSla, id: 'p3-resolution', target: 'P3D', calendar: '24x7' }),
  real.context.history,
  { now: '2016-05-01T00:00Z' },
);
line('   its resolution SLA (P3 target of 3 days, 24x7), explained:');
for (const text of explainSla(replayedSla)) line(`     ${text}`);
