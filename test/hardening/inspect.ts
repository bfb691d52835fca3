// Cycle-safe, getter-safe inspection used by the hardening suite: a fingerprint of a value (to prove a call did not
// mutate its arguments), a walk of an output for NaN / Infinity / Invalid Date, and a fingerprint of the global
// prototypes (to prove nothing was polluted). Nothing here calls user code: no getters, no toString, and a Proxy
// whose traps throw is recorded as opaque.

/**
 * Third-party objects passed as valid arguments (a `date-holidays` instance caches what it computed): fingerprinted
 * by identity only, since their internal caches are not the caller's data.
 */
export const THIRD_PARTY: WeakSet<object> = new WeakSet();

/** Keys of library objects that are not data (xstate internals): never walked. */
export const SKIPPED_KEYS: ReadonlySet<string> = new Set(['machine', '_nodes']);

export interface InspectOptions {
  /** Objects fingerprinted by their public face only (a calendar's compiled-year cache is not data). */
  readonly opaque?: (value: object) => boolean;
  /** Deep-frozen values, recorded by identity (nothing reachable from them can change). */
  readonly immutable?: WeakSet<object>;
}

const WELL_KNOWN = new Map<unknown, string>([
  [Object.prototype, 'Object.prototype'], [Array.prototype, 'Array.prototype'], [Function.prototype, 'Function.prototype'],
  [Date.prototype, 'Date.prototype'], [Map.prototype, 'Map.prototype'], [Set.prototype, 'Set.prototype'],
  [RegExp.prototype, 'RegExp.prototype'], [Error.prototype, 'Error.prototype'], [Promise.prototype, 'Promise.prototype'],
  [String.prototype, 'String.prototype'], [Number.prototype, 'Number.prototype'], [null, 'null'],
]);

function dateTime(value: object): number | undefined {
  // Cheap test first (a thrown TypeError per object would dominate the walk); cross-realm Dates pass it too.
  if (!(value instanceof Date) && Object.prototype.toString.call(value) !== '[object Date]') return undefined;
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

/**
 * A string that changes when anything reachable from `root` through own data properties changes: keys, values,
 * property flags, prototypes, extensibility, Date time values, Map and Set entries. Cycles and shared references
 * are recorded by identity; depth is unbounded (the walk is iterative).
 */
export function fingerprint(root: unknown, options: InspectOptions = {}): string {
  const ids = new Map<unknown, number>();
  const queue: object[] = [];
  const out: string[] = [];
  const ref = (v: unknown): string => {
    switch (typeof v) {
      case 'string': return v.length > 512 ? `s${v.length}:${v.slice(0, 200)}…${v.slice(-200)}` : `s:${v}`;
      case 'number': return Object.is(v, -0) ? 'n-0' : `n${v}`;
      case 'bigint': return `b${v}`;
      case 'boolean': return `B${v}`;
      case 'undefined': return 'u';
      default: break;
    }
    if (WELL_KNOWN.has(v)) return WELL_KNOWN.get(v)!;
    let id = ids.get(v);
    if (id === undefined) {
      id = ids.size;
      ids.set(v, id);
      if (typeof v === 'object' || typeof v === 'function') queue.push(v as object);
    }
    return typeof v === 'symbol' ? `y${id}` : `#${id}`;
  };
  out.push(ref(root));
  for (let q = 0; q < queue.length; q++) {
    const o = queue[q]!;
    out.push(`\n#${ids.get(o)}`);
    if (typeof o === 'function' || options.immutable?.has(o)) continue; // identity only
    try {
      if (options.opaque?.(o)) {
        const face = o as { kind?: unknown; timeZone?: unknown };
        out.push(`opaque ${String(face.kind)} ${String(face.timeZone)}`);
        continue;
      }
      out.push(`p${ref(Reflect.getPrototypeOf(o))}`, Reflect.isExtensible(o) ? 'e' : 'E');
      const t = dateTime(o);
      if (t !== undefined) out.push(`t${t}`);
      if (o instanceof Map) Map.prototype.forEach.call(o, (v: unknown, k: unknown) => out.push(`m${ref(k)}=${ref(v)}`));
      if (o instanceof Set) Set.prototype.forEach.call(o, (v: unknown) => out.push(`S${ref(v)}`));
      if (ArrayBuffer.isView(o)) continue;
      for (const key of Reflect.ownKeys(o)) {
        const d = Reflect.getOwnPropertyDescriptor(o, key)!;
        const k = typeof key === 'symbol' ? ref(key) : `k:${key}`;
        const flags = `${d.enumerable ? 'e' : ''}${d.configurable ? 'c' : ''}${d.writable ? 'w' : ''}`;
        if ('value' in d) out.push(`${k}/${flags}=${typeof key === 'string' && SKIPPED_KEYS.has(key) ? 'skip' : ref(d.value)}`);
        else out.push(`${k}/${flags}get${ref(d.get)}set${ref(d.set)}`);
      }
    } catch {
      out.push('opaque (throws)');
    }
  }
  return out.join(' ');
}

/** Where a non-finite number or an Invalid Date sits in an output, or `null`. */
export interface NonFinite {
  readonly path: string;
  readonly what: string;
}

/**
 * Walks an output (cycle-safe, own data properties only, never into xstate internals, errors, functions, typed
 * arrays or opaque library objects) and returns the first NaN, ±Infinity or Invalid Date found.
 */
export function findNonFinite(root: unknown, options: InspectOptions = {}): NonFinite | null {
  const seen = new Set<object>();
  const stack: Array<[unknown, string]> = [[root, '(result)']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path, what: String(v) };
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    try {
      if (v instanceof Error || ArrayBuffer.isView(v) || options.opaque?.(v)) continue;
      const t = dateTime(v);
      if (t !== undefined && !Number.isFinite(t)) return { path, what: 'Invalid Date' };
      if (v instanceof Map) Map.prototype.forEach.call(v, (x: unknown, k: unknown) => stack.push([x, `${path}.get(${String(k)})`]));
      if (v instanceof Set) Set.prototype.forEach.call(v, (x: unknown) => stack.push([x, `${path}.values()`]));
      for (const key of Reflect.ownKeys(v)) {
        if (typeof key === 'string' && SKIPPED_KEYS.has(key)) continue;
        const d = Reflect.getOwnPropertyDescriptor(v, key);
        if (d && 'value' in d) stack.push([d.value, `${path}.${String(key)}`]);
      }
    } catch {
      // an opaque value (a hostile Proxy passed through): nothing the library produced
    }
  }
  return null;
}

