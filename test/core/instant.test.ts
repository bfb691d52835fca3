import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ItsmError, MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, isInstant, toEpochMs } from '../../src/core/index.js';
import { itsmErrorOf as thrown } from '../support/hostile-callers.js';

const SEED = 20261201;

describe('toEpochMs reads ISO 8601 strings with an offset', () => {
  it('reads a negative offset, a positive one with and without colon, and Z in either case', () => {
    const t = Date.UTC(2026, 2, 8, 14, 30);
    expect(toEpochMs('2026-03-08T09:30:00-05:00')).toBe(t);
    expect(toEpochMs('2026-03-08T20:00:00+05:30')).toBe(t);
    expect(toEpochMs('2026-03-08T20:00:00+0530')).toBe(t);
    expect(toEpochMs('2026-03-08T19:30+05')).toBe(t);
    expect(toEpochMs('2026-03-08T14:30:00Z')).toBe(t);
    expect(toEpochMs('2026-03-08t14:30:00z')).toBe(t);
    expect(toEpochMs('2026-03-08 14:30:00Z')).toBe(t);
  });

  it('keeps milliseconds of a fraction and drops what is finer (up to nine digits)', () => {
    expect(toEpochMs('2026-03-08T14:30:00.1Z')).toBe(Date.UTC(2026, 2, 8, 14, 30, 0, 100));
    expect(toEpochMs('2026-03-08T14:30:00,25Z')).toBe(Date.UTC(2026, 2, 8, 14, 30, 0, 250));
    expect(toEpochMs('2026-03-08T14:30:00.123456789Z')).toBe(Date.UTC(2026, 2, 8, 14, 30, 0, 123));
    expect(isInstant('2026-03-08T14:30:00.1234567890Z')).toBe(false);
  });

  it('refuses a string without offset whatever the host zone, naming the field', () => {
    for (const text of ['2026-03-08T09:30:00', '2026-03-08 09:30', '2026-03-08', 'Tue Mar 10 2026', '2026-03-08T09:30:00 EST']) {
      const e = thrown(() => toEpochMs(text, 'events[2].at'));
      expect(e.code).toBe('invalid_instant');
      expect(e.message).toMatch(/^events\[2\]\.at: /);
      expect(isInstant(text)).toBe(false);
    }
  });

  it('refuses offsets that are not offsets (+24:00, +05:60) and out-of-range fields', () => {
    for (const text of ['2026-03-08T09:30:00+24:00', '2026-03-08T09:30:00+05:60', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z',
      '2026-03-00T00:00:00Z', '2026-04-31T00:00:00Z', '2026-03-08T25:00:00Z', '2026-03-08T09:60:00Z', '2026-03-08T09:30:60Z']) {
      expect(isInstant(text), text).toBe(false);
    }
  });

  it('reads 24:00 as the midnight that ends the day, and nothing past it', () => {
    expect(toEpochMs('2026-03-08T24:00:00Z')).toBe(Date.UTC(2026, 2, 9));
    expect(toEpochMs('2026-12-31T24:00Z')).toBe(Date.UTC(2027, 0, 1));
    for (const text of ['2026-03-08T24:00:01Z', '2026-03-08T24:30:00Z', '2026-03-08T24:00:00.001Z']) expect(isInstant(text), text).toBe(false);
  });

  it('accepts 29 February exactly in leap years (every 4, not 100, again 400)', () => {
    expect(toEpochMs('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(toEpochMs('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(isInstant('2023-02-29T00:00:00Z')).toBe(false);
    expect(isInstant('1900-02-29T00:00:00Z')).toBe(false);
    expect(isInstant('2100-02-29T00:00:00Z')).toBe(false);
    expect(isInstant('0004-02-29T00:00:00Z')).toBe(true);
  });
});

describe('toEpochMs works on years 0001 to 9999 only', () => {
  it('starts at 0001-01-01T00:00:00Z and ends just before 10000-01-01', () => {
    expect(toEpochMs('0001-01-01T00:00:00Z')).toBe(MIN_SUPPORTED_MS);
    expect(toEpochMs('9999-12-31T23:59:59.999Z')).toBe(MAX_SUPPORTED_MS - 1);
    expect(toEpochMs(MIN_SUPPORTED_MS)).toBe(MIN_SUPPORTED_MS);
    expect(toEpochMs(new Date(MAX_SUPPORTED_MS - 1))).toBe(MAX_SUPPORTED_MS - 1);
  });

  it('refuses an instant whose offset takes it outside the range, and year 0000', () => {
    for (const v of ['0001-01-01T00:00:00+01:00', '9999-12-31T23:30:00-01:00', '0000-12-31T23:59:59Z', MIN_SUPPORTED_MS - 1, MAX_SUPPORTED_MS, -8.64e15, 8.64e15]) {
      const e = thrown(() => toEpochMs(v as never));
      expect(e.code).toBe('invalid_instant');
      expect(e.message).toContain('outside the supported range (years 0001 to 9999)');
    }
  });

  it('reads two-digit years as written (0050 is the year 50, not 1950)', () => {
    const d = new Date(toEpochMs('0050-06-15T00:00:00Z'));
    expect(d.getUTCFullYear()).toBe(50);
    expect(d.getUTCMonth()).toBe(5);
  });
});

describe('toEpochMs accepts Dates and numbers', () => {
  it('accepts a Date from another realm (node:vm), whose instanceof Date is false', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 2, 8, 14, 30))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(toEpochMs(foreign)).toBe(Date.UTC(2026, 2, 8, 14, 30));
    expect(isInstant(foreign)).toBe(true);
    const invalid = runInNewContext('new Date(NaN)') as Date;
    expect(thrown(() => toEpochMs(invalid)).code).toBe('invalid_instant');
  });

  it('floors fractional milliseconds and refuses NaN, infinities, Invalid Date and other types', () => {
    expect(toEpochMs(1.9)).toBe(1);
    expect(toEpochMs(-1.5)).toBe(-2);
    for (const v of [NaN, Infinity, -Infinity, new Date(NaN), null, undefined, {}, [], true, 1n, Symbol('s'), () => 0]) {
      expect(thrown(() => toEpochMs(v as never)).code).toBe('invalid_instant');
      expect(isInstant(v)).toBe(false);
    }
  });

  it('describes a BigInt or symbol in its message instead of failing to print it', () => {
    expect(thrown(() => toEpochMs(1n as never)).message).toContain('1n (a BigInt)');
    expect(thrown(() => toEpochMs(Symbol('x') as never)).message).toContain('a symbol');
  });

  it('does not mutate a Date it reads', () => {
    const d = new Date(Date.UTC(2026, 0, 1));
    Object.freeze(d);
    toEpochMs(d);
    expect(d.getTime()).toBe(Date.UTC(2026, 0, 1));
  });
});

