import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSignals, kaplanMeier, mannKendall, quantile, summarize, theilSen, xmrChart, type QuantileMethod } from 'itsm-kit/metrics';
import { normalCdf, normalQuantile } from '../../src/metrics/normal.js';

const METHODS: QuantileMethod[] = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6', 'R-7', 'R-8', 'R-9'];
const PS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

// Expected values printed by numpy 2.4 `np.quantile(x, p, method=...)` (inverted_cdf, averaged_inverted_cdf,
// closest_observation, interpolated_inverted_cdf, hazen, weibull, linear, median_unbiased, normal_unbiased),
// which implement Hyndman and Fan's definitions 1-9 as R's quantile(type = 1..9) does.
const NUMPY: Record<string, { x: number[]; q: number[][] }> = {
  odd: {
    x: [3, 7, 8, 5, 12, 14, 21, 13, 18],
    q: [
      [3, 3, 7, 12, 14, 21, 21],
      [3, 3, 7, 12, 14, 21, 21],
      [3, 3, 5, 8, 14, 18, 21],
      [3, 3, 5.5, 10, 13.75, 18.3, 21],
      [3, 3.8, 6.5, 12, 15, 19.8, 21],
      [3, 3, 6, 12, 16, 21, 21],
      [3, 4.6, 7, 12, 14, 18.6, 21],
      [3, 3.5333333333333333, 6.333333333333333, 12, 15.333333333333332, 20.2, 21],
      [3, 3.6, 6.375, 12, 15.25, 20.1, 21],
    ],
  },
  tiesEven: {
    x: [1, 2, 2, 3, 5, 8, 13, 21, 34, 55],
    q: [
      [1, 1, 2, 5, 21, 34, 55],
      [1, 1.5, 2, 6.5, 21, 44.5, 55],
      [1, 1, 2, 5, 21, 34, 55],
      [1, 1, 2, 5, 17, 34, 55],
      [1, 1.5, 2, 6.5, 21, 44.5, 55],
      [1, 1.1, 2, 6.5, 24.25, 52.9, 55],
      [1, 1.9, 2.25, 6.5, 19, 36.1, 55],
      [1, 1.3666666666666667, 2, 6.5, 22.083333333333343, 47.3, 55],
      [1, 1.4, 2, 6.5, 21.8125, 46.6, 55],
    ],
  },
};

/** The nine definitions written straight from Hyndman and Fan's paper on a sorted copy (1-based ranks). */
function naiveQuantile(values: number[], p: number, type: number): number {
  const x = [...values].sort((a, b) => a - b);
  const n = x.length;
  const at = (k: number): number => x[Math.min(Math.max(k, 1), n) - 1]!;
  if (type <= 3) {
    const m = type === 3 ? -0.5 : 0;
    const j = Math.floor(n * p + m);
    const g = n * p + m - j;
    const gamma = type === 1 ? (g > 0 ? 1 : 0) : type === 2 ? (g > 0 ? 1 : 0.5) : g === 0 && j % 2 === 0 ? 0 : 1;
    return (1 - gamma) * at(j) + gamma * at(j + 1);
  }
  const alpha = [0, 0.5, 0, 1, 1 / 3, 3 / 8][type - 4]!;
  const beta = [1, 0.5, 0, 1, 1 / 3, 3 / 8][type - 4]!;
  const h = n * p + alpha + p * (1 - alpha - beta); // (n + 1 - α - β) p + α
  const j = Math.floor(h);
  return at(j) + (h - j) * (at(j + 1) - at(j));
}

