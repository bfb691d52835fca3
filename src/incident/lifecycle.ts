// The host's entry points for incidents: open, advance, restore, replay and explain, each one documented wrapper
// around the lifecycle kit. They return plain data and never touch a clock.
import type { SafeResult } from '../core/errors.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { LifecycleSnapshotLike, LifecycleStep } from '../lifecycle/kit.js';
import type { Refusal } from '../lifecycle/refusal.js';
import { incidentLifecycle, type IncidentSnapshot } from './machine.js';
import type { IncidentRule } from './rules.js';
import type { IncidentContext, IncidentInput } from './types.js';
import type { IncidentEvent } from './events.js';

/**
 * An incident snapshot as the pure helpers need it: a live snapshot or its persisted JSON.
 *
 * @example
 * ```ts
 * const s: IncidentSnapshotLike = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(snapshot)));
 * ```
 * @category Incident
 */
export type IncidentSnapshotLike = LifecycleSnapshotLike<IncidentContext>;

/**
 * The outcome of {@link advanceIncident}.
 *
 * @example
 * ```ts
 * const step: IncidentStep = advanceIncident(snapshot, { type: 'CLOSE', at: '2026-03-09T12:00:00Z' });
 * if (!step.accepted) console.log(step.refusal.message);
 * ```
 * @category Incident
 */
export type IncidentStep = LifecycleStep<IncidentSnapshot, IncidentRule>;

/**
 * Opens an incident: the initial snapshot of {@link incidentMachine} for `input`, in state `new` with its
 * `CREATE` history entry. (Starting work is the `START` event.)
 *
 * @param input - When it was opened, impact, urgency, group, ...
 * @returns The snapshot in state `new`.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem with the input.
 * @example
 * ```ts
 * const s = openIncident({ at: '2026-03-09T08:00:00Z', impact: 2, urgency: 1, group: 'Service Desk' });
 * s.context.priority; // 2
 * ```
 * @category Incident
 */
export function openIncident(input: IncidentInput): IncidentSnapshot {
  return incidentLifecycle.open(input);
}

/**
 * {@link openIncident} without throwing: the snapshot, or the error listing every problem with the input.
 *
 * @param input - Untrusted input (parsed JSON, a form).
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 * @example
 * ```ts
 * const r = safeOpenIncident({ at: '2026-03-09T08:00:00', impact: 9 });
 * if (!r.success) console.log(r.error.issues.map((i) => i.path.join('.'))); // ['at', 'impact']
 * ```
 * @category Incident
 */
export function safeOpenIncident(input: unknown): SafeResult<IncidentSnapshot> {
  return incidentLifecycle.safeOpen(input);
}

/**
 * Turns the persisted JSON of an incident snapshot (from `getPersistedSnapshot`, after a database round trip)
 * back into a live snapshot that xstate's `transition` accepts. The result is built from the parsed data:
 * unknown keys are dropped and nothing is shared with the argument.
 *
 * @param persisted - The parsed JSON (`{ value, context, ... }`).
 * @returns The live snapshot.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem when it is not an incident snapshot.
 * @example
 * ```ts
 * const row = JSON.stringify(incidentMachine.getPersistedSnapshot(snapshot));
 * const live = restoreIncident(JSON.parse(row));
 * ```
 * @category Incident
 */
export function restoreIncident(persisted: unknown): IncidentSnapshot {
  return incidentLifecycle.restore(persisted);
}

/**
 * {@link restoreIncident} without throwing.
 *
 * @param persisted - The parsed JSON of a persisted snapshot.
 * @returns `{ success: true, data }` or `{ success: false, error }` listing every problem.
 * @example
 * ```ts
 * const r = safeRestoreIncident(JSON.parse(row));
 * if (r.success) advanceIncident(r.data, event);
 * ```
 * @category Incident
 */
export function safeRestoreIncident(persisted: unknown): SafeResult<IncidentSnapshot> {
  return incidentLifecycle.safeRestore(persisted);
}

/**
 * Sends one event: xstate's pure `transition`, plus the reason when the event is refused (in which case the
 * returned snapshot is the unchanged input snapshot). Events are typed: a misspelt field does not compile.
 * An event from untrusted JSON may be passed with a cast; it is validated here and a malformed one is refused
 * with `invalid_event`.
 *
 * @param snapshot - A live snapshot, or persisted JSON (restored with {@link restoreIncident}).
 * @param event - The event.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not an incident snapshot.
 * @example
 * ```ts
 * const step = advanceIncident(s, { type: 'HOLD', at: '2026-03-09T09:00:00Z', reason: 'awaiting_caller' });
 * step.accepted;       // false
 * step.refusal?.rule;  // 'awaiting_caller_needs_comment'
 * ```
 * @category Incident
 */
export function advanceIncident(snapshot: IncidentSnapshot | IncidentSnapshotLike, event: IncidentEvent): IncidentStep {
  return incidentLifecycle.advance(snapshot, event);
}

/**
 * Says why {@link incidentMachine} would refuse `event` in `snapshot` (which rule, what is missing), or
 * `null` when it would accept it. xstate itself refuses silently: the snapshot just does not change.
 *
 * Rules are checked in this order: not an event, unknown event type, final state, state (the event is not
 * accepted in this state), malformed payload, time order, then the event's own guard.
 *
 * @param snapshot - A live snapshot or its persisted JSON.
 * @param event - The event to check.
 * @returns The {@link Refusal}, or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not an incident snapshot.
 * @example
 * ```ts
 * explainIncidentRefusal(snapshot, { type: 'RESOLVE', at: '2026-03-09T11:00:00Z', code: 'fixed', notes: '' });
 * // { rule: 'resolution_needs_code_and_notes', message: 'RESOLVE refused: …', missing: ['notes'] }
 * ```
 * @category Incident
 */
export function explainIncidentRefusal(snapshot: IncidentSnapshot | IncidentSnapshotLike, event: IncidentEvent): Refusal<IncidentRule> | null {
  return incidentLifecycle.explain(snapshot, event);
}

/**
 * Rebuilds an incident from its `history` alone (event sourcing): the `CREATE` entry gives the input (the
 * priority matrix included), every later entry is turned back into its event and checked by the same rules.
 * The result equals the snapshot the history came from; the cost is linear in the length of the history.
 *
 * @param history - `context.history` of an incident (possibly from JSON).
 * @returns The rebuilt snapshot.
 * @throws {@link core!ItsmError} `invalid_event` when the first entry is not `CREATE`, an entry is malformed or has
 * an unknown type; `refused_transition` (with the {@link Refusal} in `details.refusal`) when an entry is refused;
 * `invalid_argument` when `history` is not an array.
 * @example
 * ```ts
 * const again = replayIncidentHistory(snapshot.context.history);
 * again.value === snapshot.value; // true
 * ```
 * @category Incident
 */
export function replayIncidentHistory(history: readonly LifecycleHistoryEntry[]): IncidentSnapshot {
  return incidentLifecycle.replay(history);
}
