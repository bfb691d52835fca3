// The audit entry every lifecycle machine appends, and the persisted shapes shared by all of them.
import { z } from 'zod';
import { describeValue } from '../core/describe.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, toEpochMs } from '../core/instant.js';

/**
 * One audit entry of a lifecycle machine: the event's instant (ISO 8601 UTC), its type (`CREATE` for the first
 * entry) and the ticket fields it set. This is the event shape `evaluateSla` from `itsm-kit/sla` consumes, so a
 * machine's `context.history` is an SLA clock's input as it is.
 *
 * @example
 * ```ts
 * const entry: LifecycleHistoryEntry = { at: '2026-03-09T09:00:00.000Z', type: 'HOLD', set: { state: 'on_hold' } };
 * ```
 * @category Lifecycle
 */
export interface LifecycleHistoryEntry {
  /** The instant, as `new Date(ms).toISOString()`. */
  readonly at: string;
  /** `CREATE` or the event type. */
  readonly type: string;
  /** The fields the event set (always includes `state` when the state changed). */
  readonly set?: Readonly<Record<string, unknown>>;
}

const ISO_UTC = /^[+-]?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `ms` as the ISO 8601 UTC text machines store. @internal */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A stored instant: the ISO 8601 UTC text a machine writes (`2026-03-09T08:00:00.000Z`), or any ISO 8601 string
 * with an offset, in years 0001-9999. A string without offset is refused (it would be read in the host's zone).
 * @internal
 */
export const StoredInstantSchema = z.string().max(64).refine((s) => {
  try {
    toEpochMs(s);
    return true;
  } catch {
    return false;
  }
}, { message: 'must be an ISO 8601 instant with an offset ("2026-03-09T08:00:00.000Z"), in years 0001 to 9999' });

/** Epoch ms of a stored instant already validated by {@link StoredInstantSchema}. @internal */
export function storedMs(text: string): number {
  return toEpochMs(text);
}

/** Whether `text` is exactly the canonical form machines write. @internal */
export function isCanonicalIso(text: string): boolean {
  if (!ISO_UTC.test(text)) return false;
  const ms = toEpochMs(text);
  return ms >= MIN_SUPPORTED_MS && ms < MAX_SUPPORTED_MS && isoOf(ms) === text;
}

/** Field names that must never become own keys of a stored object (prototype pollution). @internal */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// Own keys of the raw object are checked before zod builds its copy: zod drops a `__proto__` key silently, and a
// hostile key must be refused, not lost.
/** Refuses own keys `__proto__`, `constructor`, `prototype` in a raw object (pipe it into the real schema). @internal */
export const NoForbiddenKeysSchema = z.unknown().superRefine((raw, ctx) => {
  if (raw === null || typeof raw !== 'object') return;
  for (const name of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.has(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is a reserved JavaScript name and cannot be a field name; use another name`, params: { code: 'reserved_field' } });
    }
  }
});

// How deep a value in `set` may nest: machines write flat fields and lists of ids.
const MAX_SET_DEPTH = 16;

/**
 * Why `value` is not plain JSON data as a machine writes it into `set` (strings, finite numbers, booleans, `null`,
 * arrays without holes and plain objects of those, at most 16 levels deep, no reserved keys), or `null`. Iterative,
 * so a hostile 10,000-level value is refused, not a stack overflow; no getter is called.
 * @internal
 */
export function jsonDataIssue(value: unknown): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${describeValue(v)} is not a finite number`;
      continue;
    }
    if (typeof v !== 'object') return `${describeValue(v)} is not JSON data`;
    if (depth >= MAX_SET_DEPTH) return `nests deeper than ${MAX_SET_DEPTH} levels`;
    const proto = Object.getPrototypeOf(v);
    const isArray = Array.isArray(v);
    if (!isArray && proto !== Object.prototype && proto !== null) return `${describeValue(v)} is not plain JSON data`;
    for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) if (!('value' in d)) return 'holds a getter';
    const keys = Object.keys(v);
    if (isArray && keys.length !== (v as unknown[]).length) return 'is an array with holes or extra keys';
    for (const k of keys) {
      if (!isArray && FORBIDDEN_KEYS.has(k)) return `"${k}" is a reserved JavaScript name`;
      stack.push([(v as Record<string, unknown>)[k], depth + 1]);
    }
  }
  return null;
}

/** The persisted history entry. @internal */
export const HistoryEntrySchema = z.object({
  at: StoredInstantSchema,
  type: z.string().min(1).max(64),
  set: NoForbiddenKeysSchema.pipe(z.record(z.string(), z.unknown())).superRefine((set, ctx) => {
    for (const [k, v] of Object.entries(set)) {
      const issue = jsonDataIssue(v);
      if (issue !== null) ctx.addIssue({ code: 'custom', path: [k], message: `must be JSON data as the machine writes it: ${issue}` });
    }
  }).optional(),
});
