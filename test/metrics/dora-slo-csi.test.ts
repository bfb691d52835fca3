import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  changeFailureRate, comparePeriods, createCsiRegisterEntry, csiProgress, csiRegisterEntryJsonSchema, deploymentFrequency, deploymentReworkRate, doraPerformanceLevel,
  errorBudget, evaluateBurnRateAlerts, failedDeploymentRecoveryTime, leadTimeForChanges, openSloJsonSchema, parseOpenSlo, safeCreateCsiRegisterEntry, safeParseOpenSlo,
  burnRate, type SloSample,
} from 'itsm-kit/metrics';

const H = 3_600_000;
const DAY = 24 * H;
const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 1); // Sunday 2026-03-01

describe('DORA metrics', () => {
  // A small deployment set: d1 has two changes and two incidents (the fan-out case), d2 none, d3 one incident.
  const deployments = [
    { id: 'd1', deployedAt: T0 + 10 * H, commits: [T0 + 8 * H, T0 + 9 * H], unplanned: false },
    { id: 'd2', deployedAt: T0 + DAY + 10 * H, commits: [T0 + DAY + 4 * H, T0 + DAY + 10 * H], unplanned: false },
    { id: 'd3', deployedAt: T0 + 3 * DAY, commits: [T0 + 2 * DAY], unplanned: true },
    { id: 'd4', deployedAt: T0 + 4 * DAY, commits: [], unplanned: false },
  ];
  const incidents = [
    { id: 'i1', deploymentId: 'd1', openedAt: T0 + 11 * H, resolvedAt: T0 + 12 * H },
    { id: 'i2', deploymentId: ['d1'], openedAt: T0 + 13 * H, resolvedAt: T0 + 16 * H },
    { id: 'i3', deploymentId: 'd3', openedAt: T0 + 3 * DAY + H, resolvedAt: null },
    { id: 'i4', deploymentId: 'unknown', openedAt: T0, resolvedAt: T0 + H },
  ];

  /** Four Keys' documented change failure rate: SUM(IF(incident_id IS NULL, 0, 1)) / COUNT(DISTINCT deploy_id) over deployments x changes x incidents. */
  function fourKeysChangeFailureRate(): number {
    let failures = 0;
    for (const d of deployments) {
      const changes = d.commits.length ? d.commits : [null];
      for (const _c of changes) {
        const linked = incidents.filter((i) => (Array.isArray(i.deploymentId) ? i.deploymentId : [i.deploymentId]).includes(d.id));
        failures += linked.length; // each (change, incident) row with an incident counts 1
      }
    }
    return failures / deployments.length;
  }

  it('counts each failed deployment once: 2 of 4, where the Four Keys join counts d1 four times', () => {
    const r = changeFailureRate(deployments, incidents);
    expect(r).toMatchObject({ value: 0.5, n: 4, hits: 2, linkedIncidents: 3, unlinkedIncidents: 1 });
    expect(fourKeysChangeFailureRate()).toBe(1.25); // above 100 %: the fan-out bug
  });

  it('has no change failure rate without deployments, never 0', () => {
    expect(changeFailureRate([], incidents)).toMatchObject({ value: null, reason: 'insufficient_data' });
  });

  it('takes the median lead time per commit, leaving out non-positive ones as Four Keys does', () => {
    // per commit: 2 h, 1 h, 6 h, (0: excluded), 24 h
    const r = leadTimeForChanges(deployments);
    expect(r).toMatchObject({ value: 4 * H, n: 4, nExcluded: 1 });
    expect(leadTimeForChanges(deployments, { per: 'deployment' }).value).toBe(6 * H); // 2 h, 6 h, 24 h
  });

  it('takes the median recovery time and censors open incidents instead of dropping them', () => {
    const r = failedDeploymentRecoveryTime(incidents.slice(0, 3), { now: T0 + 5 * DAY });
    expect(r).toMatchObject({ value: 2 * H, n: 2, nCensored: 1 });
    expect(r.kaplanMeierMedian).toBe(3 * H);
  });

  it('computes the rework rate of the 2024 report', () => {
    expect(deploymentReworkRate(deployments).value).toBe(0.25);
  });

  it('buckets deployment frequency as Four Keys does (Sunday weeks, medians of days and weeks)', () => {
    const at = (days: number[]) => days.map((d) => ({ deployedAt: T0 + d * DAY + 12 * H }));
    const range = { from: T0, to: T0 + 28 * DAY }; // four Sunday weeks
    expect(deploymentFrequency(at([0, 1, 2, 7, 8, 9, 14, 15, 16, 21, 22, 23]), range).bucket).toBe('daily');
    expect(deploymentFrequency(at([0, 1, 7, 8, 14, 21]), range).bucket).toBe('weekly');
    expect(deploymentFrequency(at([0, 7]), range).bucket).toBe('monthly'); // half the weeks: median 0.5 < 1; month has 2 deploying weeks
    const quarter = { from: T0, to: T0 + 91 * DAY };
    expect(deploymentFrequency(at([0]), quarter).bucket).toBe('yearly');
    const f = deploymentFrequency(at([0, 1, 7, 8, 14, 21]), { ...range, period: 'week' });
    expect(f).toMatchObject({ n: 6, days: 28, perDay: 6 / 28 });
    expect(f.groups!.map((g) => [g.period, g.result.n])).toEqual([['2026-W09', 1], ['2026-W10', 2], ['2026-W11', 2], ['2026-W12', 1]]);
    expect(deploymentFrequency([])).toMatchObject({ value: null, bucket: null, reason: 'insufficient_data' });
  });
});

