// The incident's transition table and guards: what the lifecycle kit calls to accept or refuse an event.
import type { GuardRefusal, TransitionTable } from '../lifecycle/spec.js';
import type { LifecycleRule } from '../lifecycle/refusal.js';
import { isLevel, matrixSize } from './priority.js';
import { isFilled } from './schemas.js';
import type { IncidentContext, IncidentState } from './types.js';
import type { IncidentEvent, IncidentEventType } from './events.js';

/**
 * The documented transitions: for each state, the events it accepts and the state each one leads to
 * (guards may still refuse an accepted event type). Events missing from a state's row are refused there.
 *
 * @example
 * ```ts
 * incidentTransitions.on_hold.RESUME;  // 'in_progress'
 * incidentTransitions.resolved.CANCEL; // undefined: refused
 * ```
 * @category Incident
 */
export const incidentTransitions: TransitionTable<IncidentState, IncidentEventType> = Object.freeze({
  new: { ASSIGN: 'new', START: 'in_progress', HOLD: 'on_hold', UPDATE: 'new', RESOLVE: 'resolved', CANCEL: 'canceled', PROPOSE_MAJOR: 'new', ACCEPT_MAJOR: 'new', REJECT_MAJOR: 'new' },
  in_progress: { ASSIGN: 'in_progress', HOLD: 'on_hold', UPDATE: 'in_progress', RESOLVE: 'resolved', CANCEL: 'canceled', PROPOSE_MAJOR: 'in_progress', ACCEPT_MAJOR: 'in_progress', REJECT_MAJOR: 'in_progress' },
  on_hold: { ASSIGN: 'on_hold', HOLD: 'on_hold', RESUME: 'in_progress', UPDATE: 'on_hold', RESOLVE: 'resolved', CANCEL: 'canceled', PROPOSE_MAJOR: 'on_hold', ACCEPT_MAJOR: 'on_hold', REJECT_MAJOR: 'on_hold' },
  resolved: { UPDATE: 'resolved', REOPEN: 'in_progress', CLOSE: 'closed', AUTO_CLOSE: 'closed', ACCEPT_MAJOR: 'resolved', REJECT_MAJOR: 'resolved' },
  closed: {},
  canceled: {},
});

/**
 * The ids of the rules that can refuse an incident event (the `rule` of a {@link Refusal}): the kit's
 * {@link LifecycleRule}s and the incident's own.
 *
 * @example
 * ```ts
 * const rule: IncidentRule = 'close_only_from_resolved';
 * ```
 * @category Incident
 */
export type IncidentRule =
  | LifecycleRule
  | 'start_only_from_new'
  | 'resume_only_from_on_hold'
  | 'reopen_only_from_resolved'
  | 'close_only_from_resolved'
  | 'cancel_not_after_resolution'
  | 'already_resolved'
  | 'reopen_first'
  | 'major_only_while_open'
  | 'resolution_needs_code_and_notes'
  | 'awaiting_caller_needs_comment'
  | 'reason_required'
  | 'major_already_proposed'
  | 'major_already_accepted'
  | 'major_not_proposed';

const STATE_RULES: Record<IncidentEventType, GuardRefusal<IncidentRule>> = {
  ASSIGN: { rule: 'reopen_first', reason: 'a resolved incident keeps its assignment; REOPEN it first' },
  START: { rule: 'start_only_from_new', reason: 'work starts once, from new (use RESUME to leave on_hold)' },
  HOLD: { rule: 'reopen_first', reason: 'a resolved incident cannot be put on hold; REOPEN it first' },
  RESUME: { rule: 'resume_only_from_on_hold', reason: 'only an incident on hold can be resumed' },
  UPDATE: { rule: 'final_state', reason: 'the incident is final' },
  RESOLVE: { rule: 'already_resolved', reason: 'the incident is already resolved' },
  REOPEN: { rule: 'reopen_only_from_resolved', reason: 'only a resolved incident can be reopened' },
  CLOSE: { rule: 'close_only_from_resolved', reason: 'an incident is closed only once resolved; RESOLVE it first' },
  AUTO_CLOSE: { rule: 'close_only_from_resolved', reason: 'an incident is closed only once resolved; RESOLVE it first' },
  CANCEL: { rule: 'cancel_not_after_resolution', reason: 'a resolved incident cannot be canceled; REOPEN it first or let it close' },
  PROPOSE_MAJOR: { rule: 'major_only_while_open', reason: 'only an open incident can be proposed as a major incident' },
  ACCEPT_MAJOR: { rule: 'final_state', reason: 'the incident is final' },
  REJECT_MAJOR: { rule: 'final_state', reason: 'the incident is final' },
};

/** The refusal when `state` does not accept `type`. @internal */
export function incidentStateRefusal(_state: IncidentState, type: IncidentEventType): GuardRefusal<IncidentRule> {
  return STATE_RULES[type];
}

/** The reason a final state gives for one event type, beyond "it is final". @internal */
export function incidentFinalReason(state: IncidentState, type: IncidentEventType): string | undefined {
  return type === 'REOPEN' && state === 'closed' ? 'A closed incident cannot be reopened; open a new incident instead.' : undefined;
}

const refuse = (rule: IncidentRule, reason: string, missing?: readonly string[]): GuardRefusal<IncidentRule> =>
  missing && missing.length > 0 ? { rule, reason, missing } : { rule, reason };

/** The incident's own guards, run after the kit checked the state, the payload and the time order. @internal */
export function incidentGuard(_state: IncidentState, context: IncidentContext, event: IncidentEvent): GuardRefusal<IncidentRule> | null {
  switch (event.type) {
    case 'UPDATE': {
      for (const axis of ['impact', 'urgency'] as const) {
        const level = event[axis];
        if (level !== undefined && !isLevel(context.matrix, axis, level)) {
          return refuse('invalid_event', `${axis} ${level} is outside the priority matrix (levels 1 to ${matrixSize(context.matrix)[axis]}).`);
        }
      }
      return null;
    }
    case 'RESOLVE': {
      const missing = (['code', 'notes'] as const).filter((n) => !isFilled(event[n]));
      return missing.length ? refuse('resolution_needs_code_and_notes', `a resolution needs a code and notes; missing: ${missing.join(', ')}.`, missing) : null;
    }
    case 'HOLD':
      return event.reason === 'awaiting_caller' && !isFilled(event.comment)
        ? refuse('awaiting_caller_needs_comment', 'awaiting_caller needs a comment telling the caller what is needed.', ['comment'])
        : null;
    case 'REOPEN':
    case 'CANCEL':
      return isFilled(event.reason) ? null : refuse('reason_required', 'give a reason.', ['reason']);
    case 'PROPOSE_MAJOR':
      if (context.major === 'proposed') return refuse('major_already_proposed', 'the incident is already a major-incident candidate; ACCEPT_MAJOR or REJECT_MAJOR it.');
      if (context.major === 'accepted') return refuse('major_already_accepted', 'the incident is already a major incident.');
      return null;
    case 'ACCEPT_MAJOR':
    case 'REJECT_MAJOR':
      if (context.major !== 'proposed') {
        return refuse('major_not_proposed', `the incident is not a major-incident candidate (major is ${context.major}); PROPOSE_MAJOR first.`);
      }
      return event.type === 'REJECT_MAJOR' && !isFilled(event.reason) ? refuse('reason_required', 'give a reason.', ['reason']) : null;
    default:
      return null;
  }
}
