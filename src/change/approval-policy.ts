import { z } from 'zod';
import { toSafe, validationError, type SafeResult, type ValidationIssue, foreignError } from '../core/errors.js';
import { frozenCopy } from '../core/freeze.js';
import { issuesFromZod } from '../core/schema.js';
import { CHANGE_MODELS, type ChangeModel } from './change-model.js';
import { RISK_LEVELS, type RiskLevel } from './risk-model.js';

/**
 * How many approvals a group (or how many approved groups a policy) needs: every one, any one, a count, or
 * a fraction (`{ fraction: 0.5 }` is a half, rounded up: 2 of 3, 3 of 5).
 *
 * @example
 * ```ts
 * const cab: ApprovalRule = { fraction: 0.6 };
 * ```
 * @category Approvals
 */
export type ApprovalRule = 'all' | 'any' | { readonly quorum: number } | { readonly fraction: number };

const Id = z.string().min(1, 'must be a non-empty string');

const ApprovalRuleSchema = z.union([
  z.literal('all'),
  z.literal('any'),
  z.object({ quorum: z.number().int().min(1, 'a quorum is at least 1') }).strict(),
  z.object({ fraction: z.number().gt(0, 'a fraction is above 0').lte(1, 'a fraction is at most 1') }).strict(),
]);

/** The fields whose change makes earlier votes stale, unless a policy names its own. @internal */
export const DEFAULT_MATERIAL_FIELDS = ['plannedStart', 'plannedEnd', 'cis', 'riskLevel', 'implementationPlan'] as const;

/**
 * The zod schema of an {@link ApprovalPolicy}.
 *
 * @example
 * ```ts
 * ApprovalPolicySchema.parse({ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob', 'cy'], rule: { quorum: 2 } }] });
 * ```
 * @category Approvals
 */
export const ApprovalPolicySchema = z
  .object({
    id: Id,
    appliesTo: z.object({ riskLevels: z.array(z.enum(RISK_LEVELS)).optional(), models: z.array(z.enum(CHANGE_MODELS)).optional() }).strict().optional(),
    rule: ApprovalRuleSchema.optional(),
    groups: z.array(z.object({ id: Id, members: z.array(Id).min(1, 'a group needs at least one member'), rule: ApprovalRuleSchema.optional() }).strict()).min(1, 'a policy needs at least one group'),
    onReject: z.enum(['immediately', 'after_all_responses']).optional(),
    abstentions: z.enum(['count', 'ignore']).optional(),
    materialFields: z.array(Id).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const issue of crossIssues(p)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { code: issue.code } });
  });

/**
 * Who must approve a change and how votes combine (CAB rules in the ServiceNow and Jira Service Management
 * spirit). Each group decides by its `rule` (default `any`), the policy by its `rule` over groups (default
 * `all`). `onReject` (default `immediately`) says whether a rejection that makes approval impossible rejects at
 * once or only once every member has responded. `abstentions` (default `ignore`): `ignore` leaves abstaining
 * members out of their group for this decision; `count` makes an abstention a response that is not an
 * approval. A vote given before a change to one of `materialFields` (default: planned window, CIs, risk level,
 * implementation plan) is stale. `appliesTo` selects the policy by risk level and change model.
 *
 * @example
 * ```ts
 * const policy: ApprovalPolicy = {
 *   id: 'high-risk', appliesTo: { riskLevels: ['high', 'very_high'] },
 *   groups: [{ id: 'cab', members: ['ann', 'bob', 'cy'], rule: { fraction: 0.6 } }, { id: 'owner', members: ['dee'] }],
 *   onReject: 'after_all_responses',
 * };
 * ```
 * @category Approvals
 */
export interface ApprovalPolicy {
  readonly id: string;
  readonly appliesTo?: { readonly riskLevels?: readonly RiskLevel[] | undefined; readonly models?: readonly ChangeModel[] | undefined } | undefined;
  readonly rule?: ApprovalRule | undefined;
  readonly groups: ReadonlyArray<{ readonly id: string; readonly members: readonly string[]; readonly rule?: ApprovalRule | undefined }>;
  readonly onReject?: 'immediately' | 'after_all_responses' | undefined;
  readonly abstentions?: 'count' | 'ignore' | undefined;
  readonly materialFields?: readonly string[] | undefined;
}

function crossIssues(p: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const groups = p['groups'];
  if (!Array.isArray(groups)) return issues;
  const ids = new Set<unknown>();
  groups.forEach((g: unknown, i) => {
    if (g === null || typeof g !== 'object') return;
    const group = g as Record<string, unknown>;
    if (ids.has(group['id'])) issues.push({ code: 'duplicate_id', path: ['groups', i, 'id'], message: `"${String(group['id'])}" is already the id of another group` });
    ids.add(group['id']);
    const members = group['members'];
    if (Array.isArray(members)) {
      members.forEach((m, j) => { if (members.indexOf(m) !== j) issues.push({ code: 'duplicate_member', path: ['groups', i, 'members', j], message: 'is listed twice' }); });
      const q = (group['rule'] as Record<string, unknown> | undefined)?.['quorum'];
      if (typeof q === 'number' && q > members.length) issues.push({ code: 'quorum_too_large', path: ['groups', i, 'rule', 'quorum'], message: `is ${q} but the group has ${members.length} members` });
    }
  });
  const q = (p['rule'] as Record<string, unknown> | undefined)?.['quorum'];
  if (typeof q === 'number' && q > groups.length) issues.push({ code: 'quorum_too_large', path: ['rule', 'quorum'], message: `is ${q} but the policy has ${groups.length} groups` });
  return issues;
}

// Policies made by createApprovalPolicy (validated and frozen): evaluateApprovals trusts them without a check.
const created = new WeakSet<object>();

/** Whether a value is a policy made by `createApprovalPolicy` (no check needed). @internal */
export function isCreatedApprovalPolicy(value: unknown): value is ApprovalPolicy {
  return typeof value === 'object' && value !== null && created.has(value);
}

/**
 * Validates an approval policy and returns it deep-frozen.
 *
 * @param input - Untrusted JSON.
 * @returns The policy.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path.
 * @example
 * ```ts
 * const policy = createApprovalPolicy({ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] });
 * ```
 * @category Approvals
 */
export function createApprovalPolicy(input: unknown): ApprovalPolicy {
  try {
    const r = ApprovalPolicySchema.safeParse(input);
    if (r.success) {
      const policy = frozenCopy(r.data) as ApprovalPolicy;
      created.add(policy);
      return policy;
    }
    const issues = issuesFromZod(r.error);
    if (input !== null && typeof input === 'object') {
      for (const extra of crossIssues(input as Record<string, unknown>)) {
        if (!issues.some((i) => i.path.join('.') === extra.path.join('.') && i.code === extra.code)) issues.push(extra);
      }
    }
    throw validationError('approval policy', issues);
  } catch (e) {
    throw foreignError(e);
  }
}

/**
 * {@link createApprovalPolicy} without throwing.
 *
 * @param input - Untrusted JSON.
 * @returns `{ success: true, data }` or `{ success: false, error }` with every issue.
 * @example
 * ```ts
 * const r = safeCreateApprovalPolicy(json);
 * if (!r.success) console.error(r.error.issues);
 * ```
 * @category Approvals
 */
export function safeCreateApprovalPolicy(input: unknown): SafeResult<ApprovalPolicy> {
  return toSafe(() => createApprovalPolicy(input));
}