describe('doraPerformanceLevel', () => {
  it('places metrics in the 2024 table', () => {
    const r = doraPerformanceLevel({ deploymentsPerDay: 3, leadTimeMs: 2 * H, changeFailureRate: 0.04, recoveryTimeMs: 30 * MIN }, { reportYear: 2024 });
    expect(r.overall).toBe('elite');
    expect(doraPerformanceLevel({ deploymentsPerDay: 1 / 14 }).metrics.deploymentFrequency).toEqual({ level: 'medium', placement: 'in_range', ambiguous: false });
  });

  it("handles 2024's non-monotone change failure rates (high 20 %, medium 10 %) by the nearest tier value", () => {
    expect(doraPerformanceLevel({ changeFailureRate: 0.2 }).metrics.changeFailureRate!.level).toBe('high');
    expect(doraPerformanceLevel({ changeFailureRate: 0.12 }).metrics.changeFailureRate!.level).toBe('medium');
    expect(doraPerformanceLevel({ changeFailureRate: 0.35 }).metrics.changeFailureRate).toEqual({ level: 'low', placement: 'nearest', ambiguous: false });
  });

  it('puts a value in a gap between tiers in the worse tier (2021 lead time of two weeks: medium)', () => {
    expect(doraPerformanceLevel({ leadTimeMs: 14 * DAY }, { reportYear: 2021 }).metrics.leadTime).toEqual({ level: 'medium', placement: 'gap', ambiguous: false });
    expect(doraPerformanceLevel({ leadTimeMs: 2 * H }, { reportYear: 2021 }).metrics.leadTime!.level).toBe('high');
  });

  it('flags shared ranges (2021 change failure rate 16-30 % for high, medium and low) and beyond-range values', () => {
    expect(doraPerformanceLevel({ changeFailureRate: 0.2 }, { reportYear: 2021 }).metrics.changeFailureRate).toEqual({ level: 'high', placement: 'in_range', ambiguous: true });
    expect(doraPerformanceLevel({ changeFailureRate: 0.5 }, { reportYear: 2021 }).metrics.changeFailureRate).toEqual({ level: 'low', placement: 'beyond', ambiguous: false });
    expect(doraPerformanceLevel({ deploymentsPerDay: 1 / 20 }, { reportYear: 2023 }).metrics.deploymentFrequency).toEqual({ level: 'medium', placement: 'in_range', ambiguous: true });
  });

  it('has no elite tier in 2022 and refuses 2025', () => {
    expect(doraPerformanceLevel({ deploymentsPerDay: 5, recoveryTimeMs: 10 * MIN }, { reportYear: 2022 }).overall).toBe('high');
    expect(() => doraPerformanceLevel({}, { reportYear: 2025 as never })).toThrow(/2025 report replaced the tiers/);
    expect(doraPerformanceLevel({}).overall).toBeNull();
  });
});

const OPENSLO_YAML = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
  displayName: Web availability
