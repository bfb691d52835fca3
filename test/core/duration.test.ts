import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItsmError, formatDuration, parseDuration, parseDurationOrNull } from '../../src/core/index.js';
import { itsmErrorOf as thrown } from '../support/hostile-callers.js';

const SEED = 20261201;
const S = 1000, MIN = 60 * S, H = 60 * MIN, D = 24 * H;

describe('parseDuration reads ISO 8601 durations of fixed length', () => {
  it('reads weeks, days, hours, minutes and seconds, alone and combined', () => {
    expect(parseDuration('PT4H')).toBe(4 * H);
    expect(parseDuration('PT30M')).toBe(30 * MIN);
    expect(parseDuration('PT45S')).toBe(45 * S);
    expect(parseDuration('P3D')).toBe(3 * D);
    expect(parseDuration('P1W')).toBe(7 * D);
    expect(parseDuration('P1W2D')).toBe(9 * D);
    expect(parseDuration('P1DT12H')).toBe(36 * H);
    expect(parseDuration('PT1H30M15S')).toBe(H + 30 * MIN + 15 * S);
  });

  it('reads fractions with a point or a comma, lower case and surrounding spaces', () => {
    expect(parseDuration('PT1.5H')).toBe(1.5 * H);
    expect(parseDuration('PT0,5H')).toBe(30 * MIN);
    expect(parseDuration('PT0.0005S')).toBe(1);
    expect(parseDuration('pt4h')).toBe(4 * H);
    expect(parseDuration('  PT4H  ')).toBe(4 * H);
  });

  it('refuses text that is not a duration: empty parts, wrong order, repeated or misplaced units, signs', () => {
    for (const text of ['', 'P', 'PT', 'P1DT', 'T1H', '4H', 'P1H', 'PT1D', 'PT1W', 'P1D1W', 'P1D2D', 'PT1M1H', 'PT1H1H', 'P1DT1HT1M',
      'P.5D', 'P1.D', 'P1', 'PT-1H', 'P-1D', 'P1 D', 'P1DX', 'PTH', 'P1e3D']) {
      expect(parseDurationOrNull(text), text).toBeNull();
      expect(thrown(() => parseDuration(text, 'target')).code).toBe('invalid_duration');
    }
  });

  it('refuses years and months with a hint to use days or weeks (PT1M is one minute)', () => {
    for (const text of ['P1Y', 'P2M', 'P1Y2D', 'P1M1D', 'P1YT1H']) {
      const e = thrown(() => parseDuration(text));
      expect(e.message, text).toContain('Years and months have no fixed length');
    }
    expect(parseDuration('PT1M')).toBe(MIN);
    expect(thrown(() => parseDuration('PT1Y')).message).not.toContain('Years and months');
  });

  it('names the field and describes any value safely, BigInts and symbols included', () => {
    expect(thrown(() => parseDuration('soon', 'after')).message).toMatch(/^after: "soon" is not an ISO 8601 duration/);
    for (const v of [1n, Symbol('x'), null, undefined, 4, {}, []]) {
      expect(parseDurationOrNull(v as never)).toBeNull();
      expect(thrown(() => parseDuration(v as never)).code).toBe('invalid_duration');
    }
    expect(thrown(() => parseDuration(1n as never)).message).toContain('1n (a BigInt)');
  });
});

describe('parseDuration costs time linear in its input (no ReDoS)', () => {
  it('refuses P + 80,000 digits + D at once, by its length', () => {
    const text = `P${'1'.repeat(80_000)}D`;
    const started = performance.now();
    expect(parseDurationOrNull(text)).toBeNull();
    const e = thrown(() => parseDuration(text));
    expect(performance.now() - started).toBeLessThan(50);
    expect(e.message).toContain('at most 64 characters');
    expect(e.message.length).toBeLessThan(400);
  });

  it('refuses a megabyte of near-durations at once', () => {
    for (const text of [`P${'1Y'.repeat(500_000)}`, `PT${'1'.repeat(1_000_000)}`, `P${'1M'.repeat(500_000)}T1M`]) {
      const started = performance.now();
      expect(() => parseDuration(text)).toThrow(ItsmError);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('scans the longest accepted texts in microseconds', () => {
    const text = 'P99W99DT99H99M99.999999999S';
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) parseDurationOrNull(text);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('formatDuration', () => {
  it('writes days, hours, minutes and seconds for people', () => {
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(45 * S)).toBe('45 s');
    expect(formatDuration(3 * D + 4 * H)).toBe('3 d 4 h');
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(MIN + 1)).toBe('1 min 0.001 s');
  });

  it('counts in hours with days: false (business time has no 24-hour day)', () => {
    expect(formatDuration(273_600_000, { days: false })).toBe('76 h');
  });

  it('puts a minus sign before negative durations and never writes -0', () => {
    expect(formatDuration(-MIN)).toBe('-1 min');
    expect(formatDuration(-0)).toBe('0 min');
  });

  it('throws invalid_argument for NaN, infinities and non-numbers instead of printing "NaN"', () => {
    for (const v of [NaN, Infinity, -Infinity, '5', 5n, null, undefined]) {
      const e = thrown(() => formatDuration(v as never));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(/^ms: .* is not a finite number of milliseconds\.$/);
    }
    expect(thrown(() => formatDuration(1, null as never)).code).toBe('invalid_argument');
  });

  it('never writes NaN or Infinity for any finite number (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.boolean(), (ms, days) => {
        const text = formatDuration(ms, { days });
        expect(text).not.toMatch(/NaN|Infinity/);
        expect(text.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('parseDuration properties', () => {
  it('reads back the milliseconds of any whole-unit duration it is given', () => {
    fc.assert(
      fc.property(
        fc.record({ w: fc.nat(99), d: fc.nat(99), h: fc.nat(99), m: fc.nat(99), s: fc.nat(99) }),
        fc.record({ w: fc.boolean(), d: fc.boolean(), h: fc.boolean(), m: fc.boolean(), s: fc.boolean() }),
        (n, use) => {
          const date = `${use.w ? `${n.w}W` : ''}${use.d ? `${n.d}D` : ''}`;
          const time = `${use.h ? `${n.h}H` : ''}${use.m ? `${n.m}M` : ''}${use.s ? `${n.s}S` : ''}`;
          const text = `P${date}${time === '' ? '' : `T${time}`}`;
          const want = (use.w ? n.w * 7 * D : 0) + (use.d ? n.d * D : 0) + (use.h ? n.h * H : 0) + (use.m ? n.m * MIN : 0) + (use.s ? n.s * S : 0);
          expect(parseDurationOrNull(text)).toBe(date === '' && time === '' ? null : want);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('never throws anything but ItsmError and never returns NaN, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('P', 'T', 'W', 'D', 'H', 'M', 'S', 'Y', '1', '9', '.', ',', ' ', '-'), maxLength: 40 }), (text) => {
        const ms = parseDurationOrNull(text);
        if (ms !== null) {
          expect(Number.isFinite(ms)).toBe(true);
          expect(parseDuration(text)).toBe(ms);
        } else expect(() => parseDuration(text)).toThrow(ItsmError);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
