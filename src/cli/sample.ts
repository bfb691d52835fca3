// The embedded sample: the ServiceNow incident event log shipped in the package (data/README.md), read with
// csv-parse into SLA tickets.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { TicketEvent } from '../sla/events.js';

/** One incident of the sample as SLA events. @internal */
export interface SampleIncident {
  readonly number: string;
  readonly priority: number;
  readonly events: TicketEvent[];
}

/** The package's root folder (the one with itsm-kit's package.json), from the source or the built file. */
function packageRoot(): URL {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    const pkg = new URL('package.json', dir);
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'itsm-kit') return dir;
    dir = new URL('../', dir);
  }
  throw new Error('the itsm-kit package folder was not found above the command');
}

/** Where the sample log is. @internal */
export function sampleLogUrl(): URL {
  return new URL('data/servicenow-incident-event-log.csv', packageRoot());
}

/** `DD-MM-YYYY HH:MM` (the log's format, no zone: read as UTC) to an ISO string. */
function isoOf(text: string): string {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (m === null) throw new Error(`not a log timestamp: ${JSON.stringify(text)}`);
  return `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:00Z`;
}

/** Reads the sample's incidents (rows sorted by time within each incident) and its last event instant. @internal */
export function readSample(url: URL = sampleLogUrl()): { incidents: SampleIncident[]; lastEventAt: string } {
  const rows = parse(readFileSync(url, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const byNumber = new Map<string, Array<{ at: string; state: string; priority: number }>>();
  for (const r of rows) {
    const row = { at: isoOf(r['sys_updated_at']!), state: r['incident_state']!, priority: Number(r['priority']!.slice(0, 1)) };
    const list = byNumber.get(r['number']!);
    if (list === undefined) byNumber.set(r['number']!, [row]);
    else list.push(row);
  }
  let last = '';
  const incidents = [...byNumber].map(([number, list]) => {
    list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (list.at(-1)!.at > last) last = list.at(-1)!.at;
    return { number, priority: list.at(-1)!.priority, events: list.map((x) => ({ at: x.at, type: 'STATE', set: { state: x.state, priority: x.priority } })) };
  });
  return { incidents, lastEventAt: last };
}
