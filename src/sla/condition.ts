import { z } from 'zod';
import type { ValidationIssue } from '../core/errors.js';

/**
 * A JSON scalar a field can be compared with.
 *
 * @example
 * ```ts
 * const v: ConditionValue = 'on_hold';
 * ```
 * @category Conditions
 */
export type ConditionValue = string | number | boolean | null;

/**
 * A test on one ticket field (the fold of the events' `set`s). Exactly one operator per condition.
 * `field` may be a dotted path into an object value (`customer.tier`).
 *
 * - `eq` / `ne`: strict equality, no type coercion (`1` is not `"1"`); `ne` holds when the field is missing.
 * - `in` / `notIn`: membership; `notIn` holds when the field is missing.
 * - `exists`: `true` when the field is set and not `null`.
 * - `gt` / `gte` / `lt` / `lte`: numbers with numbers, strings with strings (ISO dates compare correctly
 *   as strings only in the same format); a type mismatch or a missing field never holds.
 *
 * @example
 * ```ts
 * const onHold: FieldCondition = { field: 'state', eq: 'on_hold' };
 * const urgent: FieldCondition = { field: 'priority', lte: 2 };
 * ```
 * @category Conditions
 */
export type FieldCondition = { readonly field: string } & (
  | { readonly eq: ConditionValue }
  | { readonly ne: ConditionValue }
  | { readonly in: readonly ConditionValue[] }
  | { readonly notIn: readonly ConditionValue[] }
  | { readonly exists: boolean }
  | { readonly gt: number | string }
  | { readonly gte: number | string }
  | { readonly lt: number | string }
  | { readonly lte: number | string }
);

/**
 * The condition language of SLA definitions: plain JSON, evaluated after each event against the ticket's
 * fields and the event itself.
 *
 * - a {@link FieldCondition};
 * - `{ event: 'RESOLVE' }`: holds only at an event of that type (an edge, not a level);
 * - `{ all: [...] }`, `{ any: [...] }`, `{ not: c }`: combinators (`all: []` holds, `any: []` does not);
 * - `true`, `false`.
 *
 * @example
 * ```ts
 * const pause: Condition = { any: [{ field: 'state', eq: 'on_hold' }, { field: 'holdReason', in: ['awaiting_caller'] }] };
 * ```
 * @category Conditions
 */