describe('quantile (Hyndman-Fan R-1 .. R-9)', () => {
  for (const [name, { x, q }] of Object.entries(NUMPY)) {
    it(`matches numpy's nine methods on the ${name} textbook sample`, () => {
      METHODS.forEach((method, m) => PS.forEach((p, k) => expect(quantile(x, p, { method })).toBeCloseTo(q[m]![k]!, 10)));
    });
  }

  it('defaults to R-7 (linear interpolation between closest ranks)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.9)).toBe(19);
  });

  it('returns null for no values, the value itself for one value', () => {
    for (const method of METHODS) {
      expect(quantile([], 0.5, { method })).toBeNull();
      expect(quantile([7], 0.3, { method })).toBe(7);
    }
  });

  it('refuses a probability outside [0, 1], a non-finite value and an unknown method', () => {
    expect(() => quantile([1], 1.5)).toThrow(/not a probability/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/values\[1\]/);
    expect(() => quantile([1], 0.5, { method: 'R-10' as QuantileMethod })).toThrow(/'R-1' ... 'R-9'/);
  });

  it('does not mutate its input', () => {
    const x = [5, 1, 4, 2, 3];
    quantile(x, 0.9);
    expect(x).toEqual([5, 1, 4, 2, 3]);
  });

  it('agrees with the naive sorted-array definitions on random samples (fast-check, 9 methods)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        METHODS.forEach((method, i) => {
          const got = quantile(xs, p, { method })!;
          expect(got).toBeCloseTo(naiveQuantile(xs, p, i + 1), 6);
        });
      }),
      { seed: 12345, numRuns: 400 },
    );
  });

  it('is monotone in p and stays within [min, max] (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const method of METHODS) {
          const qa = quantile(xs, lo, { method })!;
          const qb = quantile(xs, hi, { method })!;
          expect(qa).toBeLessThanOrEqual(qb + 1e-9 * Math.max(1, Math.abs(qb)));
          expect(qa).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(qb).toBeLessThanOrEqual(Math.max(...xs));
        }
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

describe('summarize', () => {
  it('computes n, mean, min, max, median, the sample standard deviation and requested quantiles', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9], { quantiles: [0.9] });
    expect(s).toMatchObject({ n: 8, mean: 5, min: 2, max: 9, median: 4.5 });
    expect(s.stdDev).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.quantiles['0.9']).toBeCloseTo(7.6, 12);
  });

  it('reports insufficient data for no values, and no standard deviation for one value', () => {
    expect(summarize([], { quantiles: [0.5] })).toEqual({ n: 0, mean: null, min: null, max: null, median: null, stdDev: null, quantiles: { '0.5': null }, reason: 'insufficient_data' });
    expect(summarize([3]).stdDev).toBeNull();
  });
});

describe('kaplanMeier', () => {
  // Freireich et al. (1963), 6-MP arm of the remission trial (weeks; + = censored), the worked example of
  // Kleinbaum and Klein, Survival Analysis, ch. 2: S(6)=.857, S(7)=.807, S(10)=.753, S(13)=.690, S(16)=.627,
  // S(22)=.538, S(23)=.448, median 23 weeks.
  const sixMp = [6, 6, 6, -6, 7, -9, 10, -10, -11, 13, 16, -17, -19, -20, 22, 23, -25, -32, -32, -34, -35].map((t) => ({ duration: Math.abs(t), observed: t > 0 }));

  it("reproduces the 6-MP arm of Freireich's leukemia trial", () => {
    const km = kaplanMeier(sixMp);
    const events = km.steps.filter((s) => s.events > 0).map((s) => [s.time, s.atRisk, s.events, Number(s.survival.toFixed(3))]);
    expect(events).toEqual([[6, 21, 3, 0.857], [7, 17, 1, 0.807], [10, 15, 1, 0.753], [13, 12, 1, 0.69], [16, 11, 1, 0.627], [22, 7, 1, 0.538], [23, 6, 1, 0.448]]);
    expect(km.median).toBe(23);
    expect(km.nCensored).toBe(12);
    expect(km.steps[0]).toMatchObject({ time: 6, atRisk: 21, events: 3, censored: 1 });
    expect(km.steps[0]!.survival).toBeCloseTo(18 / 21, 14);
  });

  it('has no median when fewer than half end, and none at all when every item is censored', () => {
    expect(kaplanMeier([{ duration: 1, observed: true }, { duration: 2, observed: false }, { duration: 3, observed: false }]).median).toBeNull();
    const all = kaplanMeier([{ duration: 1, observed: false }, { duration: 2, observed: false }]);
    expect(all.median).toBeNull();
    expect(all.steps.every((s) => s.survival === 1)).toBe(true);
    expect(kaplanMeier([])).toEqual({ steps: [], median: null, n: 0, nCensored: 0 });
  });

  it('equals the empirical median (R-1) when nothing is censored (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }), (xs) => {
        const km = kaplanMeier(xs.map((duration) => ({ duration, observed: true })));
        // S(t) <= 0.5 first where the empirical CDF reaches 0.5: the inverted-CDF median
        expect(km.median).toBe(quantile(xs, 0.5, { method: 'R-1' }));
      }),
      { seed: 777, numRuns: 300 },
    );
  });

  it('refuses a negative duration', () => {
    expect(() => kaplanMeier([{ duration: -1, observed: true }])).toThrow(/observations\[0\]\.duration/);
  });
});

