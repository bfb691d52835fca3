// Regression tests for the hardening suite's findings in the metrics module (issue 8; test/hardening/KNOWN.md
// K1, K4, K5, K6, K8, K9): only an ItsmError with a stable code leaves a metric, every entry point checks the shape
// of its arguments and names the field, and no output holds NaN, Infinity or an Invalid Date.
import { describe, expect, it } from 'vitest';
import { isItsmError, type ItsmError } from 'itsm-kit/core';
import * as metrics from 'itsm-kit/metrics';
import {
  backlog, burnRate, changeFailureRate, csat, csiProgress, deploymentFrequency, deploymentReworkRate, durationMetrics, errorBudget, escalationRate,
  evaluateBurnRateAlerts, failedDeploymentRecoveryTime, firstContactResolution, kaplanMeier, leadTimeForChanges, openedClosedPerPeriod, quantile,
  reassignmentRate, reopenRate, summarize, timeBetweenFailures,
} from 'itsm-kit/metrics';
import { itsmErrorOf as thrown, throwingProxy } from '../support/hostile-callers.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 9, 8);

/** An object whose getters throw: the caller's own code failing. */
const getters = (): object => Object.defineProperties({}, Object.fromEntries(['openedAt', 'resolvedAt', 'target', 'good', 'total', 'at', 'length', 'quantiles', 'now'].map((k) => [k, { get: () => { throw new Error('getter'); }, enumerable: true }])));

/** Whether a value holds NaN, ±Infinity or an Invalid Date anywhere. */
function nonFinite(v: unknown, seen = new Set<unknown>()): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (v instanceof Date) return Number.isNaN(v.getTime());
  if (v === null || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  return Object.values(v).some((x) => nonFinite(x, seen));
}

const incidents = () => [
  { id: 'I1', openedAt: T0, resolvedAt: T0 + 4 * H, priority: 1, reopenCount: 0, reassignmentCount: 1, escalated: true, resolvedOnFirstContact: false, deploymentId: 'd2' },
  { id: 'I2', openedAt: T0 + 10 * H, resolvedAt: T0 + 11 * H, priority: 2, reopenCount: 1, reassignmentCount: 0, escalated: false, resolvedOnFirstContact: true },
];
const deployments = () => [
  { id: 'd1', deployedAt: T0 + H, commits: [T0, T0 + 30 * 60_000], unplanned: false },
  { id: 'd2', deployedAt: T0 + 2 * D, commits: [T0 + D], unplanned: true },
];
const slo = { target: 0.99, periodMs: 30 * D };
const series = () => Array.from({ length: 24 }, (_, i) => ({ at: T0 + i * H, good: 995 + (i % 3), total: 1000 }));
const entry = { id: 'CSI-1', title: 'Raise FCR', baseline: 0.6, target: 0.75, current: 0.7, owner: 'sd', status: 'in_progress' as const, due: '2026-09-30' };

