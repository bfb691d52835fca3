// The plain-JSON condition language shared by SLA definitions, change policies and catalogue rules: its types,
// its zod schema (which validates a plain copy of the input and returns that copy, so a getter cannot change a
// condition after it was checked), a compiler to closures for hot paths, and its descriptions for people.
// Field reads are own-property reads only: `customer.toString` is not a field of `{ customer: {} }`.
import { z } from 'zod';
import { validationError, type ValidationIssue } from './errors.js';
import { quote } from './describe.js';

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
 * A test on one field of a record (for SLA clocks: the fold of the ticket events' `set`s). Exactly one operator
 * per condition. `field` may be a dotted path into an object value (`customer.tier`); only own properties are
 * read, never inherited ones.
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
 * The condition language: plain JSON, evaluated against a record of fields and, optionally, the type of the
 * event being applied.
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

/** The record a condition is evaluated against. @internal */
export type Fields = Readonly<Record<string, unknown>>;

/** A compiled condition: `(fields, eventType) => holds`. @internal */
export type CompiledCondition = (fields: Fields, eventType: string) => boolean;

const OPERATORS = ['eq', 'ne', 'in', 'notIn', 'exists', 'gt', 'gte', 'lt', 'lte'] as const;
type Operator = (typeof OPERATORS)[number];

/** Deepest nesting of combinators accepted (deeper input is refused, never a stack overflow). */
const MAX_DEPTH = 64;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const isScalar = (v: unknown): v is ConditionValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Keys named in a message: the first five, quoted and cut. */
function keyList(keys: readonly string[]): string {
  if (keys.length === 0) return 'none';
  const shown = keys.slice(0, 5).map(quote).join(', ');
  return keys.length > 5 ? `${shown} and ${keys.length - 5} more` : shown;
}

/**
 * A plain copy of untrusted input: own enumerable properties, each read exactly once (a getter runs once, so
 * what is validated is what is kept); arrays copied by index. Cycles and nesting deeper than 64 levels are
 * reported as issues; a property that throws when read is an issue, not an exception.
 */
function plainCopy(value: unknown, path: Array<string | number>, issues: ValidationIssue[], seen: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (path.length > 2 * MAX_DEPTH + 8) {
    issues.push({ code: 'invalid_condition', path: [...path], message: `is nested too deeply (more than ${MAX_DEPTH} levels)` });
    return undefined;
  }
  if (seen.has(value)) {
    issues.push({ code: 'invalid_condition', path: [...path], message: 'is cyclic (an object that contains itself)' });
    return undefined;
  }
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const n = value.length;
      const out: unknown[] = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        path.push(i);
        out[i] = plainCopy(value[i], path, issues, seen);
        path.pop();
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      path.push(k);
      const v = plainCopy((value as Record<string, unknown>)[k], path, issues, seen);
      path.pop();
      // `__proto__` is never a key of the language; defining it keeps the copy's prototype untouched.
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  } catch {
    issues.push({ code: 'invalid_condition', path: [...path], message: 'could not be read (a property threw when read)' });
    return undefined;
  } finally {
    seen.delete(value);
  }
}

