// The service request's table, schemas and guards: what the lifecycle kit calls to accept or refuse an event.
import { z } from 'zod';
import { InstantSchema } from '../core/schema.js';
import { quote } from '../core/describe.js';
import { HistoryEntrySchema, StoredInstantSchema } from '../lifecycle/history.js';
import type { LifecycleRule } from '../lifecycle/refusal.js';
import type { GuardRefusal } from '../lifecycle/spec.js';
import { ApprovalPolicySchema } from '../change/approval-policy.js';
import { evaluateApprovals, type ApprovalResult } from '../change/approvals.js';
import { SlaDefinitionSchema } from '../sla/definition.js';
import { ItemSchema } from './schema.js';
import type { ServiceRequestContext, ServiceRequestEvent, ServiceRequestEventType, ServiceRequestState } from './request-types.js';

export const REQUEST_STATES = ['submitted', 'awaiting_approval', 'approved', 'fulfilling', 'fulfilled', 'closed', 'rejected', 'canceled'] as const satisfies readonly ServiceRequestState[];
export const REQUEST_EVENT_TYPES = ['REQUEST_APPROVAL', 'VOTE', 'APPROVE', 'REJECT', 'START_FULFILMENT', 'COMPLETE_TASK', 'FULFIL', 'CLOSE', 'CANCEL'] as const satisfies readonly ServiceRequestEventType[];

/**
 * The documented transitions of {@link serviceRequestMachine}: for each state, the events it accepts and where
 * they lead (guards may still refuse). Events missing from a row are refused in that state.
 *
 * @example
 * ```ts
 * serviceRequestTransitions.awaiting_approval.APPROVE; // 'approved'
 * ```
 * @category Service requests
 */
export const serviceRequestTransitions: Readonly<Record<ServiceRequestState, Readonly<Partial<Record<ServiceRequestEventType, ServiceRequestState>>>>> = Object.freeze({
  submitted: Object.freeze({ REQUEST_APPROVAL: 'awaiting_approval', APPROVE: 'approved', CANCEL: 'canceled' }),
  awaiting_approval: Object.freeze({ VOTE: 'awaiting_approval', APPROVE: 'approved', REJECT: 'rejected', CANCEL: 'canceled' }),
  approved: Object.freeze({ START_FULFILMENT: 'fulfilling', CANCEL: 'canceled' }),
  fulfilling: Object.freeze({ COMPLETE_TASK: 'fulfilling', FULFIL: 'fulfilled', CANCEL: 'canceled' }),
  fulfilled: Object.freeze({ CLOSE: 'closed' }),
  closed: Object.freeze({}),
  rejected: Object.freeze({}),
  canceled: Object.freeze({}),
} as const);

/**
 * The ids of the rules that can refuse a service request event: the kit's {@link LifecycleRule}s and the
 * request's own.
 *
 * @example
 * ```ts
 * const rule: ServiceRequestRule = 'tasks_incomplete';
 * ```
 * @category Service requests
 */
export type ServiceRequestRule =
  | LifecycleRule
  | 'wrong_state'
  | 'no_approval_policy'
  | 'approval_required'
  | 'approval_pending'
  | 'approval_rejected'
  | 'not_rejected'
  | 'vote_needs_voter_and_decision'
  | 'not_an_approver'
  | 'fulfilment_needs_assignee'
  | 'unknown_task'
  | 'task_already_complete'
  | 'tasks_incomplete'
  | 'close_only_when_fulfilled'
  | 'reason_required';

const at = InstantSchema;
const Text = z.string().min(1, 'must not be empty');

export const RequestInputSchema = z.object({
  at,
  id: Text.optional(),
  item: ItemSchema,
  requestedFor: Text.nullable().optional(),
  policy: ApprovalPolicySchema.nullable().optional(),
  fulfilmentSla: SlaDefinitionSchema.nullable().optional(),
});

export const RequestEventSchemas: Record<ServiceRequestEventType, z.ZodType> = {
  REQUEST_APPROVAL: z.object({ at }),
  VOTE: z.object({ at, voter: z.string().optional(), decision: z.enum(['approve', 'reject', 'abstain']).optional(), group: Text.optional(), comment: z.string().optional() }),
  APPROVE: z.object({ at }),
  REJECT: z.object({ at }),
  START_FULFILMENT: z.object({ at, assignee: z.string().optional() }),
  COMPLETE_TASK: z.object({ at, taskId: z.string().optional(), notes: z.string().optional() }),
  FULFIL: z.object({ at }),
  CLOSE: z.object({ at }),
  CANCEL: z.object({ at, reason: z.string().optional() }),
};

