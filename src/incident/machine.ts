import { defineLifecycle } from '../lifecycle/kit.js';
import type { LifecycleMachine, LifecycleSnapshot } from '../lifecycle/machine.js';
import { applyIncidentEvent, createIncidentContext } from './context.js';
import { incidentEventFromEntry, incidentInputFromCreate } from './replay.js';
import { incidentFinalReason, incidentGuard, incidentStateRefusal, incidentTransitions, type IncidentRule } from './rules.js';
import { INCIDENT_EVENT_TYPES, INCIDENT_STATES, IncidentContextSchema, IncidentEventSchemas } from './schemas.js';
import type { IncidentContext, IncidentInput, IncidentState } from './types.js';
import type { IncidentEvent } from './events.js';

/** The incident lifecycle as the kit builds it from its table, guards, effects and replay inverse. @internal */
export const incidentLifecycle = defineLifecycle<IncidentState, IncidentEvent, IncidentContext, IncidentInput, IncidentRule>({
  id: 'incident',
  noun: 'incident',
  states: INCIDENT_STATES,
  finalStates: ['closed', 'canceled'],
  eventTypes: INCIDENT_EVENT_TYPES,
  transitions: incidentTransitions,
  eventSchemas: IncidentEventSchemas,
  contextSchema: IncidentContextSchema as never,
  createContext: createIncidentContext,
  stateRefusal: incidentStateRefusal,
  finalReason: incidentFinalReason,
  guard: incidentGuard,
  apply: applyIncidentEvent,
  eventFromEntry: incidentEventFromEntry,
  inputFromCreate: incidentInputFromCreate,
});

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
export type IncidentMachine = LifecycleMachine<IncidentContext, IncidentEvent, IncidentInput, IncidentState>;

/**
 * The incident lifecycle as an xstate v5 machine: states `new`, `in_progress`, `on_hold`, `resolved`,
 * `closed` and `canceled` (the last two final), transitions as in {@link incidentTransitions}, guards as
 * explained by {@link explainIncidentRefusal}. Its `input` is an {@link IncidentInput}; every accepted event appends
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
export const incidentMachine: IncidentMachine = incidentLifecycle.machine;

/**
 * A live snapshot of {@link incidentMachine}.
 *
 * @example
 * ```ts
 * const s: IncidentSnapshot = openIncident({ at: '2026-03-09T08:00:00Z' });
 * ```
 * @category Incident
 */
export type IncidentSnapshot = LifecycleSnapshot<IncidentContext, IncidentEvent, IncidentInput, IncidentState>;
