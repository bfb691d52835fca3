import type { Instant } from '../core/instant.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { ApprovalPolicy } from './approval-policy.js';
import type { ApprovalVote } from './approvals.js';
import type { ChangeModel } from './change-model.js';
import type { RiskLevel } from './risk-model.js';

/**
 * The states of the change machines. `closed` and `canceled` are final; `standard` changes skip `assess` and
 * `authorize`, `emergency` ones skip `assess`.
 *
 * @example
 * ```ts
 * const s: ChangeState = 'authorize';
 * ```
 * @category Lifecycle
 */
export type ChangeState = 'new' | 'assess' | 'authorize' | 'scheduled' | 'implement' | 'review' | 'closed' | 'canceled';

/**
 * How an implemented change turned out, recorded at review (the metrics module's change success and failure
 * rates read it).
 *
 * @example
 * ```ts
 * const o: ChangeOutcome = 'backed_out';
 * ```
 * @category Lifecycle
 */
export type ChangeOutcome = 'successful' | 'successful_with_issues' | 'failed' | 'backed_out';

/**
 * The fields of a change a host sets when opening it ({@link ChangeInput}) or edits later ({@link ChangeUpdateEvent}).
 *
 * @example
 * ```ts
 * const plan: ChangeFields = { cis: ['db-01'], plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-05T23:00:00Z' };
 * ```
 * @category Lifecycle
 */
export interface ChangeFields {
  /** The pre-approved template of a standard change. */
  readonly templateId?: string | null;
  readonly description?: string | null;
  /** The configuration items the change touches. */
  readonly cis?: readonly string[];
  readonly assignee?: string | null;
  readonly plannedStart?: Instant | null;
  readonly plannedEnd?: Instant | null;
  readonly implementationPlan?: string | null;
  readonly backoutPlan?: string | null;
  readonly testPlan?: string | null;
  /** The assessed risk (from {@link assessChangeRisk}). */
  readonly riskLevel?: RiskLevel | null;
}

/**
 * What a host passes to open a change (the machines' `input`). Everything but `at` may also come later with
 * `UPDATE`.
 *
 * @example
 * ```ts
 * const input: ChangeInput = { at: '2026-12-01T09:00:00Z', id: 'CHG0001', model: 'normal', description: 'Patch db-01', cis: ['db-01'] };
 * ```
 * @category Lifecycle
 */
export interface ChangeInput extends ChangeFields {
  /** When the change was opened. */
  readonly at: Instant;
  readonly id?: string;
  /** The change model (default `normal`). */
  readonly model?: ChangeModel;
  /** The policies that decide approval, most specific first (see {@link evaluateApprovals}). */
  readonly approvalPolicies?: readonly ApprovalPolicy[];
}

/**
 * A vote as the machines store it (instants as ISO 8601 UTC text).
 *
 * @example
 * ```ts
 * const v: StoredChangeVote = { voter: 'ann', decision: 'approve', at: '2026-12-02T10:00:00.000Z' };
 * ```
 * @category Lifecycle
 */
export interface StoredChangeVote {
  readonly voter: string;
  readonly decision: ApprovalVote['decision'];
  readonly at: string;
  readonly group?: string;
  readonly comment?: string;
}

/**
 * The context of the change machines: plain JSON, instants as ISO 8601 UTC strings.
 *
 * @example
 * ```ts
 * const ctx: ChangeContext = openChange({ at: '2026-12-01T09:00:00Z' }).context;
 * ctx.model; // 'normal'
 * ```
 * @category Lifecycle
 */
