import { z } from 'zod';
import { atBoundary, toSafe, validationError, type SafeResult } from '../core/errors.js';
import { argumentError } from '../core/messages.js';
import { frozenCopy } from '../core/freeze.js';
import { isInstant } from '../core/instant.js';
import { issuesFromZod } from '../core/schema.js';
import { quote } from '../core/describe.js';

/**
 * A control that lowers a risk: which factor it reduces and by how many steps of the 1-5 scale.
 *
 * @example
 * ```ts
 * const backups: RiskControl = { description: 'Nightly off-site backups', reduces: 'impact', by: 2 };
 * ```
 * @category Risk register
 */
export interface RiskControl {
  readonly id?: string;
  readonly description: string;
  readonly reduces: 'likelihood' | 'impact';
  /** Steps of the 1-5 scale the control takes off (1-4). */
  readonly by: number;
}

/**
 * One risk of the register (ISO/IEC 20000-1 6.1, ITIL 4 risk management).
 *
 * - `likelihood`, `impact`: 1 (rare, negligible) to 5 (almost certain, severe), before any control: the
 *   inherent risk.
 * - `controls`: what lowers it; the residual risk is the inherent one less the controls (see {@link scoreRiskEntry}).
 * - `treatment`: `accept`, `mitigate`, `transfer` or `avoid`.
 * - `reviewBy`: the instant (ISO 8601 with offset) by which the risk must be reviewed again.
 * - `service`, `cis`: what the risk is about: a catalogue service and configuration items.
 *
 * @example
 * ```ts
 * const risk: RiskRegisterEntry = { id: 'R-1', title: 'Mail relay single point of failure', owner: 'ana', service: 'email',
 *   cis: ['mx-1'], likelihood: 3, impact: 4, treatment: 'mitigate', status: 'open', reviewBy: '2026-06-30T00:00:00Z' };
 * ```
 * @category Risk register
 */
export interface RiskRegisterEntry {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly service?: string;
  readonly cis?: readonly string[];
  readonly likelihood: number;
  readonly impact: number;
  readonly treatment: 'accept' | 'mitigate' | 'transfer' | 'avoid';
  readonly status: 'open' | 'treating' | 'closed';
  readonly controls?: readonly RiskControl[];
  readonly reviewBy: string;
}

/**
 * A risk register: the list of risks, with unique ids.
 *
 * @example
 * ```ts
 * const register: RiskRegister = { risks: [risk] };
 * ```
 * @category Risk register
 */
export interface RiskRegister {
  readonly risks: readonly RiskRegisterEntry[];
}

const Scale = z.number().int('must be a whole number from 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');

const EntrySchema = z.strictObject({
  id: z.string().min(1, 'must be a non-empty id'),
  title: z.string().min(1, 'must be a non-empty title'),
  owner: z.string().min(1, 'must name an owner'),
  service: z.string().min(1).optional(),
  cis: z.array(z.string().min(1)).optional(),
  likelihood: Scale,
  impact: Scale,
  treatment: z.enum(['accept', 'mitigate', 'transfer', 'avoid']),
  status: z.enum(['open', 'treating', 'closed']),
  controls: z.array(z.strictObject({
    id: z.string().min(1).optional(),
    description: z.string().min(1, 'must describe the control'),
    reduces: z.enum(['likelihood', 'impact']),
    by: z.number().int('must be a whole number of steps').min(1, 'must be 1 to 4').max(4, 'must be 1 to 4'),
  })).optional(),
  reviewBy: z.string().refine((s) => isInstant(s), { message: 'must be an ISO 8601 instant with an offset such as "2026-06-30T00:00:00Z"' }),
});

/**
 * Zod schema of a {@link RiskRegister}: every entry's shape, the 1-5 scales, and unique ids.
 *
 * @example
 * ```ts
 * RiskRegisterSchema.safeParse(json).success;
 * ```
 * @category Risk register
 */
export const RiskRegisterSchema = z.strictObject({ risks: z.array(EntrySchema) }).superRefine((r, ctx) => {
  // Runs even when entries have other issues (`when`), so a duplicate id is reported with them.
  const risks: unknown = (r as { risks?: unknown } | null)?.risks;
  if (!Array.isArray(risks)) return;
  const seen = new Set<unknown>();
  risks.forEach((risk: { id?: unknown } | null, i) => {
    const id = risk?.id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['risks', i, 'id'], message: `the risk id ${quote(id)} is used twice; give each risk its own id`, params: { code: 'duplicate_id' } });
    seen.add(id);
  });
}, { when: (payload) => typeof payload.value === 'object' && payload.value !== null });

/**
 * Validates a risk register and returns a deep-frozen copy.
 *
 * @param input - The register as plain JSON.
 * @returns The validated, frozen register.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path (`risks[2].impact: must be 1 to 5`).
 * @example
 * ```ts
 * const register = createRiskRegister({ risks: [risk] });
 * ```
 * @category Risk register
 */
export function createRiskRegister(input: RiskRegister): RiskRegister {
  return atBoundary(() => {
    const r = RiskRegisterSchema.safeParse(input);
    if (!r.success) throw validationError('risk register', issuesFromZod(r.error));
    const register = frozenCopy(r.data) as RiskRegister;
    created.add(register);
    return register;
  });
}

// Registers made by createRiskRegister, and frozen registers of the caller already checked (with the checked copy).
const created = new WeakSet<object>();
const checked = new WeakMap<object, RiskRegister>();

/**
 * The register a query may trust: one made by createRiskRegister as is; anything else is checked against the
 * schema (`invalid_argument` when not an object, `invalid_definition` with every issue, paths from `field`). @internal
 */
export function trustedRiskRegister(value: unknown, field: string): RiskRegister {
  if (value === null || typeof value !== 'object') throw argumentError(field, value, 'a risk register (from createRiskRegister)');
  if (created.has(value)) return value as RiskRegister;
  const hit = checked.get(value);
  if (hit !== undefined) return hit;
  const r = atBoundary(() => RiskRegisterSchema.safeParse(value), field);
  if (!r.success) throw validationError(`risk register (${field})`, issuesFromZod(r.error).map((i) => ({ ...i, path: [field, ...i.path] })));
  const data = r.data as RiskRegister;
  if (atBoundary(() => Object.isFrozen(value), field)) checked.set(value, data);
  return data;
}

/** The schema of one entry, for scoring an entry on its own. @internal */
export const RiskEntrySchema = EntrySchema;

/**
 * Like {@link createRiskRegister}, but returns `{ success: false, error }` instead of throwing.
 *
 * @param input - Untrusted input.
 * @returns The register or the error with every issue.
 * @example
 * ```ts
 * const r = safeCreateRiskRegister(JSON.parse(text));
 * ```
 * @category Risk register
 */
export function safeCreateRiskRegister(input: unknown): SafeResult<RiskRegister> {
  return toSafe(() => createRiskRegister(input as RiskRegister));
}

/**
 * The JSON Schema (draft 2020-12) of a {@link RiskRegister}. Unique ids and real instants are checked by
 * {@link RiskRegisterSchema} only.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('risk-register.schema.json', JSON.stringify(riskRegisterJsonSchema(), null, 2));
 * ```
 * @category Risk register
 */
export function riskRegisterJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RiskRegisterSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema['title'] = 'itsm-kit risk register';
  return schema;
}
