import { z } from 'zod';
import { frozenCopy } from '../core/freeze.js';
import { IsoDurationSchema, issuesFromZod } from '../core/schema.js';
import { parseDurationOrNull } from '../core/duration.js';
import { atBoundary, toSafe, validationError, type SafeResult, type ValidationIssue } from '../core/errors.js';

const SlaPercentSchema = z.object({
  slaPercent: z.number().positive('must be above 0').max(1000, 'must be at most 1000 (ten times the target)'),
});

const EscalationLevelSchema = z.object({
  name: z.string().min(1).optional(),
  after: z.union([IsoDurationSchema, SlaPercentSchema], {
    error: 'must be an ISO 8601 duration since the trigger ("PT15M") or a share of the SLA target ({ "slaPercent": 75 })',
  }),
  kind: z.enum(['functional', 'hierarchical']),
  targets: z.array(z.string().min(1, 'a target must not be empty')).min(1, 'a level needs at least one target'),
});

/**
 * Zod schema for an {@link EscalationPolicy}. Checks that duration levels and SLA-percent levels each come in
 * non-decreasing order, and that a policy with `loops` has a `repeatEvery` longer than its last duration level.
 *
 * @example
 * ```ts
 * EscalationPolicySchema.parse({ levels: [{ after: 'PT0S', kind: 'functional', targets: ['on-call'] }] });
 * ```
 * @category Escalation
 */
export const EscalationPolicySchema: z.ZodType<EscalationPolicy> = z
  .object({
    name: z.string().min(1).optional(),
    levels: z.array(EscalationLevelSchema).min(1, 'a policy needs at least one level'),
    loops: z.number().int().min(0).max(9, 'at most 9 repeats (PagerDuty\'s limit)').optional(),
    repeatEvery: IsoDurationSchema.optional(),
  })
  .superRefine((p, ctx) => {
    for (const issue of orderIssues(p)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, params: { code: issue.code } });
  });

// Checks across levels. zod skips refinements once a field is invalid, so createEscalationPolicy also runs
// them on the raw input to list every issue at once; malformed levels are skipped here.
function orderIssues(p: { levels?: unknown; loops?: unknown; repeatEvery?: unknown }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let lastMs = -1;
  let lastPercent = -1;
  let maxMs = 0;
  (Array.isArray(p.levels) ? p.levels : []).forEach((level: unknown, i) => {
    const after = (level as { after?: unknown } | null)?.after;
    const ms = typeof after === 'string' ? parseDurationOrNull(after) : null;
    const percent = typeof after === 'object' && after !== null ? (after as { slaPercent?: unknown }).slaPercent : undefined;
    if (ms !== null) {
      if (ms < lastMs) issues.push({ code: 'unordered', path: ['levels', i, 'after'], message: `${String(after)} comes before the previous duration level; order levels by when they fire` });
      lastMs = Math.max(lastMs, ms);
      maxMs = Math.max(maxMs, ms);
    } else if (typeof percent === 'number') {
      if (percent < lastPercent) issues.push({ code: 'unordered', path: ['levels', i, 'after', 'slaPercent'], message: `${percent}% comes before the previous SLA-percent level; order levels by when they fire` });
      lastPercent = Math.max(lastPercent, percent);
    }
  });
  if (typeof p.loops === 'number' && p.loops > 0) {
    const every = typeof p.repeatEvery === 'string' ? parseDurationOrNull(p.repeatEvery) : null;
    if (p.repeatEvery === undefined) {
      issues.push({ code: 'required', path: ['repeatEvery'], message: 'a policy that loops needs repeatEvery: the time from the start of one pass to the next ("PT1H")' });
    } else if (every !== null && every <= maxMs) {
      issues.push({ code: 'too_short', path: ['repeatEvery'], message: `${String(p.repeatEvery)} must be longer than the last duration level so that passes do not overlap` });
    }
  }
  return issues;
}

/**
 * When an escalation level fires: an ISO 8601 duration after the trigger (`'PT15M'`), or when a share of the
 * SLA target has elapsed (`{ slaPercent: 75 }`).
 *
 * @example
 * ```ts
 * const a: EscalationTrigger = 'PT30M';
 * const b: EscalationTrigger = { slaPercent: 75 };
 * ```
 * @category Escalation
 */
export type EscalationTrigger = string | {
  /** Fire when the SLA clock has used this share of its target, in percent (may exceed 100). */
  readonly slaPercent: number;
};

