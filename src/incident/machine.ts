import { assign, setup, type EventObject, type MetaObject, type NonReducibleUnknown, type ParameterizedObject, type SnapshotFrom, type StateMachine, type StateSchema } from 'xstate';
import { applyIncidentEvent, createIncidentContext } from './context.js';
import { findIncidentRefusal, incidentTransitions } from './rules.js';
import { INCIDENT_EVENT_TYPES } from './schemas.js';
import type { IncidentContext, IncidentInput, IncidentState } from './types.js';
import type { IncidentEvent, IncidentEventType } from './events.js';

const incidentSetup = setup({
  types: {
    context: {} as IncidentContext,
    events: {} as IncidentEvent,
    input: {} as IncidentInput,
  },
  guards: {
    accepted: ({ context, event }, params: { from: IncidentState }) => findIncidentRefusal(params.from, context, event) === null,
  },
  actions: {
    apply: assign(({ context, event }, params: { from: IncidentState; to: IncidentState }) => applyIncidentEvent(context, params.from, params.to, event)),
  },
});

// Every transition is generated from `incidentTransitions`, and every guard is `findIncidentRefusal`, the
// same function `explainRefusal` uses: the documented table, the machine and the explanations cannot drift.
function transitionsFrom(from: IncidentState) {
  const on: Partial<Record<IncidentEventType, { guard: { type: 'accepted'; params: { from: IncidentState } }; target?: string; actions: { type: 'apply'; params: { from: IncidentState; to: IncidentState } } }>> = {};
  for (const type of INCIDENT_EVENT_TYPES) {
    const to = incidentTransitions[from][type];
    if (to === undefined) continue;
    on[type] = {
      guard: { type: 'accepted', params: { from } },
      // A self-transition without target keeps the state (no exit/entry) and just records the event.
      ...(to === from ? {} : { target: to }),
      actions: { type: 'apply', params: { from, to } },
    };
  }
  return on;
}

/**
 * The type of {@link incidentMachine}: an xstate `StateMachine` over {@link IncidentContext},
 * {@link IncidentEvent} and {@link IncidentInput}, whose state value is an {@link IncidentState}.
 *
 * @example
 * ```ts
 * function sendAll(machine: IncidentMachine, s: IncidentSnapshot, events: IncidentEvent[]) {
 *   return events.reduce((acc, e) => transition(machine, acc, e)[0], s);
 * }
 * ```
 * @category Incident
 */
export type IncidentMachine = StateMachine<
  IncidentContext, IncidentEvent, Record<string, never>, never, ParameterizedObject, ParameterizedObject, never, IncidentState,
  string, IncidentInput, NonReducibleUnknown, EventObject, MetaObject, StateSchema
>;

const machine = incidentSetup.createMachine({
  id: 'incident',
  initial: 'new',
  context: ({ input }) => createIncidentContext(input),
  states: {
    new: { on: transitionsFrom('new') },
    in_progress: { on: transitionsFrom('in_progress') },
    on_hold: { on: transitionsFrom('on_hold') },
    resolved: { on: transitionsFrom('resolved') },
    closed: { type: 'final' },
    canceled: { type: 'final' },
  },
});

/**
 * The incident lifecycle as an xstate v5 machine: states `new`, `in_progress`, `on_hold`, `resolved`,
 * `closed` and `canceled` (the last two final), transitions as in {@link incidentTransitions}, guards as
 * explained by {@link explainRefusal}. Its `input` is an {@link IncidentInput}; every accepted event appends
 * one entry to `context.history` in the shape `evaluateSla` consumes.
 *
 * The machine has no side effects, timers or clock: advance it with xstate's pure `initialTransition` /
 * `transition` (or an actor) and deliver timers (auto-close, escalation) as events.
 *
 * @example
 * ```ts
 * import { initialTransition, transition } from 'xstate';
 * let [s] = initialTransition(incidentMachine, { at: '2026-03-09T08:00:00Z', impact: 1, urgency: 1 });
 * [s] = transition(incidentMachine, s, { type: 'START', at: '2026-03-09T08:05:00Z' });
 * s.value;            // 'in_progress'
 * s.context.priority; // 1
 * ```
 * @category Incident
 */
export const incidentMachine: IncidentMachine = machine;

/**
 * A live snapshot of {@link incidentMachine}.
 *
 * @example
 * ```ts
 * const s: IncidentSnapshot = startIncident({ at: '2026-03-09T08:00:00Z' });
 * ```
 * @category Incident
 */
export type IncidentSnapshot = SnapshotFrom<typeof incidentMachine>;
