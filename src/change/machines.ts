import { defineLifecycle, type Lifecycle } from '../lifecycle/kit.js';
import type { LifecycleMachine, LifecycleSnapshot } from '../lifecycle/machine.js';
import type { ChangeModel } from './change-model.js';
import { applyChangeEvent, changeEventFromEntry, changeInputFromCreate, createChangeContext } from './lifecycle-context.js';
import { changeGuard, changeStateRefusal, changeTransitions, type ChangeRule } from './lifecycle-rules.js';
import { CHANGE_EVENT_TYPES, CHANGE_STATES, ChangeContextSchema, ChangeEventSchemas } from './lifecycle-schemas.js';
import type { ChangeContext, ChangeEvent, ChangeInput, ChangeState } from './lifecycle-types.js';

function changeLifecycle(model: ChangeModel): Lifecycle<ChangeState, ChangeEvent, ChangeContext, ChangeInput, ChangeRule> {
  return defineLifecycle<ChangeState, ChangeEvent, ChangeContext, ChangeInput, ChangeRule>({
    id: `${model}Change`,
    noun: `${model} change`,
    states: CHANGE_STATES,
    finalStates: ['closed', 'canceled'],
    eventTypes: CHANGE_EVENT_TYPES,
    transitions: changeTransitions[model],
    eventSchemas: ChangeEventSchemas,
    contextSchema: ChangeContextSchema as never,
    createContext: createChangeContext(model),
    stateRefusal: changeStateRefusal(model),
    finalReason: (state) => (state === 'closed' ? 'A closed change cannot be reopened; raise a new change.' : undefined),
    guard: changeGuard(model),
    apply: applyChangeEvent,
    eventFromEntry: changeEventFromEntry,
    inputFromCreate: changeInputFromCreate,
  });
}

/** The three change lifecycles as the kit builds them. @internal */
export const changeLifecycles: Readonly<Record<ChangeModel, Lifecycle<ChangeState, ChangeEvent, ChangeContext, ChangeInput, ChangeRule>>> = {
  normal: changeLifecycle('normal'),
  standard: changeLifecycle('standard'),
  emergency: changeLifecycle('emergency'),
};

/**
 * The type of the change machines: an xstate `StateMachine` over {@link ChangeContext}, {@link ChangeEvent} and
 * {@link ChangeInput}, whose state value is a {@link ChangeState}.
 *
 * @example
 * ```ts
 * const m: ChangeMachine = normalChangeMachine;
 * ```
 * @category Lifecycle
 */
export type ChangeMachine = LifecycleMachine<ChangeContext, ChangeEvent, ChangeInput, ChangeState>;

/**
 * A live snapshot of a change machine.
 *
 * @example
 * ```ts
 * const s: ChangeSnapshot = openChange({ at: '2026-12-01T09:00:00Z', model: 'standard', templateId: 'TPL-PATCH' });
 * ```
 * @category Lifecycle
 */
export type ChangeSnapshot = LifecycleSnapshot<ChangeContext, ChangeEvent, ChangeInput, ChangeState>;

/**
 * The normal change as an xstate v5 machine: `new` → `assess` → `authorize` → `scheduled` → `implement` →
 * `review` → `closed`, with `canceled`; a rejection returns it to `new` (see {@link changeTransitions}).
 *
 * @example
 * ```ts
 * import { initialTransition, transition } from 'xstate';
 * let [c] = initialTransition(normalChangeMachine, { at: '2026-12-01T09:00:00Z', description: 'Patch', cis: ['db-01'] });
 * [c] = transition(normalChangeMachine, c, { type: 'ASSESS', at: '2026-12-01T09:05:00Z' });
 * c.value; // 'assess'
 * ```
 * @category Lifecycle
 */
export const normalChangeMachine: ChangeMachine = changeLifecycles.normal.machine;

/**
 * The standard (pre-approved) change as an xstate v5 machine: `new` → `scheduled` → `implement` → `review` →
 * `closed`; it names its template and needs no approval.
 *
 * @example
 * ```ts
 * import { initialTransition } from 'xstate';
 * const [c] = initialTransition(standardChangeMachine, { at: '2026-12-01T09:00:00Z', model: 'standard', templateId: 'TPL-PATCH' });
 * ```
 * @category Lifecycle
 */
export const standardChangeMachine: ChangeMachine = changeLifecycles.standard.machine;

/**
 * The emergency change as an xstate v5 machine: `new` → `authorize` (emergency CAB) → `implement` (directly or
 * through `scheduled`) → `review` (the post-implementation review is mandatory) → `closed`.
 *
 * @example
 * ```ts
 * import { initialTransition } from 'xstate';
 * const [c] = initialTransition(emergencyChangeMachine, { at: '2026-12-01T03:00:00Z', model: 'emergency' });
 * ```
 * @category Lifecycle
 */
export const emergencyChangeMachine: ChangeMachine = changeLifecycles.emergency.machine;
