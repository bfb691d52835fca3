import { z } from 'zod';
import { toSafe, validationError, type SafeResult } from '../core/errors.js';
import { frozenCopy } from '../core/freeze.js';
import { parseDurationOrNull } from '../core/duration.js';
import { issuesFromZod } from '../core/schema.js';
import { quote } from '../core/describe.js';
import { compileCondition, ConditionSchema, readPlain, type CompiledCondition, type Condition } from '../core/condition.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * The largest fixed target: `P3660D` (87,840 business hours; about 42 years of an eight-hour working day). Larger
 * targets are refused by the schema, so that no evaluation has to search further than that.
 */
const MAX_TARGET_MS = 3660 * 86_400_000;

/** The largest relative target: 10,000 business days (about 40 years of working days). */
const MAX_TARGET_BUSINESS_DAYS = 10_000;

const TargetSchema = z.union([
  z.string().refine((s) => { const ms = parseDurationOrNull(s); return ms !== null && ms > 0 && ms <= MAX_TARGET_MS; }, {
    message: 'must be a positive ISO 8601 duration of business time such as "PT4H", "PT30M" or "P2D", at most "P3660D" (years and months are not allowed)',
  }),
  z.strictObject({
    businessDays: z.number().int('must be a whole number of business days').min(0, 'must be 0 or more')
      .max(MAX_TARGET_BUSINESS_DAYS, `must be at most ${MAX_TARGET_BUSINESS_DAYS.toLocaleString('en')} business days`),
    at: z.string().regex(TIME, 'must be a local time "HH:MM" such as "17:00"').optional(),
  }),
]);

/**
 * Zod schema of an {@link SlaDefinition}. Unknown keys are rejected (a misspelt `pause` must not silently
 * disable pausing); every issue is reported with its path.
 *
 * @example
 * ```ts
 * const r = SlaDefinitionSchema.safeParse(json);
 * if (!r.success) console.log(r.error.issues);
 * ```
 * @category Definitions
 */
export const SlaDefinitionSchema = z
  .strictObject({
    id: z.string().min(1, 'must be a non-empty id'),
    name: z.string().optional(),
    kind: z.enum(['response', 'resolution', 'update', 'custom']).optional(),
    agreement: z.enum(['SLA', 'OLA', 'UC']).optional(),
    group: z.string().min(1).optional(),
    target: TargetSchema,
    calendar: z.string().min(1, 'must name a calendar (a key of options.calendars, or "24x7")'),
    timeZoneField: z.string().min(1).optional(),
    appliesTo: ConditionSchema.optional(),
    start: ConditionSchema,
    stop: ConditionSchema,
    pause: ConditionSchema.optional(),
    cancel: ConditionSchema.optional(),
    reset: ConditionSchema.optional(),
    warnAt: z.array(z.number().gt(0, 'must be a fraction above 0').lt(1, 'must be a fraction below 1 (the breach is 1)')).optional(),
    retroactiveStart: z.string().min(1).optional(),
  });

/**
 * An SLA, OLA or underpinning-contract target as plain JSON: what it measures (conditions over the ticket's
 * event history), how much business time it allows, and in which calendar.
 *
 * - `target`: an ISO 8601 duration of business time (`PT4H` = four business hours, at most `P3660D`), or a
 *   relative target `{ businessDays, at? }` = the close (or `at`) of the n-th business day after the clock starts
 *   (at most 10,000 business days).
 * - `calendar`: a key of `options.calendars`; `'24x7'` is built in.
 * - `timeZoneField`: a ticket field holding an IANA zone; the calendar's hours are then read in that zone
 *   (the value when the cycle starts).
 * - `appliesTo`: must hold when the clock starts; `evaluateTicket` uses it to choose among a group's definitions.
 * - `group`: definitions of one group are alternatives (say P1 / P2 / P3 resolution); default
 *   `"<agreement>:<kind>"` for response, resolution and update kinds, else the id.
 * - `warnAt`: fractions of the target at which warnings fire, default `[0.75]`.
 * - `retroactiveStart`: a field holding the instant the clock starts from (e.g. the ticket's opening time).
 *
 * @example
 * ```ts
 * const p1Resolution: SlaDefinition = {
 *   id: 'p1-resolution', kind: 'resolution', target: 'PT4H', calendar: '24x7',
 *   appliesTo: { field: 'priority', eq: 1 },
 *   start: { field: 'state', ne: 'new' }, stop: { field: 'state', in: ['resolved', 'closed'] },
 *   pause: { field: 'state', eq: 'on_hold' }, cancel: { field: 'state', eq: 'canceled' },
 * };
 * ```
 * @category Definitions
 */
export interface SlaDefinition {
  readonly id: string;
  readonly name?: string;
  readonly kind?: 'response' | 'resolution' | 'update' | 'custom';
  readonly agreement?: 'SLA' | 'OLA' | 'UC';
  readonly group?: string;
  readonly target: string | { readonly businessDays: number; readonly at?: string };
  readonly calendar: string;
  readonly timeZoneField?: string;
  readonly appliesTo?: Condition;
  readonly start: Condition;
  readonly stop: Condition;
  readonly pause?: Condition;
  readonly cancel?: Condition;
  readonly reset?: Condition;
  readonly warnAt?: readonly number[];
  readonly retroactiveStart?: string;
}

