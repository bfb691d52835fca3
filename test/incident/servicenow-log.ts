// Reads the ServiceNow incident event log (test data, see ../shared/data/README.md) and maps its rows to
// incidentMachine events. Tests may read files; src may not.
import { readFileSync } from 'node:fs';
import type { HoldReason, IncidentEvent, IncidentInput, IncidentState } from '../../src/incident/index.js';

export const LOG_URL = new URL('../../../shared/data/servicenow-incident-event-log.csv', import.meta.url);

export interface LogRow {
  readonly number: string;
  readonly line: number;
  readonly state: string;
  readonly reassignmentCount: number;
  readonly reopenCount: number;
  readonly sysModCount: number;
  readonly openedAt: number;
  readonly updatedAt: number;
  readonly impact: number;
  readonly urgency: number;
  readonly priority: number;
  readonly group: string | null;
  readonly assignee: string | null;
  readonly closedCode: string | null;
}

/** `DD-MM-YYYY HH:MM`, read as UTC (the log has no zone). */
export function parseLogTime(text: string): number {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a log timestamp: ${JSON.stringify(text)}`);
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5]));
}

/** `2 - Medium` → 2. */
const level = (text: string): number => {
  const n = Number(/^(\d+) - /.exec(text)?.[1]);
  if (!Number.isInteger(n)) throw new Error(`not a level: ${JSON.stringify(text)}`);
  return n;
};
const orNull = (text: string): string | null => (text === '?' ? null : text);

/** Splits the CSV. The file has no quoting: every line must have exactly as many fields as the header. */
export function readLog(text: string = readFileSync(LOG_URL, 'utf8')): { header: string[]; rows: LogRow[] } {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  if (text.includes('"')) throw new Error('the log contains quotes; this parser does not handle quoted fields');
  const header = lines[0]!.split(',');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`missing column ${name}`);
    return i;
  };
  const c = {
    number: col('number'), state: col('incident_state'), reassign: col('reassignment_count'), reopen: col('reopen_count'),
    mod: col('sys_mod_count'), opened: col('opened_at'), updated: col('sys_updated_at'), impact: col('impact'),
    urgency: col('urgency'), priority: col('priority'), group: col('assignment_group'), assignee: col('assigned_to'),
    code: col('closed_code'),
  };
  const rows = lines.slice(1).map((line, i) => {
    const f = line.split(',');
    if (f.length !== header.length) throw new Error(`line ${i + 2} has ${f.length} fields, expected ${header.length}`);
    const get = (k: number): string => f[k]!;
    return {
      number: get(c.number), line: i + 2, state: get(c.state), reassignmentCount: Number(get(c.reassign)),
      reopenCount: Number(get(c.reopen)), sysModCount: Number(get(c.mod)), openedAt: parseLogTime(get(c.opened)),
      updatedAt: parseLogTime(get(c.updated)), impact: level(get(c.impact)), urgency: level(get(c.urgency)),
      priority: level(get(c.priority)), group: orNull(get(c.group)), assignee: orNull(get(c.assignee)),
      closedCode: orNull(get(c.code)),
    };
  });
  return { header, rows };
}

/** Rows grouped by incident number, in file order. */
export function groupByIncident(rows: readonly LogRow[]): Map<string, LogRow[]> {
  const out = new Map<string, LogRow[]>();
  for (const r of rows) {
    const list = out.get(r.number);
    if (list) list.push(r);
    else out.set(r.number, [r]);
  }
  return out;
}

/** The documented mapping from the log's `incident_state` to the machine's state and hold reason. */
export const STATE_MAP: Readonly<Record<string, { state: IncidentState; holdReason: HoldReason | null }>> = {
  'New': { state: 'new', holdReason: null },
  'Active': { state: 'in_progress', holdReason: null },
  'Awaiting User Info': { state: 'on_hold', holdReason: 'awaiting_caller' },
  'Awaiting Problem': { state: 'on_hold', holdReason: 'awaiting_problem' },
  'Awaiting Vendor': { state: 'on_hold', holdReason: 'awaiting_vendor' },
  'Awaiting Evidence': { state: 'on_hold', holdReason: 'awaiting_evidence' },
  'Resolved': { state: 'resolved', holdReason: null },
  'Closed': { state: 'closed', holdReason: null },
};

export function mapState(row: LogRow): { state: IncidentState; holdReason: HoldReason | null } {
  const s = STATE_MAP[row.state];
  if (!s) throw new Error(`unmapped incident_state ${JSON.stringify(row.state)} on line ${row.line}`);
  return s;
}

/** The log has no comments, resolution notes or reopen reasons; the replay supplies these fixed texts. */
export const NOT_IN_LOG = '(not in the ServiceNow log)';

/** The machine input for an incident: opened at `opened_at` with the first row's fields. */
export function creationInput(rows: readonly LogRow[], matrix?: IncidentInput['matrix']): IncidentInput {
  const first = rows[0]!;
  return {
    at: first.openedAt, id: first.number, impact: first.impact, urgency: first.urgency, group: first.group,
    assignee: first.assignee, ...(matrix ? { matrix } : {}),
  };
}

/**
 * The events for one row, given the previous row (`undefined` for the first row, which is compared with the
 * creation: state New with the first row's own fields). A first row with `sys_mod_count` 0 is the creation
 * record itself and yields no event. A row that changes none of the tracked fields is an update (a comment
 * or a field this replay does not track) and yields `UPDATE {}`.
 */
export function eventsForRow(row: LogRow, prev: LogRow | undefined): IncidentEvent[] {
  const at = row.updatedAt;
  const to = mapState(row);
  const from = prev ? mapState(prev) : { state: 'new' as const, holdReason: null };
  const base = prev ?? row;
  if (!prev && row.sysModCount === 0 && to.state === 'new') return [];
  const events: IncidentEvent[] = [];
  const leavesResolved = from.state === 'resolved' && to.state !== 'resolved' && to.state !== 'closed';
  if (leavesResolved) events.push({ type: 'REOPEN', at, reason: NOT_IN_LOG });
  if (row.group !== base.group || row.assignee !== base.assignee) events.push({ type: 'ASSIGN', at, group: row.group, assignee: row.assignee });
  if (row.impact !== base.impact || row.urgency !== base.urgency) {
    events.push({ type: 'UPDATE', at, ...(row.impact !== base.impact ? { impact: row.impact } : {}), ...(row.urgency !== base.urgency ? { urgency: row.urgency } : {}) });
  }
  const current = leavesResolved ? { state: 'in_progress' as const, holdReason: null } : from;
  if (to.state !== current.state || to.holdReason !== current.holdReason) {
    switch (to.state) {
      case 'in_progress':
        events.push(current.state === 'new' ? { type: 'START', at } : { type: 'RESUME', at });
        break;
      case 'on_hold':
        events.push({ type: 'HOLD', at, reason: to.holdReason!, comment: NOT_IN_LOG });
        break;
      case 'resolved':
        // closed_code "?" leaves the code out: the machine's guard then refuses the resolution.
        events.push((row.closedCode !== null ? { type: 'RESOLVE', at, code: row.closedCode, notes: NOT_IN_LOG } : { type: 'RESOLVE', at, notes: NOT_IN_LOG }) as IncidentEvent);
        break;
      case 'closed':
        events.push({ type: 'CLOSE', at });
        break;
      default:
        throw new Error(`no event leads to ${to.state} (line ${row.line})`);
    }
  }
  if (events.length === 0) events.push({ type: 'UPDATE', at });
  return events;
}
