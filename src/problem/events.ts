import type { Instant } from '../core/instant.js';

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