/** Every problem of an already plain condition, with paths relative to `path`. */
function conditionIssues(value: unknown, path: ReadonlyArray<string | number>, depth: number, out: ValidationIssue[]): void {
  const issue = (message: string, at: ReadonlyArray<string | number> = path): void => {
    out.push({ code: 'invalid_condition', path: [...at], message });
  };
  if (depth > MAX_DEPTH) return issue(`is nested too deeply (more than ${MAX_DEPTH} levels)`);
  if (typeof value === 'boolean') return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return issue('must be a condition: true, false, { field, eq | ne | in | notIn | exists | gt | gte | lt | lte }, { event }, { all }, { any } or { not }');
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  const only = (key: string): boolean => {
    if (keys.length === 1) return true;
    issue(`"${key}" must be the only key of its condition (found ${keyList(keys)})`);
    return false;
  };
  for (const key of ['all', 'any'] as const) {
    if (!hasOwn(o, key)) continue;
    if (!only(key)) return;
    const list = o[key];
    if (!Array.isArray(list)) return issue('must be an array of conditions', [...path, key]);
    for (let i = 0; i < list.length; i++) conditionIssues(list[i], [...path, key, i], depth + 1, out);
    return;
  }
  if (hasOwn(o, 'not')) {
    if (only('not')) conditionIssues(o['not'], [...path, 'not'], depth + 1, out);
    return;
  }
  if (hasOwn(o, 'event')) {
    if (!only('event')) return;
    if (typeof o['event'] !== 'string' || o['event'] === '') issue('must be an event type (a non-empty string)', [...path, 'event']);
    return;
  }
  if (!hasOwn(o, 'field')) {
    return issue(`is not a condition (keys: ${keyList(keys)}); use { field, <operator> }, { event }, { all }, { any }, { not }, true or false`);
  }
  if (typeof o['field'] !== 'string' || o['field'] === '') issue('must be a field name (a non-empty string)', [...path, 'field']);
  const ops = keys.filter((k) => k !== 'field');
  const unknown = ops.filter((k) => !(OPERATORS as readonly string[]).includes(k));
  if (unknown.length > 0) return issue(`unknown operator ${keyList(unknown)}; use one of ${OPERATORS.join(', ')}`);
  if (ops.length !== 1) return issue(`needs exactly one operator (${OPERATORS.join(', ')}); found ${ops.length === 0 ? 'none' : ops.join(', ')}`);
  const op = ops[0] as Operator;
  const v = o[op];
  const at = [...path, op];
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(v) || !v.every(isScalar)) issue('must be an array of strings, finite numbers, booleans or null', at);
  } else if (op === 'exists') {
    if (typeof v !== 'boolean') issue('must be true or false', at);
  } else if (op === 'eq' || op === 'ne') {
    if (!isScalar(v)) issue('must be a string, a finite number, a boolean or null', at);
  } else if (!((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string')) {
    issue('must be a finite number or a string', at);
  }
}

/**
 * A plain copy of untrusted input (own enumerable properties read once, arrays by index), and the issues met:
 * cycles, nesting deeper than 136 levels, properties that throw when read. What schemas validate and keep.
 * @internal
 */
export function readPlain(value: unknown): { readonly value: unknown; readonly issues: readonly ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const copy = plainCopy(value, [], issues, new Set());
  return { value: copy, issues };
}

/**
 * Validates untrusted input as a condition: the plain copy that was validated (read once), and every issue.
 * @internal
 */
export function readCondition(value: unknown): { readonly condition: Condition; readonly issues: readonly ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const copy = plainCopy(value, [], issues, new Set());
  if (issues.length === 0) conditionIssues(copy, [], 0, issues);
  return { condition: copy as Condition, issues };
}

/**
 * Zod schema of a {@link Condition}. Issues point at the exact sub-condition (`pause.any[1].eq`). The parsed
 * value is a plain copy of the input, read once: getters run once, and what was validated is what is returned.
 *
 * @example
 * ```ts
 * ConditionSchema.parse({ field: 'state', in: ['on_hold', 'resolved'] });
 * ```
 * @category Conditions
 */
export const ConditionSchema: z.ZodType<Condition> = z.unknown().transform((value, ctx) => {
  const { condition, issues } = readCondition(value);
  for (const i of issues) ctx.addIssue({ code: 'custom', path: [...i.path], message: i.message, params: { code: i.code } });
  return condition;
}) as unknown as z.ZodType<Condition>;

/**
 * The JSON Schema (draft 2020-12) of a {@link Condition}, self-contained (`$defs.condition`), for services that
 * validate conditions without TypeScript. Embed it with `{ $ref: '#/$defs/condition' }` after copying its `$defs`.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * const schema = conditionJsonSchema(); // { $schema, $ref: '#/$defs/condition', $defs: { condition: {...} } }
 * ```
 * @category Conditions
 */
export function conditionJsonSchema(): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $ref: '#/$defs/condition', $defs: { condition: conditionJsonSchemaDef() } };
}

/** The `$defs.condition` entry of {@link conditionJsonSchema} (refers to itself as `#/$defs/condition`). @internal */
export function conditionJsonSchemaDef(): Record<string, unknown> {
  const scalar = { type: ['string', 'number', 'boolean', 'null'] };
  const ref = { $ref: '#/$defs/condition' };
  const op = (name: string, value: unknown) => ({
    type: 'object', properties: { field: { type: 'string', minLength: 1 }, [name]: value }, required: ['field', name], additionalProperties: false,
  });
  const only = (name: string, value: unknown) => ({ type: 'object', properties: { [name]: value }, required: [name], additionalProperties: false });
  return {
    anyOf: [
      { type: 'boolean' },
      op('eq', scalar), op('ne', scalar),
      op('in', { type: 'array', items: scalar }), op('notIn', { type: 'array', items: scalar }),
      op('exists', { type: 'boolean' }),
      ...['gt', 'gte', 'lt', 'lte'].map((o) => op(o, { type: ['number', 'string'] })),
      only('event', { type: 'string', minLength: 1 }),
      only('all', { type: 'array', items: ref }),
      only('any', { type: 'array', items: ref }),
      only('not', ref),
    ],
  };
}