/** A definition checked and compiled once, ready for the hot path. */
export interface CompiledSla {
  readonly def: SlaDefinition;
  readonly group: string;
  readonly targetMs: number | null;
  /** Warning thresholds then the target, in ms, for a fixed target (`null` for a relative one). */
  readonly thresholds: readonly number[] | null;
  readonly relative: { readonly businessDays: number; readonly at?: string } | null;
  readonly warnAt: readonly number[];
  readonly appliesTo: CompiledCondition | null;
  readonly start: CompiledCondition;
  readonly stop: CompiledCondition;
  readonly pause: CompiledCondition | null;
  readonly cancel: CompiledCondition | null;
  readonly reset: CompiledCondition | null;
}

const compiledCache = new WeakMap<object, CompiledSla>();


/**
 * The business ms at which fraction `f` of `target` is reached: `ceil(f × target)`, the product rounded to six
 * decimals first so that floating point cannot add a millisecond (0.17 × 2,700,000 is 459,000, not 459,001).
 */
export function thresholdMs(f: number, target: number): number {
  return Math.ceil(Math.round(f * target * 1e6) / 1e6);
}

function compile(def: SlaDefinition): CompiledSla {
  const warnAt = [...new Set(def.warnAt ?? [0.75])].sort((a, b) => a - b);
  const groupDefault = def.kind === 'response' || def.kind === 'resolution' || def.kind === 'update'
    ? `${def.agreement ?? 'SLA'}:${def.kind}` : def.id;
  const targetMs = typeof def.target === 'string' ? parseDurationOrNull(def.target) : null;
  return {
    def,
    group: def.group ?? groupDefault,
    targetMs,
    thresholds: targetMs === null ? null : Object.freeze([...warnAt.map((f) => thresholdMs(f, targetMs)), targetMs]),
    relative: typeof def.target === 'string' ? null : def.target,
    warnAt,
    appliesTo: def.appliesTo === undefined ? null : compileCondition(def.appliesTo),
    start: compileCondition(def.start),
    stop: compileCondition(def.stop),
    pause: def.pause === undefined ? null : compileCondition(def.pause),
    cancel: def.cancel === undefined ? null : compileCondition(def.cancel),
    reset: def.reset === undefined ? null : compileCondition(def.reset),
  };
}

/**
 * Validates an SLA definition and returns a deep-frozen copy. Evaluating a definition made here skips
 * validation (it is compiled once and cached), which is what batch jobs want.
 *
 * @param input - The definition as plain JSON.
 * @returns The validated, frozen definition.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path (`pause.any[1].eq: ...`).
 * @example
 * ```ts
 * const def = createSlaDefinition({ id: 'response', target: 'PT1H', calendar: '24x7',
 *   start: true, stop: { field: 'state', ne: 'new' } });
 * ```
 * @category Definitions
 */
export function createSlaDefinition(input: SlaDefinition): SlaDefinition {
  if (input !== null && typeof input === 'object' && compiledCache.has(input)) return input;
  // Validate a plain copy, read once: a getter or proxy can neither change what was validated nor throw from
  // inside zod (cycles and properties that throw when read are issues of their own).
  const plain = readPlain(input);
  if (plain.issues.length > 0) throw validationError(`SLA definition${idOf(input)}`, plain.issues);
  const r = SlaDefinitionSchema.safeParse(plain.value);
  if (!r.success) {
    const id = r.error.issues.some((i) => i.path.length === 1 && i.path[0] === 'id') ? '' : idOf(input);
    throw validationError(`SLA definition${id}`, issuesFromZod(r.error));
  }
  // Keep the copy that was validated (read once), not the input: a getter must not change it afterwards.
  const def = frozenCopy(r.data) as SlaDefinition;
  compiledCache.set(def, compile(def));
  return def;
}

/** ` "<id>"` of an input whose id is a valid string, for the error message; '' otherwise. */
function idOf(input: unknown): string {
  try {
    const id = input !== null && typeof input === 'object' ? (input as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? ` ${quote(id)}` : '';
  } catch {
    return '';
  }
}

/**
 * Like {@link createSlaDefinition}, but returns `{ success: false, error }` instead of throwing.
 *
 * @param input - Untrusted input.
 * @returns The definition or the error with every issue.
 * @example
 * ```ts
 * const r = safeCreateSlaDefinition(row.definition);
 * ```
 * @category Definitions
 */
export function safeCreateSlaDefinition(input: unknown): SafeResult<SlaDefinition> {
  return toSafe(() => createSlaDefinition(input as SlaDefinition));
}

/** The compiled form of a definition, validating it first unless it came from {@link createSlaDefinition}. */
export function compiledSla(def: SlaDefinition): CompiledSla {
  const cached = def !== null && typeof def === 'object' ? compiledCache.get(def) : undefined;
  if (cached !== undefined) return cached;
  return compiledCache.get(createSlaDefinition(def))!;
}
