import { ItsmError, formatPath } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { toEpochMs } from '../core/instant.js';
import { type Refusal } from '../lifecycle/refusal.js';
import { isLevel, matrixSize } from './priority.js';
import { INCIDENT_EVENT_TYPES, INCIDENT_STATES, IncidentEventSchemas, isFilled } from './schemas.js';
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
export const incidentTransitions: Readonly<Record<IncidentState, Readonly<Partial<Record<IncidentEventType, IncidentState>>>>> = Object.freeze({
  new: { ASSIGN: 'new', START: 'in_progress', HOLD: 'on_hold', UPDATE: 'new', RESOLVE: 'resolved', CANCEL: 'canceled', PROPOSE_MAJOR: 'new', ACCEPT_MAJOR: 'new', REJECT_MAJOR: 'new' },
  in_progress: { ASSIGN: 'in_progress', HOLD: 'on_hold', UPDATE: 'in_progress', RESOLVE: 'resolved', CANCEL: 'canceled', PROPOSE_MAJOR: 'in_progress', ACCEPT_MAJOR: 'in_progress', REJECT_MAJOR: 'in_progress' },
  on_hold: { ASSIGN: 'on_hold', HOLD: 'on_hold', RESUME: 'in_progress', UPDATE: 'on_hold', RESOLVE: 'resolved', CANCEL: 'canceled', PROPOSE_MAJOR: 'on_hold', ACCEPT_MAJOR: 'on_hold', REJECT_MAJOR: 'on_hold' },
  resolved: { UPDATE: 'resolved', REOPEN: 'in_progress', CLOSE: 'closed', AUTO_CLOSE: 'closed', ACCEPT_MAJOR: 'resolved', REJECT_MAJOR: 'resolved' },
  closed: {},
  canceled: {},
});

/**
 * The ids of the rules that can refuse an incident event (the `rule` of a {@link Refusal}).
 *
 * @example
 * ```ts
 * const rule: IncidentRule = 'close_only_from_resolved';
 * ```
 * @category Incident
 */
export type IncidentRule =
  | 'unknown_event'
  | 'final_state'
  | 'start_only_from_new'
  | 'resume_only_from_on_hold'
  | 'reopen_only_from_resolved'
  | 'close_only_from_resolved'
  | 'cancel_not_after_resolution'
  | 'already_resolved'
  | 'reopen_first'
  | 'major_only_while_open'
  | 'invalid_event'
  | 'out_of_order'
  | 'resolution_needs_code_and_notes'
  | 'awaiting_caller_needs_comment'
  | 'reason_required'
  | 'major_already_proposed'
  | 'major_already_accepted'
  | 'major_not_proposed';

const STATE_RULES: Record<IncidentEventType, { rule: IncidentRule; hint: string }> = {
  ASSIGN: { rule: 'reopen_first', hint: 'a resolved incident keeps its assignment; REOPEN it first' },
  START: { rule: 'start_only_from_new', hint: 'work starts once, from new (use RESUME to leave on_hold)' },
  HOLD: { rule: 'reopen_first', hint: 'a resolved incident cannot be put on hold; REOPEN it first' },
  RESUME: { rule: 'resume_only_from_on_hold', hint: 'only an incident on hold can be resumed' },
  UPDATE: { rule: 'final_state', hint: '' },
  RESOLVE: { rule: 'already_resolved', hint: 'the incident is already resolved' },
  REOPEN: { rule: 'reopen_only_from_resolved', hint: 'only a resolved incident can be reopened' },
  CLOSE: { rule: 'close_only_from_resolved', hint: 'an incident is closed only once resolved; RESOLVE it first' },
  AUTO_CLOSE: { rule: 'close_only_from_resolved', hint: 'an incident is closed only once resolved; RESOLVE it first' },
  CANCEL: { rule: 'cancel_not_after_resolution', hint: 'a resolved incident cannot be canceled; REOPEN it first or let it close' },
  PROPOSE_MAJOR: { rule: 'major_only_while_open', hint: 'only an open incident can be proposed as a major incident' },
  ACCEPT_MAJOR: { rule: 'final_state', hint: '' },
  REJECT_MAJOR: { rule: 'final_state', hint: '' },
};

function refusal(rule: IncidentRule, message: string, missing?: string[]): Refusal {
  return missing && missing.length > 0 ? { rule, message, missing } : { rule, message };
}

function missingOf(event: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((n) => !isFilled(event[n]));
}

/**
 * The refusal for `event` in `state` with `context`, or `null` when the machine accepts it. This single
 * function is both the machine's guard and {@link explainRefusal}, so the two cannot disagree.
 * @internal
 */
