import type { Instant } from '../core/index.js';
import type { KnownError } from './known-error.js';

/**
 * The states of {@link problemMachine} (ServiceNow's problem model). `closed` and `canceled` are final.
 *
 * @example
 * ```ts
 * const s: ProblemState = 'root_cause_analysis';
 * ```
 * @category Problem
 */
export type ProblemState = 'new' | 'assess' | 'root_cause_analysis' | 'fix_in_progress' | 'resolved' | 'closed' | 'canceled';

/**
 * How a problem ended: a fix was applied, the risk was accepted, it duplicates another problem, or it was
 * canceled.
 *
 * @example
 * ```ts
 * const code: ProblemResolutionCode = 'risk_accepted';
 * ```
 * @category Problem
 */
export type ProblemResolutionCode = 'fix_applied' | 'risk_accepted' | 'duplicate' | 'canceled';

/**
 * What a host passes to create a problem (the machine's `input`).
 *
 * @example
 * ```ts
 * const input: ProblemInput = { at: '2026-03-09T10:00:00Z', statement: 'VPN drops every hour', linkedIncidents: ['INC0042'] };
 * ```
 * @category Problem
 */
export interface ProblemInput {
  /** When the problem was opened. */
  readonly at: Instant;
  /** The problem number. */
  readonly id?: string;
  /** The problem statement: the symptom as users see it. */
  readonly statement: string;
  /** The priority, if the host sets one. */
  readonly priority?: number | null;
  /** The problem management group. */
  readonly group?: string | null;
  /** The problem coordinator. */
  readonly assignee?: string | null;
  /** The root cause, if already known. */
  readonly cause?: string | null;
  /** A workaround, if already known. */
  readonly workaround?: string | null;
  /** Ids of the services affected. */
  readonly affectedServices?: readonly string[];
  /** Ids of the configuration items affected. */
  readonly affectedCis?: readonly string[];
  /** Ids of the incidents caused by this problem. */
  readonly linkedIncidents?: readonly string[];
}

/**
 * Fields every problem event carries.
 *
 * @example
 * ```ts
 * const base: ProblemEventBase = { at: '2026-03-09T10:05:00Z' };
 * ```
 * @category Problem
 */
export interface ProblemEventBase {
  /** When the event happened; never earlier than the previous accepted event. */
  readonly at: Instant;
}

/**
 * Starts the assessment (`new` → `assess`); needs the person assessing.
 *
 * @example
 * ```ts
 * const e: ProblemAssessEvent = { type: 'ASSESS', at: '2026-03-09T10:05:00Z', assignee: 'kim', group: 'Problem Management' };
 * ```
 * @category Problem
 */
export interface ProblemAssessEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'ASSESS';
  /** Who assesses the problem (required). */
  readonly assignee: string;
  /** The assignment group. */
  readonly group?: string | null;
}

/**
 * Confirms the problem and starts root-cause analysis (`assess` → `root_cause_analysis`).
 *
 * @example
 * ```ts
 * const e: ProblemConfirmEvent = { type: 'CONFIRM', at: '2026-03-09T11:00:00Z' };
 * ```
 * @category Problem
 */
export interface ProblemConfirmEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'CONFIRM';
}

/**
 * Leaves root-cause analysis to implement a fix; needs a cause (given here or recorded before).
 *
 * @example
 * ```ts
 * const e: ProblemStartFixEvent = { type: 'START_FIX', at: '2026-03-10T09:00:00Z', cause: 'MTU mismatch', fix: 'Set MTU 1400' };
 * ```
 * @category Problem
 */
export interface ProblemStartFixEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'START_FIX';
  /** The root cause (required unless recorded before). */
  readonly cause?: string;
  /** The planned fix. */
  readonly fix?: string;
}

/**
 * Resolves the problem with the fix applied (`fix_in_progress` → `resolved`); needs fix notes.
 *
 * @example
 * ```ts
 * const e: ProblemResolveEvent = { type: 'RESOLVE', at: '2026-03-11T09:00:00Z', notes: 'MTU changed on all concentrators' };
 * ```
 * @category Problem
 */
export interface ProblemResolveEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'RESOLVE';
  /** What fix was applied (required). */
  readonly notes: string;
}

