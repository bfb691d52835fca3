import { formatPath, ItsmError } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { toEpochMs } from '../core/instant.js';
import { type Refusal } from '../lifecycle/refusal.js';
import { isFilled, PROBLEM_EVENT_TYPES, PROBLEM_STATES, ProblemEventSchemas } from './schemas.js';
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
export const problemTransitions: Readonly<Record<ProblemState, Readonly<Partial<Record<ProblemEventType, ProblemState>>>>> = Object.freeze({
  new: row({ ASSESS: 'assess', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled' }, 'new'),
  assess: row({ CONFIRM: 'root_cause_analysis', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled' }, 'assess', ['PUBLISH_KNOWN_ERROR']),
  root_cause_analysis: row({ START_FIX: 'fix_in_progress', ACCEPT_RISK: 'resolved', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled' }, 'root_cause_analysis', ['PUBLISH_KNOWN_ERROR']),
  fix_in_progress: row({ RESOLVE: 'resolved', ACCEPT_RISK: 'resolved', CANCEL: 'canceled' }, 'fix_in_progress', ['PUBLISH_KNOWN_ERROR']),
  resolved: Object.freeze({ REANALYZE: 'root_cause_analysis', CLOSE: 'closed', UPDATE: 'resolved', PUBLISH_KNOWN_ERROR: 'resolved' }),
  closed: Object.freeze({}),
  canceled: Object.freeze({}),
});

/**
 * The ids of the rules that can refuse a problem event.
 *
 * @example
 * ```ts
 * const rule: ProblemRule = 'leaving_analysis_needs_cause';
 * ```
 * @category Problem
 */
export type ProblemRule =
  | 'unknown_event'
  | 'final_state'
  | 'wrong_state'
  | 'close_only_from_resolved'
  | 'reanalyze_only_from_resolved'
  | 'cancel_not_after_resolution'
  | 'invalid_event'
  | 'out_of_order'
  | 'assessment_needs_assignee'
  | 'leaving_analysis_needs_cause'
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

function refusal(rule: ProblemRule, message: string, missing?: string[]): Refusal {
  return missing && missing.length > 0 ? { rule, message, missing } : { rule, message };
}

/** The refusal for `event` in `state`, or `null`: the machine's guard and {@link explainProblemRefusal}. @internal */
export function findProblemRefusal(state: ProblemState, ctx: ProblemContext, event: { readonly type: string }): Refusal | null {
  if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
    return refusal('invalid_event', `An problem event is an object with a string \`type\` and an instant \`at\`; got ${event === null ? 'null' : typeof event}.`, ['type']);
  }
  const type = event.type as ProblemEventType;
  if (!(PROBLEM_EVENT_TYPES as readonly string[]).includes(type)) {
    return refusal('unknown_event', `${JSON.stringify(event.type)} is not a problem event; use one of ${PROBLEM_EVENT_TYPES.join(', ')}.`);
  }
  if (state === 'closed' || state === 'canceled') {
    return refusal('final_state', `${type} refused: the problem is ${state}, which is final.`);
  }
  if (problemTransitions[state][type] === undefined) {
    const from = PROBLEM_STATES.filter((s) => problemTransitions[s][type] !== undefined);
    const rule = type === 'CANCEL' && state === 'resolved' ? 'cancel_not_after_resolution' : (STATE_RULE[type] ?? 'wrong_state');
    return refusal(rule, `${type} refused in state ${state}: accepted only from ${from.join(', ')}.`);
  }
  const e = event as Record<string, unknown>;
  const parsed = ProblemEventSchemas[type].safeParse(event);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    const missing = [...new Set(issues.filter((i) => i.path.length === 1 && e[i.path[0] as string] === undefined).map((i) => String(i.path[0])))];
    return refusal('invalid_event', `${type} refused: malformed event (${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}).`, missing);
  }
  const at = toEpochMs(e['at'] as ProblemEvent['at']);
  if (at < Date.parse(ctx.updatedAt)) {
    return refusal('out_of_order', `${type} refused: it happened at ${new Date(at).toISOString()}, before the last accepted event (${ctx.updatedAt}); events must arrive in time order.`);
  }
  switch (type) {
    case 'ASSESS':
      return isFilled(e['assignee']) ? null : refusal('assessment_needs_assignee', 'ASSESS refused: name who assesses the problem.', ['assignee']);
    case 'START_FIX':
      return isFilled(e['cause']) || isFilled(ctx.cause) ? null : refusal('leaving_analysis_needs_cause', 'START_FIX refused: leaving root-cause analysis needs a cause; give one or record it with UPDATE.', ['cause']);
    case 'ACCEPT_RISK': {
      const missing = [
        ...(state === 'root_cause_analysis' && !isFilled(e['cause']) && !isFilled(ctx.cause) ? ['cause'] : []),
        ...(isFilled(e['reason']) ? [] : ['reason']),
      ];
      if (missing.includes('cause')) return refusal('leaving_analysis_needs_cause', `ACCEPT_RISK refused: leaving root-cause analysis needs a cause; missing: ${missing.join(', ')}.`, missing);
      return missing.length ? refusal('reason_required', 'ACCEPT_RISK refused: say why the risk is accepted.', missing) : null;
    }
    case 'RESOLVE':
      return isFilled(e['notes']) ? null : refusal('resolution_needs_fix_notes', 'RESOLVE refused: describe the fix that was applied.', ['notes']);
    case 'MARK_DUPLICATE':
      return isFilled(e['of']) ? null : refusal('duplicate_needs_original', 'MARK_DUPLICATE refused: name the original problem.', ['of']);
    case 'CANCEL':
    case 'REANALYZE':
      return isFilled(e['reason']) ? null : refusal('reason_required', `${type} refused: give a reason.`, ['reason']);
    case 'PUBLISH_KNOWN_ERROR':
      return isFilled(e['workaround']) || isFilled(ctx.workaround) ? null : refusal('known_error_needs_workaround', 'PUBLISH_KNOWN_ERROR refused: a known error needs a workaround; give one or record it with UPDATE.', ['workaround']);
    case 'LINK_INCIDENT':
    case 'UNLINK_INCIDENT': {
      const id = e['incidentId'];
      if (!isFilled(id)) return refusal('invalid_event', `${type} refused: name the incident.`, ['incidentId']);
      const linked = ctx.linkedIncidents.includes(id);
      if (type === 'LINK_INCIDENT' && linked) return refusal('already_linked', `LINK_INCIDENT refused: ${id} is already linked.`);
      if (type === 'UNLINK_INCIDENT' && !linked) return refusal('not_linked', `UNLINK_INCIDENT refused: ${id} is not linked.`);
      return null;
    }
    default:
      return null;
  }
}

/**
 * A problem snapshot as the pure helpers need it: live or persisted JSON.
 *
 * @example
 * ```ts
 * const s: ProblemSnapshotLike = JSON.parse(JSON.stringify(problemMachine.getPersistedSnapshot(snapshot)));
 * ```
 * @category Problem
 */
export interface ProblemSnapshotLike {
  /** The state (`snapshot.value`). */
  readonly value: unknown;
  /** The problem context. */
  readonly context: ProblemContext;
}

/**
 * A problem event as a host may receive it: any object with a `type`.
 *
 * @example
 * ```ts
 * const e: ProblemEventLike = { type: 'START_FIX', at: '2026-03-10T09:00:00Z' };
 * ```
 * @category Problem
 */
export type ProblemEventLike = ProblemEvent | {
  /** The event type, possibly not one the machine knows. */
  readonly type: string;
  readonly [field: string]: unknown;
};

/** The checked state of a problem snapshot. @internal */
export function problemStateOf(snapshot: ProblemSnapshotLike): ProblemState {
  const v = snapshot?.value;
  if (typeof v === 'string' && (PROBLEM_STATES as readonly string[]).includes(v)) return v as ProblemState;
  throw new ItsmError('invalid_argument', `snapshot.value: ${JSON.stringify(v)} is not a problem state; pass a snapshot of problemMachine (live or persisted).`, { details: { field: 'snapshot.value', value: v } });
}

/**
 * Says why {@link problemMachine} would refuse `event` in `snapshot` (which rule, what is missing), or `null`
 * when it would accept it.
 *
 * @param snapshot - A live snapshot or its persisted JSON.
 * @param event - The event to check.
 * @returns The {@link Refusal}, or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not a problem snapshot.
 * @example
 * ```ts
 * explainProblemRefusal(rca, { type: 'START_FIX', at: '2026-03-10T09:00:00Z' });
 * // { rule: 'leaving_analysis_needs_cause', message: '…', missing: ['cause'] }
 * ```
 * @category Problem
 */
export function explainProblemRefusal(snapshot: ProblemSnapshotLike, event: ProblemEventLike): Refusal | null {
  return findProblemRefusal(problemStateOf(snapshot), snapshot.context, event);
}
