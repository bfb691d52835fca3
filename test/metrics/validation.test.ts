import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { isItsmError } from 'itsm-kit/core';
import {
  availability, backlog, csat, CsiRegisterEntrySchema, csiRegisterEntryJsonSchema, detectSignals, doraPerformanceLevel, durationMetrics, evaluateBurnRateAlerts,
  mannKendall, nps, OpenSloDocumentSchema, openSloJsonSchema, quantile, reopenRate, slaCompliance, summarize, xmrChart,
} from 'itsm-kit/metrics';
import { calendar24x7 } from 'itsm-kit/calendar';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return isItsmError(e) ? e.code : `not an ItsmError: ${String(e)}`;
  }
  return undefined;
};

describe('bad input is an ItsmError that names the fix', () => {
  it('refuses records that are not a list, options that are not objects, and unknown option values', () => {
    expect(code(() => durationMetrics('tickets' as never))).toBe('invalid_argument');
    expect(code(() => durationMetrics([], 'priority' as never))).toBe('invalid_argument');
    expect(code(() => durationMetrics([], { period: 'year' as never }))).toBe('invalid_argument');
    expect(code(() => durationMetrics([], { period: 'day', timeZone: 'Mars/Olympus' }))).toBe('unknown_time_zone');
    expect(code(() => durationMetrics([], { calendar: {} as never }))).toBe('invalid_argument');
    expect(code(() => summarize([1], { quantiles: [2] }))).toBe('invalid_argument');
    expect(code(() => mannKendall([1, 2], { alpha: 5 }))).toBe('invalid_argument');
    expect(code(() => detectSignals([1, 2], { rules: 'shewhart' as never }))).toBe('invalid_argument');
    expect(code(() => detectSignals([1, 2], { sigma: 0 }))).toBe('invalid_argument');
    expect(code(() => xmrChart([1, 2], { baseline: 1 }))).toBe('invalid_argument');
    expect(code(() => quantile([1, Infinity], 0.5))).toBe('invalid_argument');
  });

  it('refuses instants without an offset or out of range, wherever they are read', () => {
    expect(code(() => durationMetrics([{ openedAt: '2026-03-02T09:00:00', resolvedAt: null }]))).toBe('invalid_instant');
    expect(code(() => durationMetrics([{ openedAt: 1e20, resolvedAt: null }]))).toBe('invalid_instant');
    expect(code(() => backlog([], 'yesterday'))).toBe('invalid_instant');
    expect(code(() => availability({ agreed: calendar24x7(), from: '2026-03-02', to: '2026-03-03T00:00:00Z', outages: [] }))).toBe('invalid_instant');
  });

  it('refuses metric values of the wrong kind', () => {
    expect(code(() => reopenRate([{ resolvedAt: '2026-03-02T09:00:00Z', reopenCount: 'yes' }]))).toBe('invalid_argument');
    expect(code(() => reopenRate([], { lookBackMs: 1000 }))).toBe('invalid_argument');
    expect(code(() => csat([1, 2], { min: 5, max: 1 }))).toBe('invalid_argument');
    expect(code(() => nps([11]))).toBe('invalid_argument');
    expect(code(() => slaCompliance([null as never]))).toBe('invalid_argument');
    expect(code(() => doraPerformanceLevel({ changeFailureRate: 1.5 }))).toBe('invalid_argument');
    expect(code(() => evaluateBurnRateAlerts({ target: 1.5, periodMs: 1 }, [], { now: 0 }))).toBe('invalid_argument');
    expect(code(() => evaluateBurnRateAlerts({ target: 0.99, periodMs: 1e9 }, [{ at: 0, good: 5, total: 4 }], { now: 0 }))).toBe('invalid_argument');
  });

  it('never returns NaN: a constant series has sigma 0 and still reports its rules', () => {
    const r = detectSignals([5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(r.sigma).toBe(0);
    expect(r.signals.every((s) => s.indices.length === 0)).toBe(true);
    const c = xmrChart([5, 5, 5]);
    expect([c.center, c.upperLimit, c.lowerLimit, c.averageMovingRange]).toEqual([5, 5, 5, 0]);
  });
});

describe('the exported JSON Schemas of metrics definitions', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });

  it('validate CSI register entries by structure', () => {
    const validate = ajv.compile(csiRegisterEntryJsonSchema());
    const good = { id: 'CSI-1', title: 'Raise FCR', baseline: 0.6, target: 0.75, owner: 'desk', status: 'approved', due: '2026-09-30' };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(CsiRegisterEntrySchema.safeParse(good).success).toBe(true);
    const bad = { ...good, status: 'done' };
    expect(validate(bad)).toBe(false);
    expect(CsiRegisterEntrySchema.safeParse(bad).success).toBe(false);
  });

  it('validate OpenSLO documents by structure', () => {
    const validate = ajv.compile(openSloJsonSchema());
    const good = { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'a' }, spec: { service: 's', indicatorRef: 'i', budgetingMethod: 'Occurrences', timeWindow: [{ duration: '30d', isRolling: true }], objectives: [{ target: 0.99 }] } };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(OpenSloDocumentSchema.safeParse(good).success).toBe(true);
    const bad = { ...good, apiVersion: 'openslo/v2' };
    expect(validate(bad)).toBe(false);
    expect(OpenSloDocumentSchema.safeParse(bad).success).toBe(false);
  });
});

