// The change machines' transition tables and guards: what the lifecycle kit calls to accept or refuse an event.
import { toEpochMs } from '../core/instant.js';
import type { LifecycleRule } from '../lifecycle/refusal.js';
import type { GuardRefusal, TransitionTable } from '../lifecycle/spec.js';
import { evaluateApprovals } from './approvals.js';
import type { ChangeModel } from './change-model.js';
import { isFilled } from './lifecycle-schemas.js';
import type { ChangeContext, ChangeEvent, ChangeEventType, ChangeState } from './lifecycle-types.js';

type Row = Readonly<Partial<Record<ChangeEventType, ChangeState>>>;

/**
 * The transition table of one change model: for each state, the events it accepts and the state each leads to.
 *
 * @example
 * ```ts
 * const t: ChangeTransitionTable = changeTransitions.normal;
 * t.authorize.REJECT; // 'new'
 * ```
 * @category Lifecycle
 */
export type ChangeTransitionTable = TransitionTable<ChangeState, ChangeEventType>;
const row = (state: ChangeState, pairs: Partial<Record<ChangeEventType, ChangeState>>): Row => Object.freeze({ UPDATE: state, ...pairs });
const FINAL = Object.freeze({}) as Row;

/**
 * The documented transitions of the three change machines: for each model and state, the events accepted and
 * where they lead (guards may still refuse). `normal` goes through every state; `standard` (pre-approved) goes
 * from `new` straight to `scheduled`; `emergency` goes from `new` to `authorize` (emergency CAB) and may start
 * implementing straight from `authorize`. Cancel is accepted everywhere but in `review` and the final states.
 *
 * @example
 * ```ts
 * changeTransitions.standard.new.SCHEDULE;        // 'scheduled'
 * changeTransitions.emergency.authorize.IMPLEMENT; // 'implement'
 * ```
 * @category Lifecycle
 */
export const changeTransitions: Readonly<Record<ChangeModel, ChangeTransitionTable>> = Object.freeze({
  normal: Object.freeze({
    new: row('new', { CHANGE_MODEL: 'new', ASSESS: 'assess', CANCEL: 'canceled' }),
    assess: row('assess', { REQUEST_AUTHORIZATION: 'authorize', CANCEL: 'canceled' }),
    authorize: row('authorize', { VOTE: 'authorize', REJECT: 'new', SCHEDULE: 'scheduled', CANCEL: 'canceled' }),
    scheduled: row('scheduled', { IMPLEMENT: 'implement', CANCEL: 'canceled' }),
    implement: row('implement', { COMPLETE: 'review', CANCEL: 'canceled' }),
    review: row('review', { CLOSE: 'closed' }),
    closed: FINAL,
    canceled: FINAL,
  }),
  standard: Object.freeze({
    new: row('new', { CHANGE_MODEL: 'new', SCHEDULE: 'scheduled', CANCEL: 'canceled' }),
    assess: FINAL,
    authorize: FINAL,
    scheduled: row('scheduled', { IMPLEMENT: 'implement', CANCEL: 'canceled' }),
    implement: row('implement', { COMPLETE: 'review', CANCEL: 'canceled' }),
    review: row('review', { CLOSE: 'closed' }),
    closed: FINAL,
    canceled: FINAL,
  }),
  emergency: Object.freeze({
    new: row('new', { CHANGE_MODEL: 'new', REQUEST_AUTHORIZATION: 'authorize', CANCEL: 'canceled' }),
    assess: FINAL,
    authorize: row('authorize', { VOTE: 'authorize', REJECT: 'new', SCHEDULE: 'scheduled', IMPLEMENT: 'implement', CANCEL: 'canceled' }),
    scheduled: row('scheduled', { IMPLEMENT: 'implement', CANCEL: 'canceled' }),
    implement: row('implement', { COMPLETE: 'review', CANCEL: 'canceled' }),
    review: row('review', { CLOSE: 'closed' }),
    closed: FINAL,
    canceled: FINAL,
  }),
});

/**
 * The ids of the rules that can refuse a change event: the kit's {@link LifecycleRule}s and the change's own.
 *
 * @example
 * ```ts
 * const rule: ChangeRule = 'implementation_needs_approval';
 * ```
 * @category Lifecycle
 */
export type ChangeRule =
  | LifecycleRule
  | 'wrong_state'
  | 'not_in_this_model'
  | 'cancel_not_in_review'
  | 'model_fixed_after_new'
  | 'model_changed'
  | 'model_change_needs_no_votes'
  | 'same_model'
  | 'assessment_needs_description_and_ci'
  | 'authorization_needs_assessment'
  | 'scheduling_needs_plans'
  | 'standard_needs_template'
  | 'needs_approval'
  | 'outside_planned_window'
  | 'vote_needs_voter_and_decision'
  | 'review_needs_outcome'
  | 'emergency_needs_review'
  | 'reason_required';

/** The refusal when `state` does not accept `type` in `model`. @internal */
export function changeStateRefusal(model: ChangeModel) {
  return (state: ChangeState, type: ChangeEventType): GuardRefusal<ChangeRule> => {
    if (type === 'CANCEL' && state === 'review') return { rule: 'cancel_not_in_review', reason: 'a change under review cannot be canceled; close it with its outcome' };
    if (type === 'CHANGE_MODEL') return { rule: 'model_fixed_after_new', reason: 'the model of a change can change only while it is new' };
    if ((model === 'standard' && (state === 'assess' || state === 'authorize')) || (model === 'emergency' && state === 'assess')) {
      return { rule: 'not_in_this_model', reason: `a ${model} change never is in ${state}` };
    }
    return { rule: 'wrong_state', reason: `a ${model} change in ${state} does not take ${type}` };
  };
}