export interface ChangeContext {
  readonly id: string | null;
  readonly model: ChangeModel;
  readonly templateId: string | null;
  readonly description: string | null;
  readonly cis: readonly string[];
  readonly assignee: string | null;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly implementationPlan: string | null;
  readonly backoutPlan: string | null;
  readonly testPlan: string | null;
  readonly riskLevel: RiskLevel | null;
  readonly approvalPolicies: readonly ApprovalPolicy[];
  /** Votes given since the change last entered authorisation (a rejection clears them). */
  readonly votes: readonly StoredChangeVote[];
  /** Which fields each `UPDATE` changed, and when (what makes earlier votes stale). */
  readonly edits: ReadonlyArray<{ readonly at: string; readonly fields: readonly string[] }>;
  readonly outcome: ChangeOutcome | null;
  /** The post-implementation review (mandatory for emergency changes). */
  readonly reviewNotes: string | null;
  readonly rejectionCount: number;
  readonly cancelReason: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  /** When implementation started. */
  readonly implementedAt: string | null;
  /** When implementation ended (`COMPLETE`). */
  readonly completedAt: string | null;
  /** When the change was closed or canceled. */
  readonly closedAt: string | null;
  readonly history: readonly LifecycleHistoryEntry[];
}

/**
 * Fields every change event carries.
 *
 * @example
 * ```ts
 * const base: ChangeEventBase = { at: '2026-12-01T09:05:00Z' };
 * ```
 * @category Lifecycle
 */
export interface ChangeEventBase {
  /** When the event happened; never earlier than the previous accepted event. */
  readonly at: Instant;
}

/**
 * Edits the change's fields (in any state but the final ones). Changing the planned window, the CIs, the risk
 * level or the implementation plan makes earlier votes stale.
 *
 * @example
 * ```ts
 * const e: ChangeUpdateEvent = { type: 'UPDATE', at: '2026-12-01T10:00:00Z', plannedStart: '2026-12-05T22:00:00Z', riskLevel: 'high' };
 * ```
 * @category Lifecycle
 */
export interface ChangeUpdateEvent extends ChangeEventBase, ChangeFields {
  readonly type: 'UPDATE';
  readonly comment?: string;
}

/**
 * Changes the model of a change: only in `new`, and only while no vote has been given.
 *
 * @example
 * ```ts
 * const e: ChangeModelEvent = { type: 'CHANGE_MODEL', at: '2026-12-01T09:10:00Z', model: 'emergency' };
 * ```
 * @category Lifecycle
 */
export interface ChangeModelEvent extends ChangeEventBase {
  readonly type: 'CHANGE_MODEL';
  readonly model: ChangeModel;
}

/**
 * Starts the assessment of a normal change (`new` → `assess`); needs a description and at least one CI.
 *
 * @example
 * ```ts
 * const e: ChangeAssessEvent = { type: 'ASSESS', at: '2026-12-01T09:15:00Z' };
 * ```
 * @category Lifecycle
 */
export interface ChangeAssessEvent extends ChangeEventBase {
  readonly type: 'ASSESS';
}

/**
 * Asks for authorisation (`assess` → `authorize`; an emergency change from `new`): needs a description, at
 * least one CI and an assessed risk.
 *
 * @example
 * ```ts
 * const e: ChangeRequestAuthorizationEvent = { type: 'REQUEST_AUTHORIZATION', at: '2026-12-01T11:00:00Z' };
 * ```
 * @category Lifecycle
 */
export interface ChangeRequestAuthorizationEvent extends ChangeEventBase {
  readonly type: 'REQUEST_AUTHORIZATION';
}

/**
 * Records an approver's vote (in `authorize`).
 *
 * @example
 * ```ts
 * const e: ChangeVoteEvent = { type: 'VOTE', at: '2026-12-02T10:00:00Z', voter: 'ann', decision: 'approve' };
 * ```
 * @category Lifecycle
 */
export interface ChangeVoteEvent extends ChangeEventBase {
  readonly type: 'VOTE';
  readonly voter: string;
  readonly decision: ApprovalVote['decision'];
  readonly group?: string;
  readonly comment?: string;
}

/**
 * Rejects the change (`authorize` → `new`), clearing its votes; needs a reason.
 *
 * @example
 * ```ts
 * const e: ChangeRejectEvent = { type: 'REJECT', at: '2026-12-02T12:00:00Z', reason: 'No tested backout plan' };
 * ```
 * @category Lifecycle
 */
