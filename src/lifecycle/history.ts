// The audit entry every lifecycle machine appends, and the persisted shapes shared by all of them.
import { z } from 'zod';
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

/** The persisted history entry. @internal */
export const HistoryEntrySchema = z.object({
  at: StoredInstantSchema,
  type: z.string().min(1).max(64),
  set: z.record(z.string().refine((k) => !FORBIDDEN_KEYS.has(k), 'is a reserved JavaScript name'), z.unknown()).optional(),
});