export function findIncidentRefusal(state: IncidentState, context: IncidentContext, event: { readonly type: string }): Refusal | null {
  if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
    return refusal('invalid_event', `An incident event is an object with a string \`type\` and an instant \`at\`; got ${event === null ? 'null' : typeof event}.`, ['type']);
  }
  const type = event.type as IncidentEventType;
  if (!(INCIDENT_EVENT_TYPES as readonly string[]).includes(type)) {
    return refusal('unknown_event', `${JSON.stringify(event.type)} is not an incident event; use one of ${INCIDENT_EVENT_TYPES.join(', ')}.`);
  }
  if (state === 'closed' || state === 'canceled') {
    const extra = type === 'REOPEN' && state === 'closed' ? ' A closed incident cannot be reopened; open a new incident instead.' : '';
    return refusal('final_state', `${type} refused: the incident is ${state}, which is final.${extra}`);
  }
  const target = incidentTransitions[state][type];
  if (target === undefined) {
    const from = INCIDENT_STATES.filter((s) => incidentTransitions[s][type] !== undefined);
    const { rule, hint } = STATE_RULES[type];
    return refusal(rule, `${type} refused in state ${state}: ${hint} (accepted from ${from.join(', ')}).`);
  }
  const e = event as Record<string, unknown>;
  const parsed = IncidentEventSchemas[type].safeParse(event);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    const missing = [...new Set(issues.filter((i) => i.path.length === 1 && e[i.path[0] as string] === undefined).map((i) => String(i.path[0])))];
    const text = issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
    return refusal('invalid_event', `${type} refused: malformed event (${text}).`, missing);
  }
  const at = toEpochMs(e['at'] as IncidentEvent['at']);
  const last = Date.parse(context.updatedAt);
  if (at < last) {
    return refusal('out_of_order', `${type} refused: it happened at ${new Date(at).toISOString()}, before the last accepted event (${context.updatedAt}); events must arrive in time order.`);
  }
  switch (type) {
    case 'UPDATE': {
      for (const axis of ['impact', 'urgency'] as const) {
        if (e[axis] !== undefined && !isLevel(context.matrix, axis, e[axis])) {
          return refusal('invalid_event', `UPDATE refused: ${axis} ${String(e[axis])} is outside the priority matrix (levels 1 to ${matrixSize(context.matrix)[axis]}).`);
        }
      }
      return null;
    }
    case 'RESOLVE': {
      const missing = missingOf(e, ['code', 'notes']);
      return missing.length ? refusal('resolution_needs_code_and_notes', `RESOLVE refused: a resolution needs a code and notes; missing: ${missing.join(', ')}.`, missing) : null;
    }
    case 'HOLD':
      return e['reason'] === 'awaiting_caller' && !isFilled(e['comment'])
        ? refusal('awaiting_caller_needs_comment', 'HOLD refused: awaiting_caller needs a comment telling the caller what is needed.', ['comment'])
        : null;
    case 'REOPEN':
    case 'CANCEL':
      return isFilled(e['reason']) ? null : refusal('reason_required', `${type} refused: give a reason.`, ['reason']);
    case 'PROPOSE_MAJOR':
      if (context.major === 'proposed') return refusal('major_already_proposed', 'PROPOSE_MAJOR refused: the incident is already a major-incident candidate; ACCEPT_MAJOR or REJECT_MAJOR it.');
      if (context.major === 'accepted') return refusal('major_already_accepted', 'PROPOSE_MAJOR refused: the incident is already a major incident.');
      return null;
    case 'ACCEPT_MAJOR':
    case 'REJECT_MAJOR':
      if (context.major !== 'proposed') {
        return refusal('major_not_proposed', `${type} refused: the incident is not a major-incident candidate (major is ${context.major}); PROPOSE_MAJOR first.`);
      }
      return type === 'REJECT_MAJOR' && !isFilled(e['reason']) ? refusal('reason_required', 'REJECT_MAJOR refused: give a reason.', ['reason']) : null;
    default:
      return null;
  }
}

/**
 * A snapshot as far as the pure helpers need it: a live xstate snapshot or its persisted JSON.
 *
 * @example
 * ```ts
 * const s: IncidentSnapshotLike = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(snapshot)));
 * ```
 * @category Incident
 */
export interface IncidentSnapshotLike {
  /** The state (`snapshot.value`). */
  readonly value: unknown;
  /** The incident context. */
  readonly context: IncidentContext;
}

/**
 * An event as a host may receive it (parsed JSON): any object with a `type`.
 *
 * @example
 * ```ts
 * const e: IncidentEventLike = { type: 'RESOLVE', at: '2026-03-09T11:00:00Z', code: 'fixed' };
 * ```
 * @category Incident
 */
export type IncidentEventLike = IncidentEvent | {
  /** The event type, possibly not one the machine knows. */
  readonly type: string;
  readonly [field: string]: unknown;
};

/** The state of a snapshot, checked. @internal */
export function incidentStateOf(snapshot: IncidentSnapshotLike): IncidentState {
  const v = snapshot?.value;
  if (typeof v === 'string' && (INCIDENT_STATES as readonly string[]).includes(v)) return v as IncidentState;
  throw new ItsmError('invalid_argument', `snapshot.value: ${JSON.stringify(v)} is not an incident state; pass a snapshot of incidentMachine (live or persisted).`, { details: { field: 'snapshot.value', value: v } });
}

/**
 * Says why {@link incidentMachine} would refuse `event` in `snapshot` (which rule, what is missing), or
 * `null` when it would accept it. xstate itself refuses silently: the snapshot just does not change.
 *
 * Rules are checked in this order: unknown event type, final state, state (the event is not accepted in this
 * state), malformed payload, time order, then the event's own guard.
 *
 * @param snapshot - A live snapshot or its persisted JSON.
 * @param event - The event to check.
 * @returns The {@link Refusal}, or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not an incident snapshot.
 * @example
 * ```ts
 * explainRefusal(snapshot, { type: 'RESOLVE', at: '2026-03-09T11:00:00Z', code: 'fixed', notes: '' });
 * // { rule: 'resolution_needs_code_and_notes', message: '…', missing: ['notes'] }
 * ```
 * @category Incident
 */
export function explainRefusal(snapshot: IncidentSnapshotLike, event: IncidentEventLike): Refusal | null {
  return findIncidentRefusal(incidentStateOf(snapshot), snapshot.context, event);
}