const refuse = (rule: ChangeRule, reason: string, missing?: readonly string[]): GuardRefusal<ChangeRule> =>
  missing && missing.length > 0 ? { rule, reason, missing } : { rule, reason };

/** Whether the change's votes approve it under its policies, and why not. */
export function approvalOf(ctx: ChangeContext): { approved: boolean; reason: string } {
  const r = evaluateApprovals(ctx.approvalPolicies, ctx.votes, { model: ctx.model, riskLevel: ctx.riskLevel ?? undefined, edits: ctx.edits });
  return { approved: r.status === 'approved', reason: r.reason };
}

/** The change's own guards for one model, run after the kit checked the state, the payload and the time order. @internal */
export function changeGuard(model: ChangeModel) {
  return (state: ChangeState, ctx: ChangeContext, event: ChangeEvent): GuardRefusal<ChangeRule> | null => {
    if (ctx.model !== model) {
      return refuse('model_changed', `this is now a ${ctx.model} change; restore it with restoreChange (or use advanceChange, which does).`);
    }
    switch (event.type) {
      case 'CHANGE_MODEL':
        if (event.model === undefined) return refuse('invalid_event', 'name the new model.', ['model']);
        if (event.model === ctx.model) return refuse('same_model', `the change is already ${ctx.model}.`);
        return ctx.votes.length > 0 ? refuse('model_change_needs_no_votes', 'the model cannot change once votes were given; reject the change first.') : null;
      case 'ASSESS': {
        const missing = [...(isFilled(ctx.description) ? [] : ['description']), ...(ctx.cis.length > 0 ? [] : ['cis'])];
        return missing.length > 0 ? refuse('assessment_needs_description_and_ci', `assessment needs a description and at least one CI; missing: ${missing.join(', ')}.`, missing) : null;
      }
      case 'REQUEST_AUTHORIZATION': {
        const missing = [...(isFilled(ctx.description) ? [] : ['description']), ...(ctx.cis.length > 0 ? [] : ['cis']), ...(ctx.riskLevel !== null ? [] : ['riskLevel'])];
        return missing.length > 0 ? refuse('authorization_needs_assessment', `authorisation needs a description, at least one CI and an assessed risk; missing: ${missing.join(', ')}.`, missing) : null;
      }
      case 'VOTE': {
        const missing = [...(isFilled(event.voter) ? [] : ['voter']), ...(event.decision !== undefined ? [] : ['decision'])];
        return missing.length > 0 ? refuse('vote_needs_voter_and_decision', `a vote needs a voter and a decision; missing: ${missing.join(', ')}.`, missing) : null;
      }
      case 'REJECT':
      case 'CANCEL':
        return isFilled(event.reason) ? null : refuse('reason_required', 'give a reason.', ['reason']);
      case 'SCHEDULE': {
        if (model === 'standard' && !isFilled(ctx.templateId)) return refuse('standard_needs_template', 'a standard change names its pre-approved template; set templateId with UPDATE.', ['templateId']);
        const start = event.plannedStart ?? ctx.plannedStart;
        const end = event.plannedEnd ?? ctx.plannedEnd;
        const missing = [
          ...(start == null ? ['plannedStart'] : []), ...(end == null ? ['plannedEnd'] : []),
          ...(['implementationPlan', 'backoutPlan', 'testPlan'] as const).filter((k) => !isFilled(ctx[k])),
          ...(ctx.riskLevel === null ? ['riskLevel'] : []),
        ];
        if (missing.length > 0) return refuse('scheduling_needs_plans', `scheduling needs planned start and end, implementation, backout and test plans and an assessed risk; missing: ${missing.join(', ')}.`, missing);
        if (toEpochMs(end!) <= toEpochMs(start!)) return refuse('scheduling_needs_plans', 'the planned end must be after the planned start.', ['plannedEnd']);
        if (state === 'authorize') {
          const a = approvalOf(ctx);
          if (!a.approved) return refuse('needs_approval', `leaving authorisation needs approval: ${a.reason}.`);
        }
        return null;
      }
      case 'IMPLEMENT': {
        if (model !== 'standard') {
          const a = approvalOf(ctx);
          if (!a.approved) return refuse('needs_approval', `implementing needs approval: ${a.reason}.`);
        }
        if (ctx.plannedStart === null || ctx.plannedEnd === null) return refuse('outside_planned_window', 'implementing needs a planned window; set plannedStart and plannedEnd with UPDATE.', [...(ctx.plannedStart === null ? ['plannedStart'] : []), ...(ctx.plannedEnd === null ? ['plannedEnd'] : [])]);
        const t = toEpochMs(event.at);
        if (t < toEpochMs(ctx.plannedStart) || t >= toEpochMs(ctx.plannedEnd)) return refuse('outside_planned_window', `the planned window [${ctx.plannedStart}, ${ctx.plannedEnd}) is not open at ${new Date(t).toISOString()}.`);
        return null;
      }
      case 'CLOSE': {
        const missing = [...(event.outcome ?? ctx.outcome ? [] : ['outcome']), ...(model === 'emergency' && !isFilled(event.reviewNotes ?? ctx.reviewNotes) ? ['reviewNotes'] : [])];
        if (missing.includes('outcome')) return refuse('review_needs_outcome', `the review records an outcome (successful, successful_with_issues, failed, backed_out); missing: ${missing.join(', ')}.`, missing);
        return missing.length > 0 ? refuse('emergency_needs_review', 'an emergency change needs its post-implementation review notes.', missing) : null;
      }
      default:
        return null;
    }
  };
}
