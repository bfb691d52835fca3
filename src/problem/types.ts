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
  readonly at: Instant;
  /** The problem number. */
  readonly id?: string;
  /** The problem statement: the symptom as users see it. */
  readonly statement: string;
  readonly priority?: number | null;
  readonly group?: string | null;
  readonly assignee?: string | null;
  readonly cause?: string | null;
  readonly workaround?: string | null;
  readonly affectedServices?: readonly string[];
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
  readonly type: 'ASSESS';
  readonly assignee: string;
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
  readonly type: 'START_FIX';
  readonly cause?: string;
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
  readonly type: 'RESOLVE';
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
  readonly type: 'ACCEPT_RISK';
  readonly reason: string;
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
  readonly type: 'CANCEL';
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
  readonly type: 'REANALYZE';
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
  readonly type: 'UPDATE';
  readonly statement?: string;
  readonly priority?: number;
  readonly group?: string | null;
  readonly assignee?: string | null;
  readonly cause?: string | null;
  readonly workaround?: string | null;
  readonly fix?: string | null;
  readonly affectedServices?: readonly string[];
  readonly affectedCis?: readonly string[];
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
  readonly type: 'PUBLISH_KNOWN_ERROR';
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
  readonly type: 'LINK_INCIDENT';
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
  readonly type: 'UNLINK_INCIDENT';
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
  readonly at: string;
  readonly type: string;
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
  readonly id: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly statement: string;
  readonly priority: number | null;
  readonly group: string | null;
  readonly assignee: string | null;
  readonly cause: string | null;
  readonly workaround: string | null;
  readonly fix: string | null;
  readonly affectedServices: readonly string[];
  readonly affectedCis: readonly string[];
  readonly linkedIncidents: readonly string[];
  /** The published known-error record, if any. */
  readonly knownError: KnownError | null;
  readonly resolutionCode: ProblemResolutionCode | null;
  readonly resolutionNotes: string | null;
  readonly duplicateOf: string | null;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  /** How many times the problem went back from resolved to root-cause analysis. */
  readonly reanalysisCount: number;
  readonly history: readonly ProblemHistoryEntry[];
}