const PROTOTYPES_ALL: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype], ['Array.prototype', Array.prototype], ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype], ['Number.prototype', Number.prototype], ['Date.prototype', Date.prototype],
  ['Map.prototype', Map.prototype], ['Set.prototype', Set.prototype], ['Error.prototype', Error.prototype],
];

const PROTOTYPES_CORE = PROTOTYPES_ALL.slice(0, 3);

/**
 * Identity fingerprint of the global prototypes: own keys, and each property's value / getter / setter identity.
 * `core` (the default, cheap enough for every call): Object, Array and Function prototypes; `all` adds String,
 * Number, Date, Map, Set and Error.
 */
export function prototypesFingerprint(which: 'core' | 'all' = 'core'): unknown[] {
  const out: unknown[] = [];
  for (const [name, proto] of which === 'core' ? PROTOTYPES_CORE : PROTOTYPES_ALL) {
    out.push(name, Reflect.getPrototypeOf(proto), Reflect.isExtensible(proto));
    for (const key of Reflect.ownKeys(proto)) {
      const d = Reflect.getOwnPropertyDescriptor(proto, key)!;
      out.push(key, d.value, d.get, d.set, d.writable, d.enumerable, d.configurable);
    }
  }
  return out;
}

/** Which entries of two prototype fingerprints differ (as text), or `null` when they are the same. */
export function prototypesChanged(before: readonly unknown[], after: readonly unknown[]): string | null {
  if (before.length !== after.length) return `the global prototypes changed (${before.length} → ${after.length} facts)`;
  for (let i = 0; i < before.length; i++) if (!Object.is(before[i], after[i])) return `the global prototypes changed at fact ${i}`;
  return null;
}

/** A short description of an argument list for failure messages (never calls user code). */
export function describeArgs(args: readonly unknown[]): string {
  return args.map((a) => describeShort(a)).join(', ');
}

function describeShort(v: unknown, depth = 0): string {
  if (v === undefined) return 'undefined';
  switch (typeof v) {
    case 'string': return v.length > 60 ? `"${v.slice(0, 40)}…" (${v.length} chars)` : JSON.stringify(v);
    case 'number': return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint': return `${v}n`;
    case 'symbol': return 'Symbol()';
    case 'function': return 'function';
    case 'undefined': return 'undefined';
    case 'boolean': return String(v);
    default: break;
  }
  if (v === null) return 'null';
  const o = v as object;
  try {
    const t = dateTime(o);
    if (t !== undefined) return Number.isFinite(t) ? `Date(${new Date(t).toISOString()})` : 'Invalid Date';
    if (depth >= 2) return Array.isArray(v) ? `[…${v.length}]` : '{…}';
    if (Array.isArray(v)) return `[${v.slice(0, 4).map((x) => describeShort(x, depth + 1)).join(', ')}${v.length > 4 ? `, …(${v.length})` : ''}]`;
    const keys = Reflect.ownKeys(o).slice(0, 6);
    return `{ ${keys.map((k) => {
      const d = Reflect.getOwnPropertyDescriptor(o, k)!;
      return `${String(k)}: ${'value' in d ? describeShort(d.value, depth + 1) : 'getter'}`;
    }).join(', ')} }`;
  } catch {
    return '(opaque)';
  }
}