/**
 * Resolves the problem by accepting the risk (no fix); needs a reason, and a cause when leaving root-cause
 * analysis.
 *
 * @example
 * ```ts
 * const e: ProblemAcceptRiskEvent = { type: 'ACCEPT_RISK', at: '2026-03-10T09:00:00Z', reason: 'Legacy system retires in May', cause: 'Driver bug' };
 * ```
 * @category Problem
 */
export interface ProblemAcceptRiskEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'ACCEPT_RISK';
  /** Why the risk is accepted (required). */
  readonly reason: string;
  /** The root cause (required from root-cause analysis unless recorded before). */
  readonly cause?: string;
}

/**
 * Resolves the problem as a duplicate of another one.
 *
 * @example
 * ```ts
 * const e: ProblemMarkDuplicateEvent = { type: 'MARK_DUPLICATE', at: '2026-03-09T10:30:00Z', of: 'PRB0007' };
 * ```
 * @category Problem
 */
export interface ProblemMarkDuplicateEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'MARK_DUPLICATE';
  /** The id of the original problem. */
  readonly of: string;
}

/**
 * Cancels a problem that is not resolved yet (resolution code `canceled`).
 *
 * @example
 * ```ts
 * const e: ProblemCancelEvent = { type: 'CANCEL', at: '2026-03-09T10:30:00Z', reason: 'Not a problem: user training' };
 * ```
 * @category Problem
 */
export interface ProblemCancelEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'CANCEL';
  /** Why it is canceled (required). */
  readonly reason: string;
}

/**
 * Sends a resolved problem back to root-cause analysis (the fix did not hold); clears the resolution.
 *
 * @example
 * ```ts
 * const e: ProblemReanalyzeEvent = { type: 'REANALYZE', at: '2026-03-12T09:00:00Z', reason: 'Drops came back' };
 * ```
 * @category Problem
 */
export interface ProblemReanalyzeEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'REANALYZE';
  /** Why the analysis restarts (required). */
  readonly reason: string;
}

/**
 * Closes a resolved problem.
 *
 * @example
 * ```ts
 * const e: ProblemCloseEvent = { type: 'CLOSE', at: '2026-03-20T09:00:00Z' };
 * ```
 * @category Problem
 */
export interface ProblemCloseEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'CLOSE';
}

/**
 * Records what was learned: statement, cause, workaround, fix, affected services and CIs, assignment.
 *
 * @example
 * ```ts
 * const e: ProblemUpdateEvent = { type: 'UPDATE', at: '2026-03-09T12:00:00Z', workaround: 'Reconnect the VPN', affectedServices: ['vpn'] };
 * ```
 * @category Problem
 */
export interface ProblemUpdateEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'UPDATE';
  /** A better problem statement. */
  readonly statement?: string;
  /** The priority. */
  readonly priority?: number;
  /** The assignment group. */
  readonly group?: string | null;
  /** The coordinator. */
  readonly assignee?: string | null;
  /** The root cause found so far. */
  readonly cause?: string | null;
  /** A workaround. */
  readonly workaround?: string | null;
  /** The planned or applied fix. */
  readonly fix?: string | null;
  /** Ids of the services affected (replaces the list). */
  readonly affectedServices?: readonly string[];
  /** Ids of the configuration items affected (replaces the list). */
  readonly affectedCis?: readonly string[];
  /** A work note. */
  readonly comment?: string;
}

/**
 * Publishes the problem as a known error ({@link KnownError}); needs a workaround (given here or recorded
 * before).
 *
 * @example
 * ```ts
 * const e: ProblemPublishKnownErrorEvent = { type: 'PUBLISH_KNOWN_ERROR', at: '2026-03-09T12:30:00Z', workaround: 'Reconnect the VPN' };
 * ```
 * @category Problem
 */
export interface ProblemPublishKnownErrorEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'PUBLISH_KNOWN_ERROR';
  /** The workaround to publish (required unless recorded before). */
  readonly workaround?: string;
}

/**
 * Links an incident caused by this problem.
 *
 * @example
 * ```ts
 * const e: ProblemLinkIncidentEvent = { type: 'LINK_INCIDENT', at: '2026-03-09T12:00:00Z', incidentId: 'INC0043' };
 * ```
 * @category Problem
 */
export interface ProblemLinkIncidentEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'LINK_INCIDENT';
  /** The incident's id. */
  readonly incidentId: string;
}

