import { defineLifecycle } from '../lifecycle/kit.js';
import type { LifecycleMachine, LifecycleSnapshot } from '../lifecycle/machine.js';
import { applyProblemEvent, createProblemContext } from './context.js';
import { problemEventFromEntry, problemInputFromCreate } from './replay.js';
import { problemGuard, problemStateRefusal, problemTransitions, type ProblemRule } from './rules.js';
import { PROBLEM_EVENT_TYPES, PROBLEM_STATES, ProblemContextSchema, ProblemEventSchemas } from './schemas.js';
import type { ProblemContext, ProblemInput, ProblemState } from './types.js';
import type { ProblemEvent } from './events.js';

/** The problem lifecycle as the kit builds it from its table, guards, effects and replay inverse. @internal */
export const problemLifecycle = defineLifecycle<ProblemState, ProblemEvent, ProblemContext, ProblemInput, ProblemRule>({
  id: 'problem',
  noun: 'problem',
  states: PROBLEM_STATES,
  finalStates: ['closed', 'canceled'],
  eventTypes: PROBLEM_EVENT_TYPES,
  transitions: problemTransitions,
  eventSchemas: ProblemEventSchemas,
  contextSchema: ProblemContextSchema as never,
  createContext: createProblemContext,
  stateRefusal: problemStateRefusal,
  guard: problemGuard,
  apply: applyProblemEvent,
  eventFromEntry: problemEventFromEntry,
  inputFromCreate: problemInputFromCreate,
});

/**
 * The type of {@link problemMachine}: an xstate `StateMachine` over {@link ProblemContext},
 * {@link ProblemEvent} and {@link ProblemInput}, whose state value is a {@link ProblemState}.
 *
 * @example
 * ```ts
 * const m: ProblemMachine = problemMachine;
 * ```
 * @category Problem
 */
export type ProblemMachine = LifecycleMachine<ProblemContext, ProblemEvent, ProblemInput, ProblemState>;

/**
 * The problem lifecycle as an xstate v5 machine (ServiceNow's model): `new` → `assess` →
 * `root_cause_analysis` → `fix_in_progress` → `resolved` → `closed`, with `canceled`; risk acceptance and
 * duplicates resolve early, and a resolved problem can go back to root-cause analysis. Guards: leaving
 * root-cause analysis towards a fix or a risk acceptance needs a cause; publishing a known error needs a
 * workaround (see {@link explainProblemRefusal}).
 *
 * @example
 * ```ts
 * import { initialTransition, transition } from 'xstate';
 * let [p] = initialTransition(problemMachine, { at: '2026-03-09T10:00:00Z', statement: 'VPN drops hourly' });
 * [p] = transition(problemMachine, p, { type: 'ASSESS', at: '2026-03-09T10:05:00Z', assignee: 'kim' });
 * p.value; // 'assess'
 * ```
 * @category Problem
 */
export const problemMachine: ProblemMachine = problemLifecycle.machine;

/**
 * A live snapshot of {@link problemMachine}.
 *
 * @example
 * ```ts
 * const p: ProblemSnapshot = openProblem({ at: '2026-03-09T10:00:00Z', statement: 'VPN drops' });
 * ```
 * @category Problem
 */
export type ProblemSnapshot = LifecycleSnapshot<ProblemContext, ProblemEvent, ProblemInput, ProblemState>;
