// For the modules' named hardening tests: callers whose own code throws when read (from the hardening suite's
// hostile values), and the checks that only an ItsmError comes out.
import { expect } from 'vitest';
import { ItsmError } from 'itsm-kit';

export { throwingGetters, throwingProxy } from '../hardening/hostile.js';

/** Runs `fn` and returns the ItsmError it throws (failing if it throws anything else or nothing). */
export function itsmErrorOf(fn: () => unknown): ItsmError {
  try {
    fn();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(ItsmError);
    return e as ItsmError;
  }
  throw new Error('expected the call to throw');
}

/**
 * Runs each call: it may return (the trapped value was never needed) or throw an ItsmError, never the caller's own
 * Error; an error that wraps the caller's failure (`could not be processed`) is `invalid_argument` keeping it as cause.
 */
export function expectOnlyItsmErrors(calls: ReadonlyArray<() => unknown>): void {
  calls.forEach((call, i) => {
    try {
      call();
    } catch (e) {
      expect(e, `call ${i}: ${String(e)}`).toBeInstanceOf(ItsmError);
      const err = e as ItsmError;
      if (/could not be processed/.test(err.message)) {
        expect(err.code).toBe('invalid_argument');
        expect((err.cause as Error).message).toBe('hostile trap');
      }
    }
  });
}