/**
 * Unlinks an incident.
 *
 * @example
 * ```ts
 * const e: ProblemUnlinkIncidentEvent = { type: 'UNLINK_INCIDENT', at: '2026-03-09T12:00:00Z', incidentId: 'INC0043' };
 * ```
 * @category Problem
 */
export interface ProblemUnlinkIncidentEvent extends ProblemEventBase {
  /** Event discriminant. */
  readonly type: 'UNLINK_INCIDENT';
  /** The incident's id. */
  readonly incidentId: string;
}

/**
 * Every event {@link problemMachine} understands.
 *
 * @example
 * ```ts
 * const e: ProblemEvent = { type: 'CONFIRM', at: '2026-03-09T11:00:00Z' };
 * ```
 * @category Problem
 */
export type ProblemEvent =
  | ProblemAssessEvent
  | ProblemConfirmEvent
  | ProblemStartFixEvent
  | ProblemResolveEvent
  | ProblemAcceptRiskEvent
  | ProblemMarkDuplicateEvent
  | ProblemCancelEvent
  | ProblemReanalyzeEvent
  | ProblemCloseEvent
  | ProblemUpdateEvent
  | ProblemPublishKnownErrorEvent
  | ProblemLinkIncidentEvent
  | ProblemUnlinkIncidentEvent;

/**
 * The `type` of a {@link ProblemEvent}.
 *
 * @example
 * ```ts
 * const t: ProblemEventType = 'REANALYZE';
 * ```
 * @category Problem
 */
export type ProblemEventType = ProblemEvent['type'];

/**
 * One audit entry of a problem, in the same `{ at, type, set }` shape as incident history (so an SLA can be
 * evaluated on problems too). `set` always includes `state` when the state changed.
 *
 * @example
 * ```ts
 * const e: ProblemHistoryEntry = { at: '2026-03-09T11:00:00.000Z', type: 'CONFIRM', set: { state: 'root_cause_analysis' } };
 * ```
 * @category Problem
 */
export interface ProblemHistoryEntry {
  /** The instant, as `new Date(ms).toISOString()`. */
  readonly at: string;
  /** `CREATE` or the {@link ProblemEventType}. */
  readonly type: string;
  /** The fields the event set. */
  readonly set?: Readonly<Record<string, unknown>>;
}

/**
 * The context of {@link problemMachine}: plain JSON, instants as ISO 8601 UTC strings.
 *
 * @example
 * ```ts
 * const ctx: ProblemContext = startProblem({ at: '2026-03-09T10:00:00Z', statement: 'VPN drops' }).context;
 * ```
 * @category Problem
 */
export interface ProblemContext {
  /** The problem number, if given. */
  readonly id: string | null;
  /** When the problem was opened. */
  readonly openedAt: string;
  /** The instant of the last accepted event. */
  readonly updatedAt: string;
  /** The problem statement (symptom). */
  readonly statement: string;
  /** The priority, if set. */
  readonly priority: number | null;
  /** The assignment group. */
  readonly group: string | null;
  /** The coordinator. */
  readonly assignee: string | null;
  /** The root cause, once known. */
  readonly cause: string | null;
  /** The workaround, once known. */
  readonly workaround: string | null;
  /** The planned or applied fix. */
  readonly fix: string | null;
  /** Ids of the services affected. */
  readonly affectedServices: readonly string[];
  /** Ids of the configuration items affected. */
  readonly affectedCis: readonly string[];
  /** Ids of the linked incidents (no duplicates). */
  readonly linkedIncidents: readonly string[];
  /** The published known-error record, if any. */
  readonly knownError: KnownError | null;
  /** How it ended; `null` while open or re-analysed. */
  readonly resolutionCode: ProblemResolutionCode | null;
  /** Fix notes, risk-acceptance or cancellation reason. */
  readonly resolutionNotes: string | null;
  /** The original problem when resolved as a duplicate. */
  readonly duplicateOf: string | null;
  /** When it was last resolved. */
  readonly resolvedAt: string | null;
  /** When it was closed or canceled. */
  readonly closedAt: string | null;
  /** How many times the problem went back from resolved to root-cause analysis. */
  readonly reanalysisCount: number;
  /** One entry per accepted event, creation first. */
  readonly history: readonly ProblemHistoryEntry[];
}
