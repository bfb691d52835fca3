// Callers whose own code throws when read, for the modules' named hardening tests: a Proxy whose every trap throws,
// getters that throw, and the check that only an ItsmError comes out.
import { expect } from 'vitest';
import { ItsmError } from 'itsm-kit';

const trap = (): never => {
  throw new Error('hostile trap');
};

/** A Proxy whose every trap throws. */
export function throwingProxy(target: object = {}): object {
  return new Proxy(target, {
    get: trap, set: trap, has: trap, deleteProperty: trap, ownKeys: trap, getOwnPropertyDescriptor: trap,
    defineProperty: trap, getPrototypeOf: trap, setPrototypeOf: trap, isExtensible: trap, preventExtensions: trap,
  });
}

/** An object whose listed keys are getters that throw. */
export function throwingGetters(...keys: string[]): object {
  const o: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(o, k, { get: trap, enumerable: true });
  return o;
}

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
