// The problem's transition table and guards: what the lifecycle kit calls to accept or refuse an event.
import type { LifecycleRule } from '../lifecycle/refusal.js';
import type { GuardRefusal, TransitionTable } from '../lifecycle/spec.js';
import { isFilled } from './schemas.js';
import type { ProblemContext, ProblemState } from './types.js';
import type { ProblemEvent, ProblemEventType } from './events.js';

const OPEN = ['LINK_INCIDENT', 'UNLINK_INCIDENT', 'UPDATE'] as const;
const row = (pairs: Partial<Record<ProblemEventType, ProblemState>>, stay: ProblemState, also: readonly ProblemEventType[] = []) =>
  Object.freeze({ ...Object.fromEntries([...OPEN, ...also].map((t) => [t, stay])), ...pairs }) as Readonly<Partial<Record<ProblemEventType, ProblemState>>>;

/**
 * The documented transitions of {@link problemMachine}: for each state, the events it accepts and where they
 * lead (guards may still refuse). Events missing from a row are refused in that state.
 *
 * @example
 * ```ts
 * problemTransitions.resolved.REANALYZE; // 'root_cause_analysis'
 * ```
 * @category Problem
 */
export const problemTransitions: TransitionTable<ProblemState, ProblemEventType> = Object.freeze({
  new: row({ ASSESS: 'assess', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled' }, 'new'),
  assess: row({ CONFIRM: 'root_cause_analysis', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled' }, 'assess', ['PUBLISH_KNOWN_ERROR']),
  root_cause_analysis: row({ START_FIX: 'fix_in_progress', ACCEPT_RISK: 'resolved', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled' }, 'root_cause_analysis', ['PUBLISH_KNOWN_ERROR']),
  fix_in_progress: row({ RESOLVE: 'resolved', ACCEPT_RISK: 'resolved', CANCEL: 'canceled' }, 'fix_in_progress', ['PUBLISH_KNOWN_ERROR']),
  resolved: Object.freeze({ REANALYZE: 'root_cause_analysis', CLOSE: 'closed', UPDATE: 'resolved', PUBLISH_KNOWN_ERROR: 'resolved' }),
  closed: Object.freeze({}),
  canceled: Object.freeze({}),
});

/**
 * The ids of the rules that can refuse a problem event: the kit's {@link LifecycleRule}s and the problem's own.
 *
 * @example
 * ```ts
 * const rule: ProblemRule = 'leaving_analysis_needs_cause';
 * ```
 * @category Problem
 */
export type ProblemRule =
  | LifecycleRule
  | 'wrong_state'
  | 'close_only_from_resolved'
  | 'reanalyze_only_from_resolved'
  | 'cancel_not_after_resolution'
  | 'assessment_needs_assignee'
  | 'leaving_analysis_needs_cause'
  | 'cause_required_past_analysis'
  | 'resolution_needs_fix_notes'
  | 'known_error_needs_workaround'
  | 'duplicate_needs_original'
  | 'reason_required'
  | 'already_linked'
  | 'not_linked';

const STATE_RULE: Partial<Record<ProblemEventType, ProblemRule>> = {
  CLOSE: 'close_only_from_resolved',
  REANALYZE: 'reanalyze_only_from_resolved',
};

/** The refusal when `state` does not accept `type`. @internal */
export function problemStateRefusal(state: ProblemState, type: ProblemEventType): GuardRefusal<ProblemRule> {
  if (type === 'CANCEL' && state === 'resolved') return { rule: 'cancel_not_after_resolution', reason: 'a resolved problem cannot be canceled; REANALYZE it first or close it' };
  return { rule: STATE_RULE[type] ?? 'wrong_state', reason: `a problem in ${state} does not take ${type}` };
}

const refuse = (rule: ProblemRule, reason: string, missing?: readonly string[]): GuardRefusal<ProblemRule> =>
  missing && missing.length > 0 ? { rule, reason, missing } : { rule, reason };

/** The problem's own guards, run after the kit checked the state, the payload and the time order. @internal */
export function problemGuard(state: ProblemState, ctx: ProblemContext, event: ProblemEvent): GuardRefusal<ProblemRule> | null {
  switch (event.type) {
    case 'ASSESS':
      return isFilled(event.assignee) ? null : refuse('assessment_needs_assignee', 'name who assesses the problem.', ['assignee']);
    case 'START_FIX':
      return isFilled(event.cause) || isFilled(ctx.cause) ? null : refuse('leaving_analysis_needs_cause', 'leaving root-cause analysis needs a cause; give one or record it with UPDATE.', ['cause']);
    case 'ACCEPT_RISK': {
      const missing = [
        ...(state === 'root_cause_analysis' && !isFilled(event.cause) && !isFilled(ctx.cause) ? ['cause'] : []),
        ...(isFilled(event.reason) ? [] : ['reason']),
      ];
      if (missing.includes('cause')) return refuse('leaving_analysis_needs_cause', `leaving root-cause analysis needs a cause; missing: ${missing.join(', ')}.`, missing);
      return missing.length ? refuse('reason_required', 'say why the risk is accepted.', missing) : null;
    }
    case 'RESOLVE':
      return isFilled(event.notes) ? null : refuse('resolution_needs_fix_notes', 'describe the fix that was applied.', ['notes']);
    case 'MARK_DUPLICATE':
      return isFilled(event.of) ? null : refuse('duplicate_needs_original', 'name the original problem.', ['of']);
    case 'CANCEL':
    case 'REANALYZE':
      return isFilled(event.reason) ? null : refuse('reason_required', 'give a reason.', ['reason']);
    case 'PUBLISH_KNOWN_ERROR':
      return isFilled(event.workaround) || isFilled(ctx.workaround) ? null : refuse('known_error_needs_workaround', 'a known error needs a workaround; give one or record it with UPDATE.', ['workaround']);
    case 'UPDATE':
      // Past root-cause analysis the cause is what the fix (or the accepted risk) rests on: it can change, not vanish.
      return event.cause === null && (state === 'fix_in_progress' || state === 'resolved') && ctx.cause !== null
        ? refuse('cause_required_past_analysis', `the cause cannot be cleared once the problem is ${state}; REANALYZE it to reopen root-cause analysis.`)
        : null;
    case 'LINK_INCIDENT':
    case 'UNLINK_INCIDENT': {
      const id = event.incidentId;
      if (!isFilled(id)) return refuse('invalid_event', 'name the incident.', ['incidentId']);
      const linked = ctx.linkedIncidents.includes(id);
      if (event.type === 'LINK_INCIDENT' && linked) return refuse('already_linked', `${id} is already linked.`);
      if (event.type === 'UNLINK_INCIDENT' && !linked) return refuse('not_linked', `${id} is not linked.`);
      return null;
    }
    default:
      return null;
  }
}
