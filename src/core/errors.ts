/**
 * Stable machine-readable codes carried by every {@link ItsmError}.
 *
 * @example
 * ```ts
 * const code: ItsmErrorCode = 'no_business_time';
 * ```
 * @category Errors
 */
export type ItsmErrorCode =
  | 'invalid_instant'
  | 'invalid_duration'
  | 'invalid_argument'
  | 'invalid_definition'
  | 'no_business_time'
  | 'events_out_of_order'
  | 'unknown_calendar'
  | 'unknown_field'
  | 'invalid_event'
  | 'refused_transition'
  | 'unknown_time_zone';

/**
 * One problem found while validating input, in the zod / valibot issue shape.
 *
 * @example
 * ```ts
 * const issue: ValidationIssue = { code: 'invalid_time', path: ['weekly', 'mon', 1], message: '"25:00" is not a time of day' };
 * ```
 * @category Errors
 */
export interface ValidationIssue {
  /** A short machine-readable kind (`invalid_type`, `invalid_time`, `overlap`, ...). */
  readonly code: string;
  /** Where in the input the problem is: object keys and array indexes from the root. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

// One brand for every copy of the library, so that an error from the CJS build is an ItsmError to the ESM one.
const BRAND: unique symbol = Symbol.for('itsm-kit.ItsmError') as never;

/**
 * The one error type itsm-kit throws. `code` is stable and safe to switch on; `issues` lists every
 * validation problem (with its path) when the error comes from validating a definition.
 *
 * @example
 * ```ts
 * try {
 *   createCalendar({ timeZone: 'Mars/Olympus', weekly: {} });
 * } catch (e) {
 *   if (e instanceof ItsmError && e.code === 'invalid_definition') console.log(e.issues);
 * }
 * ```
 * @category Errors
 */
export class ItsmError extends Error {
  /**
   * Recognises an `ItsmError` from any copy of the library (the ESM and the CJS build loaded side by side, or two
   * installed versions), so `e instanceof ItsmError` holds whichever build threw it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    // A hostile value (a Proxy whose traps throw, a throwing getter) is simply not an ItsmError.
    try {
      return (value as { [BRAND]?: unknown })[BRAND] === true;
    } catch {
      return false;
    }
  }

  /** The cross-build brand behind `instanceof`. @internal */
  readonly [BRAND] = true;

  /** Stable code identifying the kind of failure. */
  readonly code: ItsmErrorCode;
  /** Every validation problem found (empty for errors that are not about validation). */
  readonly issues: readonly ValidationIssue[];
  /** Extra structured facts (the offending field, index, value). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ItsmErrorCode,
    message: string,
    options: { issues?: readonly ValidationIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ItsmError';
    this.code = code;
    this.issues = Object.freeze([...(options.issues ?? [])]);
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }
}

/**
 * Whether a value is an {@link ItsmError} (from any copy of the library; the same test as `instanceof`).
 *
 * @example
 * ```ts
 * try { toEpochMs('yesterday'); } catch (e) { if (isItsmError(e)) console.log(e.code); } // 'invalid_instant'
 * ```
 * @category Errors
 */
export function isItsmError(value: unknown): value is ItsmError {
  return value instanceof ItsmError;
}

/**
 * Formats a path as `weekly.mon[1]`.
 *
 * @example
 * ```ts
 * formatPath(['weekly', 'mon', 1]); // 'weekly.mon[1]'
 * ```
 * @internal
 */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Builds the `invalid_definition` error for a list of issues, with a message naming each path.
 *
 * @param what - What was being validated (`calendar spec`, `SLA definition`).
 * @param issues - Every problem found.
 * @returns The error to throw or to return in a failed {@link SafeResult}.
 * @example
 * ```ts
 * throw validationError('calendar spec', [{ code: 'invalid_time', path: ['weekly', 'mon', 0], message: 'bad' }]);
 * ```
 * @internal
 */
export function validationError(what: string, issues: readonly ValidationIssue[]): ItsmError {
  const lines = issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}`).join('\n');
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  return new ItsmError('invalid_definition', `Invalid ${what} (${count}):\n${lines}`, { issues });
}

/**
 * The result of a non-throwing `safe…` constructor.
 *
 * @example
 * ```ts
 * const r = safeCreateCalendar(spec);
 * if (r.success) use(r.data); else console.error(r.error.issues);
 * ```
 * @category Errors
 */
export type SafeResult<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly error: ItsmError };

/**
 * The error for a failure that came from the input itself rather than from a rule: a getter or a Proxy trap of the
 * caller's value that threw, or the engine giving up on it (a stack overflow on a very deep value). The original
 * is kept as `cause`; the message never calls user code.
 *
 * @param error - What was thrown.
 * @param what - What was being read (`The input`, `snapshot`).
 * @returns An `invalid_argument` error (the argument itself when it already is an {@link ItsmError}).
 * @example
 * ```ts
 * try { read(value); } catch (e) { throw foreignError(e); }
 * ```
 * @internal
 */
export function foreignError(error: unknown, what = 'The input'): ItsmError {
  if (error instanceof ItsmError) return error;
  let reason = 'it threw while being read';
  try {
    if (error instanceof Error && typeof error.message === 'string') reason = `${error.name}: ${error.message.slice(0, 200)}`;
  } catch {
    // a hostile error object: keep the generic reason
  }
  return new ItsmError('invalid_argument', `${what} could not be processed (${reason}); pass plain data.`, { cause: error });
}

/**
 * Runs an entry point so that only an {@link ItsmError} leaves it: anything else thrown while reading the caller's
 * values (a throwing getter or Proxy trap, a stack overflow on a very deep value) becomes {@link foreignError}.
 *
 * @example
 * ```ts
 * export function derive(x: unknown) { return atBoundary(() => compute(x)); }
 * ```
 * @internal
 */
export function atBoundary<T>(fn: () => T, what?: string): T {
  try {
    return fn();
  } catch (error) {
    throw foreignError(error, what);
  }
}

/**
 * Runs a throwing constructor and turns its error into a failed {@link SafeResult}. A `safe…` function never
 * throws: an error that is not an `ItsmError` (thrown by the input itself, say a getter or a Proxy trap, or a stack
 * overflow on a very deep value) becomes {@link foreignError}, the original kept as `cause`.
 *
 * @example
 * ```ts
 * const r = toSafe(() => createCalendar(spec));
 * ```
 * @internal
 */
export function toSafe<T>(fn: () => T): SafeResult<T> {
  try {
    return { success: true, data: fn() };
  } catch (error) {
    return { success: false, error: foreignError(error) };
  }
}