describe('mannKendall (pyMannKendall original_test conventions)', () => {
  // Expected values computed with pyMannKendall's formulas in numpy / scipy.stats.norm.
  const cases: Array<[number[], number, number, number, number, number, string]> = [
    [[1, 2, 3, 4, 5], 10, 16.666666666666668, 2.2045407685048604, 0.0274863361115103, 1, 'increasing'],
    [[1, 2, 2, 3], 5, 7.666666666666667, 1.4446302370292303, 0.14856177489186861, 0.8333333333333334, 'no trend'],
    [[4.2, 4.1, 4.5, 4.4, 4.9, 5.1, 4.8, 5.6, 5.3, 6.0], 35, 125, 3.041052449399714, 0.002357527595795439, 0.7777777777777778, 'increasing'],
    [[10, 9, 9, 9, 8, 8, 7, 7, 7, 7, 6, 5], -56, 199.33333333333334, -3.8955853583615565, 9.796185399824076e-5, -0.8484848484848485, 'decreasing'],
  ];
  for (const [x, s, variance, z, p, tau, trend] of cases) {
    it(`gives S=${s}, the tie-corrected variance and the continuity-corrected z for [${x.join(', ')}]`, () => {
      const r = mannKendall(x);
      expect(r.s).toBe(s);
      expect(r.variance).toBeCloseTo(variance, 9);
      expect(r.z).toBeCloseTo(z, 12);
      expect(r.p / p).toBeCloseTo(1, 8);
      expect(r.tau).toBeCloseTo(tau, 12);
      expect(r.trend).toBe(trend);
    });
  }

  it('reproduces the published hand computation of Little (College of the Holy Cross, "A Mann-Kendall example by hand")', () => {
    // S = 54, V = 14·13·33/18 − 2·1·9/18 (one pair of ties), Z = (S − 1)/√V ≈ 2.9058, one-sided p ≈ .0018
    const r = mannKendall([12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7]);
    expect(r.s).toBe(54);
    expect(r.variance).toBeCloseTo((14 * 13 * 33) / 18 - (2 * 1 * 9) / 18, 12);
    expect(r.z).toBeCloseTo(2.9058, 4);
    expect(r.p / 2).toBeCloseTo(0.0018, 4); // the text reads the one-sided tail; the test is two-sided
    expect(r.trend).toBe('increasing');
  });

  it('gives z = 0 and no trend when every value is tied', () => {
    expect(mannKendall([3, 3, 3, 3])).toMatchObject({ s: 0, variance: 0, z: 0, p: 1, trend: 'no trend' });
  });

  it('reports insufficient data below two values', () => {
    expect(mannKendall([1]).reason).toBe('insufficient_data');
  });

  it('honours alpha', () => {
    expect(mannKendall([1, 2, 2, 3], { alpha: 0.2 }).trend).toBe('increasing');
  });

  it('flips the sign of S and z when the series is negated (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 30 }), (xs) => {
        const a = mannKendall(xs);
        const b = mannKendall(xs.map((v) => -v));
        expect(b.s + a.s).toBe(0);
        expect(Math.abs(b.z + a.z)).toBeLessThan(1e-12);
        expect(b.p).toBeCloseTo(a.p, 12);
      }),
      { seed: 99, numRuns: 200 },
    );
  });
});

