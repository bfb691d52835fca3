// The calendar's own error messages, one factory per mistake (the shared ones live in core/messages.ts).
import { ItsmError } from '../core/errors.js';
import { argumentError, optionsNotObjectError } from '../core/messages.js';
import { EMPTY_YEARS_LIMIT } from './constants.js';

/** The error thrown when a search finds no business time within {@link EMPTY_YEARS_LIMIT} years. */
export function noBusinessTime(fn: string, from: number): ItsmError {
  return new ItsmError('no_business_time', `${fn}: the calendar has no business time within ${EMPTY_YEARS_LIMIT} years of ${new Date(from).toISOString()}; check its weekly hours, holidays and overrides.`, { details: { from: new Date(from) } });
}

/** The error thrown when a result would fall outside years 0001-9999. */
export function outOfRange(fn: string): ItsmError {
  return new ItsmError('invalid_argument', `${fn}: the result falls outside the supported range (years 0001 to 9999); use a smaller amount.`);
}

/** The error for an argument that is not a calendar. */
export function notACalendar(field: string, value: unknown): ItsmError {
  return argumentError(field, value, 'a BusinessCalendar; build one with createCalendar(spec), calendar24x7() or a composition function');
}

/** An options argument to read members from (none for `undefined`); anything but an object, or a read that throws, is an error. */
export function optionsOf(value: unknown, field = 'options'): { readonly get: (key: string) => unknown } {
  if (value === undefined) return NO_OPTIONS;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw optionsNotObjectError(field, 'an options object');
  return {
    get: (key) => {
      try {
        return (value as Record<string, unknown>)[key];
      } catch {
        throw optionsNotObjectError(field, 'a plain options object (reading it threw)');
      }
    },
  };
}

const NO_OPTIONS = { get: (_key: string): unknown => undefined };