describe('metrics under hostile input (issue 8)', () => {
  it('bounds the cost of the quadratic trend statistics by refusing long series (class 7)', () => {
    const long = Array.from({ length: 20_001 }, (_, i) => i % 7);
    const t = performance.now();
    expect(thrown(() => metrics.mannKendall(long)).message).toMatch(/more than the 20000/);
    expect(thrown(() => metrics.theilSen(long.slice(0, 4_001))).message).toMatch(/more than the 4000/);
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(metrics.theilSen(long.slice(0, 300)).n).toBe(300);
  });

  it('turns a throwing getter, Proxy trap or valueOf of the caller into invalid_argument at every entry point (K1)', () => {
    const calls: Array<[string, () => unknown]> = [
      ['quantile', () => quantile(throwingProxy() as never, 0.5)],
      ['summarize', () => summarize([1, 2], throwingProxy() as never)],
      ['kaplanMeier', () => kaplanMeier([throwingProxy() as never])],
      ['durationMetrics', () => durationMetrics([getters()])],
      ['durationMetrics options', () => durationMetrics(incidents(), throwingProxy() as never)],
      ['timeBetweenFailures', () => timeBetweenFailures([getters()])],
      ['availability', () => metrics.availability(throwingProxy() as never)],
      ['slaCompliance', () => metrics.slaCompliance([throwingProxy() as never])],
      ['backlog', () => backlog([getters()], T0)],
      ['backlog options', () => backlog(incidents(), T0, throwingProxy() as never)],
      ['csat', () => csat([5, 4], throwingProxy() as never)],
      ['nps', () => metrics.nps(new Proxy([10, 9], { get: () => { throw new Error('trap'); } }))],
      ['ces', () => metrics.ces([7], throwingProxy() as never)],
      ['leadTimeForChanges', () => leadTimeForChanges([{ deployedAt: T0, commits: throwingProxy() }])],
      ['doraPerformanceLevel', () => metrics.doraPerformanceLevel(throwingProxy() as never)],
      ['parseOpenSlo', () => metrics.parseOpenSlo(throwingProxy())],
      ['errorBudget', () => errorBudget(throwingProxy() as never, series())],
      ['burnRate', () => burnRate(slo, [getters() as never], H)],
      ['evaluateBurnRateAlerts', () => evaluateBurnRateAlerts(slo, series(), throwingProxy() as never)],
      ['xmrChart', () => metrics.xmrChart(throwingProxy() as never)],
      ['detectSignals', () => metrics.detectSignals([1, 2, 3], throwingProxy() as never)],
      ['mannKendall', () => metrics.mannKendall(getters() as never)],
      ['theilSen', () => metrics.theilSen([throwingProxy() as never, { x: 1, y: 2 }])],
      ['comparePeriods', () => metrics.comparePeriods(throwingProxy() as never, [1, 2])],
      ['createCsiRegisterEntry', () => metrics.createCsiRegisterEntry(getters() as never)],
      ['csiProgress', () => csiProgress(throwingProxy() as never)],
    ];
    for (const [name, call] of calls) expect(thrown(call).code, name).toBe('invalid_argument');
    // a valueOf that throws is never called: the value is refused for its type
    expect(thrown(() => backlog(incidents(), { valueOf() { throw new Error('valueOf'); } } as never)).code).toBe('invalid_instant');
    expect(thrown(() => quantile([1, 2], { valueOf() { throw new Error('valueOf'); } } as never)).code).toBe('invalid_argument');
    // the original error is kept as the cause
    expect((thrown(() => durationMetrics([getters()])).cause as Error).message).toBe('getter');
  });

  it('refuses a null record or a hole in the records, naming its index (K4)', () => {
    const withNull = (list: object[], at: number): unknown[] => list.map((r, i) => (i === at ? null : r));
    const holed = (list: object[]): unknown[] => {
      const out: unknown[] = [...list];
      delete out[1];
      return out;
    };
    const cases: Array<[string, (records: unknown[]) => unknown, () => object[], string]> = [
      ['durationMetrics', (r) => durationMetrics(r), incidents, 'records'],
      ['timeBetweenFailures', (r) => timeBetweenFailures(r), incidents, 'records'],
      ['firstContactResolution', (r) => firstContactResolution(r), incidents, 'records'],
      ['reopenRate', (r) => reopenRate(r), incidents, 'records'],
      ['reassignmentRate', (r) => reassignmentRate(r), incidents, 'records'],
      ['escalationRate', (r) => escalationRate(r), incidents, 'records'],
      ['backlog', (r) => backlog(r, T0 + 2 * H), incidents, 'records'],
      ['openedClosedPerPeriod', (r) => openedClosedPerPeriod(r, 'day'), incidents, 'records'],
      ['deploymentFrequency', (r) => deploymentFrequency(r), deployments, 'deployments'],
      ['leadTimeForChanges', (r) => leadTimeForChanges(r), deployments, 'deployments'],
      ['changeFailureRate (deployments)', (r) => changeFailureRate(r, incidents()), deployments, 'deployments'],
      ['changeFailureRate (incidents)', (r) => changeFailureRate(deployments(), r), incidents, 'incidents'],
      ['failedDeploymentRecoveryTime', (r) => failedDeploymentRecoveryTime(r), incidents, 'records'],
      ['deploymentReworkRate', (r) => deploymentReworkRate(r), deployments, 'deployments'],
    ];
    for (const [name, call, make, field] of cases) {
      const e = thrown(() => call(withNull(make(), 1)));
      expect(e.code, name).toBe('invalid_argument');
      expect(e.message, name).toBe(`${field}[1]: null is not a record; pass an object for each entry (no holes, no nulls).`);
      expect(thrown(() => call(holed(make()))).message, name).toMatch(new RegExp(`^${field}\\[1\\]: undefined is not a record`));
      expect(thrown(() => call([...make(), 5])).message, name).toMatch(new RegExp(`^${field}\\[2\\]: 5 is not a record`));
    }
  });

  it('refuses options = null (and other non-objects) in the SLO functions (K5)', () => {
    for (const bad of [null, 5, 'x', [1]]) {
      expect(thrown(() => errorBudget(slo, series(), bad as never)).code).toBe('invalid_argument');
      expect(thrown(() => evaluateBurnRateAlerts(slo, series(), bad as never)).code).toBe('invalid_argument');
      expect(thrown(() => burnRate(slo, series(), H, bad as never)).code).toBe('invalid_argument');
    }
    expect(thrown(() => errorBudget(slo, series(), null as never)).message).toMatch(/^options: /);
    expect(thrown(() => errorBudget(slo, series(), { objective: 'x' as never })).message).toMatch(/^options\.objective: "x"/);
    expect(thrown(() => evaluateBurnRateAlerts(slo, series(), { windows: 'x' as never })).message).toMatch(/^options\.windows: /);
    // undefined options still mean the defaults
    expect(errorBudget(slo, series()).n).toBe(24);
  });

  it('refuses a CSI entry that is not one, listing what is wrong (K6)', () => {
    for (const bad of [null, undefined, 1, 'x', new Date(0), [], new Map()]) {
      const e = thrown(() => csiProgress(bad as never));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(/^entry(: .*)? is not a CSI register entry/);
    }
    const e = thrown(() => csiProgress({ ...entry, baseline: new Map(), current: new Set(), due: 5 } as never));
    expect(e.code).toBe('invalid_argument');
    expect(e.issues.map((i) => i.path.join('.'))).toEqual(['baseline', 'current', 'due']);
    expect(csiProgress(entry).value).toBeCloseTo(2 / 3, 12);
  });

  it('refuses malformed fields inside structured arguments instead of a TypeError (K8)', () => {
    expect(thrown(() => summarize([1, 2], { quantiles: 'x' as never })).message).toBe('options.quantiles: "x" is not a list of probabilities such as [0.5, 0.9].');
    expect(thrown(() => durationMetrics(incidents(), { quantiles: new Set() as never })).message).toMatch(/^options\.quantiles: a Set/);
    const scores = Object.assign([5, 4, 3], { constructor: { [Symbol.species]: 1 } });
    expect(csat(scores, { min: 1, max: 5 }).n).toBe(3); // an own `constructor` key is just data
    expect(thrown(() => csat([5, , 4] as number[], { min: 1, max: 5 })).message).toMatch(/^scores\[1\]: undefined/);
    expect(thrown(() => leadTimeForChanges([{ deployedAt: T0, commits: 'x' }])).message).toBe('deployments[0].commits: "x" is not a list of commit instants.');
    expect(thrown(() => quantile({ length: 1e9 } as never, 0.5)).message).toMatch(/^values: an object is not a list of numbers/);
    expect(thrown(() => errorBudget({ objectives: 5 } as never, series())).message).toMatch(/^slo\.objectives: 5/);
    expect(thrown(() => burnRate(slo, [null as never], H)).message).toMatch(/^series\[0\]: null is not a sample/);
  });

  it('returns no NaN, Infinity or Invalid Date: an unbounded SLO period, a tiny alert window or overflowing values are refused (K9)', () => {
    for (const periodMs of [Infinity, Number.MAX_VALUE, 1e300, NaN, -1]) {
      const e = thrown(() => errorBudget({ target: 0.99, periodMs }, series()));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(/^slo\.periodMs: .* at most 100 years/);
      expect(thrown(() => evaluateBurnRateAlerts({ target: 0.99, periodMs }, series())).code).toBe('invalid_argument');
    }
    expect(thrown(() => evaluateBurnRateAlerts(slo, series(), { windows: [{ severity: 'page', budgetShare: 0.02, longWindowMs: 1e-300, shortWindowMs: 1e-300 }] })).code).toBe('invalid_argument');
    expect(thrown(() => csiProgress({ ...entry, baseline: new Map() as never, current: new Set() as never })).code).toBe('invalid_argument');
    // values whose sums, ranges or squares would overflow are refused, not turned into Infinity
    const huge = [1e308, -1e308, 1e308];
    for (const [name, call] of [
      ['quantile', () => quantile(huge, 0.3)],
      ['summarize', () => summarize(huge)],
      ['xmrChart', () => metrics.xmrChart(huge)],
      ['detectSignals', () => metrics.detectSignals(huge)],
      ['mannKendall', () => metrics.mannKendall(huge)],
      ['theilSen', () => metrics.theilSen(huge)],
      ['comparePeriods', () => metrics.comparePeriods(huge, huge)],
    ] as const) expect(thrown(call).message, name).toMatch(/beyond ±1e150/);
    expect(thrown(() => metrics.theilSen([{ x: 0, y: -1e150 }, { x: 5e-324, y: 1e150 }])).message).toMatch(/fitted line overflows/);
    expect(thrown(() => burnRate(slo, [{ at: T0, good: 0, total: 1e308 }, { at: T0 + 1, good: 0, total: 1e308 }], H)).message).toMatch(/<= 2\^53/);
    expect(nonFinite(summarize([1e150, -1e150, 1e150]))).toBe(false);
    expect(nonFinite(metrics.xmrChart([1e150, -1e150, 1e150, -1e150]))).toBe(false);
    // the longest accepted period still gives real dates and finite figures
    const century = { target: 0.99, periodMs: 36_525 * D };
    expect(nonFinite(errorBudget(century, series()))).toBe(false);
    expect(nonFinite(evaluateBurnRateAlerts(century, series()))).toBe(false);
    expect(nonFinite(csiProgress({ ...entry, baseline: -1e308, target: 1e308, current: 1e308 }))).toBe(false);
  });
});
