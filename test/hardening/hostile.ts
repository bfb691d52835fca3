// Hostile values, as a backend feeding itsm-kit rows from databases and queues (or an attacker) would pass them:
// wrong types, BigInt, symbols, functions, cyclic and null-prototype objects, getters and Proxies that throw, very
// deep nesting, megabyte strings, extreme numbers, odd Dates (another realm included), `__proto__` payloads from
// JSON.parse, instants outside years 0001-9999, sparse arrays, Map / Set where objects are expected.
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';

/** A hostile value with a short name, so a failure says which one it was. */
export interface Hostile {
  readonly name: string;
  readonly value: unknown;
}

const throwing = (): never => {
  throw new Error('hostile trap');
};

/** A Proxy whose every trap throws (the target is a plain object, so `typeof` is 'object'). */
export function throwingProxy(target: object = {}): object {
  return new Proxy(target, {
    get: throwing, set: throwing, has: throwing, deleteProperty: throwing, ownKeys: throwing, getOwnPropertyDescriptor: throwing,
    defineProperty: throwing, getPrototypeOf: throwing, setPrototypeOf: throwing, isExtensible: throwing, preventExtensions: throwing,
    apply: throwing, construct: throwing,
  });
}

/** An object whose listed keys are getters that throw. */
export function throwingGetters(...keys: string[]): object {
  const o: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(o, k, { get: throwing, enumerable: true, configurable: true });
  return o;
}

/**
 * Large hostile values, deep-frozen: a call cannot change them (an attempt throws, which the suite reports), so the
 * mutation check records them by identity instead of walking 10,000 levels twice per call.
 */
export const IMMUTABLE: WeakSet<object> = new WeakSet();

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || IMMUTABLE.has(v)) continue;
    Object.freeze(v);
    IMMUTABLE.add(v);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return value;
}

