// The driver of the hardening suite: calls one export with given arguments and lists every way the call broke the
// hostile-input contract (issue 8, "What must hold").
import { ItsmError, isBusinessCalendar } from 'itsm-kit';
import * as api from 'itsm-kit';
import { HOSTILE_KEYS, IMMUTABLE, type Hostile } from './hostile.js';
import { THIRD_PARTY, describeArgs, findNonFinite, fingerprint, prototypesChanged, prototypesFingerprint, type InspectOptions } from './inspect.js';
import { ERROR_CODES, knownFindings, type Entry, type ViolationKind } from './registry.js';

/** A call that takes longer fails: it catches hangs and runaway cost, not slowness (CI noise stays far below). */
export const TIME_BOUND_MS = 2_000;

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);
const INSPECT: InspectOptions = { opaque: (v) => isBusinessCalendar(v), immutable: IMMUTABLE };
const INSPECT_ARGS: InspectOptions = { ...INSPECT, immutable: { has: (v: object) => IMMUTABLE.has(v) || THIRD_PARTY.has(v) } as WeakSet<object> };

export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
}

export interface Outcome {
  readonly violations: readonly Violation[];
  /** Violations that a known finding tolerates. */
  readonly tolerated: readonly Violation[];
  readonly skipped: boolean;
  readonly ms: number;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.slice(0, 200)}`;
  return `a thrown ${typeof e}`;
}

function checkError(e: unknown, where: string): Violation | null {
  if (!(e instanceof ItsmError)) return { kind: 'threw', message: `${where} ${errorText(e)} (not an ItsmError)` };
  if (typeof e.code !== 'string' || !CODES.has(e.code)) return { kind: 'bad_code', message: `${where} an ItsmError with code ${String(e.code)}` };
  if (e.code === 'invalid_definition' && (e.issues.length === 0 || e.issues.some((i) => !Array.isArray(i.path) || typeof i.message !== 'string'))) {
    return { kind: 'no_issues', message: `${where} invalid_definition without issues with paths: ${e.message.slice(0, 200)}` };
  }
  return null;
}

/** Calls `name` with `args` (draining a generator) and checks the contract. */
export function drive(name: string, entry: Entry, args: unknown[]): Outcome {
  const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
  const mine = knownFindings.filter((f) => f.name === name);
  if (mine.some((f) => f.skip && safely(() => f.when(args)))) return { violations: [], tolerated: [], skipped: true, ms: 0 };
  const before = args.map((a) => fingerprint(a, INSPECT_ARGS));
  const protoBefore = prototypesFingerprint();
  let result: unknown;
  let error: unknown;
  let threw = false;
  const t0 = performance.now();
  try {
    result = fn(...args);
    if (entry.generator) result = [...(result as Iterable<unknown>)];
  } catch (e) {
    threw = true;
    error = e;
  }
  const ms = performance.now() - t0;
  const found: Violation[] = [];
  const safe = name.startsWith('safe');
  if (threw) {
    if (safe) found.push({ kind: 'safe_threw', message: `threw ${errorText(error)}` });
    else {
      const v = checkError(error, 'threw');
      if (v) found.push(v);
    }
  } else if (safe) {
    const r = result as { success?: unknown; error?: unknown } | null;
    if (r === null || typeof r !== 'object' || typeof r.success !== 'boolean') found.push({ kind: 'safe_shape', message: 'returned something other than { success }' });
    else if (r.success === false) {
      const v = checkError(r.error, 'returned { success: false } with');
      if (v) found.push(v);
    }
  }
  if (!threw) {
    const bad = findNonFinite(result, INSPECT);
    if (bad) found.push({ kind: 'non_finite', message: `returned ${bad.what} at ${bad.path}` });
  }
  args.forEach((a, i) => {
    if (fingerprint(a, INSPECT_ARGS) !== before[i]) found.push({ kind: 'mutated', message: `mutated argument ${i}` });
  });
  const proto = prototypesChanged(protoBefore, prototypesFingerprint());
  if (proto) found.push({ kind: 'prototype', message: proto });
  if (ms > TIME_BOUND_MS) found.push({ kind: 'slow', message: `took ${Math.round(ms)} ms (bound ${TIME_BOUND_MS} ms)` });
  // Known findings are matched only when something broke (their predicates may be costly).
  const findings = found.length === 0 ? [] : mine.filter((f) => safely(() => f.when(args)));
  const tolerated = found.filter((v) => findings.some((f) => f.kinds.includes(v.kind)));
  return { violations: found.filter((v) => !tolerated.includes(v)), tolerated, skipped: false, ms };
}

function safely(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Where hostile values go
// ---------------------------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>;

// Plain, unfrozen objects and arrays: the data a caller builds. Frozen values (made by the library) and class
// instances are left whole; a hostile Proxy is not entered.
function isPlainContainer(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || TRAPS_OR_IMMUTABLE(v)) return false;
  try {
    if (Object.isFrozen(v)) return false;
    const p = Object.getPrototypeOf(v);
    return p === Object.prototype || p === Array.prototype || p === null;
  } catch {
    return false;
  }
}

const TRAPS_OR_IMMUTABLE = (v: object): boolean => IMMUTABLE.has(v) || THIRD_PARTY.has(v);

/** A copy of the plain containers of `root` (cycles kept), sharing everything else: safe to write into. */
function clonePlain(root: unknown): unknown {
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (!isPlainContainer(v)) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    const out: Record<string, unknown> = Array.isArray(v) ? ([] as unknown as Record<string, unknown>) : Object.create(Object.getPrototypeOf(v));
    copies.set(v, out);
    for (const key of Object.keys(v)) Object.defineProperty(out, key, { value: copy(v[key]), writable: true, enumerable: true, configurable: true });
    if (Array.isArray(v)) (out as unknown as unknown[]).length = v.length;
    return out;
  };
  return copy(root);
}

const MAX_PATHS = 400;

/** Paths to every value inside the plain-data part of `root` (not `root` itself), breadth first, at most 400. */
export function innerPaths(root: unknown): { all: Path[]; containers: Path[] } {
  const all: Path[] = [];
  const containers: Path[] = isPlainContainer(root) ? [[]] : [];
  const queue: Array<[unknown, Path]> = [[root, []]];
  for (let q = 0; q < queue.length && all.length < MAX_PATHS; q++) {
    const [v, path] = queue[q]!;
    if (!isPlainContainer(v)) continue;
    for (const key of Object.keys(v)) {
      const p = [...path, Array.isArray(v) ? Number(key) : key];
      all.push(p);
      const child = v[key];
      if (isPlainContainer(child)) {
        containers.push(p);
        queue.push([child, p]);
      }
    }
  }
  return { all, containers };
}

/** Writes `value` at `path` inside `root` as an own data property (so `__proto__` becomes an own key). */
export function setAt(root: unknown, path: Path, value: unknown): void {
  let parent = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1]!, { value, writable: true, enumerable: true, configurable: true });
}

/** One placement of a hostile value among valid arguments. */
export interface Placement {
  /** The argument position. */
  readonly position: number;
  /** `replace` the argument, write the value at an `inner` path of it, or add a hostile `key` to an object in it. */
  readonly mode: 'replace' | 'inner' | 'key';
  /** Which inner path (modulo their number). */
  readonly pick: number;
  readonly key: string;
  readonly hostile: Hostile;
}

/** The arguments for a placement: valid example arguments with the hostile value placed. */
export function argumentsFor(entry: Entry, placement: Placement): { args: unknown[]; where: string } {
  const args = entry.args();
  const { position, hostile } = placement;
  if (placement.mode !== 'replace') {
    // Valid examples may share objects between calls: write into a copy.
    args[position] = clonePlain(args[position]);
    const { all, containers } = innerPaths(args[position]);
    if (placement.mode === 'inner' && all.length > 0) {
      const path = all[placement.pick % all.length]!;
      setAt(args[position], path, hostile.value);
      return { args, where: `argument ${position} at ${path.join('.')} = ${hostile.name}` };
    }
    if (placement.mode === 'key' && containers.length > 0) {
      const path = containers[placement.pick % containers.length]!;
      setAt(args[position], [...path, placement.key], hostile.value);
      return { args, where: `argument ${position} at ${[...path, placement.key].join('.')} = ${hostile.name}` };
    }
  }
  while (args.length <= position) args.push(undefined);
  args[position] = hostile.value;
  return { args, where: `argument ${position} = ${hostile.name}` };
}

export { HOSTILE_KEYS, describeArgs };
