// Reads the ServiceNow incident event log (data/README.md) into what the dashboard needs: per incident, its
// rows as SLA events in time order, its category, priorities, opening and resolution times.
import { readFileSync } from 'node:fs';
import type { TicketEvent } from 'itsm-kit/sla';

export interface DashboardIncident {
  readonly number: string;
  readonly category: string | null;
  /** Every priority the incident had (1..4), in order of first appearance. */
  readonly priorities: readonly number[];
  readonly openedAt: number;
  /** `resolved_at` of the last row, or `null`. */
  readonly resolvedAt: number | null;
  readonly events: TicketEvent[];
}

/** `DD-MM-YYYY HH:MM`, read as UTC (the log has no zone). */
function parseLogTime(text: string): number {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a log timestamp: ${JSON.stringify(text)}`);
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
}

/** The log's incidents. The file has no quoted fields, so a comma split is exact (checked). */
export function readDashboardLog(url: URL): DashboardIncident[] {
  const text = readFileSync(url, 'utf8');
  if (text.includes('"')) throw new Error('quoted CSV fields are not supported by this reader');
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l !== '');
  const header = head!.split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the log has no column ${name}`);
    return i;
  };
  const c = { number: col('number'), state: col('incident_state'), priority: col('priority'), category: col('category'), opened: col('opened_at'), updated: col('sys_updated_at'), resolved: col('resolved_at') };
  const rows = new Map<string, string[][]>();
  for (const line of lines) {
    const f = line.split(',');
    if (f.length !== header.length) throw new Error(`expected ${header.length} fields: ${line}`);
    const list = rows.get(f[c.number]!) ?? [];
    list.push(f);
    rows.set(f[c.number]!, list);
  }
  return [...rows].map(([number, list]) => {
    const sorted = list.map((f) => ({ f, t: parseLogTime(f[c.updated]!) })).sort((a, b) => a.t - b.t);
    const priorities = [...new Set(sorted.map(({ f }) => Number(f[c.priority]!.slice(0, 1))))];
    const last = sorted.at(-1)!.f;
    return {
      number,
      category: sorted[0]!.f[c.category] === '?' ? null : sorted[0]!.f[c.category]!,
      priorities,
      openedAt: parseLogTime(sorted[0]!.f[c.opened]!),
      resolvedAt: last[c.resolved] === '?' ? null : parseLogTime(last[c.resolved]!),
      events: sorted.map(({ f, t }) => ({ at: t, type: 'STATE', set: { state: f[c.state]!, priority: Number(f[c.priority]!.slice(0, 1)) } })),
    };
  });
}
