// Reads the ServiceNow incident event log (data/servicenow-incident-event-log.csv, see data/README.md) into typed
// rows, groups them per incident in time order, and maps an incident's rows to SLA `TicketEvent`s.
// Shared by tests (src may not read files). test/incident/servicenow-log.ts has its own reader, tuned to the
// incident machine's events; this one keeps every column and yields the generic `{ at, type, set }` events.
import { readFileSync } from 'node:fs';
import type { TicketEvent } from '../../src/sla/index.js';

/** The copy of the log vendored in the repository. */
export const SERVICENOW_LOG_URL = new URL('../../data/servicenow-incident-event-log.csv', import.meta.url);

/** Every `incident_state` of the log (checked when reading: an unknown state is an error). */
export const LOG_STATES = [
  'New', 'Active', 'Awaiting User Info', 'Awaiting Problem', 'Awaiting Vendor', 'Awaiting Evidence', 'Resolved', 'Closed',
] as const;
export type LogState = (typeof LOG_STATES)[number];

/** The states in which the incident waits on someone outside the desk. */
export const AWAITING_STATES: readonly LogState[] = LOG_STATES.filter((s) => s.startsWith('Awaiting '));

/** One row (one audit event) of the log. Times are epoch ms; `?` (missing) becomes `null`. */
export interface LogRow {
  readonly number: string;
  /** Line in the file (the header is line 1). */
  readonly line: number;
  readonly state: LogState;
  /** 1 (Critical) .. 4 (Low), from `"3 - Moderate"`. */
  readonly priority: number;
  /** The `made_sla` flag of the row. */
  readonly madeSla: boolean;
  readonly sysModCount: number;
  readonly openedAt: number;
  /** `sys_updated_at`: when the event happened. */
  readonly updatedAt: number;
  readonly resolvedAt: number | null;
  readonly closedAt: number | null;
  /** All 36 columns as written, for what the typed fields leave out. */
  readonly fields: Readonly<Record<string, string>>;
}

/** `DD-MM-YYYY HH:MM` as epoch ms; the log has no zone, so it is read as UTC. */
export function parseLogTime(text: string): number {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a log timestamp: ${JSON.stringify(text)}`);
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
}

const orNull = <T>(text: string, read: (t: string) => T): T | null => (text === '?' ? null : read(text));

function readBoolean(text: string, where: string): boolean {
  if (text === 'TRUE') return true;
  if (text === 'FALSE') return false;
  throw new Error(`${where}: ${JSON.stringify(text)} is not TRUE or FALSE`);
}

/**
 * Parses the log. The file has no quoting at all (no `"` anywhere), so splitting lines on commas is exact;
 * this is asserted, as is the field count of every line, so a future copy with quoted fields fails loudly.
 */
export function readServiceNowLog(text: string = readFileSync(SERVICENOW_LOG_URL, 'utf8')): { header: string[]; rows: LogRow[] } {
  if (text.includes('"')) throw new Error('the log contains a quote: quoted fields need a real CSV parser, not a split');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = lines[0]!.split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the log has no column ${name}`);
    return i;
  };
  const c = {
    number: col('number'), state: col('incident_state'), priority: col('priority'), madeSla: col('made_sla'),
    mod: col('sys_mod_count'), opened: col('opened_at'), updated: col('sys_updated_at'), resolved: col('resolved_at'),
    closed: col('closed_at'),
  };
  const rows = lines.slice(1).map((text, i): LogRow => {
    const line = i + 2;
    const f = text.split(',');
    if (f.length !== header.length) throw new Error(`line ${line} has ${f.length} fields, expected ${header.length}`);
    const state = f[c.state]!;
    if (!(LOG_STATES as readonly string[]).includes(state)) throw new Error(`line ${line}: unknown incident_state ${JSON.stringify(state)}`);
    const priority = Number(/^([1-4]) - /.exec(f[c.priority]!)?.[1]);
    if (!Number.isInteger(priority)) throw new Error(`line ${line}: priority ${JSON.stringify(f[c.priority])} is not "1 - ..".."4 - .."`);
    return {
      number: f[c.number]!,
      line,
      state: state as LogState,
      priority,
      madeSla: readBoolean(f[c.madeSla]!, `line ${line} made_sla`),
      sysModCount: Number(f[c.mod]),
      openedAt: parseLogTime(f[c.opened]!),
      updatedAt: parseLogTime(f[c.updated]!),
      resolvedAt: orNull(f[c.resolved]!, parseLogTime),
      closedAt: orNull(f[c.closed]!, parseLogTime),
      fields: Object.fromEntries(header.map((h, k) => [h, f[k]!])),
    };
  });
  return { header, rows };
}

/** An incident's rows, sorted by `sys_updated_at` (stable: rows at the same minute keep their file order). */
export interface LogIncident {
  readonly number: string;
  readonly rows: readonly LogRow[];
  /** Whether the file had the rows out of time order (sorting changed their order). */
  readonly resorted: boolean;
}

/** Groups rows by incident (in order of first appearance) and sorts each incident's rows stably by time. */
export function groupIncidents(rows: readonly LogRow[]): LogIncident[] {
  const byNumber = new Map<string, LogRow[]>();
  for (const r of rows) {
    const list = byNumber.get(r.number);
    if (list) list.push(r);
    else byNumber.set(r.number, [r]);
  }
  return [...byNumber].map(([number, list]) => {
    const sorted = [...list].sort((a, b) => a.updatedAt - b.updatedAt); // Array.prototype.sort is stable
    return { number, rows: sorted, resorted: sorted.some((r, i) => r !== list[i]) };
  });
}

/**
 * One `STATE` event per row, at `sys_updated_at`, setting the row's `state` (the log's own `incident_state`
 * text, e.g. `"Awaiting User Info"`) and `priority` (1..4). Every row restates both fields, so the ticket's fields
 * after any event are exactly that row's. The rows must already be in time order (see {@link groupIncidents}).
 */
export function toTicketEvents(rows: readonly LogRow[]): TicketEvent[] {
  return rows.map((r) => ({ at: new Date(r.updatedAt).toISOString(), type: 'STATE', set: { state: r.state, priority: r.priority } }));
}

/** The whole log as incidents in time order: the usual entry point. */
export function readServiceNowIncidents(text?: string): LogIncident[] {
  return groupIncidents(readServiceNowLog(text).rows);
}