describe('inputs are never mutated', () => {
  function deepFreeze<T>(v: T): T {
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const x of Object.values(v)) deepFreeze(x);
    }
    return v;
  }

  it('reads frozen records, lists and options without writing to them', async () => {
    const m = await import('itsm-kit/metrics');
    const H = 3_600_000;
    const recs = deepFreeze(Array.from({ length: 40 }, (_, i) => ({
      id: `d${i}`, priority: i % 3, openedAt: i * H, resolvedAt: i % 5 ? i * H + (i % 7) * H : null, reopenCount: i % 4, reassignmentCount: i % 2,
      escalated: i % 3 === 0, resolvedOnFirstContact: i % 2 === 0, deployedAt: i * H, commits: [i * H - H], unplanned: i % 6 === 0, deploymentId: `d${i % 9}`,
      stage: 'completed' as const, breached: i % 4 === 0,
    })));
    const values = deepFreeze(recs.map((r) => r.priority + r.reopenCount));
    const opts = deepFreeze({ by: 'priority' as const, now: 100 * H, quantiles: [0.5] });
    expect(() => {
      m.quantile(values, 0.5);
      m.summarize(values, deepFreeze({ quantiles: [0.1] }));
      m.kaplanMeier(deepFreeze(recs.map((r) => ({ duration: r.openedAt, observed: r.resolvedAt !== null }))));
      m.mannKendall(values);
      m.theilSen(values);
      m.xmrChart(values);
      m.detectSignals(values, deepFreeze({ rules: 'nelson' as const }));
      m.durationMetrics(recs, opts);
      m.timeBetweenFailures(recs, deepFreeze({ service: 'priority' as const }));
      m.slaCompliance(recs, deepFreeze({ by: 'priority' as const }));
      m.firstContactResolution(recs);
      m.reopenRate(recs);
      m.reassignmentRate(recs, deepFreeze({ by: 'priority' as const }));
      m.escalationRate(recs);
      m.backlog(recs, 20 * H);
      m.openedClosedPerPeriod(recs, 'day');
      m.deploymentFrequency(recs, deepFreeze({ period: 'day' as const }));
      m.leadTimeForChanges(recs);
      m.changeFailureRate(recs, recs);
      m.failedDeploymentRecoveryTime(recs, deepFreeze({ now: 100 * H }));
      m.deploymentReworkRate(recs);
      m.comparePeriods(values.slice(0, 20), values.slice(20));
    }).not.toThrow();
  });
});
