import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { durationMetrics, optionsArg, type DurationMetrics } from './durations.js';
import { recordAt, accessorFn, groupRecords, readInstant, recordsArg, withGroups, ZoneReader, zoneArg, type MetricAccessor, type MetricGroup, type MetricGroupingOptions } from './grouping.js';
import { flagValue, rateOf, type RateMetric } from './rates.js';
import { quantileSorted } from './quantile.js';

const DAY = 86_400_000;

/**
 * Options of {@link deploymentFrequency}.
 *
 * @example
 * ```ts
 * const o: DeploymentFrequencyOptions<{ deployedAt: string }> = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', period: 'week' };
 * ```
 * @category DORA
 */
export interface DeploymentFrequencyOptions<T> extends MetricGroupingOptions<T> {
  /** When the deployment reached production (default `'deployedAt'`). */
  readonly deployedAt?: MetricAccessor<T, Instant | null | undefined>;
  /** Start of the measured range (default: the day of the first deployment). */
  readonly from?: Instant;
  /** End of the range, exclusive (default: the day after the last deployment). */
  readonly to?: Instant;
}

/**
 * Four Keys' deployment-frequency bucket.
 *
 * @example
 * ```ts
 * const b: DeploymentFrequencyBucket = 'weekly';
 * ```
 * @category DORA
 */
export type DeploymentFrequencyBucket = 'daily' | 'weekly' | 'monthly' | 'yearly';

/**
 * Deployment frequency.
 *
 * @example
 * ```ts
 * const f: DeploymentFrequency = deploymentFrequency(deploys, { from, to });
 * f.perDay; f.bucket;
 * ```
 * @category DORA
 */
export interface DeploymentFrequency {
  /** Deployments per day over the range; `null` for an empty range. */
  readonly value: number | null;
  /** Deployments in the range. */
  readonly n: number;
  /** Same as `value`. */
  readonly perDay: number | null;
  /** Days in the range (local days of `timeZone`). */
  readonly days: number;
  /** The Four Keys bucket; `null` for an empty range. */
  readonly bucket: DeploymentFrequencyBucket | null;
  readonly reason?: 'insufficient_data';
  /** Counts per group or period (periods with no deployment are not listed). */
  readonly groups?: readonly MetricGroup<{ readonly n: number }>[];
}

/**
 * Deployment frequency over `[from, to)`: deployments per day, counts per period, and the bucket exactly as the
 * Four Keys dashboard computes it (fourkeys `dashboard` query): over the local days of the range grouped into
 * weeks starting on Sunday (BigQuery's `TIMESTAMP_TRUNC(day, WEEK)`), **daily** if the median (`PERCENTILE_CONT`,
 * R-7) over weeks of the number of distinct days with a deployment is at least 3; else **weekly** if the median
 * over weeks of "the week had a deployment" (0 / 1) is at least 1; else **monthly** if the median over weeks of
 * the number of deploying weeks in the week's month is at least 1; else **yearly**.
 *
 * @param deployments - Production deployments (not mutated).
 * @param options - Field, range, zone, grouping.
 * @returns Per-day rate, bucket, and counts per group / period.
 * @throws {@link core!ItsmError} `invalid_argument` for a range that ends before it starts or a deployment that is not an object.
 * @example
 * ```ts
 * deploymentFrequency([{ deployedAt: '2026-03-02T10:00:00Z' }], { from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' }).bucket; // 'weekly'
 * ```
 * @category DORA
 */
