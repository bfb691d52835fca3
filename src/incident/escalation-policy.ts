import { z } from 'zod';
import { IsoDurationSchema, parseDurationOrNull, parseWith, toSafe, type SafeResult } from '../core/index.js';

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
export const EscalationPolicySchema = z
  .object({
    name: z.string().min(1).optional(),
    levels: z.array(EscalationLevelSchema).min(1, 'a policy needs at least one level'),
    loops: z.number().int().min(0).max(9, 'at most 9 repeats (PagerDuty\'s limit)').optional(),
    repeatEvery: IsoDurationSchema.optional(),
  })
  .superRefine((p, ctx) => {
    let lastMs = -1;
    let lastPercent = -1;
    let maxMs = 0;
    p.levels.forEach((level, i) => {
      if (typeof level.after === 'string') {
        const ms = parseDurationOrNull(level.after) ?? 0;
        if (ms < lastMs) ctx.addIssue({ code: 'custom', path: ['levels', i, 'after'], message: `${level.after} comes before the previous duration level; order levels by when they fire`, params: { code: 'unordered' } });
        lastMs = Math.max(lastMs, ms);
        maxMs = Math.max(maxMs, ms);
      } else {
        if (level.after.slaPercent < lastPercent) ctx.addIssue({ code: 'custom', path: ['levels', i, 'after', 'slaPercent'], message: `${level.after.slaPercent}% comes before the previous SLA-percent level; order levels by when they fire`, params: { code: 'unordered' } });
        lastPercent = Math.max(lastPercent, level.after.slaPercent);
      }
    });
    if ((p.loops ?? 0) > 0) {
      const every = p.repeatEvery === undefined ? null : parseDurationOrNull(p.repeatEvery);
      if (every === null) {
        ctx.addIssue({ code: 'custom', path: ['repeatEvery'], message: 'a policy that loops needs repeatEvery: the time from the start of one pass to the next ("PT1H")', params: { code: 'required' } });
      } else if (every <= maxMs) {
        ctx.addIssue({ code: 'custom', path: ['repeatEvery'], message: `${p.repeatEvery} must be longer than the last duration level so that passes do not overlap`, params: { code: 'too_short' } });
      }
    }
  });

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
export type EscalationTrigger = string | { readonly slaPercent: number };

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
  readonly name?: string;
  readonly after: EscalationTrigger;
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
  readonly name?: string;
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
 * @throws {@link ItsmError} `invalid_definition` listing every issue with its path.
 * @example
 * ```ts
 * const policy = createEscalationPolicy({ levels: [{ after: 'PT15M', kind: 'functional', targets: ['l2'] }] });
 * ```
 * @category Escalation
 */
export function createEscalationPolicy(input: unknown): EscalationPolicy {
  const r = parseWith(EscalationPolicySchema, input, 'escalation policy');
  if (!r.success) throw r.error;
  return r.data;
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
