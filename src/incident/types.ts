import type { Instant } from '../core/instant.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { PriorityMatrix } from './priority.js';

/**
 * The states of {@link incidentMachine}. `closed` and `canceled` are final.
 *
 * @example
 * ```ts
 * const open: IncidentState[] = ['new', 'in_progress', 'on_hold'];
 * ```
 * @category Incident
 */
export type IncidentState = 'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'canceled';

/**
 * Why an incident is on hold (ServiceNow's on-hold reasons, plus the log's "Awaiting Evidence").
 * `awaiting_caller` requires a comment telling the caller what is needed.
 *
 * @example
 * ```ts
 * const reason: HoldReason = 'awaiting_vendor';
 * ```
 * @category Incident
 */
export type HoldReason = 'awaiting_caller' | 'awaiting_change' | 'awaiting_problem' | 'awaiting_vendor' | 'awaiting_evidence';

/**
 * Where an incident stands in major-incident management: never proposed, proposed as a candidate, accepted
 * as a major incident, or rejected (it may be proposed again).
 *
 * @example
 * ```ts
 * const m: MajorIncidentStatus = 'proposed';
 * ```
 * @category Incident
 */
export type MajorIncidentStatus = 'none' | 'proposed' | 'accepted' | 'rejected';

/**
 * A value of a custom ticket field (`category`, `service`, ...) recorded in `history[].set`.
 *
 * @example
 * ```ts
 * const fields: Record<string, IncidentFieldValue> = { category: 'network', vip: true };
 * ```
 * @category Incident
 */
export type IncidentFieldValue = string | number | boolean | null;

/**
 * What a host passes to create an incident (the machine's `input`). Impact and urgency default to the
 * matrix's defaults (ServiceNow: 3 and 3, priority 5).
 *
 * @example
 * ```ts
 * const input: IncidentInput = { at: '2026-03-09T08:00:00Z', impact: 2, urgency: 1, group: 'Service Desk' };
 * ```
 * @category Incident
 */
export interface IncidentInput {
  /** When the incident was opened. */
  readonly at: Instant;
  /** The ticket number, kept in the context and the creation entry. */
  readonly id?: string;
  /** Impact level, 1-based row of the priority matrix (1 = highest in ServiceNow). */
  readonly impact?: number;
  /** Urgency level, 1-based column of the priority matrix. */
  readonly urgency?: number;
  /** The assignment group. */
  readonly group?: string | null;
  /** The person assigned. */
  readonly assignee?: string | null;
  /** Custom fields to record (names must not be one of the reserved field names). */
  readonly fields?: Readonly<Record<string, IncidentFieldValue>>;
  /** The impact × urgency → priority matrix; defaults to {@link serviceNowPriorityMatrix}. */
  readonly matrix?: PriorityMatrix;
}

/**
 * The context of {@link incidentMachine}: plain JSON, so a persisted snapshot survives `JSON.stringify` /
 * `JSON.parse` unchanged. Instants are ISO 8601 UTC strings.
 *
 * @example
 * ```ts
 * const ctx: IncidentContext = openIncident({ at: '2026-03-09T08:00:00Z' }).context;
 * ctx.priority; // 5
 * ```
 * @category Incident
 */
export interface IncidentContext {
  /** The ticket number, if given at creation. */
  readonly id: string | null;
  /** When the incident was opened. */
  readonly openedAt: string;
  /** The instant of the last accepted event (creation included). */
  readonly updatedAt: string;
  /** Current impact level. */
  readonly impact: number;
  /** Current urgency level. */
  readonly urgency: number;
  /** Derived from impact and urgency with `matrix`. */
  readonly priority: number;
  /** The priority matrix the incident was created with. */
  readonly matrix: PriorityMatrix;
  /** The assignment group. */
  readonly group: string | null;
  /** The person assigned. */
  readonly assignee: string | null;
  /** How many times the assignment group changed (ServiceNow's `reassignment_count`). */
  readonly reassignmentCount: number;
  /** How many times the incident was reopened (ServiceNow's `reopen_count`). */
  readonly reopenCount: number;
  /** Why it is on hold; `null` unless the state is `on_hold`. */
  readonly holdReason: HoldReason | null;
  /** Major-incident status. */
  readonly major: MajorIncidentStatus;
  /** The resolution code while resolved or closed. */
  readonly resolutionCode: string | null;
  /** The resolution notes while resolved or closed. */
  readonly resolutionNotes: string | null;
  /** When it was last resolved; `null` when not resolved. */
  readonly resolvedAt: string | null;
  /** When it was closed or canceled. */
  readonly closedAt: string | null;
  /** Custom fields. */
  readonly fields: Readonly<Record<string, IncidentFieldValue>>;
  /**
   * One entry per accepted event, creation first: the event shape `evaluateSla` consumes. Field names in `set`:
   * `state`, `holdReason`, `impact`, `urgency`, `priority`, `group`, `assignee`, `major`, `resolutionCode`,
   * `resolutionNotes`, `reopenCount`, `reassignmentCount`, `comment`, `reopenReason`, `cancelReason`,
   * `majorRejectReason`, `id`, `matrix` (on `CREATE`, when one was given), plus custom fields.
   */
  readonly history: readonly LifecycleHistoryEntry[];
}
