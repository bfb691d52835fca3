import { assign, setup, type EventObject, type MetaObject, type NonReducibleUnknown, type ParameterizedObject, type SnapshotFrom, type StateMachine, type StateSchema } from 'xstate';
import { applyProblemEvent, createProblemContext } from './context.js';
import { findProblemRefusal, problemTransitions } from './rules.js';
import { PROBLEM_EVENT_TYPES } from './schemas.js';
import type { ProblemContext, ProblemInput, ProblemState } from './types.js';
import type { ProblemEvent, ProblemEventType } from './events.js';

const problemSetup = setup({
  types: {
    context: {} as ProblemContext,
    events: {} as ProblemEvent,
    input: {} as ProblemInput,
  },
  guards: {
    accepted: ({ context, event }, params: { from: ProblemState }) => findProblemRefusal(params.from, context, event) === null,
  },
  actions: {
    apply: assign(({ context, event }, params: { from: ProblemState; to: ProblemState }) => applyProblemEvent(context, params.from, params.to, event)),
  },
});

// Generated from `problemTransitions`, guarded by `findProblemRefusal` (the function explainProblemRefusal uses).
function transitionsFrom(from: ProblemState) {
  const on: Partial<Record<ProblemEventType, { guard: { type: 'accepted'; params: { from: ProblemState } }; target?: string; actions: { type: 'apply'; params: { from: ProblemState; to: ProblemState } } }>> = {};
  for (const type of PROBLEM_EVENT_TYPES) {
    const to = problemTransitions[from][type];
    if (to === undefined) continue;
    on[type] = { guard: { type: 'accepted', params: { from } }, ...(to === from ? {} : { target: to }), actions: { type: 'apply', params: { from, to } } };
  }
  return on;
}

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
export type ProblemMachine = StateMachine<
  ProblemContext, ProblemEvent, Record<string, never>, never, ParameterizedObject, ParameterizedObject, never, ProblemState,
  string, ProblemInput, NonReducibleUnknown, EventObject, MetaObject, StateSchema
>;

const machine = problemSetup.createMachine({
  id: 'problem',
  initial: 'new',
  context: ({ input }) => createProblemContext(input),
  states: {
    new: { on: transitionsFrom('new') },
    assess: { on: transitionsFrom('assess') },
    root_cause_analysis: { on: transitionsFrom('root_cause_analysis') },
    fix_in_progress: { on: transitionsFrom('fix_in_progress') },
    resolved: { on: transitionsFrom('resolved') },
    closed: { type: 'final' },
    canceled: { type: 'final' },
  },
});

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
export const problemMachine: ProblemMachine = machine;

/**
 * A live snapshot of {@link problemMachine}.
 *
 * @example
 * ```ts
 * const p: ProblemSnapshot = startProblem({ at: '2026-03-09T10:00:00Z', statement: 'VPN drops' });
 * ```
 * @category Problem
 */
export type ProblemSnapshot = SnapshotFrom<typeof problemMachine>;
