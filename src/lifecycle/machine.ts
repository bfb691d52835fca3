// The xstate machine of a lifecycle, generated from its transition table: every transition is guarded by the
// refusal pipeline (the same function the `explain…Refusal` functions call) and applies the domain's effect, so
// the documented table, the machine and the explanations cannot drift.
import {
  assign, setup, type EventObject, type MachineContext, type MetaObject, type NonReducibleUnknown, type ParameterizedObject,
  type SnapshotFrom, type StateMachine, type StateSchema,
} from 'xstate';
import type { LifecycleContextBase, LifecycleEventBase, LifecycleSpec } from './spec.js';

/**
 * The type of a lifecycle machine: an xstate v5 `StateMachine` over the module's context, events and input,
 * whose state value is one of its states (`IncidentMachine`, `ProblemMachine`, ... are instances of it).
 *
 * @example
 * ```ts
 * import { transition } from 'xstate';
 * const sendAll = (m: IncidentMachine, s: IncidentSnapshot, events: IncidentEvent[]) =>
 *   events.reduce((acc, e) => transition(m, acc, e)[0], s);
 * ```
 * @category Lifecycle
 */
export type LifecycleMachine<TContext extends MachineContext, TEvent extends EventObject, TInput, TState extends string> = StateMachine<
  TContext, TEvent, Record<string, never>, never, ParameterizedObject, ParameterizedObject, never, TState,
  string, TInput, NonReducibleUnknown, EventObject, MetaObject, StateSchema
>;

/**
 * A live snapshot of a lifecycle machine (`IncidentSnapshot`, `ProblemSnapshot`, ... are instances of it).
 *
 * @example
 * ```ts
 * const s: LifecycleSnapshot<IncidentContext, IncidentEvent, IncidentInput, IncidentState> = openIncident({ at: '2026-03-09T08:00:00Z' });
 * ```
 * @category Lifecycle
 */
export type LifecycleSnapshot<TContext extends MachineContext, TEvent extends EventObject, TInput, TState extends string> =
  SnapshotFrom<LifecycleMachine<TContext, TEvent, TInput, TState>>;

type AnySpec = LifecycleSpec<string, LifecycleEventBase, LifecycleContextBase, unknown, string>;

/** Applies an accepted event: the domain's effect, `state` in the entry when it changes, `updatedAt`, the entry. @internal */
export function applyAccepted<TContext extends LifecycleContextBase>(
  spec: Pick<AnySpec, 'apply'>, context: TContext, from: string, to: string, event: LifecycleEventBase, at: string, history: LifecycleContextBase['history'][number][] | null,
): TContext {
  const { changes, set } = spec.apply(context, from, to, event, at);
  const entrySet = to === from ? set : { state: to, ...set };
  const entry = { at, type: event.type, set: entrySet };
  // Replay passes its own growing array (one push per entry: linear); a live step copies (snapshots are immutable).
  const nextHistory = history === null ? [...context.history, entry] : (history.push(entry), history);
  return { ...context, ...changes, updatedAt: at, history: nextHistory } as TContext;
}

/** Builds the machine of a lifecycle from its spec and its guard. @internal */
export function buildMachine(
  spec: AnySpec,
  accepts: (state: string, context: LifecycleContextBase, event: unknown) => boolean,
  isoAt: (event: LifecycleEventBase) => string,
  clean: (event: LifecycleEventBase) => LifecycleEventBase,
): LifecycleMachine<LifecycleContextBase, EventObject, unknown, string> {
  const kit = setup({
    guards: {
      accepted: ({ context, event }, params: { from: string }) => accepts(params.from, context as LifecycleContextBase, event),
    },
    actions: {
      apply: assign(({ context, event }, params: { from: string; to: string }) => {
        const e = clean(event as LifecycleEventBase);
        return applyAccepted(spec, context as LifecycleContextBase, params.from, params.to, e, isoAt(e), null) as never;
      }),
    },
  });
  const states: Record<string, object> = {};
  for (const from of spec.states) {
    if (spec.finalStates.includes(from)) {
      states[from] = { type: 'final' };
      continue;
    }
    const on: Record<string, object> = {};
    const row = spec.transitions[from] ?? {};
    for (const type of spec.eventTypes) {
      const to = row[type];
      if (to === undefined) continue;
      on[type] = {
        guard: { type: 'accepted', params: { from } },
        // A self-transition without target keeps the state (no exit / entry) and just records the event.
        ...(to === from ? {} : { target: to }),
        actions: { type: 'apply', params: { from, to } },
      };
    }
    states[from] = { on };
  }
  return kit.createMachine({
    id: spec.id,
    initial: spec.states[0]!,
    context: ({ input }: { input: unknown }) => spec.createContext(input),
    states,
  } as never) as never;
}