export interface ChangeRejectEvent extends ChangeEventBase {
  readonly type: 'REJECT';
  readonly reason: string;
}

/**
 * Schedules the change (`authorize` → `scheduled`; a standard change from `new`): needs planned start and end,
 * implementation, backout and test plans, an assessed risk, approval when leaving `authorize`, and a template
 * for a standard change. The planned window may be given here.
 *
 * @example
 * ```ts
 * const e: ChangeScheduleEvent = { type: 'SCHEDULE', at: '2026-12-02T13:00:00Z', plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-06T02:00:00Z' };
 * ```
 * @category Lifecycle
 */
export interface ChangeScheduleEvent extends ChangeEventBase {
  readonly type: 'SCHEDULE';
  readonly plannedStart?: Instant;
  readonly plannedEnd?: Instant;
}

/**
 * Starts implementation (`scheduled` → `implement`; an emergency change also from `authorize`): needs approval
 * per the policy (standard changes are pre-approved) and the planned window open at `at`.
 *
 * @example
 * ```ts
 * const e: ChangeImplementEvent = { type: 'IMPLEMENT', at: '2026-12-05T22:00:00Z' };
 * ```
 * @category Lifecycle
 */
export interface ChangeImplementEvent extends ChangeEventBase {
  readonly type: 'IMPLEMENT';
}

/**
 * Ends implementation (`implement` → `review`), optionally with the outcome.
 *
 * @example
 * ```ts
 * const e: ChangeCompleteEvent = { type: 'COMPLETE', at: '2026-12-06T01:30:00Z', outcome: 'successful' };
 * ```
 * @category Lifecycle
 */
export interface ChangeCompleteEvent extends ChangeEventBase {
  readonly type: 'COMPLETE';
  readonly outcome?: ChangeOutcome;
}

/**
 * Closes the change after review (`review` → `closed`): needs the outcome (here or at `COMPLETE`), and for an
 * emergency change the post-implementation review notes.
 *
 * @example
 * ```ts
 * const e: ChangeCloseEvent = { type: 'CLOSE', at: '2026-12-07T09:00:00Z', outcome: 'successful', reviewNotes: 'No incidents' };
 * ```
 * @category Lifecycle
 */
export interface ChangeCloseEvent extends ChangeEventBase {
  readonly type: 'CLOSE';
  readonly outcome?: ChangeOutcome;
  readonly reviewNotes?: string;
}

/**
 * Cancels the change (from every state but `review` and `closed`); needs a reason.
 *
 * @example
 * ```ts
 * const e: ChangeCancelEvent = { type: 'CANCEL', at: '2026-12-03T09:00:00Z', reason: 'Superseded by CHG0042' };
 * ```
 * @category Lifecycle
 */
export interface ChangeCancelEvent extends ChangeEventBase {
  readonly type: 'CANCEL';
  readonly reason: string;
}

/**
 * Every event of the change machines.
 *
 * @example
 * ```ts
 * const events: ChangeEvent[] = [{ type: 'ASSESS', at: '2026-12-01T09:15:00Z' }, { type: 'REQUEST_AUTHORIZATION', at: '2026-12-01T11:00:00Z' }];
 * ```
 * @category Lifecycle
 */
export type ChangeEvent =
  | ChangeUpdateEvent | ChangeModelEvent | ChangeAssessEvent | ChangeRequestAuthorizationEvent | ChangeVoteEvent | ChangeRejectEvent
  | ChangeScheduleEvent | ChangeImplementEvent | ChangeCompleteEvent | ChangeCloseEvent | ChangeCancelEvent;

/**
 * The type of a change event.
 *
 * @example
 * ```ts
 * const t: ChangeEventType = 'VOTE';
 * ```
 * @category Lifecycle
 */
export type ChangeEventType = ChangeEvent['type'];
