// Entry points for hosts: start, advance, restore and replay problems with xstate's pure functions.
import { initialTransition, transition } from 'xstate';
import { ItsmError, validationError } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { type Refusal } from '../lifecycle/refusal.js';
import { problemMachine, type ProblemSnapshot } from './machine.js';
import { findProblemRefusal, problemStateOf, type ProblemEventLike, type ProblemSnapshotLike } from './rules.js';
import { PersistedProblemSchema } from './schemas.js';
import type { ProblemHistoryEntry, ProblemInput } from './types.js';
import type { ProblemEvent } from './events.js';

/**
 * Creates a problem: the initial snapshot of {@link problemMachine}.
 *
 * @param input - When it was opened, its statement, linked incidents, ...
 * @returns The snapshot in state `new`.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem with the input.
 * @example
 * ```ts
 * const p = startProblem({ at: '2026-03-09T10:00:00Z', id: 'PRB0001', statement: 'VPN drops hourly', linkedIncidents: ['INC0042'] });
 * ```
 * @category Problem
 */
export function startProblem(input: ProblemInput): ProblemSnapshot {
  const [snapshot] = initialTransition(problemMachine, input);
  if (snapshot.status === 'error') {
    if (snapshot.error instanceof ItsmError) throw snapshot.error;
    throw new ItsmError('invalid_argument', `Could not create the problem: ${String(snapshot.error)}`, { cause: snapshot.error });
  }
  return snapshot;
}

/**
 * Turns persisted problem JSON back into a live snapshot.
 *
 * @param persisted - The parsed JSON of `getPersistedSnapshot`.
 * @returns The live snapshot.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem when it is not a problem snapshot.
 * @example
 * ```ts
 * const live = restoreProblem(JSON.parse(row));
 * ```
 * @category Problem
 */
export function restoreProblem(persisted: unknown): ProblemSnapshot {
  const r = PersistedProblemSchema.safeParse(persisted);
  if (!r.success) {
    const issues = issuesFromZod(r.error);
    throw new ItsmError('invalid_argument', validationError('persisted problem snapshot', issues).message, { issues });
  }
  return problemMachine.resolveState({ value: r.data.value, context: (persisted as ProblemSnapshotLike).context });
}

/**
 * The outcome of {@link advanceProblem}.
 *
 * @example
 * ```ts
 * const step: ProblemStep = advanceProblem(p, { type: 'CONFIRM', at: '2026-03-09T11:00:00Z' });
 * ```
 * @category Problem
 */
export type ProblemStep =
  | {
      /** The event was accepted. */
      readonly accepted: true;
      /** The next snapshot. */
      readonly snapshot: ProblemSnapshot;
      /** No refusal. */
      readonly refusal: null;
    }
  | {
      /** The event was refused. */
      readonly accepted: false;
      /** The unchanged snapshot. */
      readonly snapshot: ProblemSnapshot;
      /** Which rule refused it and why. */
      readonly refusal: Refusal;
    };

/**
 * Sends one event with xstate's pure `transition`, returning the refusal when it is refused.
 *
 * @param snapshot - A live snapshot or persisted JSON.
 * @param event - The event.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not a problem snapshot.
 * @example
 * ```ts
 * advanceProblem(rca, { type: 'START_FIX', at: '2026-03-10T09:00:00Z' }).refusal?.rule; // 'leaving_analysis_needs_cause'
 * ```
 * @category Problem
 */
export function advanceProblem(snapshot: ProblemSnapshot | ProblemSnapshotLike, event: ProblemEventLike): ProblemStep {
  const live = 'machine' in snapshot && (snapshot as ProblemSnapshot).machine === problemMachine ? (snapshot as ProblemSnapshot) : restoreProblem(snapshot);
  const refusal = findProblemRefusal(problemStateOf(live), live.context, event);
  if (refusal) return { accepted: false, snapshot: live, refusal };
  const [next] = transition(problemMachine, live, event as ProblemEvent);
  return { accepted: true, snapshot: next, refusal: null };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const opt = <K extends string>(key: K, v: unknown): Partial<Record<K, unknown>> => (v === undefined ? {} : ({ [key]: v } as Record<K, unknown>));

function eventFromEntry(entry: ProblemHistoryEntry): ProblemEvent {
  const s = entry.set ?? {};
  const at = entry.at;
  const e = (x: Record<string, unknown>): ProblemEvent => ({ at, ...x }) as unknown as ProblemEvent;
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
      throw new ItsmError('invalid_event', `history entry of type ${JSON.stringify(entry.type)} is not a problem event.`, { details: { entry } });
  }
}

/**
 * Rebuilds a problem from its history alone; the result equals the snapshot the history came from.
 *
 * @param history - `context.history` of a problem.
 * @returns The rebuilt snapshot.
 * @throws {@link core!ItsmError} `invalid_event` for a history that does not start with `CREATE` or has an unknown
 * entry; `refused_transition` (refusal in `details.refusal`) for an entry the machine refuses.
 * @example
 * ```ts
 * replayProblemHistory(p.context.history).value === p.value; // true
 * ```
 * @category Problem
 */
export function replayProblemHistory(history: readonly ProblemHistoryEntry[]): ProblemSnapshot {
  const [first, ...rest] = history;
  if (!first || first.type !== 'CREATE') {
    throw new ItsmError('invalid_event', 'history[0] must be the CREATE entry of the problem.', { details: { field: 'history[0]' } });
  }
  const { state: _state, resolutionCode: _code, ...input } = first.set ?? {};
  let snapshot = startProblem({ ...input, at: first.at } as unknown as ProblemInput);
  rest.forEach((entry, i) => {
    const step = advanceProblem(snapshot, eventFromEntry(entry));
    if (!step.accepted) {
      throw new ItsmError('refused_transition', `history[${i + 1}] (${entry.type} at ${entry.at}) is refused: ${step.refusal.message}`, { details: { index: i + 1, refusal: step.refusal } });
    }
    snapshot = step.snapshot;
  });
  return snapshot;
}
