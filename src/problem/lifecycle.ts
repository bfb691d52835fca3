// Host entry points for problems, each a documented wrapper around the lifecycle kit (src/lifecycle/kit.ts),
// which holds the one implementation shared with incidents and changes.
import type { SafeResult } from '../core/errors.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { LifecycleSnapshotLike, LifecycleStep } from '../lifecycle/kit.js';
import type { Refusal } from '../lifecycle/refusal.js';
import { problemLifecycle, type ProblemSnapshot } from './machine.js';
import type { ProblemRule } from './rules.js';
import type { ProblemContext, ProblemInput } from './types.js';
import type { ProblemEvent } from './events.js';

/**
 * A problem as the helpers accept it: live, or as stored (`getPersistedSnapshot` after `JSON.parse`).
 *
 * @example
 * ```ts
 * const stored: ProblemSnapshotLike = JSON.parse(row.snapshot);
 * ```
 * @category Problem
 */
export type ProblemSnapshotLike = LifecycleSnapshotLike<ProblemContext>;

/**
 * What {@link advanceProblem} returns: `accepted` with the next snapshot, or the unchanged snapshot and the
 * {@link Refusal} that says which rule held the event back.
 *
 * @example
 * ```ts
 * const step: ProblemStep = advanceProblem(p, { type: 'CONFIRM', at: '2026-03-09T11:00:00Z' });
 * ```
 * @category Problem
 */
export type ProblemStep = LifecycleStep<ProblemSnapshot, ProblemRule>;

/**
 * Records a new problem (state `new`, one `CREATE` entry in its history) from a statement of the symptom.
 *
 * @param input - Opening instant, statement, optional id, priority, linked incidents, affected CIs ...
 * @returns The initial snapshot of {@link problemMachine}.
 * @throws {@link core!ItsmError} `invalid_argument` naming every bad field.
 * @example
 * ```ts
 * const p = openProblem({ at: '2026-03-09T10:00:00Z', id: 'PRB0001', statement: 'VPN drops hourly', linkedIncidents: ['INC0042'] });
 * p.value; // 'new'
 * ```
 * @category Problem
 */
export function openProblem(input: ProblemInput): ProblemSnapshot {
  return problemLifecycle.open(input);
}

/**
 * The non-throwing form of {@link openProblem}, for input that comes straight from a form or a queue.
 *
 * @param input - Anything.
 * @returns The snapshot as `data`, or the validation error with one issue per bad field.
 * @example
 * ```ts
 * safeOpenProblem({ at: '2026-03-09T10:00:00', statement: '' }).success; // false: no offset, no statement
 * ```
 * @category Problem
 */
export function safeOpenProblem(input: unknown): SafeResult<ProblemSnapshot> {
  return problemLifecycle.safeOpen(input);
}

/**
 * Revives a stored problem: checks the row against the problem's persisted shape and builds a fresh live snapshot
 * from what it parsed (the row itself is never reused).
 *
 * @param persisted - Parsed JSON of `problemMachine.getPersistedSnapshot(...)`.
 * @returns A snapshot for xstate's `transition` or {@link advanceProblem}.
 * @throws {@link core!ItsmError} `invalid_argument` with the path of every problem in the row.
 * @example
 * ```ts
 * const p = restoreProblem(JSON.parse(row.snapshot));
 * ```
 * @category Problem
 */
export function restoreProblem(persisted: unknown): ProblemSnapshot {
  return problemLifecycle.restore(persisted);
}

/**
 * The non-throwing form of {@link restoreProblem}.
 *
 * @param persisted - A stored row, parsed.
 * @returns The live snapshot as `data`, or the error listing what is wrong with the row.
 * @example
 * ```ts
 * const r = safeRestoreProblem(JSON.parse(row.snapshot));
 * if (!r.success) log.warn(r.error.issues);
 * ```
 * @category Problem
 */
export function safeRestoreProblem(persisted: unknown): SafeResult<ProblemSnapshot> {
  return problemLifecycle.safeRestore(persisted);
}

/**
 * Applies one event to a problem with xstate's pure `transition`; when a rule holds it back, the snapshot comes
 * back unchanged together with that rule. Event types are checked by the compiler; untrusted JSON events are
 * checked here (cast them) and refused as `invalid_event` when malformed.
 *
 * @param snapshot - The problem, live or stored.
 * @param event - What happened.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` for something that is not a problem snapshot.
 * @example
 * ```ts
 * advanceProblem(rca, { type: 'START_FIX', at: '2026-03-10T09:00:00Z' }).refusal?.rule; // 'leaving_analysis_needs_cause'
 * ```
 * @category Problem
 */
export function advanceProblem(snapshot: ProblemSnapshot | ProblemSnapshotLike, event: ProblemEvent): ProblemStep {
  return problemLifecycle.advance(snapshot, event);
}

/**
 * The rule that would hold `event` back in `snapshot`, or `null` when {@link problemMachine} would take it.
 * Checked in the order: not an event, unknown type, final state, wrong state, malformed payload, time order,
 * then the problem's own guards (a cause to leave analysis, a workaround to publish a known error, ...).
 *
 * @param snapshot - The problem, live or stored.
 * @param event - The event a user is about to send.
 * @returns The {@link Refusal} (rule, message, missing fields) or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` for something that is not a problem snapshot.
 * @example
 * ```ts
 * explainProblemRefusal(rca, { type: 'PUBLISH_KNOWN_ERROR', at: '2026-03-10T09:00:00Z' })?.missing; // ['workaround']
 * ```
 * @category Problem
 */
export function explainProblemRefusal(snapshot: ProblemSnapshot | ProblemSnapshotLike, event: ProblemEvent): Refusal<ProblemRule> | null {
  return problemLifecycle.explain(snapshot, event);
}

/**
 * Event sourcing for problems: builds the problem again from `context.history` only, by turning each entry back
 * into its event under the same rules. Equal to the original snapshot; linear in the number of entries.
 *
 * @param history - The entries, `CREATE` first (parsed JSON is fine).
 * @returns The snapshot the history describes.
 * @throws {@link core!ItsmError} `invalid_event` for a missing `CREATE`, a malformed or unknown entry;
 * `refused_transition` (refusal in `details.refusal`) when the rules refuse an entry; `invalid_argument` when
 * `history` is not an array.
 * @example
 * ```ts
 * replayProblemHistory(p.context.history).value === p.value; // true
 * ```
 * @category Problem
 */
export function replayProblemHistory(history: readonly LifecycleHistoryEntry[]): ProblemSnapshot {
  return problemLifecycle.replay(history);
}
