import { frozenCopy } from '../core/freeze.js';
import { z } from 'zod';
import { StoredInstantSchema } from '../lifecycle/history.js';
import { ItsmError, atBoundary, toSafe, type SafeResult } from '../core/errors.js';
import { argumentError } from '../core/messages.js';
import { issuesFromZod } from '../core/schema.js';
import { parseWith } from '../core/schema.js';
import type { ProblemContext } from './types.js';

const Text = z.string().trim().min(1, 'must not be empty');

/**
 * Zod schema for a {@link KnownError}.
 *
 * @example
 * ```ts
 * KnownErrorSchema.parse({ symptom: 'VPN drops hourly', workaround: 'Reconnect' });
 * ```
 * @category Problem
 */
export const KnownErrorSchema: z.ZodType<KnownError> = z.object({
  id: Text.optional(),
  problemId: Text.optional(),
  symptom: Text,
  cause: Text.nullable().optional(),
  workaround: Text,
  affectedServices: z.array(Text).default([]),
  affectedCis: z.array(Text).default([]),
  publishedAt: StoredInstantSchema.optional(),
});

/**
 * A known error: a problem whose symptom and workaround are documented (the root cause may still be unknown),
 * so the service desk can apply the workaround to new incidents.
 *
 * @example
 * ```ts
 * const ke: KnownError = { symptom: 'VPN drops hourly', cause: 'MTU mismatch', workaround: 'Reconnect', affectedServices: ['vpn'], affectedCis: [] };
 * ```
 * @category Problem
 */
export interface KnownError {
  /** The known-error record's own id, if the host numbers them. */
  readonly id?: string;
  /** The problem the record was published from. */
  readonly problemId?: string;
  /** What users experience (the problem statement). */
  readonly symptom: string;
  /** The root cause, when known. */
  readonly cause?: string | null;
  /** How to restore service until the fix. */
  readonly workaround: string;
  /** Ids of the services affected. */
  readonly affectedServices: readonly string[];
  /** Ids of the configuration items affected. */
  readonly affectedCis: readonly string[];
  /** ISO 8601 UTC instant of publication. */
  readonly publishedAt?: string;
}

/**
 * Validates a known-error record and returns a fresh copy (texts trimmed, lists defaulted to `[]`).
 *
 * @param input - Untrusted record.
 * @returns The record.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue with its path.
 * @example
 * ```ts
 * const ke = createKnownError({ symptom: 'Printer offline', workaround: 'Power-cycle it', affectedCis: ['PRN-12'] });
 * ```
 * @category Problem
 */
export function createKnownError(input: unknown): KnownError {
  return atBoundary(() => {
    const r = parseWith(KnownErrorSchema, input, 'known error');
    if (!r.success) throw r.error;
    return frozenCopy(r.data);
  });
}

/**
 * The JSON Schema (draft 2020-12) of a stored {@link KnownError}, generated from {@link KnownErrorSchema}.
 *
 * @returns A fresh JSON Schema object.
 * @example
 * ```ts
 * knownErrorJsonSchema().required; // ['symptom', 'workaround']
 * ```
 * @category Problem
 */
export function knownErrorJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(KnownErrorSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/**
 * Non-throwing {@link createKnownError}.
 *
 * @param input - Untrusted record.
 * @returns `{ success: true, data }` or `{ success: false, error }` with every issue.
 * @example
 * ```ts
 * safeCreateKnownError({ symptom: 'x' }).success; // false: no workaround
 * ```
 * @category Problem
 */
export function safeCreateKnownError(input: unknown): SafeResult<KnownError> {
  return toSafe(() => createKnownError(input));
}

/** Builds the known-error record of a problem context at `publishedAt` (workaround already checked). @internal */
export function knownErrorOf(ctx: ProblemContext, workaround: string, publishedAt: string): KnownError {
  return {
    ...(ctx.id !== null ? { problemId: ctx.id } : {}),
    symptom: ctx.statement,
    cause: ctx.cause,
    workaround,
    affectedServices: [...ctx.affectedServices],
    affectedCis: [...ctx.affectedCis],
    publishedAt,
  };
}

/**
 * The known-error record a problem would publish now: symptom from its statement, cause, workaround,
 * affected services and CIs. Use it to show a draft before sending `PUBLISH_KNOWN_ERROR`.
 *
 * @param problem - The problem (live snapshot or persisted JSON).
 * @returns The record, without `publishedAt`.
 * @throws {@link core!ItsmError} `refused_transition` when the problem has no workaround yet; `invalid_argument` when
 * `problem` is not a problem snapshot.
 * @example
 * ```ts
 * knownErrorFromProblem(snapshot).workaround; // 'Reconnect the VPN'
 * ```
 * @category Problem
 */
export function knownErrorFromProblem(problem: { readonly context: ProblemContext }): KnownError {
  return atBoundary(() => draftOf(problem));
}

// What a draft reads from a problem context (the full context schema lives in schemas.ts, which imports this file).
const DraftSourceSchema = z.object({
  id: z.string().nullable(),
  statement: z.string(),
  cause: z.string().nullable(),
  workaround: z.string().nullable(),
  affectedServices: z.array(z.string()),
  affectedCis: z.array(z.string()),
});

function draftOf(problem: { readonly context: ProblemContext }): KnownError {
  if (problem === null || typeof problem !== 'object') throw argumentError('problem', problem, 'a problem snapshot (live or persisted)');
  const parsed = DraftSourceSchema.safeParse(problem.context);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error).map((i) => ({ ...i, path: ['context', ...i.path] }));
    throw new ItsmError('invalid_argument', `problem: not a problem snapshot (${issues.length} issue${issues.length === 1 ? '' : 's'}); pass a snapshot of problemMachine, live or persisted.`, { issues, details: { field: 'problem' } });
  }
  const ctx = parsed.data as unknown as ProblemContext;
  if (ctx.workaround === null || ctx.workaround.trim() === '') {
    throw new ItsmError('refused_transition', 'A known error needs a workaround; record one with UPDATE { workaround } first.', { details: { rule: 'known_error_needs_workaround' } });
  }
  const { publishedAt: _omit, ...draft } = knownErrorOf(ctx, ctx.workaround, '');
  return draft;
}
