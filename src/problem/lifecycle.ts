// The host's entry points for problems: open, advance, restore, replay and explain, each one documented wrapper
// around the lifecycle kit. They return plain data and never touch a clock.
import type { SafeResult } from '../core/errors.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { LifecycleSnapshotLike, LifecycleStep } from '../lifecycle/kit.js';
import type { Refusal } from '../lifecycle/refusal.js';
import { problemLifecycle, type ProblemSnapshot } from './machine.js';
import type { ProblemRule } from './rules.js';
import type { ProblemContext, ProblemInput } from './types.js';
import type { ProblemEvent } from './events.js';

/**
 * An problem snapshot as the pure helpers need it: a live snapshot or its persisted JSON.
 *
 * @example
 * ```ts
 * const s: ProblemSnapshotLike = JSON.parse(JSON.stringify(problemMachine.getPersistedSnapshot(snapshot)));
 * ```
 * @category Problem
 */
export type ProblemSnapshotLike = LifecycleSnapshotLike<ProblemContext>;

/**
 * The outcome of {@link advanceProblem}.
 *
 * @example
 * ```ts
 * const step: ProblemStep = advanceProblem(snapshot, { type: 'CLOSE', at: '2026-03-09T12:00:00Z' });
 * if (!step.accepted) console.log(step.refusal.message);
 * ```
 * @category Problem
 */
export type ProblemStep = LifecycleStep<ProblemSnapshot, ProblemRule>;

/**
 * Opens a problem: the initial snapshot of {@link problemMachine} for `input`, in state `new` with its
 * `CREATE` history entry.
 *
 * @param input - When it was opened, its statement, linked incidents, ...
 * @returns The snapshot in state `new`.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem with the input.
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
 * {@link openProblem} without throwing: the snapshot, or the error listing every problem with the input.
 *
 * @param input - Untrusted input (parsed JSON, a form).
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * const r = safeOpenProblem({ at: '2026-03-09T10:00:00', statement: '' });
 * if (!r.success) console.log(r.error.issues.map((i) => i.path.join('.'))); // ['at', 'statement']
 * ```
 * @category Problem
 */
export function safeOpenProblem(input: unknown): SafeResult<ProblemSnapshot> {
  return problemLifecycle.safeOpen(input);
}

/**
 * Turns the persisted JSON of a problem snapshot (from `getPersistedSnapshot`, after a database round trip)
 * back into a live snapshot that xstate's `transition` accepts. The result is built from the parsed data:
 * unknown keys are dropped and nothing is shared with the argument.
 *
 * @param persisted - The parsed JSON (`{ value, context, ... }`).
 * @returns The live snapshot.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem when it is not a problem snapshot.
 * @example
 * ```ts
 * const row = JSON.stringify(problemMachine.getPersistedSnapshot(snapshot));
 * const live = restoreProblem(JSON.parse(row));
 * ```
 * @category Problem
 */
export function restoreProblem(persisted: unknown): ProblemSnapshot {
  return problemLifecycle.restore(persisted);
}

/**
 * {@link restoreProblem} without throwing.
 *
 * @param persisted - The parsed JSON of a persisted snapshot.
 * @returns `{ success: true, data }` or `{ success: false, error }` listing every problem.
 * @example
 * ```ts
 * const r = safeRestoreProblem(JSON.parse(row));
 * if (r.success) advanceProblem(r.data, event);
 * ```
 * @category Problem
 */
export function safeRestoreProblem(persisted: unknown): SafeResult<ProblemSnapshot> {
  return problemLifecycle.safeRestore(persisted);
}

/**
 * Sends one event: xstate's pure `transition`, plus the reason when the event is refused (in which case the
 * returned snapshot is the unchanged input snapshot). Events are typed: a misspelt field does not compile.
 * An event from untrusted JSON may be passed with a cast; it is validated here and a malformed one is refused
 * with `invalid_event`.
 *
 * @param snapshot - A live snapshot, or persisted JSON (restored with {@link restoreProblem}).
 * @param event - The event.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not a problem snapshot.
 * @example
 * ```ts
 * const step = advanceProblem(rca, { type: 'START_FIX', at: '2026-03-10T09:00:00Z' });
 * step.accepted;       // false
 * step.refusal?.rule;  // 'leaving_analysis_needs_cause'
 * ```
 * @category Problem
 */
export function advanceProblem(snapshot: ProblemSnapshot | ProblemSnapshotLike, event: ProblemEvent): ProblemStep {
  return problemLifecycle.advance(snapshot, event);
}

/**
 * Says why {@link problemMachine} would refuse `event` in `snapshot` (which rule, what is missing), or
 * `null` when it would accept it. xstate itself refuses silently: the snapshot just does not change.
 *
 * Rules are checked in this order: not an event, unknown event type, final state, state (the event is not
 * accepted in this state), malformed payload, time order, then the event's own guard.
 *
 * @param snapshot - A live snapshot or its persisted JSON.
 * @param event - The event to check.
 * @returns The {@link Refusal}, or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not a problem snapshot.
 * @example
 * ```ts
 * explainProblemRefusal(rca, { type: 'START_FIX', at: '2026-03-10T09:00:00Z' });
 * // { rule: 'leaving_analysis_needs_cause', message: 'START_FIX refused: …', missing: ['cause'] }
 * ```
 * @category Problem
 */
export function explainProblemRefusal(snapshot: ProblemSnapshot | ProblemSnapshotLike, event: ProblemEvent): Refusal<ProblemRule> | null {
  return problemLifecycle.explain(snapshot, event);
}

/**
 * Rebuilds a problem from its `history` alone (event sourcing): the `CREATE` entry gives the input, every later entry is turned back into its event and checked by the same rules.
 * The result equals the snapshot the history came from; the cost is linear in the length of the history.
 *
 * @param history - `context.history` of a problem (possibly from JSON).
 * @returns The rebuilt snapshot.
 * @throws {@link core!ItsmError} `invalid_event` when the first entry is not `CREATE`, an entry is malformed or has
 * an unknown type; `refused_transition` (with the {@link Refusal} in `details.refusal`) when an entry is refused;
 * `invalid_argument` when `history` is not an array.
 * @example
 * ```ts
 * const again = replayProblemHistory(snapshot.context.history);
 * again.value === snapshot.value; // true
 * ```
 * @category Problem
 */
export function replayProblemHistory(history: readonly LifecycleHistoryEntry[]): ProblemSnapshot {
  return problemLifecycle.replay(history);
}