describe('the normal distribution behind the p-values', () => {
  it('matches the table values of Φ', () => {
    expect(normalCdf(1)).toBeCloseTo(0.841344746068543, 14);
    expect(normalCdf(2)).toBeCloseTo(0.977249868051821, 14);
    expect(normalCdf(3)).toBeCloseTo(0.99865010196837, 14);
    expect(normalCdf(-1.5)).toBeCloseTo(0.0668072012688581, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
  });
});

describe('theilSen', () => {
  it('matches scipy.stats.theilslopes on a series and on points', () => {
    expect(theilSen([1, 2, 2, 3])).toEqual({ slope: 0.5833333333333333, intercept: 1.125, n: 4 });
    const r = theilSen([4.2, 4.1, 4.5, 4.4, 4.9, 5.1, 4.8, 5.6, 5.3, 6.0]);
    expect(r.slope).toBeCloseTo(0.2, 12);
    expect(r.intercept).toBeCloseTo(3.95, 12);
    // hand-computed: slopes -1, 0.5, 1, 4/3, 2, 3 -> median 7/6; intercept 2.5 - 7/6 * 2.5
    const p = theilSen([{ x: 1, y: 1 }, { x: 2, y: 3 }, { x: 3, y: 2 }, { x: 4, y: 5 }]);
    expect(p.slope).toBeCloseTo(7 / 6, 12);
    expect(p.intercept).toBeCloseTo(2.5 - (7 / 6) * 2.5, 12);
  });

  it('skips pairs with equal x and has no slope without two distinct x', () => {
    expect(theilSen([{ x: 1, y: 1 }, { x: 1, y: 5 }])).toEqual({ slope: null, intercept: null, n: 2, reason: 'insufficient_data' });
    expect(theilSen([])).toMatchObject({ slope: null, reason: 'insufficient_data' });
  });

  it('recovers the slope of an exact line (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 2, max: 30 }), (a, b, n) => {
        const r = theilSen(Array.from({ length: n }, (_, i) => a * i + b));
        expect(r.slope).toBeCloseTo(a, 9);
        expect(r.intercept).toBeCloseTo(b, 9);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe('xmrChart', () => {
  // Hand-computed: mean 10, moving ranges 2,2,1,3,1,2,1,0,1 -> average 13/9.
  const x = [10, 12, 10, 11, 8, 9, 11, 10, 10, 9];
  it('puts the limits at the mean ± 2.66 times the average moving range and the range limit at 3.268 times it', () => {
    const c = xmrChart(x);
    const amr = 13 / 9;
    expect(c.center).toBe(10);
    expect(c.averageMovingRange).toBeCloseTo(amr, 12);
    expect(c.upperLimit).toBeCloseTo(10 + 2.66 * amr, 12);
    expect(c.lowerLimit).toBeCloseTo(10 - 2.66 * amr, 12);
    expect(c.upperRangeLimit).toBeCloseTo(3.268 * amr, 12);
    expect(c.points[0]!.movingRange).toBeNull();
    expect(c.points[4]!.movingRange).toBe(3);
    expect(c.points.every((p) => p.signals.length === 0)).toBe(true);
  });

  it('marks a point beyond the limits with rule 1 and its jump on the range chart', () => {
    const c = xmrChart([...x, 30], { baseline: 10 });
    expect(c.points[10]!.signals).toContain(1);
    expect(c.points[10]!.aboveRangeLimit).toBe(true);
    expect(c.signals[0]!.indices).toEqual([10]);
  });

  it("reproduces the textbook individuals chart of Montgomery's aircraft primer paint viscosity (15 batches)", () => {
    // Montgomery, Introduction to Statistical Quality Control, individuals and moving range chart:
    // x̄ = 33.52, MR̄ = 0.48, UCL = 34.80, LCL = 32.24, MR chart UCL = 1.57; the process is in control.
    const viscosity = [33.75, 33.05, 34.0, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.2, 33.62, 33.0, 33.54, 33.12, 33.84];
    const c = xmrChart(viscosity);
    expect(c.center!.toFixed(2)).toBe('33.52');
    expect(c.averageMovingRange!.toFixed(2)).toBe('0.48');
    expect(c.upperLimit!.toFixed(2)).toBe('34.80');
    expect(c.lowerLimit!.toFixed(2)).toBe('32.24');
    expect(c.upperRangeLimit!.toFixed(2)).toBe('1.57');
    expect(c.signals.flatMap((s) => s.indices)).toEqual([]);
    expect(detectSignals(viscosity, { rules: 'nelson' }).signals.flatMap((s) => s.indices)).toEqual([]);
  });

  it('reports insufficient data below two values', () => {
    expect(xmrChart([5])).toMatchObject({ n: 1, center: 5, averageMovingRange: null, upperLimit: null, reason: 'insufficient_data' });
  });
});

describe('detectSignals', () => {
  const opts = { center: 0, sigma: 1 } as const;
  it('fires Western Electric rule 2 on two of three points beyond 2 sigma on one side, at the completing point', () => {
    const r = detectSignals([0, 2.5, 0.3, 2.1, 0], opts);
    expect(r.signals.map((s) => [s.rule, s.indices])).toEqual([[1, []], [2, [3]], [3, []], [4, []]]);
  });

  it('fires Western Electric rule 3 on four of five beyond 1 sigma, and rule 4 on eight on one side', () => {
    expect(detectSignals([1.5, 1.2, 0.2, 1.1, 1.3], opts).signals[2]!.indices).toEqual([4]);
    expect(detectSignals([0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.4, 0.2, 0.3], opts).signals[3]!.indices).toEqual([7, 8]);
  });

  it('breaks a same-side run at a point exactly on the center line', () => {
    expect(detectSignals([0.1, 0.2, 0.1, 0.3, 0, 0.1, 0.4, 0.2, 0.3], opts).signals[3]!.indices).toEqual([]);
  });

  it('fires each of the eight Nelson rules on its pattern', () => {
    const hit = (xs: number[], rule: number): readonly number[] => detectSignals(xs, { ...opts, rules: 'nelson' }).signals[rule - 1]!.indices;
    expect(hit([0, 3.5], 1)).toEqual([1]);
    expect(hit(Array(9).fill(0.5), 2)).toEqual([8]);
    expect(hit([0, 0.1, 0.2, 0.3, 0.4, 0.5], 3)).toEqual([5]);
    expect(hit([0, 0.1, 0.2, 0.3, 0.4], 3)).toEqual([]);
    expect(hit(Array.from({ length: 14 }, (_, i) => (i % 2 ? 0.5 : -0.5)), 4)).toEqual([13]);
    expect(hit([0, 2.5, 2.2], 5)).toEqual([2]);
    expect(hit([1.5, 1.5, 0, 1.5, 1.5], 6)).toEqual([4]);
    expect(hit(Array(15).fill(0.5).map((v, i) => (i % 2 ? v : -v)), 7)).toEqual([14]);
    expect(hit(Array(8).fill(1.5).map((v, i) => (i % 2 ? v : -v)), 8)).toEqual([7]);
  });

  it('agrees with a brute-force window scan for rule 1 and same-side runs (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { maxLength: 40 }), (xs) => {
        const r = detectSignals(xs, { ...opts, rules: 'nelson' });
        expect(r.signals[0]!.indices).toEqual(xs.flatMap((v, i) => (Math.abs(v) > 3 ? [i] : [])));
        const runs = xs.flatMap((_, i) => (i >= 8 && (xs.slice(i - 8, i + 1).every((v) => v > 0) || xs.slice(i - 8, i + 1).every((v) => v < 0)) ? [i] : []));
        expect(r.signals[1]!.indices).toEqual(runs);
      }),
      { seed: 31337, numRuns: 300 },
    );
  });
});