/** `{ a: { a: ... } }` nested `depth` levels (built iteratively), or the same with arrays. */
export function deep(depth: number, kind: 'object' | 'array' = 'object'): unknown {
  let v: unknown = kind === 'object' ? {} : [];
  for (let i = 0; i < depth; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
}

function cyclic(): object {
  const o: Record<string, unknown> = { type: 'UPDATE', at: '2026-03-09T09:00:00Z' };
  o['self'] = o;
  o['set'] = { back: o };
  return o;
}

function cyclicArray(): unknown[] {
  const a: unknown[] = [1, 2];
  a.push(a);
  return a;
}

function holes(): unknown[] {
  const a: unknown[] = [];
  a[3] = { at: '2026-03-09T09:00:00Z', type: 'CREATE' };
  a.length = 6;
  return a;
}

/** A Date object from another realm (`instanceof Date` is false). */
const foreignDate = (iso: string): unknown => runInNewContext(`new Date(${JSON.stringify(iso)})`);

const MB = 1 << 20;
const SANE_AT = '2026-03-09T09:00:00Z';

// Built once (some are large); every run reuses them, which is safe because the suite checks that no call mutates
// its arguments.
let cache: readonly Hostile[] | null = null;

/** Every hostile value, each with its name. */
export function hostileValues(): readonly Hostile[] {
  if (cache) return cache;
  const nullProto = Object.create(null) as Record<string, unknown>;
  nullProto['at'] = SANE_AT;
  nullProto['type'] = 'CREATE';
  const list: Hostile[] = [
    // wrong primitive types
    { name: 'undefined', value: undefined },
    { name: 'null', value: null },
    { name: 'true', value: true },
    { name: 'false', value: false },
    { name: '0', value: 0 },
    { name: 'empty string', value: '' },
    { name: 'whitespace', value: ' \t\n' },
    { name: 'garbage string', value: 'garbage' },
    { name: 'BigInt 1n', value: 1n },
    { name: 'BigInt 2**70', value: 2n ** 70n },
    { name: 'Symbol', value: Symbol('hostile') },
    { name: 'Symbol.iterator', value: Symbol.iterator },
    { name: 'function', value: () => 1 },
    { name: 'class', value: class Hostile {} },
    // extreme numbers
    { name: 'NaN', value: NaN },
    { name: 'Infinity', value: Infinity },
    { name: '-Infinity', value: -Infinity },
    { name: '-0', value: -0 },
    { name: '1e308', value: 1e308 },
    { name: '-1e308', value: -1e308 },
    { name: 'MAX_SAFE_INTEGER + 2', value: Number.MAX_SAFE_INTEGER + 2 },
    { name: 'MIN_SAFE_INTEGER - 2', value: Number.MIN_SAFE_INTEGER - 2 },
    { name: 'MAX_VALUE', value: Number.MAX_VALUE },
    { name: 'MIN_VALUE', value: Number.MIN_VALUE },
    { name: '-1', value: -1 },
    { name: '0.5', value: 0.5 },
    { name: '2e6', value: 2e6 },
    { name: '8.64e15 (largest Date)', value: 8.64e15 },
    { name: '-8.64e15 (smallest Date)', value: -8.64e15 },
    // instants and Dates
    { name: 'Invalid Date', value: new Date(NaN) },
    { name: 'Date year 0001', value: new Date('0001-01-01T00:00:00.000Z') },
    { name: 'Date year 10000', value: new Date('+010000-01-01T00:00:00.000Z') },
    { name: 'Date 9999-12-31T23:59:59.999Z', value: new Date('9999-12-31T23:59:59.999Z') },
    { name: 'Date year 0000', value: new Date('0000-06-01T00:00:00.000Z') },
    { name: 'Date from another realm', value: foreignDate('2026-03-09T09:00:00.000Z') },
    { name: 'invalid Date from another realm', value: foreignDate('nope') },
    { name: 'Date with own getTime', value: Object.assign(new Date(0), { getTime: throwing }) },
    { name: 'Date subclass', value: new (class extends Date {})(0) },
    { name: 'object pretending to be a Date', value: Object.create(Date.prototype) },
    { name: 'instant 9999-12-31T23:59:59Z', value: '9999-12-31T23:59:59Z' },
    { name: 'instant 0001-01-01T00:00:00Z', value: '0001-01-01T00:00:00Z' },
    { name: 'instant 0000-12-31T23:59:59Z', value: '0000-12-31T23:59:59Z' },
    { name: 'instant +010000-01-01T00:00:00.000Z', value: '+010000-01-01T00:00:00.000Z' },
    { name: 'instant without offset', value: '2026-03-09T09:00:00' },
    { name: 'Date#toString text', value: 'Tue Mar 10 2026' },
    { name: 'instant 2026-02-30T00:00:00Z', value: '2026-02-30T00:00:00Z' },
    { name: 'epoch ms before year 0001', value: -62135596800001 },
    { name: 'epoch ms at year 10000', value: 253402300800000 },
    // durations
    { name: 'duration P99999999D', value: 'P99999999D' },
    { name: 'duration P1Y', value: 'P1Y' },
    { name: 'duration with 80,000 digits', value: `P${'1'.repeat(80_000)}D` },
    { name: 'duration PT', value: 'PT' },
    // long strings
    { name: '1 MB string', value: 'x'.repeat(MB) },
    { name: '1 MB of digits', value: '9'.repeat(MB) },
    { name: '1 MB duration-like string', value: `P${'1M'.repeat(MB / 2)}` },
    { name: 'lone surrogate', value: '\ud800' },
    { name: 'NUL and control characters', value: 'a\u0000b\u001bc' },
    // objects
    { name: 'empty object', value: {} },
    { name: 'empty array', value: [] },
    { name: 'null-prototype object', value: nullProto },
    { name: 'cyclic object', value: cyclic() },
    { name: 'cyclic array', value: cyclicArray() },
    { name: 'array with holes', value: holes() },
    { name: 'object with throwing getters', value: throwingGetters('at', 'type', 'value', 'context', 'id', 'now', 'timeZone', 'weekly', 'levels', 'set', 'length') },
    { name: 'Proxy throwing on every trap', value: throwingProxy() },
    { name: 'Proxy of an array throwing on every trap', value: throwingProxy([]) },
    { name: 'deep object (10,000 levels)', value: deepFreeze(deep(10_000)) },
    { name: 'deep array (10,000 levels)', value: deepFreeze(deep(10_000, 'array')) },
    { name: 'Map', value: new Map<string, unknown>([['mon', ['09:00-17:00']], ['at', SANE_AT]]) },
    { name: 'Set', value: new Set(['09:00-17:00']) },
    { name: 'frozen object', value: Object.freeze({ at: SANE_AT, type: 'CREATE' }) },
    { name: 'RegExp', value: /x/ },
    { name: 'Error', value: new Error('e') },
    { name: 'Promise', value: Promise.resolve(1) },
    { name: 'typed array', value: new Uint8Array(4) },
    { name: 'boxed string', value: new String('PT4H') },
    { name: 'boxed number', value: new Number(0) },
    { name: 'object with toString and valueOf that throw', value: { toString: throwing, valueOf: throwing, [Symbol.toPrimitive]: throwing } },
    { name: 'iterable that throws', value: { [Symbol.iterator]: throwing } },
    { name: 'array of 10,000 nulls', value: deepFreeze(new Array(10_000).fill(null)) },
    // prototype payloads
    { name: 'JSON __proto__ payload', value: JSON.parse('{"__proto__": {"state": "closed", "polluted": true}, "at": "2026-03-09T09:00:00Z", "type": "UPDATE"}') },
    { name: 'JSON constructor.prototype payload', value: JSON.parse('{"constructor": {"prototype": {"polluted": true}}, "at": "2026-03-09T09:00:00Z"}') },
    { name: 'JSON prototype payload', value: JSON.parse('{"prototype": {"polluted": true}, "type": "CREATE"}') },
  ];
  cache = list;
  return list;
}

/** A fast-check arbitrary over the hostile values. */
export function hostileArbitrary(): fc.Arbitrary<Hostile> {
  return fc.constantFrom(...hostileValues());
}

/** Keys that, added to an object, try prototype pollution or shadow built-in methods. */
export const HOSTILE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