/**
 * Functional escalation (to more skilled teams) or hierarchical escalation (to management).
 *
 * @example
 * ```ts
 * const kind: EscalationKind = 'hierarchical';
 * ```
 * @category Escalation
 */
export type EscalationKind = 'functional' | 'hierarchical';

/**
 * One level of an {@link EscalationPolicy}.
 *
 * @example
 * ```ts
 * const level: EscalationLevel = { after: 'PT15M', kind: 'functional', targets: ['network-l2'] };
 * ```
 * @category Escalation
 */
export interface EscalationLevel {
  /** A label for people. */
  readonly name?: string;
  /** When the level fires. */
  readonly after: EscalationTrigger;
  /** Functional or hierarchical. */
  readonly kind: EscalationKind;
  /** Who is notified: team, rotation or person ids, as the host names them. */
  readonly targets: readonly string[];
}

/**
 * An escalation policy in the PagerDuty style: ordered levels that fire while the incident is not
 * acknowledged, the whole sequence repeated `loops` more times (PagerDuty's `num_loops`), one pass every
 * `repeatEvery`.
 *
 * @example
 * ```ts
 * const policy: EscalationPolicy = {
 *   levels: [
 *     { after: 'PT0S', kind: 'functional', targets: ['on-call'] },
 *     { after: 'PT15M', kind: 'functional', targets: ['network-l2'] },
 *     { after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['service-owner'] },
 *   ],
 *   loops: 1,
 *   repeatEvery: 'PT1H',
 * };
 * ```
 * @category Escalation
 */
export interface EscalationPolicy {
  /** A label for people. */
  readonly name?: string;
  /** The levels, in firing order. */
  readonly levels: readonly EscalationLevel[];
  /** How many times the whole sequence repeats after the first pass (0 to 9, default 0). */
  readonly loops?: number;
  /** Time from the start of one pass to the start of the next; required when `loops > 0`. */
  readonly repeatEvery?: string;
}

/**
 * Validates an escalation policy and returns a fresh copy.
 *
 * @param input - Untrusted policy (parsed JSON, say).
 * @returns The validated policy.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path.
 * @example
 * ```ts
 * const policy = createEscalationPolicy({ levels: [{ after: 'PT15M', kind: 'functional', targets: ['l2'] }] });
 * ```
 * @category Escalation
 */
export function createEscalationPolicy(input: unknown): EscalationPolicy {
  return atBoundary(() => createPolicy(input));
}

function createPolicy(input: unknown): EscalationPolicy {
  if (created.has(input as object)) return input as EscalationPolicy;
  const r = EscalationPolicySchema.safeParse(input);
  if (r.success) {
    const policy = frozenCopy(r.data);
    created.add(policy);
    return policy;
  }
  const issues = issuesFromZod(r.error);
  const seen = new Set(issues.map((i) => `${i.code}@${i.path.join('.')}`));
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  for (const i of orderIssues(raw)) if (!seen.has(`${i.code}@${i.path.join('.')}`)) issues.push(i);
  throw validationError('escalation policy', issues);
}

// Policies made by createEscalationPolicy, so that escalationsDue validates a hand-written one but not a made one.
const created = new WeakSet<object>();

/** The policy itself when made by {@link createEscalationPolicy}, else validated. @internal */
export function checkedPolicy(policy: unknown): EscalationPolicy {
  return created.has(policy as object) ? (policy as EscalationPolicy) : createEscalationPolicy(policy);
}

/**
 * The JSON Schema (draft 2020-12) of a stored {@link EscalationPolicy}, for backends that validate policies without
 * TypeScript. Generated from {@link EscalationPolicySchema}.
 *
 * @returns A fresh JSON Schema object.
 * @example
 * ```ts
 * const schema = escalationPolicyJsonSchema();
 * schema.$schema; // 'https://json-schema.org/draft/2020-12/schema'
 * ```
 * @category Escalation
 */
export function escalationPolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(EscalationPolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * Non-throwing {@link createEscalationPolicy}.
 *
 * @param input - Untrusted policy.
 * @returns `{ success: true, data }` or `{ success: false, error }` with every issue.
 * @example
 * ```ts
 * const r = safeCreateEscalationPolicy({ levels: [] });
 * r.success; // false
 * ```
 * @category Escalation
 */
export function safeCreateEscalationPolicy(input: unknown): SafeResult<EscalationPolicy> {
  return toSafe(() => createEscalationPolicy(input));
}
