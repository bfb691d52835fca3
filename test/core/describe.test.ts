import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/core/describe.js';

const SEED = 20261201;

describe('describeValue names any value safely for an error message', () => {
  it('quotes strings JSON-style and escapes quotes, backslashes and control characters', () => {
    expect(describeValue('on_hold')).toBe('"on_hold"');
    expect(describeValue('say "hi"\\\n')).toBe('"say \\"hi\\"\\\\\\u000a"');
  });

  it('cuts long strings at 80 characters and gives their length', () => {
    const text = describeValue('x'.repeat(1_000_000));
    expect(text).toBe(`"${'x'.repeat(80)}…" (1000000 characters)`);
  });

  it('writes numbers, -0, NaN, BigInts, booleans, null and undefined as written', () => {
    expect(describeValue(42)).toBe('42');
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(Infinity)).toBe('Infinity');
    expect(describeValue(10n)).toBe('10n (a BigInt)');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
  });

  it('names symbols, functions, arrays, Maps, Sets, null-prototype objects and other objects by kind', () => {
    expect(describeValue(Symbol('secret'))).toBe('a symbol');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue([])).toBe('an empty array');
    expect(describeValue([1, 2, 3])).toBe('an array of 3');
    expect(describeValue(new Map())).toBe('a Map');
    expect(describeValue(new Set())).toBe('a Set');
    expect(describeValue(Object.create(null))).toBe('an object without prototype');
    expect(describeValue({ a: 1 })).toBe('an object');
  });

  it('shows a Date as its ISO instant, from this realm or another, and an invalid one as Invalid Date', () => {
    expect(describeValue(new Date(Date.UTC(2026, 2, 8)))).toBe('the Date 2026-03-08T00:00:00.000Z');
    expect(describeValue(new Date(NaN))).toBe('Invalid Date');
    expect(describeValue(runInNewContext('new Date(Date.UTC(2026, 2, 8))'))).toBe('the Date 2026-03-08T00:00:00.000Z');
  });

  it('handles cyclic and very deep objects without walking them', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(describeValue(cyclic)).toBe('an object');
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(describeValue(deep)).toBe('an array of 1');
  });

  it('never calls user code: getters, toString, toJSON, Symbol.toPrimitive or proxy traps that throw', () => {
    const boom = () => {
      throw new Error('user code ran');
    };
    const hostile = { toString: boom, toJSON: boom, [Symbol.toPrimitive]: boom, get x() { return boom(); } };
    expect(describeValue(hostile)).toBe('an object');
    const proxy = new Proxy({}, { get: boom, getPrototypeOf: boom, has: boom, ownKeys: boom });
    expect(() => describeValue(proxy)).not.toThrow();
    const arrayProxy = new Proxy([], { get: boom });
    expect(() => describeValue(arrayProxy)).not.toThrow();
  });

  it('returns a short string for anything (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (v) => {
        const text = describeValue(v);
        expect(typeof text).toBe('string');
        expect(text.length).toBeLessThanOrEqual(120);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
