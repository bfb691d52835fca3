// Reads the ServiceNow incident event log (test data, see data/README.md) and maps its rows to
// incidentMachine events. Tests may read files; src may not.
import type { HoldReason, IncidentEvent, IncidentInput, IncidentState } from '../../src/incident/index.js';
import { SERVICENOW_LOG_URL, parseLogTime, readServiceNowLog } from '../support/servicenow-log.js';

export const LOG_URL = SERVICENOW_LOG_URL;
export { parseLogTime };

/** A row of the log with the columns the incident machine needs (parsed by the shared reader in test/support). */
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

/** `2 - Medium` → 2. */
const level = (text: string): number => {
  const n = Number(/^(\d+) - /.exec(text)?.[1]);
  if (!Number.isInteger(n)) throw new Error(`not a level: ${JSON.stringify(text)}`);
  return n;
};
const orNull = (text: string): string | null => (text === '?' ? null : text);

/** The log's rows with the incident columns, in file order. */
export function readLog(text?: string): { header: string[]; rows: LogRow[] } {
  const { header, rows } = readServiceNowLog(text);
  return {
    header,
    rows: rows.map((r) => {
      const f = r.fields;
      return {
        number: r.number, line: r.line, state: r.state, reassignmentCount: Number(f['reassignment_count']),
        reopenCount: Number(f['reopen_count']), sysModCount: r.sysModCount, openedAt: r.openedAt, updatedAt: r.updatedAt,
        impact: level(f['impact']!), urgency: level(f['urgency']!), priority: r.priority,
        group: orNull(f['assignment_group']!), assignee: orNull(f['assigned_to']!), closedCode: orNull(f['closed_code']!),
      };
    }),
  };
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
