// A small reader of the ServiceNow incident event log (data/README.md) for the examples. The tests have a fuller
// one in test/support/servicenow-log.ts; examples cannot import from test/.
import { readFileSync } from 'node:fs';
import type { TicketEvent } from 'itsm-kit/sla';

/** One incident of the log: its rows as SLA events, in time order. */
export interface LogIncident {
  readonly number: string;
  /** One `STATE` event per row, setting `state` (the log's `incident_state`) and `priority` (1..4). */
  readonly events: TicketEvent[];
  /** The log's own `made_sla` verdict (of its last row). */
  readonly madeSla: boolean;
}

/** `DD-MM-YYYY HH:MM`, read as UTC (the log has no zone). */
function parseLogTime(text: string): number {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a log timestamp: ${JSON.stringify(text)}`);
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
}

/**
 * Reads the log's incidents. The file has no quoted fields, so a comma split is exact (checked). Rows are sorted
 * by time within each incident, keeping the file's order at equal minutes: one incident is logged out of order.
 */
export function readIncidentLog(url: URL): { incidents: LogIncident[]; lastEventAt: number } {
  const text = readFileSync(url, 'utf8');
  if (text.includes('"')) throw new Error('quoted CSV fields are not supported by this reader');
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const header = head!.split(',');
  const at = (name: string): number => header.indexOf(name);
  const rowsByNumber = new Map<string, { t: number; state: string; priority: number; madeSla: boolean }[]>();
  for (const line of lines) {
    const f = line.split(',');
    if (f.length !== header.length) throw new Error(`expected ${header.length} fields: ${line}`);
    const row = {
      t: parseLogTime(f[at('sys_updated_at')]!),
      state: f[at('incident_state')]!,
      priority: Number(f[at('priority')]!.slice(0, 1)),
      madeSla: f[at('made_sla')] === 'TRUE',
    };
    const number = f[at('number')]!;
    const rows = rowsByNumber.get(number);
    if (rows) rows.push(row);
    else rowsByNumber.set(number, [row]);
  }
  let lastEventAt = -Infinity;
  const incidents = [...rowsByNumber].map(([number, rows]) => {
    rows.sort((a, b) => a.t - b.t);
    lastEventAt = Math.max(lastEventAt, rows.at(-1)!.t);
    return {
      number,
      events: rows.map((r) => ({ at: new Date(r.t).toISOString(), type: 'STATE', set: { state: r.state, priority: r.priority } })),
      madeSla: rows.at(-1)!.madeSla,
    };
  });
  return { incidents, lastEventAt };
}
