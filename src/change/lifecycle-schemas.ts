// Internal zod schemas of change input, events and persisted contexts.
import { z } from 'zod';
import { InstantSchema } from '../core/schema.js';
import { HistoryEntrySchema, StoredInstantSchema } from '../lifecycle/history.js';
import { ApprovalPolicySchema } from './approval-policy.js';
import { CHANGE_MODELS } from './change-model.js';
import { RISK_LEVELS } from './risk-model.js';
import type { ChangeEventType, ChangeOutcome, ChangeState } from './lifecycle-types.js';

/** @internal */
export const CHANGE_STATES = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'] as const satisfies readonly ChangeState[];

/** @internal */
export const CHANGE_EVENT_TYPES = [
  'UPDATE', 'CHANGE_MODEL', 'ASSESS', 'REQUEST_AUTHORIZATION', 'VOTE', 'REJECT', 'SCHEDULE', 'IMPLEMENT', 'COMPLETE', 'CLOSE', 'CANCEL',
] as const satisfies readonly ChangeEventType[];

/** @internal */
export const CHANGE_OUTCOMES = ['successful', 'successful_with_issues', 'failed', 'backed_out'] as const satisfies readonly ChangeOutcome[];

const Name = z.string().min(1, 'must not be empty');
const at = InstantSchema;
const Text = z.string().nullable().optional();
const Model = z.enum(CHANGE_MODELS);
const Risk = z.enum(RISK_LEVELS);
const Outcome = z.enum(CHANGE_OUTCOMES);
const Decision = z.enum(['approve', 'reject', 'abstain']);

/** @internal */
export const ChangeInputSchema = z.object({
  at,
  id: Name.optional(),
  model: Model.optional(),
  templateId: Name.nullable().optional(),
  description: Text,
  cis: z.array(Name).optional(),
  assignee: Name.nullable().optional(),
  plannedStart: InstantSchema.nullable().optional(),
  plannedEnd: InstantSchema.nullable().optional(),
  implementationPlan: Text,
  backoutPlan: Text,
  testPlan: Text,
  riskLevel: Risk.nullable().optional(),
  approvalPolicies: z.array(ApprovalPolicySchema).optional(),
});

// Fields required by a guard are optional here so that their absence is reported by the guard's own rule.
/** @internal */
export const ChangeEventSchemas: Record<ChangeEventType, z.ZodType> = {
  UPDATE: z.object({
    at, templateId: Name.nullable().optional(), description: Text, cis: z.array(Name).optional(), assignee: Name.nullable().optional(),
    plannedStart: InstantSchema.nullable().optional(), plannedEnd: InstantSchema.nullable().optional(),
    implementationPlan: Text, backoutPlan: Text, testPlan: Text, riskLevel: Risk.nullable().optional(), comment: z.string().optional(),
  }),
  CHANGE_MODEL: z.object({ at, model: Model.optional() }),
  ASSESS: z.object({ at }),
  REQUEST_AUTHORIZATION: z.object({ at }),
  VOTE: z.object({ at, voter: z.string().optional(), decision: Decision.optional(), group: Name.optional(), comment: z.string().optional() }),
  REJECT: z.object({ at, reason: z.string().optional() }),
  SCHEDULE: z.object({ at, plannedStart: InstantSchema.optional(), plannedEnd: InstantSchema.optional() }),
  IMPLEMENT: z.object({ at }),
  COMPLETE: z.object({ at, outcome: Outcome.optional() }),
  CLOSE: z.object({ at, outcome: Outcome.optional(), reviewNotes: z.string().optional() }),
  CANCEL: z.object({ at, reason: z.string().optional() }),
};

const Iso = StoredInstantSchema;

/** @internal */
export const ChangeContextSchema = z.object({
  id: z.string().nullable(),
  model: Model,
  templateId: z.string().nullable(),
  description: z.string().nullable(),
  cis: z.array(z.string()),
  assignee: z.string().nullable(),
  plannedStart: Iso.nullable(),
  plannedEnd: Iso.nullable(),
  implementationPlan: z.string().nullable(),
  backoutPlan: z.string().nullable(),
  testPlan: z.string().nullable(),
  riskLevel: Risk.nullable(),
  approvalPolicies: z.array(ApprovalPolicySchema),
  votes: z.array(z.object({ voter: z.string(), decision: Decision, at: Iso, group: z.string().optional(), comment: z.string().optional() })),
  edits: z.array(z.object({ at: Iso, fields: z.array(z.string()) })),
  outcome: Outcome.nullable(),
  reviewNotes: z.string().nullable(),
  rejectionCount: z.number().int().min(0),
  cancelReason: z.string().nullable(),
  openedAt: Iso,
  updatedAt: Iso,
  implementedAt: Iso.nullable(),
  completedAt: Iso.nullable(),
  closedAt: Iso.nullable(),
  history: z.array(HistoryEntrySchema).min(1),
});

/** Whether a value is a non-blank text. */
export function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
