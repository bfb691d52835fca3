import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ItsmError, isItsmError, toEpochMs } from 'itsm-kit/core';

describe('ItsmError', () => {
  it('is recognised from another copy of the library (the ESM and CJS builds loaded side by side)', () => {
    // What the other build's constructor produces: an Error carrying the shared brand, from another class.
    const brand: unique symbol = Symbol.for('itsm-kit.ItsmError') as never;
    class OtherBuildItsmError extends Error {
      readonly [brand] = true;
      readonly code = 'invalid_instant';
    }
    const foreign = new OtherBuildItsmError('x');
    expect(foreign instanceof ItsmError).toBe(true);
    expect(isItsmError(foreign)).toBe(true);
  });

  it('is not claimed by look-alikes without the brand', () => {
    expect(new Error('x') instanceof ItsmError).toBe(false);
    expect({ code: 'invalid_instant', message: 'x' } instanceof ItsmError).toBe(false);
    expect(isItsmError(null)).toBe(false);
  });

  it('carries a stable code and frozen issues and details', () => {
    const e = new ItsmError('invalid_definition', 'bad', { issues: [{ code: 'c', path: ['a', 0], message: 'm' }], details: { field: 'a' } });
    expect(e.code).toBe('invalid_definition');
    expect(Object.isFrozen(e.issues)).toBe(true);
    expect(Object.isFrozen(e.details)).toBe(true);
    expect(e).toBeInstanceOf(Error);
  });

  it('describes hostile values safely in messages (BigInt, symbols, cyclic objects, huge strings)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const v of [1n, Symbol('s'), cyclic, 'x'.repeat(1_000_000), Object.create(null), runInNewContext('new Date(NaN)')]) {
      try {
        toEpochMs(v as never, 'at');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ItsmError);
        expect((e as ItsmError).message.length).toBeLessThan(400);
      }
    }
  });
});