describe('toEpochMs on long and hostile strings', () => {
  it('refuses a megabyte string at once with a short message', () => {
    const long = `2026-03-08T09:30:00Z${' '.repeat(1_000_000)}`;
    const started = performance.now();
    const e = thrown(() => toEpochMs(long));
    expect(performance.now() - started).toBeLessThan(100);
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toContain('(1000020 characters)');
  });

  it('refuses strings made to backtrack a regular expression in linear time', () => {
    for (const text of ['2026-03-08T09:30:00.' + '1'.repeat(60), '9'.repeat(64), `${'2026-'.repeat(12)}`]) {
      const started = performance.now();
      expect(isInstant(text)).toBe(false);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });
});

describe('toEpochMs properties', () => {
  it('round-trips every supported instant through toISOString (years 0001 to 9999)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_SUPPORTED_MS, max: MAX_SUPPORTED_MS - 1 }), (ms) => {
        expect(toEpochMs(new Date(ms).toISOString())).toBe(ms);
        expect(toEpochMs(new Date(ms))).toBe(ms);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('subtracts the offset: local wall time at offset o is the UTC instant minus o', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2100, 0, 1) }).map((ms) => ms - (ms % 60_000)),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (utc, offsetMin) => {
          const local = new Date(utc + offsetMin * 60_000).toISOString().slice(0, 19);
          const sign = offsetMin < 0 ? '-' : '+';
          const abs = Math.abs(offsetMin);
          const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(toEpochMs(`${local}${off}`)).toBe(utc);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
