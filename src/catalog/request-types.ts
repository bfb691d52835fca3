import type { Instant } from '../core/instant.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { ApprovalPolicy } from '../change/approval-policy.js';
import type { ApprovalVote } from '../change/approvals.js';
import type { SlaDefinition } from '../sla/definition.js';
import type { CatalogItem } from './schema.js';

/**
 * Where a service request stands (ServiceNow's request item, ITIL 4 service request management).
 *
 * @example
 * ```ts
 * const s: ServiceRequestState = 'awaiting_approval';
 * ```
 * @category Service requests
 */
export type ServiceRequestState = 'submitted' | 'awaiting_approval' | 'approved' | 'fulfilling' | 'fulfilled' | 'closed' | 'rejected' | 'canceled';

/**
 * What opens a service request: the catalogue item (as stored in the catalogue), who it is for, the approval
 * policy of the item (from the change module's approval policies, `null` when the item needs no approval) and
 * the fulfilment SLA definition. {@link serviceRequestInput} builds it from a catalogue.
 *
 * @example
 * ```ts
 * const input: ServiceRequestInput = { at: '2026-03-09T09:00:00Z', item: { id: 'laptop', name: 'Laptop', service: 'workplace' }, requestedFor: 'kim' };
 * ```
 * @category Service requests
 */
export interface ServiceRequestInput {
  readonly at: Instant;
  readonly id?: string;
  readonly item: CatalogItem;
  readonly requestedFor?: string | null;
  readonly policy?: ApprovalPolicy | null;
  readonly fulfilmentSla?: SlaDefinition | null;
}

/**
 * A vote as the request keeps it (instants as ISO 8601 UTC text).
 *
 * @example
 * ```ts
 * const v: StoredRequestVote = { voter: 'ann', decision: 'approve', at: '2026-03-09T10:00:00.000Z' };
 * ```
 * @category Service requests
 */
export interface StoredRequestVote {
  readonly voter: string;
  readonly decision: ApprovalVote['decision'];
  readonly at: string;
  readonly group?: string;
  readonly comment?: string;
}

/**
 * A fulfilment task of the request, from the item's tasks.
 *
 * @example
 * ```ts
 * const t: ServiceRequestTask = { id: 'ship', name: 'Ship the laptop', completedAt: null };
 * ```
 * @category Service requests
 */
export interface ServiceRequestTask {
  readonly id: string;
  readonly name: string;
  readonly completedAt: string | null;
}

/**
 * The context of {@link serviceRequestMachine}: plain JSON, persisted with the snapshot.
 *
 * @example
 * ```ts
 * const open = snapshot.context.tasks.filter((t) => t.completedAt === null);
 * ```
 * @category Service requests
 */
export interface ServiceRequestContext {
  readonly id: string | null;
  readonly item: CatalogItem;
  readonly requestedFor: string | null;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly policy: ApprovalPolicy | null;
  readonly votes: readonly StoredRequestVote[];
  readonly tasks: readonly ServiceRequestTask[];
  readonly assignee: string | null;
  readonly fulfilmentSla: SlaDefinition | null;
  readonly approvedAt: string | null;
  readonly fulfilledAt: string | null;
  readonly closedAt: string | null;
  readonly cancelReason: string | null;
  readonly history: readonly LifecycleHistoryEntry[];
}

/**
 * An event of a service request. Fields a guard requires are optional in the type so that their absence is
 * reported by the guard's rule (with `missing`), not as a malformed event.
 *
 * - `REQUEST_APPROVAL` (`submitted` → `awaiting_approval`): the item has an approval policy.
 * - `VOTE` (stays `awaiting_approval`): an approver's vote (`voter`, `decision`, optional `group`, `comment`).
 * - `APPROVE` (→ `approved`): from `submitted` when no approval is needed, from `awaiting_approval` once the
 *   policy approves the votes.
 * - `REJECT` (→ `rejected`): once the policy rejects the votes.
 * - `START_FULFILMENT` (`approved` → `fulfilling`): needs an `assignee`.
 * - `COMPLETE_TASK` (stays `fulfilling`): `taskId` of an open task.
 * - `FULFIL` (→ `fulfilled`): every task is complete. `CLOSE` (`fulfilled` → `closed`).
 * - `CANCEL` (any open state before `fulfilled` → `canceled`): needs a `reason`.
 *
 * @example
 * ```ts
 * const e: ServiceRequestEvent = { type: 'COMPLETE_TASK', at: '2026-03-10T11:00:00Z', taskId: 'ship' };
 * ```
 * @category Service requests
 */
export type ServiceRequestEvent =
  | { readonly type: 'REQUEST_APPROVAL'; readonly at: Instant }
  | { readonly type: 'VOTE'; readonly at: Instant; readonly voter?: string; readonly decision?: ApprovalVote['decision']; readonly group?: string; readonly comment?: string }
  | { readonly type: 'APPROVE'; readonly at: Instant }
  | { readonly type: 'REJECT'; readonly at: Instant }
  | { readonly type: 'START_FULFILMENT'; readonly at: Instant; readonly assignee?: string }
  | { readonly type: 'COMPLETE_TASK'; readonly at: Instant; readonly taskId?: string; readonly notes?: string }
  | { readonly type: 'FULFIL'; readonly at: Instant }
  | { readonly type: 'CLOSE'; readonly at: Instant }
  | { readonly type: 'CANCEL'; readonly at: Instant; readonly reason?: string };

/**
 * The type of a {@link ServiceRequestEvent}.
 *
 * @example
 * ```ts
 * const t: ServiceRequestEventType = 'FULFIL';
 * ```
 * @category Service requests
 */
export type ServiceRequestEventType = ServiceRequestEvent['type'];