export function deploymentFrequency<T>(deployments: readonly T[], options?: DeploymentFrequencyOptions<T>): DeploymentFrequency {
  return atBoundary(() => {
    recordsArg(deployments, 'deployments');
    const o = optionsArg(options, "{ from, to }");
    const at = accessorFn(o.deployedAt ?? ('deployedAt' as MetricAccessor<T, Instant>), 'options.deployedAt');
    const zone = new ZoneReader(zoneArg(o.timeZone, 'options.timeZone'));
    const times: number[] = [];
    for (let i = 0; i < deployments.length; i++) {
      const t = readInstant(at(recordAt(deployments, i, 'deployments'), i), 'deployedAt', i);
      if (t !== null) times.push(t);
    }
    const localDay = (t: number): number => Math.floor(zone.local(t) / DAY);
    const fromDay = o.from !== undefined ? localDay(toEpochMs(o.from, 'options.from')) : times.length ? times.reduce((m, t) => Math.min(m, localDay(t)), Infinity) : 0;
    const toDayExcl = o.to !== undefined ? Math.ceil(zone.local(toEpochMs(o.to, 'options.to')) / DAY) : times.length ? times.reduce((m, t) => Math.max(m, localDay(t)), -Infinity) + 1 : 0;
    if (toDayExcl < fromDay) throw new ItsmError('invalid_argument', 'options.to is before options.from.', { details: { field: 'options.to' } });
    const fromMs = o.from !== undefined ? toEpochMs(o.from, 'options.from') : -Infinity;
    const toMs = o.to !== undefined ? toEpochMs(o.to, 'options.to') : Infinity;
    const inRange: T[] = [];
    const deployDays = new Set<number>();
    for (let i = 0; i < deployments.length; i++) {
      const d = deployments[i]!;
      const t = readInstant(at(d, i), 'deployedAt', i);
      if (t === null || t < fromMs || t >= toMs) continue;
      inRange.push(d);
      deployDays.add(localDay(t));
    }
    const days = Math.max(0, toDayExcl - fromDay);
    const n = inRange.length;
    let bucket: DeploymentFrequencyBucket | null = null;
    if (days > 0) {
      // weeks (Sunday start, as BigQuery's WEEK) over the range's days; 1970-01-01 (day 0) was a Thursday
      const weeks = new Map<number, { days: number; deployed: number; month: number }>();
      for (let d = fromDay; d < toDayExcl; d++) {
        const weekStart = d - ((d + 4) % 7);
        const w = weeks.get(weekStart) ?? { days: 0, deployed: 0, month: monthIndex(weekStart) };
        if (deployDays.has(d)) {
          w.days++;
          w.deployed = 1;
        }
        weeks.set(weekStart, w);
      }
      const list = [...weeks.values()];
      const monthly = new Map<number, number>();
      for (const w of list) monthly.set(w.month, (monthly.get(w.month) ?? 0) + w.deployed);
      const med = (xs: number[]): number => quantileSorted(Float64Array.from(xs).sort(), 0.5, 'R-7')!;
      if (med(list.map((w) => w.days)) >= 3) bucket = 'daily';
      else if (med(list.map((w) => w.deployed)) >= 1) bucket = 'weekly';
      else if (med(list.map((w) => monthly.get(w.month)!)) >= 1) bucket = 'monthly';
      else bucket = 'yearly';
    }
    const perDay = days > 0 ? n / days : null;
    const base: DeploymentFrequency = { value: perDay, n, perDay, days, bucket };
    const result = days > 0 ? base : { ...base, reason: 'insufficient_data' as const };
    if (o.by === undefined && o.period === undefined) return result;
    const index = groupRecords(inRange, o, at);
    const counts = new Array<number>(index.count).fill(0);
    for (let i = 0; i < inRange.length; i++) if (index.of[i]! >= 0) counts[index.of[i]!]!++;
    return { ...result, groups: withGroups({ n }, index, counts.map((c) => ({ n: c }))).groups ?? [] };
  });
}

