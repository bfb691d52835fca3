// How the command reports a mistake: a usage error (exit 2) or bad input (exit 1), always as a message, never
// as a stack trace. Anything else reaching the top is a bug and is reported as one.
import { formatPath, ItsmError, type ValidationIssue } from '../core/errors.js';

/** A mistake in how the command was called (unknown option, missing file): exit status 2. @internal */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input the command cannot work with (an invalid definitions file): exit status 1. @internal */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** `where: path: message` lines for every issue of a validation error. @internal */
export function issueLines(where: string, error: ItsmError): string[] {
  if (error.issues.length === 0) return [`${where}: ${error.message}`];
  return error.issues.map((i: ValidationIssue) => `${where}: ${formatPath(i.path)}: ${i.message}`);
}

/** The message of any error thrown by the library for user data (first line only for multi-line ones). @internal */
export function shortMessage(error: unknown): string {
  if (error instanceof ItsmError) return error.message.split('\n')[0]!;
  return error instanceof Error ? error.message : String(error);
}
