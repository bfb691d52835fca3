// The inverse of the incident's effects: the event (or the input) each history entry records, for replay.
import { ItsmError } from '../core/errors.js';
import { quote } from '../core/describe.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { PriorityMatrix } from './priority.js';
import { RESERVED_FIELDS } from './schemas.js';
import type { HoldReason, IncidentFieldValue, IncidentInput } from './types.js';
import type { IncidentEvent } from './events.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const opt = <K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } => (v === undefined ? {} : ({ [key]: v } as { [P in K]: V }));

function customFields(set: Readonly<Record<string, unknown>>): Record<string, IncidentFieldValue> | undefined {
  const fields: Record<string, IncidentFieldValue> = {};
  let any = false;
  for (const k of Object.keys(set)) {
    if (RESERVED_FIELDS.has(k)) continue;
    fields[k] = set[k] as IncidentFieldValue;
    any = true;
  }
  return any ? fields : undefined;
}

/** The input a `CREATE` entry records. @internal */
export function incidentInputFromCreate(entry: LifecycleHistoryEntry): IncidentInput {
  const set = entry.set ?? {};
  return {
    at: entry.at,
    ...opt('id', str(set['id'])),
    ...opt('impact', typeof set['impact'] === 'number' ? set['impact'] : undefined),
    ...opt('urgency', typeof set['urgency'] === 'number' ? set['urgency'] : undefined),
    group: (set['group'] ?? null) as string | null,
    assignee: (set['assignee'] ?? null) as string | null,
    ...opt('fields', customFields(set)),
    ...opt('matrix', set['matrix'] as PriorityMatrix | undefined),
  };
}

/** The event a history entry records. @internal */
export function incidentEventFromEntry(entry: LifecycleHistoryEntry): IncidentEvent {
  const set = entry.set ?? {};
  const at = entry.at;
  const comment = opt('comment', str(set['comment']));
  switch (entry.type) {
    case 'ASSIGN':
      return { type: 'ASSIGN', at, group: (set['group'] ?? null) as string | null, assignee: (set['assignee'] ?? null) as string | null };
    case 'HOLD':
      return { type: 'HOLD', at, reason: set['holdReason'] as HoldReason, ...comment };
    case 'RESUME':
    case 'PROPOSE_MAJOR':
      return { type: entry.type, at, ...comment };
    case 'UPDATE':
      return {
        type: 'UPDATE',
        at,
        ...opt('impact', typeof set['impact'] === 'number' ? set['impact'] : undefined),
        ...opt('urgency', typeof set['urgency'] === 'number' ? set['urgency'] : undefined),
        ...comment,
        ...opt('fields', customFields(set)),
      };
    case 'RESOLVE':
      return { type: 'RESOLVE', at, code: str(set['resolutionCode']) ?? '', notes: str(set['resolutionNotes']) ?? '' };
    case 'REOPEN':
      return { type: 'REOPEN', at, reason: str(set['reopenReason']) ?? '' };
    case 'CANCEL':
      return { type: 'CANCEL', at, reason: str(set['cancelReason']) ?? '' };
    case 'REJECT_MAJOR':
      return { type: 'REJECT_MAJOR', at, reason: str(set['majorRejectReason']) ?? '' };
    case 'START':
    case 'CLOSE':
    case 'AUTO_CLOSE':
    case 'ACCEPT_MAJOR':
      return { type: entry.type, at };
    default:
      throw new ItsmError('invalid_event', `history entry of type ${quote(entry.type)} is not an incident event.`, { details: { type: entry.type } });
  }
}
