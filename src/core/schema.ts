import { z } from 'zod';
import type { ValidationIssue } from './errors.js';
import { validationError, type SafeResult } from './errors.js';
import { parseDurationOrNull } from './duration.js';
import { isInstant } from './instant.js';

/**
 * Converts zod issues to {@link ValidationIssue}s (code, path, message).
 *
 * @example
 * ```ts
 * const r = schema.safeParse(input);
 * if (!r.success) console.log(issuesFromZod(r.error));
 * ```
 * @category Validation
 */
export function issuesFromZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({
    code: i.code === 'custom' && typeof i.params?.['code'] === 'string' ? (i.params['code'] as string) : i.code,
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
}

/**
 * Validates `input` with `schema`; returns the parsed value or the `invalid_definition` error listing every issue.
 *
 * @param schema - The zod schema.
 * @param input - Untrusted input.
 * @param what - What is being validated, for the error message (`calendar spec`).
 * @example
 * ```ts
 * const r = parseWith(CalendarSpecSchema, json, 'calendar spec');
 * ```
 * @category Validation
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, what: string): SafeResult<z.output<T>> {
  const r = schema.safeParse(input);
  if (r.success) return { success: true, data: r.data };
  return { success: false, error: validationError(what, issuesFromZod(r.error)) };
}

/**
 * Zod schema for an ISO 8601 duration accepted by {@link parseDuration} (`PT4H`, `P3D`).
 *
 * @example
 * ```ts
 * IsoDurationSchema.parse('PT4H'); // 'PT4H'
 * ```
 * @category Validation
 */
export const IsoDurationSchema = z.string().refine((s) => parseDurationOrNull(s) !== null, {
  message: 'must be an ISO 8601 duration such as "PT4H", "PT30M", "P3D" (years and months are not allowed)',
});

/**
 * Zod schema for an {@link Instant}: a valid `Date`, finite epoch milliseconds, or an ISO 8601 string with an offset.
 *
 * @example
 * ```ts
 * InstantSchema.parse('2026-03-08T09:30:00-05:00');
 * ```
 * @category Validation
 */
export const InstantSchema = z.custom<Date | number | string>((v) => isInstant(v), {
  message: 'must be a valid Date, epoch milliseconds, or an ISO 8601 string with an offset ("2026-03-08T09:30:00-05:00")',
});
