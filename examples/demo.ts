// `npm run demo`: a short tour of itsm-kit on the embedded sample, a real ServiceNow incident event log
// (data/README.md): business-time arithmetic, SLA compliance of 890 real incidents, and one incident replayed
// through the incident lifecycle machine with its SLA explained.
import { addBusinessDays, addBusinessTime, businessTimeBetween, createCalendar, formatInstant } from 'itsm-kit/calendar';
import { formatDuration } from 'itsm-kit/core';
import { advanceIncident, openIncident, type HoldReason, type IncidentEvent } from 'itsm-kit/incident';
import { createSlaDefinition, evaluateTickets, evaluateSla, explainSla, type SlaDefinition, type SlaResult } from 'itsm-kit/sla';
import { readIncidentLog } from './lib/servicenow.js';

const H = 3_600_000;
const title = (text: string): void => console.log(`\n${text}\n${'─'.repeat(text.length)}`);

// ---- 1. Business time --------------------------------------------------------------------------------------
const weekday = ['08:00-18:00'];
const office = createCalendar({
  name: 'UTC office', timeZone: 'UTC',
  weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
  holidays: ['--12-25', '--01-01'],
});
const ny = createCalendar({ timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } });
const nyTime = (t: Date) => formatInstant(t, 'America/New_York');

title('1. Business time (New York, Mon-Fri 09:00-17:00)');
console.log(`Friday 16:00 + 1 business hour   = ${nyTime(addBusinessTime(ny, '2026-03-06T16:00:00-05:00', H))}  (the close, not Monday)`);
console.log(`Friday 16:00 + 2 business hours  = ${nyTime(addBusinessTime(ny, '2026-03-06T16:00:00-05:00', 2 * H))}  (clocks went forward on Sunday)`);
console.log(`Friday 16:00 → Monday 10:00      = ${formatDuration(businessTimeBetween(ny, '2026-03-06T16:00:00-05:00', '2026-03-09T10:00:00-04:00'))} of business time`);
console.log(`"By end of next business day" for a ticket on Friday 10:00: ${nyTime(addBusinessDays(ny, '2026-03-06T10:00:00-05:00', 1))}`);

// ---- 2. SLA compliance of the sample ------------------------------------------------------------------------
const { incidents, lastEventAt } = readIncidentLog(new URL('../data/servicenow-incident-event-log.csv', import.meta.url));
const AWAITING = ['Awaiting User Info', 'Awaiting Problem', 'Awaiting Vendor', 'Awaiting Evidence'];
const targets = [[1, 'PT15M', 'PT4H'], [2, 'PT1H', 'PT8H'], [3, 'PT4H', 'PT24H'], [4, 'PT8H', 'PT72H']] as const;
const definitions: SlaDefinition[] = targets.flatMap(([p, response, resolution]) => [
  createSlaDefinition({ id: `P${p} response`, kind: 'response', target: response, calendar: 'office', appliesTo: { field: 'priority', eq: p }, start: true, stop: { field: 'state', ne: 'New' } }),
  createSlaDefinition({ id: `P${p} resolution`, kind: 'resolution', target: resolution, calendar: 'office', appliesTo: { field: 'priority', eq: p }, start: true, stop: { field: 'state', in: ['Resolved', 'Closed'] }, pause: { field: 'state', in: AWAITING } }),
]);
const started = performance.now();
const all: SlaResult[] = [];
for (const t of evaluateTickets(definitions, incidents.map((i) => ({ id: i.number, events: i.events })), { calendars: { office }, now: lastEventAt })) {
  if (t.success) all.push(...t.data);
}
const ms = performance.now() - started;

title(`2. SLA compliance of ${incidents.length} real ServiceNow incidents (business hours Mon-Fri 08:00-18:00 UTC)`);
console.log('priority   response target   met      resolution target   met      breached resolutions: median overrun');
for (const [p, response, resolution] of targets) {
  const of = (kind: string) => all.filter((r) => r.slaId === `P${p} ${kind}`);
  const pct = (rs: SlaResult[]) => `${((100 * rs.filter((r) => !r.breached).length) / Math.max(1, rs.length)).toFixed(1)}%`.padStart(6);
  const overruns = of('resolution').filter((r) => r.breached).map((r) => -r.remainingMs).sort((a, b) => a - b);
  const median = overruns.length === 0 ? '-' : formatDuration(overruns[Math.floor(overruns.length / 2)]!, { days: false });
  console.log(`P${p}         ${response.padEnd(16)}  ${pct(of('response'))}   ${resolution.padEnd(18)}  ${pct(of('resolution'))}   ${median} (${overruns.length} breached)`);
}
console.log(`(${all.length.toLocaleString('en')} clocks evaluated in ${ms.toFixed(0)} ms; targets are illustrative)`);

// ---- 3. One incident through the lifecycle machine, and its SLA ---------------------------------------------
const chosen = incidents.find((i) => i.number === 'INC0001312') ?? incidents[0]!;
title(`3. ${chosen.number} replayed through incidentMachine, then its resolution SLA`);
const holdReason: Record<string, HoldReason> = {
  'Awaiting User Info': 'awaiting_caller', 'Awaiting Problem': 'awaiting_problem',
  'Awaiting Vendor': 'awaiting_vendor', 'Awaiting Evidence': 'awaiting_evidence',
};
const first = chosen.events[0]!;
let incident = openIncident({ at: first.at, id: chosen.number, impact: 2, urgency: 2 });
let previous = 'New';
for (const e of chosen.events) {
  const state = String(e.set?.['state']);
  const at = e.at;
  const events: IncidentEvent[] = [];
  if (state === previous) continue;
  if (state === 'Active') events.push(previous === 'New' ? { type: 'START', at } : previous === 'Resolved' ? { type: 'REOPEN', at, reason: 'caller reported it again' } : { type: 'RESUME', at });
  else if (state in holdReason) events.push({ type: 'HOLD', at, reason: holdReason[state]!, comment: 'waiting (from the log)' });
  else if (state === 'Resolved') events.push({ type: 'RESOLVE', at, code: 'solved', notes: 'from the log' });
  else if (state === 'Closed') events.push({ type: 'CLOSE', at });
  for (const event of events) {
    const step = advanceIncident(incident, event);
    incident = step.snapshot;
    console.log(`${formatInstant(at, 'UTC')}  ${state.padEnd(20)} ${event.type.padEnd(7)} → ${step.accepted ? incident.value : `refused: ${step.refusal.message}`}`);
  }
  previous = state;
}
console.log(`reopened ${incident.context.reopenCount} time(s); ${incident.context.history.length} history entries, which are the SLA clock's input:\n`);
const resolutionSla = createSlaDefinition({
  id: 'resolution', name: 'P3 resolution', kind: 'resolution', target: 'PT24H', calendar: 'office',
  start: { field: 'state', ne: 'new' }, stop: { field: 'state', in: ['resolved', 'closed'] },
  pause: { field: 'state', eq: 'on_hold' }, reset: { event: 'REOPEN' },
});
const sla = evaluateSla(resolutionSla, incident.context.history, { calendars: { office }, now: lastEventAt });
for (const line of explainSla(sla)) console.log(`  ${line}`);