/** Year * 12 + month of a local day number. */
function monthIndex(day: number): number {
  const d = new Date(day * DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * Options of {@link leadTimeForChanges}.
 *
 * @example
 * ```ts
 * const o: LeadTimeOptions<{ deployedAt: string; commits: string[] }> = { per: 'deployment' };
 * ```
 * @category DORA
 */
export interface LeadTimeOptions<T> extends MetricGroupingOptions<T> {
  /** Default `'deployedAt'`. */
  readonly deployedAt?: MetricAccessor<T, Instant | null | undefined>;
  /** The commit instants of the deployment (default `'commits'`: an array of instants or of `{ committedAt }`). */
  readonly commits?: MetricAccessor<T, ReadonlyArray<Instant | { readonly committedAt: Instant }> | null | undefined>;
  /** `'commit'` (default, as Four Keys): one lead time per (deployment, commit); `'deployment'`: from its earliest commit. */
  readonly per?: 'commit' | 'deployment';
}

/**
 * Lead time for changes: commit to running in production. The value is the **median** (DORA's statistic; Four
 * Keys' `PERCENTILE_CONT(..., 0.5)`), over one lead time per (deployment, commit) pair, or per deployment from its
 * earliest commit. As in Four Keys, a lead time of 0 or less (a commit time at or after the deployment: an
 * automated push) is left out, and counted in `nExcluded`.
 *
 * @param deployments - Deployments with their commits (not mutated).
 * @param options - Fields, unit of count, grouping.
 * @returns {@link DurationMetrics} with `value` the median.
 * @throws {@link core!ItsmError} `invalid_argument` for a deployment that is not an object or `commits` that is not a list, `invalid_instant` for an unreadable instant.
 * @example
 * ```ts
 * leadTimeForChanges([{ deployedAt: '2026-03-02T12:00:00Z', commits: ['2026-03-02T10:00:00Z'] }]).value; // 7200000
 * ```
 * @category DORA
 */
export function leadTimeForChanges<T>(deployments: readonly T[], options?: LeadTimeOptions<T>): DurationMetrics {
  return atBoundary(() => {
    recordsArg(deployments, 'deployments');
    const o = optionsArg(options, "{ per: 'commit' }");
    const at = accessorFn(o.deployedAt ?? ('deployedAt' as MetricAccessor<T, Instant>), 'options.deployedAt');
    const commits = accessorFn(o.commits ?? ('commits' as MetricAccessor<T, Instant[]>), 'options.commits');
    const per = o.per ?? 'commit';
    const pairs: Array<{ d: T; s: number | null; e: number | null }> = [];
    for (let i = 0; i < deployments.length; i++) {
      const d = recordAt(deployments, i, 'deployments');
      const e = readInstant(at(d, i), 'deployedAt', i);
      const list = commits(d, i) ?? [];
      if (!Array.isArray(list)) throw new ItsmError('invalid_argument', `deployments[${i}].commits: ${describeValue(list)} is not a list of commit instants.`, { details: { field: `deployments[${i}].commits`, index: i } });
      const ts = Array.from(list as readonly unknown[], (c) => readInstant(typeof c === 'object' && c !== null && !(c instanceof Date) ? (c as { committedAt: Instant }).committedAt : c, 'commits', i));
      if (per === 'deployment') {
        const valid = ts.filter((t): t is number => t !== null);
        pairs.push({ d, s: valid.length ? valid.reduce((m, t) => Math.min(m, t), Infinity) : null, e });
      } else for (const s of ts) pairs.push({ d, s, e });
    }
    // Four Keys leaves lead times <= 0 out: they become excluded (start missing)
    const rows = pairs.map((p) => ({ ...p, s: p.s !== null && p.e !== null && p.e - p.s <= 0 ? null : p.s }));
    const by = o.by === undefined ? undefined : Array.isArray(o.by) ? o.by.map((a) => lift(a as MetricAccessor<T, unknown>)) : lift(o.by as MetricAccessor<T, unknown>);
    const m = durationMetrics(rows, {
      start: 's',
      end: 'e',
      ...(by === undefined ? {} : { by }),
      ...(o.period === undefined ? {} : { period: o.period, periodBy: 'e' as const }),
      ...(o.timeZone === undefined ? {} : { timeZone: o.timeZone }),
    });
    return medianValued(m);
  });
}

function lift<T>(a: MetricAccessor<T, unknown>): (r: { d: T }, i: number) => unknown {
  const f = accessorFn(a, 'options.by');
  return (r, i) => f(r.d, i);
}

/** DurationMetrics with the median as value (DORA's statistic), recursively into groups. */
function medianValued(m: DurationMetrics): DurationMetrics {
  const top = { ...m, value: m.median };
  if (m.groups === undefined) return top;
  return { ...top, groups: m.groups.map((g) => ({ ...g, result: { ...g.result, value: g.result.median } })) };
}

/**
 * Options of {@link changeFailureRate}.
 *
 * @example
 * ```ts
 * const o: ChangeFailureRateOptions<{ id: string }, { causedBy: string[] }> = { incidentDeployments: 'causedBy' };
 * ```
 * @category DORA
 */
export interface ChangeFailureRateOptions<TDeploy, TIncident> extends MetricGroupingOptions<TDeploy> {
  /** The deployment's id (default `'id'`). */
  readonly deploymentId?: MetricAccessor<TDeploy, unknown>;
  /** The deployment(s) an incident is linked to: one id or a list (default `'deploymentId'`). */
  readonly incidentDeployments?: MetricAccessor<TIncident, unknown>;
}

/**
 * Change failure rate.
 *
 * @example
 * ```ts
 * const r: ChangeFailureRate = changeFailureRate(deploys, incidents);
 * r.value; // 0.25
 * ```
 * @category DORA
 */
export interface ChangeFailureRate extends RateMetric {
  /** Incidents linked to at least one of the deployments. */
  readonly linkedIncidents: number;
  /** Incidents naming no known deployment (not counted as failures). */
  readonly unlinkedIncidents: number;
}

/**
 * Change failure rate: deployments with at least one linked incident / deployments. Each deployment counts once
 * however many incidents (or changes) link to it, so the rate is never above 100 %; with no deployments it is
 * `null`, not 0. (Four Keys' query divides `SUM(IF(incident_id IS NULL, 0, 1))` over a deployment × change ×
 * incident join by `COUNT(DISTINCT deploy_id)`, so a deployment with several changes or incidents is counted
 * several times in the numerator: the fan-out this avoids. Apache DevLake's join has the same shape.)
 *
 * @param deployments - Production deployments (not mutated).
 * @param incidents - Incidents with links to deployments (not mutated).
 * @param options - Id fields and grouping (of deployments).
 * @returns The rate with `hits` = failed deployments, and the incident link counts.
 * @throws {@link core!ItsmError} `invalid_argument` for lists that are not arrays or entries that are not objects.
 * @example
 * ```ts
 * changeFailureRate([{ id: 'd1' }, { id: 'd2' }], [{ deploymentId: 'd1' }, { deploymentId: 'd1' }]).value; // 0.5
 * ```
 * @category DORA
 */
export function changeFailureRate<TDeploy, TIncident>(deployments: readonly TDeploy[], incidents: readonly TIncident[], options?: ChangeFailureRateOptions<TDeploy, TIncident>): ChangeFailureRate {
  return atBoundary(() => {
    recordsArg(deployments, 'deployments');
    recordsArg(incidents, 'incidents');
    const o = optionsArg(options, "{ deploymentId: 'id', incidentDeployments: 'deploymentId' }");
    const id = accessorFn(o.deploymentId ?? ('id' as MetricAccessor<TDeploy, unknown>), 'options.deploymentId');
    const links = accessorFn(o.incidentDeployments ?? ('deploymentId' as MetricAccessor<TIncident, unknown>), 'options.incidentDeployments');
    const ids = new Set<unknown>();
    for (let i = 0; i < deployments.length; i++) ids.add(id(recordAt(deployments, i, 'deployments'), i));
    const failed = new Set<unknown>();
    let linked = 0, unlinked = 0;
    for (let i = 0; i < incidents.length; i++) {
      const l = links(recordAt(incidents, i, 'incidents'), i);
      const list = Array.isArray(l) ? l : l === null || l === undefined ? [] : [l];
      const known = list.filter((x) => ids.has(x));
      if (known.length) linked++;
      else unlinked++;
      for (const x of known) failed.add(x);
    }
    const rate = rateOf(deployments, o, (d, i) => (failed.has(id(d, i)) ? 1 : 0), null, 'deployments');
    return { ...rate, linkedIncidents: linked, unlinkedIncidents: unlinked };
  });
}

/**
 * Options of {@link failedDeploymentRecoveryTime}.
 *
 * @example
 * ```ts
 * const o: RecoveryTimeOptions<{ openedAt: string; restoredAt: string | null }> = { end: 'restoredAt', now: '2026-04-01T00:00:00Z' };
 * ```
 * @category DORA
 */
export interface RecoveryTimeOptions<T> extends MetricGroupingOptions<T> {
  /** When the failure began (default `'openedAt'`; Four Keys uses the incident's creation). */
  readonly start?: MetricAccessor<T, Instant | null | undefined>;
  /** When service was restored (default `'resolvedAt'`); open incidents are censored. */
  readonly end?: MetricAccessor<T, Instant | null | undefined>;
  /** Open incidents are censored at `now`. */
  readonly now?: Instant;
}

/**
 * Failed deployment recovery time (the 2023+ name of time to restore service): the **median** time from the
 * failure to restoration, over incidents caused by deployments. Open incidents are censored, not dropped:
 * they are in `nCensored` and in `kaplanMeierMedian` (with `now`), which is the figure to use when many are open.
 *
 * @param incidents - Incidents caused by deployments (not mutated).
 * @param options - Fields, `now`, grouping.
 * @returns {@link DurationMetrics} with `value` the median of restored incidents.
 * @throws {@link core!ItsmError} `invalid_instant` for an unreadable instant.
 * @example
 * ```ts
 * failedDeploymentRecoveryTime([{ openedAt: '2026-03-02T10:00:00Z', resolvedAt: '2026-03-02T10:30:00Z' }]).value; // 1800000
 * ```
 * @category DORA
 */
export function failedDeploymentRecoveryTime<T>(incidents: readonly T[], options?: RecoveryTimeOptions<T>): DurationMetrics {
  return atBoundary(() => {
    const o = optionsArg(options, "{ now }");
    return medianValued(durationMetrics(incidents, o));
  });
}

/**
 * Options of {@link deploymentReworkRate}.
 *
 * @example
 * ```ts
 * const o: ReworkRateOptions<{ kind: string }> = { unplanned: (d) => d.kind === 'hotfix' };
 * ```
 * @category DORA
 */
export interface ReworkRateOptions<T> extends MetricGroupingOptions<T> {
  /** Whether the deployment was unplanned, made to fix a user-facing defect in production (default `'unplanned'`). */
  readonly unplanned?: MetricAccessor<T, boolean | null | undefined>;
}

/**
 * Deployment rework rate (added by the 2024 DORA report as the fifth delivery metric): unplanned deployments
 * made to remediate a user-facing defect in production / all deployments. Deployments without the flag are
 * excluded and counted.
 *
 * @param deployments - Deployments (not mutated).
 * @param options - The flag and grouping.
 * @returns The rate overall and per group.
 * @throws {@link core!ItsmError} `invalid_argument` for a flag that is not boolean or a deployment that is not an object.
 * @example
 * ```ts
 * deploymentReworkRate([{ unplanned: true }, { unplanned: false }, { unplanned: false }]).value; // 1/3
 * ```
 * @category DORA
 */
export function deploymentReworkRate<T>(deployments: readonly T[], options?: ReworkRateOptions<T>): RateMetric {
  return atBoundary(() => {
    recordsArg(deployments, 'deployments');
    const o = optionsArg(options, "{ unplanned: 'unplanned' }");
    const f = accessorFn(o.unplanned ?? ('unplanned' as MetricAccessor<T, boolean>), 'options.unplanned');
    return rateOf(deployments, o, (d, i) => {
      const v = flagValue(f(d, i), 'unplanned', i);
      return v === null ? -1 : v ? 1 : 0;
    }, null, 'deployments');
  });
}