/** A reader of a field, or of a dotted path into object values (`customer.tier`): own properties only. @internal */
export function getter(field: string): (f: Fields) => unknown {
  if (!field.includes('.')) return (f) => (hasOwn(f, field) ? f[field] : undefined);
  const parts = field.split('.');
  return (f) => {
    let v: unknown = f;
    for (const p of parts) {
      if (v === null || typeof v !== 'object' || !hasOwn(v, p)) return undefined;
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

/** Compiles a validated condition into a closure (this runs once per definition, the closure once per event). @internal */
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
  const field = c.field;
  const get = getter(field);
  // The common operators on a plain field read it directly (this runs once per event per clock). A value that is
  // not an own property is missing: `eq` and `in` do not hold, `ne` and `notIn` do.
  if (!field.includes('.')) {
    if ('eq' in c) { const v = c.eq; return (f) => f[field] === v && hasOwn(f, field); }
    if ('ne' in c) { const v = c.ne; return (f) => f[field] !== v || !hasOwn(f, field); }
    if ('in' in c) { const set = new Set<unknown>(c.in); return (f) => set.has(f[field]) && hasOwn(f, field); }
    if ('notIn' in c) { const set = new Set<unknown>(c.notIn); return (f) => !set.has(f[field]) || !hasOwn(f, field); }
  }
  if ('eq' in c) { const v = c.eq; return (f) => get(f) === v; }
  if ('ne' in c) { const v = c.ne; return (f) => get(f) !== v; }
  if ('in' in c) { const set = new Set<unknown>(c.in); return (f) => set.has(get(f)); }
  if ('notIn' in c) { const set = new Set<unknown>(c.notIn); return (f) => !set.has(get(f)); }
  if ('exists' in c) { const want = c.exists; return (f) => (get(f) != null) === want; }
  if ('gt' in c) { const v = c.gt; return (f) => { const r = compare(get(f), v); return r !== null && r > 0; }; }
  if ('gte' in c) { const v = c.gte; return (f) => { const r = compare(get(f), v); return r !== null && r >= 0; }; }
  if ('lt' in c) { const v = c.lt; return (f) => { const r = compare(get(f), v); return r !== null && r < 0; }; }
  const v = c.lte;
  return (f) => { const r = compare(get(f), v); return r !== null && r <= 0; };
}

/** A validated scalar as written in a description (strings bare: `state = on_hold`). */
const shown = (v: ConditionValue): string => (typeof v === 'string' ? v : String(v));

/**
 * Renders a condition for people: `state = on_hold`, `priority in [1, 2]`, `event RESOLVE`, `not (…)`.
 *
 * @param c - A condition (validated here).
 * @returns One line of text.
 * @throws {@link ItsmError} `invalid_definition` listing every issue with its path when `c` is not a condition.
 * @example
 * ```ts
 * describeCondition({ all: [{ field: 'state', eq: 'on_hold' }, { field: 'holdReason', ne: 'awaiting_vendor' }] });
 * // 'state = on_hold and holdReason ≠ awaiting_vendor'
 * ```
 * @category Conditions
 */
export function describeCondition(c: Condition): string {
  const { condition, issues } = readCondition(c);
  if (issues.length > 0) throw validationError('condition', issues);
  return describeValid(condition);
}

/** {@link describeCondition} of an already validated condition. */
function describeValid(c: Condition): string {
  if (c === true) return 'always';
  if (c === false) return 'never';
  if ('all' in c) return c.all.length === 0 ? 'always' : c.all.map((x) => wrap(x)).join(' and ');
  if ('any' in c) return c.any.length === 0 ? 'never' : c.any.map((x) => wrap(x)).join(' or ');
  if ('not' in c) return `not ${wrap(c.not)}`;
  if ('event' in c) return `event ${c.event}`;
  const f = c.field;
  if ('eq' in c) return `${f} = ${shown(c.eq)}`;
  if ('ne' in c) return `${f} ≠ ${shown(c.ne)}`;
  if ('in' in c) return `${f} in [${c.in.map(shown).join(', ')}]`;
  if ('notIn' in c) return `${f} not in [${c.notIn.map(shown).join(', ')}]`;
  if ('exists' in c) return c.exists ? `${f} is set` : `${f} is not set`;
  if ('gt' in c) return `${f} > ${shown(c.gt)}`;
  if ('gte' in c) return `${f} ≥ ${shown(c.gte)}`;
  if ('lt' in c) return `${f} < ${shown(c.lt)}`;
  return `${f} ≤ ${shown(c.lte)}`;
}

function wrap(c: Condition): string {
  const s = describeValid(c);
  return typeof c === 'object' && ('all' in c || 'any' in c) && ('all' in c ? c.all : c.any).length > 1 ? `(${s})` : s;
}

// Explanations describe the same (frozen, validated) condition objects over and over: compute each text once.
const descriptions = new WeakMap<object, string>();
const compiledParts = new WeakMap<object, CompiledCondition>();

/** {@link describeCondition}, computed once per condition object. @internal */
export function describeConditionOnce(c: Condition): string {
  if (typeof c !== 'object') return describeValid(c);
  let text = descriptions.get(c);
  if (text === undefined) descriptions.set(c, (text = describeValid(c)));
  return text;
}

function compiledPart(c: Condition): CompiledCondition {
  if (typeof c !== 'object') return compileCondition(c);
  let f = compiledParts.get(c);
  if (f === undefined) compiledParts.set(c, (f = compileCondition(c)));
  return f;
}

/**
 * The part of a condition that holds, described: for `any`, the first alternative that holds; otherwise the
 * whole. Says why something happened ("state = on_hold", not the whole pause condition). @internal
 */
export function describeHolding(c: Condition, fields: Fields, eventType: string): string {
  if (typeof c === 'object' && 'any' in c) {
    for (const part of c.any) if (compiledPart(part)(fields, eventType)) return describeHolding(part, fields, eventType);
  }
  return describeConditionOnce(c);
}
