// One message factory per mistake that several modules can meet (temporal-polyfill keeps every message in one
// file): the same mistake reads the same and carries the same code wherever it is found.
import { ItsmError, type ValidationIssue } from './errors.js';
import { describeValue } from './describe.js';

/** The issue for a time zone name the platform does not know. @internal */
export function unknownTimeZoneIssue(path: ReadonlyArray<string | number>, value: unknown): ValidationIssue {
  return {
    code: 'unknown_time_zone',
    path,
    message: `${describeValue(value)} is not an IANA time zone known to this platform; use a name such as "America/New_York" or "UTC"`,
  };
}

/** The error for a time zone argument the platform does not know (code `unknown_time_zone`). @internal */
export function unknownTimeZoneError(field: string, value: unknown): ItsmError {
  const issue = unknownTimeZoneIssue([field], value);
  return new ItsmError('unknown_time_zone', `${field}: ${issue.message}.`, { issues: [issue], details: { field } });
}

/** The error for an options argument that is not an object (or `undefined`). @internal */
export function optionsNotObjectError(field: string, expected: string): ItsmError {
  return new ItsmError('invalid_argument', `${field}: expected ${expected} or nothing.`, { details: { field } });
}

/** The error for a required argument of the wrong shape. @internal */
export function argumentError(field: string, value: unknown, expected: string): ItsmError {
  return new ItsmError('invalid_argument', `${field}: ${describeValue(value)} is not ${expected}.`, { details: { field } });
}
