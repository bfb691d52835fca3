// The inverse of the problem's effects: the event (or the input) each history entry records, for replay.
import { ItsmError } from '../core/errors.js';
import { quote } from '../core/describe.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { ProblemInput } from './types.js';
import type { ProblemEvent } from './events.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const opt = (key: string, v: unknown): Record<string, unknown> => (v === undefined ? {} : { [key]: v });

/** The input a `CREATE` entry records. @internal */
export function problemInputFromCreate(entry: LifecycleHistoryEntry): ProblemInput {
  const { state: _state, resolutionCode: _code, ...input } = entry.set ?? {};
  return { ...input, at: entry.at } as unknown as ProblemInput;
}

/** The event a history entry records. @internal */
export function problemEventFromEntry(entry: LifecycleHistoryEntry): ProblemEvent {
  const s = entry.set ?? {};
  const e = (x: Record<string, unknown>): ProblemEvent => ({ at: entry.at, ...x }) as unknown as ProblemEvent;
  switch (entry.type) {
    case 'ASSESS': return e({ type: 'ASSESS', assignee: s['assignee'], ...opt('group', s['group']) });
    case 'CONFIRM':
    case 'CLOSE': return e({ type: entry.type });
    case 'START_FIX': return e({ type: 'START_FIX', ...opt('cause', s['cause']), ...opt('fix', s['fix']) });
    case 'RESOLVE': return e({ type: 'RESOLVE', notes: str(s['resolutionNotes']) ?? '' });
    case 'ACCEPT_RISK': return e({ type: 'ACCEPT_RISK', reason: str(s['resolutionNotes']) ?? '', ...opt('cause', s['cause']) });
    case 'MARK_DUPLICATE': return e({ type: 'MARK_DUPLICATE', of: s['duplicateOf'] });
    case 'CANCEL': return e({ type: 'CANCEL', reason: str(s['resolutionNotes']) ?? '' });
    case 'REANALYZE': return e({ type: 'REANALYZE', reason: str(s['reanalysisReason']) ?? '' });
    case 'UPDATE': {
      const { state: _s, ...fields } = s;
      return e({ type: 'UPDATE', ...fields });
    }
    case 'PUBLISH_KNOWN_ERROR': return e({ type: 'PUBLISH_KNOWN_ERROR', ...opt('workaround', s['workaround']) });
    case 'LINK_INCIDENT':
    case 'UNLINK_INCIDENT': return e({ type: entry.type, incidentId: s['incidentId'] });
    default:
      throw new ItsmError('invalid_event', `history entry of type ${quote(entry.type)} is not a problem event.`, { details: { type: entry.type } });
  }
}