const Iso = StoredInstantSchema;
export const RequestContextSchema = z.object({
  id: z.string().nullable(),
  item: ItemSchema,
  requestedFor: z.string().nullable(),
  openedAt: Iso,
  updatedAt: Iso,
  policy: ApprovalPolicySchema.nullable(),
  votes: z.array(z.object({ voter: z.string(), decision: z.enum(['approve', 'reject', 'abstain']), at: Iso, group: z.string().optional(), comment: z.string().optional() })),
  tasks: z.array(z.object({ id: z.string(), name: z.string(), completedAt: Iso.nullable() })),
  assignee: z.string().nullable(),
  fulfilmentSla: SlaDefinitionSchema.nullable(),
  approvedAt: Iso.nullable(),
  fulfilledAt: Iso.nullable(),
  closedAt: Iso.nullable(),
  cancelReason: z.string().nullable(),
  history: z.array(HistoryEntrySchema).min(1),
});

const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const refuse = (rule: ServiceRequestRule, reason: string, missing?: readonly string[]): GuardRefusal<ServiceRequestRule> =>
  missing && missing.length > 0 ? { rule, reason, missing } : { rule, reason };

/**
 * The approval of a request's votes under its policy (the change module's `evaluateApprovals`); the policy's
 * `appliesTo` (change risk levels and models) does not apply to requests and is ignored. @internal
 */
export function requestApproval(ctx: Pick<ServiceRequestContext, 'policy' | 'votes'>): ApprovalResult | null {
  if (ctx.policy === null) return null;
  const { appliesTo: _ignored, ...policy } = ctx.policy;
  return evaluateApprovals(policy, ctx.votes.map((v) => ({ ...v })), {});
}

/** The refusal when `state` does not accept `type`. @internal */
export function requestStateRefusal(state: ServiceRequestState, type: ServiceRequestEventType): GuardRefusal<ServiceRequestRule> {
  if (type === 'CLOSE') return { rule: 'close_only_when_fulfilled', reason: 'only a fulfilled request can be closed' };
  return { rule: 'wrong_state', reason: `a request in ${state} does not take ${type}` };
}

/** The request's own guards, run after the kit checked the state, the payload and the time order. @internal */
export function requestGuard(state: ServiceRequestState, ctx: ServiceRequestContext, event: ServiceRequestEvent): GuardRefusal<ServiceRequestRule> | null {
  switch (event.type) {
    case 'REQUEST_APPROVAL':
      return ctx.policy === null ? refuse('no_approval_policy', 'the item needs no approval; send APPROVE.') : null;
    case 'APPROVE': {
      if (state === 'submitted') return ctx.policy === null ? null : refuse('approval_required', `the item needs approval under policy ${quote(ctx.policy.id)}; send REQUEST_APPROVAL, then the votes.`);
      const r = requestApproval(ctx)!;
      if (r.status === 'approved') return null;
      return r.status === 'rejected' ? refuse('approval_rejected', `the votes reject the request (${r.reason}); send REJECT.`) : refuse('approval_pending', `approval is pending: ${r.reason}.`);
    }
    case 'REJECT': {
      const r = requestApproval(ctx)!;
      return r.status === 'rejected' ? null : refuse('not_rejected', `the votes do not reject the request (${r.status}: ${r.reason}).`);
    }
    case 'VOTE': {
      const missing = [...(filled(event.voter) ? [] : ['voter']), ...(event.decision === undefined ? ['decision'] : [])];
      if (missing.length > 0) return refuse('vote_needs_voter_and_decision', `a vote needs a voter and a decision; missing: ${missing.join(', ')}.`, missing);
      const groups = ctx.policy!.groups.filter((g) => event.group === undefined || g.id === event.group);
      return groups.some((g) => g.members.includes(event.voter!)) ? null : refuse('not_an_approver', `${quote(event.voter!)} is not a member of ${event.group === undefined ? 'any group' : `group ${quote(event.group)}`} of policy ${quote(ctx.policy!.id)}.`);
    }
    case 'START_FULFILMENT':
      return filled(event.assignee) ? null : refuse('fulfilment_needs_assignee', 'name who fulfils the request.', ['assignee']);
    case 'COMPLETE_TASK': {
      if (!filled(event.taskId)) return refuse('unknown_task', 'name the task.', ['taskId']);
      const task = ctx.tasks.find((t) => t.id === event.taskId);
      if (task === undefined) return refuse('unknown_task', `${quote(event.taskId)} is not a task of this request; its tasks are ${ctx.tasks.map((t) => t.id).join(', ') || 'none'}.`);
      return task.completedAt === null ? null : refuse('task_already_complete', `${quote(task.id)} was completed at ${task.completedAt}.`);
    }
    case 'FULFIL': {
      const open = ctx.tasks.filter((t) => t.completedAt === null).map((t) => t.id);
      return open.length === 0 ? null : refuse('tasks_incomplete', `every task must be complete first; open: ${open.join(', ')}.`);
    }
    case 'CANCEL':
      return filled(event.reason) ? null : refuse('reason_required', 'give a reason.', ['reason']);
    default:
      return null;
  }
}
