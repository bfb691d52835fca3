// The real ServiceNow log as a service-report input: one incident per number (service = its category,
// priority of its last row, opened_at, resolved_at of its last row), SLA results from four resolution SLAs on a
// 24x7 calendar that pause while the incident awaits someone, evaluated at the end of the period.
import { evaluateTickets, type SlaDefinition } from 'itsm-kit/sla';
import type { ReportIncident, ReportSlaEntry, ServiceReportInput } from 'itsm-kit/reports';
import { AWAITING_STATES, readServiceNowIncidents, toTicketEvents, type LogIncident } from '../support/servicenow-log.js';

export const PERIOD = { from: '2016-02-29T00:00:00Z', to: '2016-04-01T00:00:00Z', interval: 'day' } as const;

const TARGETS: Record<number, string> = { 1: 'PT4H', 2: 'PT8H', 3: 'PT24H', 4: 'PT72H' };
export const DEFINITIONS: SlaDefinition[] = [1, 2, 3, 4].map((p) => ({
  id: `p${p}-resolution`, kind: 'resolution', target: TARGETS[p]!, calendar: '24x7',
  appliesTo: { field: 'priority', eq: p },
  start: true, stop: { field: 'state', in: ['Resolved', 'Closed'] }, pause: { field: 'state', in: [...AWAITING_STATES] },
}));

export interface LogReportInput {
  readonly log: LogIncident[];
  readonly input: ServiceReportInput;
}

/** The incident's category (`?` in the log when missing). */
const category = (i: LogIncident): string | undefined => (i.rows[0]!.fields['category'] === '?' ? undefined : i.rows[0]!.fields['category']);

export function servicenowReportInput(): LogReportInput {
  const log = readServiceNowIncidents();
  const incidents: ReportIncident[] = log.map((i) => {
    const last = i.rows.at(-1)!;
    return {
      id: i.number, service: category(i), priority: last.priority,
      openedAt: i.rows[0]!.openedAt, resolvedAt: last.resolvedAt,
    };
  });
  const now = PERIOD.to;
  const tickets = log.map((i) => ({ id: i.number, events: toTicketEvents(i.rows) }));
  const slaResults: ReportSlaEntry[] = [...evaluateTickets(DEFINITIONS, tickets, { now, explain: true })];
  return { log, input: { period: PERIOD, timeZone: 'UTC', incidents, slaResults } };
}