spec:
  description: 99.9 % of requests succeed
  service: web
  indicator:
    metadata:
      name: web-success-ratio
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{code!~"5.."}[1m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total[1m]))
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: good
      target: 0.999
`;

describe('OpenSLO and error budgets', () => {
  it('parses an OpenSLO v1 document decoded from YAML', () => {
    const slo = parseOpenSlo(YAML.parse(OPENSLO_YAML));
    expect(slo).toMatchObject({ name: 'web-availability', service: 'web', indicator: { kind: 'ratio', name: 'web-success-ratio' }, budgetingMethod: 'occurrences', window: { periodMs: 30 * DAY, rolling: true } });
    expect(slo.objectives[0]!.target).toBe(0.999);
    expect(Object.isFrozen(slo.objectives)).toBe(true);
  });

  it('reports every problem of a bad document with its path', () => {
    const r = safeParseOpenSlo({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'x' }, spec: { service: 's', timeWindow: [{ duration: '1M', isRolling: false }], budgetingMethod: 'Timeslices', objectives: [{ target: 0.99 }] } });
    expect(r.success).toBe(false);
    if (!r.success) {
      const paths = r.error.issues.map((i) => i.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['spec', 'spec.timeWindow.0.calendar', 'spec.objectives.0']));
    }
    expect(openSloJsonSchema()['title']).toMatch(/OpenSLO/);
  });

  it('computes the error budget: 5 bad of 1000 against a 99 % target spends half of it', () => {
    const b = errorBudget({ target: 0.99, periodMs: 30 * DAY }, [{ at: T0, good: 995, total: 1000 }], { now: T0 + DAY });
    expect(b).toMatchObject({ consumed: 5, n: 1 });
    expect(b.budget).toBeCloseTo(10, 9);
    expect(b.remaining).toBeCloseTo(5, 9);
    expect(b.remainingFraction).toBeCloseTo(0.5, 12);
    expect(b.burnRate).toBeCloseTo(0.5, 12);
    expect(b.timeToExhaustionMs! / DAY).toBeCloseTo(30, 9); // 5 left at 5 per rolling 30-day window
    expect(errorBudget({ target: 0.99, periodMs: DAY }, [], { now: T0 })).toMatchObject({ value: null, reason: 'insufficient_data' });
  });

  it('budgets timeslices: a slice is bad below its target, the budget counts every slice of the period', () => {
    const slo = parseOpenSlo({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 't' }, spec: { service: 's', indicatorRef: 'lat', timeWindow: [{ duration: '1d', isRolling: true }], budgetingMethod: 'Timeslices', objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: '1m' }] } });
    const series: SloSample[] = [{ at: T0, good: 90, total: 100 }, { at: T0 + MIN, good: 99, total: 100 }, { at: T0 + 2 * MIN, good: 0, total: 0 }];
    const b = errorBudget(slo, series, { now: T0 + 3 * MIN });
    expect(b.budget).toBeCloseTo(0.01 * 1440, 9);
    expect(b.consumed).toBe(1);
  });

  it('reads a calendar-aligned monthly window in its zone', () => {
    const slo = parseOpenSlo({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'm' }, spec: { service: 's', indicatorRef: 'x', timeWindow: [{ duration: '1M', isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'America/New_York' } }], budgetingMethod: 'Occurrences', objectives: [{ targetPercent: 99 }] } });
    const b = errorBudget(slo, [{ at: '2026-03-01T04:59:00Z', good: 0, total: 100 }, { at: '2026-03-01T05:00:00Z', good: 100, total: 100 }], { now: '2026-03-15T00:00:00Z' });
    expect(b.window.from.toISOString()).toBe('2026-03-01T05:00:00.000Z'); // midnight in New York (EST)
    expect(b).toMatchObject({ n: 1, consumed: 0 });
  });
});

describe('evaluateBurnRateAlerts (multiwindow, multi-burn-rate)', () => {
  const slo = { target: 0.999, periodMs: 30 * DAY };
  const now = T0 + 4 * DAY;
  /** Per-minute samples over the 4 days before now, with a bad share per minute. */
  const series = (badShare: (minutesAgo: number) => number): SloSample[] =>
    Array.from({ length: 4 * 1440 }, (_, k) => {
      const ago = 4 * 1440 - k; // 1 .. 5760 minutes before now
      return { at: now - ago * MIN, good: Math.round(10_000 * (1 - badShare(ago))), total: 10_000 };
    });

  it("uses Sloth's factors 14.4, 6, 3 and 1 for a 30-day SLO, and scales them with the period", () => {
    expect(evaluateBurnRateAlerts(slo, [], { now }).alerts.map((a) => a.factor)).toEqual([14.4, 6, 3, 1]);
    expect(evaluateBurnRateAlerts({ target: 0.999, periodMs: 28 * DAY }, [], { now }).alerts[0]!.factor).toBeCloseTo(13.44, 12);
  });

  it('pages on a sharp 2-minute outage (1 h / 5 min) without firing the 3-day ticket', () => {
    const r = evaluateBurnRateAlerts(slo, series((ago) => (ago <= 2 ? 1 : 0)), { now });
    expect(r.severity).toBe('page');
    expect(r.alerts.map((a) => a.firing)).toEqual([true, false, false, false]);
    expect(r.alerts[0]!.longBurnRate).toBeCloseTo((2 / 60) / 0.001, 9);
    expect(r.alerts[0]!.shortBurnRate).toBeCloseTo((2 / 5) / 0.001, 9);
    expect(r.alerts[3]!.longBurnRate).toBeCloseTo((2 / 4320) / 0.001, 9);
  });

  it('tickets a slow burn (1.5x over three days) on the 3-day window without paging', () => {
    const r = evaluateBurnRateAlerts(slo, series(() => 0.0015), { now });
    expect(r.severity).toBe('ticket');
    expect(r.alerts.map((a) => a.firing)).toEqual([false, false, false, true]);
  });

  it('stops paging once the short window is clean again', () => {
    const r = evaluateBurnRateAlerts(slo, series((ago) => (ago > 10 && ago <= 30 ? 1 : 0)), { now });
    expect(r.alerts[0]!.longBurnRate! > 14.4).toBe(true);
    expect(r.alerts[0]!.firing).toBe(false);
  });

  it('measures one window with burnRate', () => {
    expect(burnRate(slo, series(() => 0.002), H, { now }).value).toBeCloseTo(2, 9);
  });
});

describe('CSI register', () => {
  const entry = { id: 'CSI-7', title: 'Cut P2 MTTR', metric: 'mttr_p2_hours', baseline: 30, target: 12, current: 21, owner: 'desk-lead', status: 'in_progress' as const, due: '2026-06-30' };

  it('validates entries, listing every issue', () => {
    expect(Object.isFrozen(createCsiRegisterEntry(entry))).toBe(true);
    const r = safeCreateCsiRegisterEntry({ ...entry, owner: '', due: '30/06/2026' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['due', 'owner']);
    expect(csiRegisterEntryJsonSchema()['title']).toMatch(/CSI/);
  });

  it('measures progress toward a lower target and flags overdue entries', () => {
    expect(csiProgress(entry)).toMatchObject({ value: 0.5, direction: 'decrease', achieved: false, overdue: false });
    expect(csiProgress(entry, { asOf: '2026-07-01T00:00:00Z' }).overdue).toBe(true);
    expect(csiProgress({ ...entry, current: 11 }, { asOf: '2026-07-01T00:00:00Z' })).toMatchObject({ achieved: true, overdue: false });
    expect(csiProgress({ ...entry, current: null }).reason).toBe('insufficient_data');
  });

  it('flags a change only when the control chart or the trend test supports it', () => {
    const up = comparePeriods([30, 32, 29, 31, 30, 33, 31, 30], [22, 21, 23, 20]);
    expect(up).toMatchObject({ changed: true, direction: 'improved' });
    expect(up.supportedBy).toContain('control-chart');
    const noise = comparePeriods([30, 32, 29, 31, 30, 33, 31, 30], [31, 30, 29, 32]);
    expect(noise).toMatchObject({ changed: false, direction: 'no change', supportedBy: [] });
    expect(noise.value).not.toBe(0);
    expect(comparePeriods([0.6, 0.62, 0.61], [0.7, 0.72, 0.74, 0.75, 0.76], { lowerIsBetter: false }).direction).toBe('improved');
    expect(comparePeriods([], [1]).reason).toBe('insufficient_data');
  });
});
