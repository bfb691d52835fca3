// The host's entry points for changes: open, advance, restore, replay and explain, each a documented wrapper
// around the lifecycle kit that picks the machine of the change's model. They return plain data and never touch
// a clock.
import { ItsmError, type SafeResult, foreignError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { HistoryEntrySchema, type LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { LifecycleSnapshotLike, LifecycleStep } from '../lifecycle/kit.js';
import type { Refusal } from '../lifecycle/refusal.js';
import { CHANGE_MODELS, type ChangeModel } from './change-model.js';
import { changeEventFromEntry } from './lifecycle-context.js';
import type { ChangeRule } from './lifecycle-rules.js';
import type { ChangeContext, ChangeEvent, ChangeInput } from './lifecycle-types.js';
import { changeLifecycles, type ChangeSnapshot } from './machines.js';

/**
 * A change snapshot as the pure helpers need it: a live snapshot or its persisted JSON.
 *
 * @example
 * ```ts
 * const s: ChangeSnapshotLike = JSON.parse(JSON.stringify(normalChangeMachine.getPersistedSnapshot(snapshot)));
 * ```
 * @category Lifecycle
 */
export type ChangeSnapshotLike = LifecycleSnapshotLike<ChangeContext>;

/**
 * The outcome of {@link advanceChange}.
 *
 * @example
 * ```ts
 * const step: ChangeStep = advanceChange(snapshot, { type: 'IMPLEMENT', at: '2026-12-05T22:00:00Z' });
 * if (!step.accepted) console.log(step.refusal.message);
 * ```
 * @category Lifecycle
 */
export type ChangeStep = LifecycleStep<ChangeSnapshot, ChangeRule>;

const isModel = (v: unknown): v is ChangeModel => (CHANGE_MODELS as readonly unknown[]).includes(v);

function inputModel(input: unknown): ChangeModel {
  const m = input !== null && typeof input === 'object' ? (input as { model?: unknown }).model : undefined;
  return isModel(m) ? m : 'normal';
}

function snapshotModel(snapshot: unknown): ChangeModel {
  const ctx = snapshot !== null && typeof snapshot === 'object' ? (snapshot as { context?: unknown }).context : undefined;
  const m = ctx !== null && typeof ctx === 'object' ? (ctx as { model?: unknown }).model : undefined;
  if (isModel(m)) return m;
  throw new ItsmError('invalid_argument', `snapshot: ${describeValue(snapshot)} is not a change snapshot (its context.model is ${describeValue(m)}); pass a snapshot of a change machine (live or persisted).`, { details: { field: 'snapshot' } });
}

/**
 * Opens a change: the initial snapshot of the machine of its model (`normal` unless `input.model` says
 * otherwise), in state `new` with its `CREATE` history entry.
 *
 * @param input - When it was opened, its model, description, CIs, plans, approval policies, ...
 * @returns The snapshot in state `new`.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem with the input.
 * @example
 * ```ts
 * const c = openChange({ at: '2026-12-01T09:00:00Z', id: 'CHG0001', description: 'Patch db-01', cis: ['db-01'] });
 * c.value; // 'new'
 * ```
 * @category Lifecycle
 */
export function openChange(input: ChangeInput): ChangeSnapshot {
  try {
    return changeLifecycles[inputModel(input)].open(input);
  } catch (e) {
    throw foreignError(e);
  }
}

/**
 * {@link openChange} without throwing.
 *
 * @param input - Untrusted input (parsed JSON, a form).
 * @returns `{ success: true, data }` or `{ success: false, error }` listing every problem.
 * @example
 * ```ts
 * const r = safeOpenChange({ at: '2026-12-01T09:00:00', model: 'urgent' });
 * if (!r.success) console.log(r.error.issues.map((i) => i.path.join('.'))); // ['at', 'model']
 * ```
 * @category Lifecycle
 */
export function safeOpenChange(input: unknown): SafeResult<ChangeSnapshot> {
  // Reading `input.model` runs the caller's getter / Proxy trap before the kit's safe boundary: a safe function
  // never throws, so that error is a failed result too.
  let model: ChangeModel;
  try {
    model = inputModel(input);
  } catch (e) {
    return { success: false, error: foreignError(e) };
  }
  return changeLifecycles[model].safeOpen(input);
}

/**
 * Turns the persisted JSON of a change snapshot back into a live snapshot of the machine of its model.
 * Unknown keys are dropped and nothing is shared with the argument.
 *
 * @param persisted - The parsed JSON (`{ value, context, ... }`).
 * @returns The live snapshot.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem when it is not a change snapshot.
 * @example
 * ```ts
 * const row = JSON.stringify(normalChangeMachine.getPersistedSnapshot(snapshot));
 * const live = restoreChange(JSON.parse(row));
 * ```
 * @category Lifecycle
 */
export function restoreChange(persisted: unknown): ChangeSnapshot {
  let model: ChangeModel = 'normal';
  try { model = snapshotModel(persisted); } catch { /* the normal machine's schema reports what is wrong */ }
  return changeLifecycles[model].restore(persisted);
}

/**
 * {@link restoreChange} without throwing.
 *
 * @param persisted - The parsed JSON of a persisted snapshot.
 * @returns `{ success: true, data }` or `{ success: false, error }` listing every problem.
 * @example
 * ```ts
 * const r = safeRestoreChange(JSON.parse(row));
 * if (r.success) advanceChange(r.data, event);
 * ```
 * @category Lifecycle
 */
export function safeRestoreChange(persisted: unknown): SafeResult<ChangeSnapshot> {
  let model: ChangeModel = 'normal';
  try { model = snapshotModel(persisted); } catch { /* reported by the schema */ }
  return changeLifecycles[model].safeRestore(persisted);
}

/** After an accepted CHANGE_MODEL, the same snapshot on the machine of the new model. */
function onItsMachine(snapshot: ChangeSnapshot, from: ChangeModel): ChangeSnapshot {
  const to = snapshot.context.model;
  if (to === from) return snapshot;
  return changeLifecycles[to].restore(JSON.parse(JSON.stringify(changeLifecycles[from].machine.getPersistedSnapshot(snapshot))));
}

/**
 * Sends one event to a change: xstate's pure `transition` on the machine of the change's model, plus the reason
 * when the event is refused (then the returned snapshot is the unchanged input). After `CHANGE_MODEL` the
 * snapshot returned is on the machine of the new model.
 *
 * @param snapshot - A live snapshot, or persisted JSON.
 * @param event - The event.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not a change snapshot.
 * @example
 * ```ts
 * const step = advanceChange(c, { type: 'ASSESS', at: '2026-12-01T09:05:00Z' });
 * step.refusal?.rule; // 'assessment_needs_description_and_ci' when the description or CIs are missing
 * ```
 * @category Lifecycle
 */
export function advanceChange(snapshot: ChangeSnapshot | ChangeSnapshotLike, event: ChangeEvent): ChangeStep {
  try {
    const model = snapshotModel(snapshot);
    const step = changeLifecycles[model].advance(snapshot, event);
    if (!step.accepted || event.type !== 'CHANGE_MODEL') return step;
    return { accepted: true, snapshot: onItsMachine(step.snapshot, model), refusal: null };
  } catch (e) {
    throw foreignError(e);
  }
}

/**
 * Says why the change's machine would refuse `event` (which rule, what is missing), or `null` when it would
 * accept it. Rules are checked in this order: not an event, unknown type, final state, state, malformed
 * payload, time order, then the event's own guard.
 *
 * @param snapshot - A live snapshot or its persisted JSON.
 * @param event - The event to check.
 * @returns The {@link Refusal}, or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not a change snapshot.
 * @example
 * ```ts
 * explainChangeRefusal(scheduled, { type: 'IMPLEMENT', at: '2026-12-05T21:00:00Z' });
 * // { rule: 'outside_planned_window', message: 'IMPLEMENT refused: the planned window … is not open at …' }
 * ```
 * @category Lifecycle
 */
export function explainChangeRefusal(snapshot: ChangeSnapshot | ChangeSnapshotLike, event: ChangeEvent): Refusal<ChangeRule> | null {
  try {
    return changeLifecycles[snapshotModel(snapshot)].explain(snapshot, event);
  } catch (e) {
    throw foreignError(e);
  }
}

/**
 * Rebuilds a change from its `history` alone: the `CREATE` entry gives the input, every later entry is turned
 * back into its event and checked by the same rules (a `CHANGE_MODEL` entry switches to the new model's
 * machine). The result equals the snapshot the history came from.
 *
 * @param history - `context.history` of a change (possibly from JSON).
 * @returns The rebuilt snapshot.
 * @throws {@link core!ItsmError} `invalid_event` when the first entry is not `CREATE` or an entry is malformed;
 * `refused_transition` (with the {@link Refusal} in `details.refusal`) when an entry is refused; `invalid_argument`
 * when `history` is not an array.
 * @example
 * ```ts
 * const again = replayChangeHistory(snapshot.context.history);
 * again.value === snapshot.value; // true
 * ```
 * @category Lifecycle
 */
export function replayChangeHistory(history: readonly LifecycleHistoryEntry[]): ChangeSnapshot {
  try {
    const list = history as unknown;
    if (!Array.isArray(list)) return changeLifecycles.normal.replay(list);
    const first = list[0] as { set?: { model?: unknown } } | undefined;
    const model = isModel(first?.set?.model) ? first.set.model : 'normal';
    const k = list.findIndex((e, i) => i > 0 && (e as { type?: unknown } | null)?.type === 'CHANGE_MODEL');
    if (k < 0) return changeLifecycles[model].replay(list);
    let s = onItsMachine(changeLifecycles[model].replay(list.slice(0, k + 1)), model);
    for (let i = k + 1; i < list.length; i++) {
      const r = HistoryEntrySchema.safeParse(list[i]);
      if (!r.success) return changeLifecycles[s.context.model].replay([...s.context.history, list[i]]); // reports the entry
      const entry = r.data as LifecycleHistoryEntry;
      const step = advanceChange(s, changeEventFromEntry(entry));
      if (!step.accepted) {
        throw new ItsmError('refused_transition', `history[${i}] (${entry.type} at ${entry.at}) is refused: ${step.refusal.message}`, { details: { index: i, refusal: step.refusal } });
      }
      s = step.snapshot;
    }
    return s;
  } catch (e) {
    throw foreignError(e);
  }
}