export type Condition =
  | boolean
  | FieldCondition
  | { readonly event: string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

/** The ticket's fields during evaluation. */
export type Fields = Record<string, unknown>;

/** A compiled condition: `(fields, eventType) => holds`. */
export type CompiledCondition = (fields: Fields, eventType: string) => boolean;

const OPERATORS = ['eq', 'ne', 'in', 'notIn', 'exists', 'gt', 'gte', 'lt', 'lte'] as const;
type Operator = (typeof OPERATORS)[number];

const isScalar = (v: unknown): v is ConditionValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Every problem of a condition, with paths relative to `path`. */
export function conditionIssues(value: unknown, path: ReadonlyArray<string | number>, depth = 0): ValidationIssue[] {
  const issue = (message: string, at: ReadonlyArray<string | number> = path, code = 'invalid_condition'): ValidationIssue[] => [{ code, path: [...at], message }];
  if (depth > 64) return issue('is nested too deeply (more than 64 levels)');
  if (typeof value === 'boolean') return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return issue('must be a condition: true, false, { field, eq | ne | in | notIn | exists | gt | gte | lt | lte }, { event }, { all }, { any } or { not }');
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if ('all' in o || 'any' in o) {
    const key = 'all' in o ? 'all' : 'any';
    if (keys.length !== 1) return issue(`"${key}" must be the only key of its condition (found ${keys.join(', ')})`);
    const list = o[key];
    if (!Array.isArray(list)) return issue(`must be an array of conditions`, [...path, key]);
    return list.flatMap((c, i) => conditionIssues(c, [...path, key, i], depth + 1));
  }
  if ('not' in o) {
    if (keys.length !== 1) return issue(`"not" must be the only key of its condition (found ${keys.join(', ')})`);
    return conditionIssues(o['not'], [...path, 'not'], depth + 1);
  }
  if ('event' in o) {
    if (keys.length !== 1) return issue(`"event" must be the only key of its condition (found ${keys.join(', ')})`);
    return typeof o['event'] === 'string' && o['event'] !== '' ? [] : issue('must be an event type (a non-empty string)', [...path, 'event']);
  }
  if ('field' in o) {
    const out: ValidationIssue[] = [];
    if (typeof o['field'] !== 'string' || o['field'] === '') out.push(...issue('must be a field name (a non-empty string)', [...path, 'field']));
    const ops = keys.filter((k) => k !== 'field');
    const unknown = ops.filter((k) => !(OPERATORS as readonly string[]).includes(k));
    if (unknown.length > 0) out.push(...issue(`unknown operator ${unknown.map((k) => JSON.stringify(k)).join(', ')}; use one of ${OPERATORS.join(', ')}`));
    else if (ops.length !== 1) out.push(...issue(`needs exactly one operator (${OPERATORS.join(', ')}); found ${ops.length === 0 ? 'none' : ops.join(', ')}`));
    else {
      const op = ops[0] as Operator;
      const v = o[op];
      const at = [...path, op];
      if (op === 'in' || op === 'notIn') {
        if (!Array.isArray(v) || !v.every(isScalar)) out.push(...issue('must be an array of strings, numbers, booleans or null', at));
      } else if (op === 'exists') {
        if (typeof v !== 'boolean') out.push(...issue('must be true or false', at));
      } else if (op === 'eq' || op === 'ne') {
        if (!isScalar(v)) out.push(...issue('must be a string, a finite number, a boolean or null', at));
      } else if (!((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string')) {
        out.push(...issue('must be a finite number or a string', at));
      }
    }
    return out;
  }
  return issue(`is not a condition (keys: ${keys.join(', ') || 'none'}); use { field, <operator> }, { event }, { all }, { any }, { not }, true or false`);
}

/**
 * Zod schema of a {@link Condition}. Issues point at the exact sub-condition (`pause.any[1].eq`).
 *
 * @example
 * ```ts
 * ConditionSchema.parse({ field: 'state', in: ['on_hold', 'resolved'] });
 * ```
 * @category Conditions
 */
export const ConditionSchema: z.ZodType<Condition> = z.unknown().superRefine((value, ctx) => {
  for (const i of conditionIssues(value, [])) ctx.addIssue({ code: 'custom', path: [...i.path], message: i.message, params: { code: i.code } });
}) as unknown as z.ZodType<Condition>;

/** A reader of a field, or of a dotted path into an object value (`customer.tier`). */
export function getter(field: string): (f: Fields) => unknown {
  if (!field.includes('.')) return (f) => f[field];
  const parts = field.split('.');
  return (f) => {
    let v: unknown = f;
    for (const p of parts) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[p];
    }
    return v;
  };
}

function compare(a: unknown, b: number | string): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/** Compiles a validated condition into a closure. */
export function compileCondition(c: Condition): CompiledCondition {
  if (c === true) return () => true;
  if (c === false) return () => false;
  if ('all' in c) {
    const parts = c.all.map(compileCondition);
    return (f, e) => parts.every((p) => p(f, e));
  }
  if ('any' in c) {
    const parts = c.any.map(compileCondition);
    return (f, e) => parts.some((p) => p(f, e));
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (f, e) => !inner(f, e);
  }
  if ('event' in c) {
    const type = c.event;
    return (_f, e) => e === type;
  }
  const get = getter(c.field);
  const field = c.field;
  const plain = !field.includes('.');
  // The common operators on a plain field read it directly (this runs once per event per clock).
  if ('eq' in c) { const v = c.eq; return plain ? (f) => f[field] === v : (f) => get(f) === v; }
  if ('ne' in c) { const v = c.ne; return plain ? (f) => f[field] !== v : (f) => get(f) !== v; }
  if ('in' in c) { const set = new Set<unknown>(c.in); return plain ? (f) => set.has(f[field]) : (f) => set.has(get(f)); }
  if ('notIn' in c) { const set = new Set<unknown>(c.notIn); return plain ? (f) => !set.has(f[field]) : (f) => !set.has(get(f)); }
  if ('exists' in c) { const want = c.exists; return (f) => (get(f) != null) === want; }
  if ('gt' in c) { const v = c.gt; return (f) => { const r = compare(get(f), v); return r !== null && r > 0; }; }
  if ('gte' in c) { const v = c.gte; return (f) => { const r = compare(get(f), v); return r !== null && r >= 0; }; }
  if ('lt' in c) { const v = c.lt; return (f) => { const r = compare(get(f), v); return r !== null && r < 0; }; }
  const v = c.lte;
  return (f) => { const r = compare(get(f), v); return r !== null && r <= 0; };
}

const fmt = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Renders a condition for people: `state = on_hold`, `priority in [1, 2]`, `event RESOLVE`, `not (…)`.
 *
 * @example
 * ```ts
 * describeCondition({ all: [{ field: 'state', eq: 'on_hold' }, { field: 'holdReason', ne: 'awaiting_vendor' }] });
 * // 'state = on_hold and holdReason ≠ awaiting_vendor'
 * ```
 * @category Conditions
 */
export function describeCondition(c: Condition): string {
  if (c === true) return 'always';
  if (c === false) return 'never';
  if ('all' in c) return c.all.length === 0 ? 'always' : c.all.map((x) => wrap(x)).join(' and ');
  if ('any' in c) return c.any.length === 0 ? 'never' : c.any.map((x) => wrap(x)).join(' or ');
  if ('not' in c) return `not ${wrap(c.not)}`;
  if ('event' in c) return `event ${c.event}`;
  const f = c.field;
  if ('eq' in c) return `${f} = ${fmt(c.eq)}`;
  if ('ne' in c) return `${f} ≠ ${fmt(c.ne)}`;
  if ('in' in c) return `${f} in [${c.in.map(fmt).join(', ')}]`;
  if ('notIn' in c) return `${f} not in [${c.notIn.map(fmt).join(', ')}]`;
  if ('exists' in c) return c.exists ? `${f} is set` : `${f} is not set`;
  if ('gt' in c) return `${f} > ${fmt(c.gt)}`;
  if ('gte' in c) return `${f} ≥ ${fmt(c.gte)}`;
  if ('lt' in c) return `${f} < ${fmt(c.lt)}`;
  return `${f} ≤ ${fmt(c.lte)}`;
}

function wrap(c: Condition): string {
  const s = describeCondition(c);
  return typeof c === 'object' && ('all' in c || 'any' in c) && (('all' in c ? c.all : c.any).length > 1) ? `(${s})` : s;
}

/**
 * The part of a condition that holds, described: for `any`, the first alternative that holds; for `all`, the
 * whole. Used to say why a clock paused ("state = on_hold", not the whole pause condition).
 */
export function describeHolding(c: Condition, fields: Fields, eventType: string): string {
  if (typeof c === 'object' && 'any' in c) {
    for (const part of c.any) if (compiledPart(part)(fields, eventType)) return describeHolding(part, fields, eventType);
  }
  return describedOnce(c);
}

// Explanations describe the same (frozen, validated) condition objects over and over: compute each text once.
const descriptions = new WeakMap<object, string>();
const compiledParts = new WeakMap<object, CompiledCondition>();

function describedOnce(c: Condition): string {
  if (typeof c !== 'object') return describeCondition(c);
  let text = descriptions.get(c);
  if (text === undefined) descriptions.set(c, (text = describeCondition(c)));
  return text;
}

function compiledPart(c: Condition): CompiledCondition {
  if (typeof c !== 'object') return compileCondition(c);
  let f = compiledParts.get(c);
  if (f === undefined) compiledParts.set(c, (f = compileCondition(c)));
  return f;
}

/** {@link describeCondition}, computed once per condition object. */
export function describeConditionOnce(c: Condition): string {
  return describedOnce(c);
}
