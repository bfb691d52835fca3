import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { optionsArg } from './durations.js';

/**
 * A DORA software delivery performance level.
 *
 * @example
 * ```ts
 * const l: DoraLevel = 'elite';
 * ```
 * @category DORA
 */
export type DoraLevel = 'elite' | 'high' | 'medium' | 'low';

/**
 * The years whose report has a performance-level table: 2021 to 2024.
 *
 * @example
 * ```ts
 * const y: DoraReportYear = 2024;
 * ```
 * @category DORA
 */
export type DoraReportYear = 2021 | 2022 | 2023 | 2024;

/**
 * A team's four key metrics, in the units of itsm-kit's DORA functions (any may be left out).
 *
 * @example
 * ```ts
 * const m: DoraMetricsInput = { deploymentsPerDay: 2, leadTimeMs: 3_600_000, changeFailureRate: 0.08, recoveryTimeMs: 1_800_000 };
 * ```
 * @category DORA
 */
export interface DoraMetricsInput {
  /** From {@link deploymentFrequency}'s `perDay`. */
  readonly deploymentsPerDay?: number;
  /** Median lead time for changes, ms. */
  readonly leadTimeMs?: number;
  /** From 0 to 1. */
  readonly changeFailureRate?: number;
  /** Median failed deployment recovery time (time to restore), ms. */
  readonly recoveryTimeMs?: number;
}

/**
 * Options of {@link doraPerformanceLevel}.
 *
 * @example
 * ```ts
 * const o: DoraPerformanceLevelOptions = { reportYear: 2023 };
 * ```
 * @category DORA
 */
export interface DoraPerformanceLevelOptions {
  /** Which report's table (default 2024). */
  readonly reportYear?: DoraReportYear;
}

/**
 * How one metric was placed.
 *
 * @example
 * ```ts
 * const p: DoraMetricLevel = { level: 'high', placement: 'in_range', ambiguous: false };
 * ```
 * @category DORA
 */
export interface DoraMetricLevel {
  readonly level: DoraLevel;
  /**
   * `'in_range'`: inside a tier's published range; `'gap'`: between two tiers' ranges (placed in the worse
   * one); `'beyond'`: better than the best or worse than the worst range; `'nearest'`: the row gives one
   * typical value per tier (2023 and 2024 change failure rates) and the nearest value wins.
   */
  readonly placement: 'in_range' | 'gap' | 'beyond' | 'nearest';
  /** Several tiers publish the same range here (2021 change failure rate 16-30 %, ...): the best of them is given. */
  readonly ambiguous: boolean;
}

/**
 * A team's DORA performance levels.
 *
 * @example
 * ```ts
 * const r: DoraPerformance = doraPerformanceLevel({ changeFailureRate: 0.12 });
 * r.metrics.changeFailureRate?.level; // 'medium' (2024: 10 % is the nearest tier value)
 * ```
 * @category DORA
 */
export interface DoraPerformance {
  readonly reportYear: DoraReportYear;
  /** The worst of the levels of the metrics given (itsm-kit's convention; the reports cluster teams instead); `null` with none. */
  readonly overall: DoraLevel | null;
  readonly metrics: {
    readonly deploymentFrequency: DoraMetricLevel | null;
    readonly leadTime: DoraMetricLevel | null;
    readonly changeFailureRate: DoraMetricLevel | null;
    readonly recoveryTime: DoraMetricLevel | null;
  };
  /** The report the table comes from. */
  readonly source: string;
}

// Every row is "lower is better": deployment frequency as days between deployments, times in hours (a month is
// 730 h, six months 4,380 h, as the Four Keys dashboard buckets them), failure rates as fractions.
type Tier = { readonly level: DoraLevel; readonly lo: number; readonly hi: number; readonly lessThan?: boolean } | { readonly level: DoraLevel; readonly value: number };
type Table = { readonly source: string; readonly df: readonly Tier[]; readonly lead: readonly Tier[]; readonly cfr: readonly Tier[]; readonly restore: readonly Tier[] };

const H = 1, D = 24, W = 168, M = 730, M6 = 4380;
const dM = M / 24, dM6 = M6 / 24; // in days
const INF = Infinity;
const t = (level: DoraLevel, lo: number, hi: number, lessThan = false): Tier => ({ level, lo, hi, lessThan });
const v = (level: DoraLevel, value: number): Tier => ({ level, value });

/** The published tables (see docs/metrics.md for the exact wording of each cell). @internal */
export const DORA_TABLES: Readonly<Record<DoraReportYear, Table>> = {
  2021: {
    source: 'Accelerate State of DevOps Report 2021 (DORA / Google Cloud), software delivery performance table',
    df: [t('elite', 0, 1, true), t('high', 7, dM), t('medium', dM, dM6), t('low', dM6, INF)],
    lead: [t('elite', 0, H, true), t('high', D, W), t('medium', M, M6), t('low', M6, INF)],
    restore: [t('elite', 0, H, true), t('high', 0, D, true), t('medium', D, W), t('low', M6, INF)],
    cfr: [t('elite', 0, 0.15), t('high', 0.16, 0.3), t('medium', 0.16, 0.3), t('low', 0.16, 0.3)],
  },
  2022: {
    source: 'Accelerate State of DevOps Report 2022 (DORA / Google Cloud), software delivery performance table (three clusters, no elite)',
    df: [t('high', 0, 1, true), t('medium', 7, dM), t('low', dM, dM6)],
    lead: [t('high', D, W), t('medium', W, M), t('low', M, M6)],
    restore: [t('high', 0, D, true), t('medium', D, W), t('low', W, M)],
    cfr: [t('high', 0, 0.15), t('medium', 0.16, 0.3), t('low', 0.46, 0.6)],
  },
  2023: {
    source: 'Accelerate State of DevOps Report 2023 (DORA / Google Cloud), software delivery performance levels',
    df: [t('elite', 0, 1, true), t('high', 1, 7), t('medium', 7, dM), t('low', 7, dM)],
    lead: [t('elite', 0, D, true), t('high', D, W), t('medium', W, M), t('low', W, M)],
    restore: [t('elite', 0, H, true), t('high', 0, D, true), t('medium', D, W), t('low', M, M6)],
    cfr: [v('elite', 0.05), v('high', 0.1), v('medium', 0.15), v('low', 0.64)],
  },
  2024: {
    source: 'Accelerate State of DevOps Report 2024 (DORA / Google Cloud), software delivery performance levels',
    df: [t('elite', 0, 1, true), t('high', 1, 7), t('medium', 7, dM), t('low', dM, dM6)],
    lead: [t('elite', 0, D, true), t('high', D, W), t('medium', W, M), t('low', M, M6)],
    restore: [t('elite', 0, H, true), t('high', 0, D, true), t('medium', 0, D, true), t('low', W, M)],
    cfr: [v('elite', 0.05), v('high', 0.2), v('medium', 0.1), v('low', 0.4)],
  },
};

/** Places a (lower-is-better) value in a row whose tiers are listed best first. @internal */
export function placeInRow(row: readonly Tier[], x: number): DoraMetricLevel {
  if ('value' in row[0]!) {
    let best: Tier = row[0]!;
    for (const tier of row) if (Math.abs((tier as { value: number }).value - x) < Math.abs((best as { value: number }).value - x)) best = tier;
    return { level: best.level, placement: 'nearest', ambiguous: false };
  }
  const ranges = row as ReadonlyArray<{ level: DoraLevel; lo: number; hi: number; lessThan?: boolean }>;
  const inside = ranges.filter((r) => x >= r.lo && (r.lessThan ? x < r.hi : x <= r.hi));
  if (inside.length > 0) {
    const same = inside.filter((r) => r.lo === inside[0]!.lo && r.hi === inside[0]!.hi);
    return { level: inside[0]!.level, placement: 'in_range', ambiguous: same.length > 1 };
  }
  if (ranges.every((r) => x < r.lo)) return { level: ranges[0]!.level, placement: 'beyond', ambiguous: false };
  const worse = ranges.filter((r) => r.lo > x);
  if (worse.length === 0) return { level: ranges[ranges.length - 1]!.level, placement: 'beyond', ambiguous: false };
  return { level: worse[0]!.level, placement: 'gap', ambiguous: false };
}

const ORDER: readonly DoraLevel[] = ['elite', 'high', 'medium', 'low'];

function metricArg(x: unknown, field: string, max = Infinity): number | undefined {
  if (x === undefined) return undefined;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > max) throw new ItsmError('invalid_argument', `metrics.${field}: ${describeValue(x)} is not a number from 0${max === Infinity ? '' : ` to ${max}`}.`, { details: { field } });
  return x;
}

/**
 * Places a team's four key metrics in the performance levels of one State of DevOps report (2021 to 2024).
 *
 * The reports publish ranges with gaps between them (2021: lead time "between one day and one week" for high,
 * "between one month and six months" for medium) and rows where tiers share a range (2023: medium and low both
 * deploy "between once per week and once per month"). A value in a gap is placed in the worse neighbouring tier
 * (`placement: 'gap'`); a shared range gives the best tier sharing it (`ambiguous: true`). The 2023 and 2024 change
 * failure rates are one value per tier, not ranges, and not monotone in 2024 (high 20 %, medium 10 %): the
 * nearest value wins (`placement: 'nearest'`), so 20 % is high and 12 % is medium, as the report's clusters
 * are. The 2025 report dropped the four tiers (see docs/metrics.md), so 2025 is refused.
 *
 * @param metrics - Deployments per day, lead time and recovery time in ms, change failure rate as a fraction.
 * @param options - The report year (default 2024).
 * @returns The level per metric and the worst of them.
 * @throws {@link core!ItsmError} `invalid_argument` for a year without a table or a negative metric.
 * @example
 * ```ts
 * doraPerformanceLevel({ deploymentsPerDay: 3, leadTimeMs: 2 * 3_600_000 }, { reportYear: 2024 }).overall; // 'elite'
 * ```
 * @category DORA
 */
export function doraPerformanceLevel(metrics: DoraMetricsInput, options?: DoraPerformanceLevelOptions): DoraPerformance {
  return atBoundary(() => {
    const o = optionsArg(options, '{ reportYear: 2024 }');
    const year = o.reportYear ?? 2024;
    const table = DORA_TABLES[year as DoraReportYear];
    if (table === undefined) {
      throw new ItsmError('invalid_argument', `options.reportYear: ${describeValue(year)} has no performance-level table; use 2021, 2022, 2023 or 2024 (the 2025 report replaced the tiers with team profiles).`, { details: { field: 'options.reportYear' } });
    }
    if (metrics === null || typeof metrics !== 'object') throw new ItsmError('invalid_argument', `metrics: ${describeValue(metrics)} is not an object of DORA metrics.`, { details: { field: 'metrics' } });
    const dpd = metricArg(metrics.deploymentsPerDay, 'deploymentsPerDay');
    const lead = metricArg(metrics.leadTimeMs, 'leadTimeMs');
    const cfr = metricArg(metrics.changeFailureRate, 'changeFailureRate', 1);
    const rec = metricArg(metrics.recoveryTimeMs, 'recoveryTimeMs');
    const place = (row: readonly Tier[], x: number | undefined): DoraMetricLevel | null => (x === undefined ? null : placeInRow(row, x));
    const result = {
      deploymentFrequency: place(table.df, dpd === undefined ? undefined : dpd === 0 ? Infinity : 1 / dpd),
      leadTime: place(table.lead, lead === undefined ? undefined : lead / 3_600_000),
      changeFailureRate: place(table.cfr, cfr),
      recoveryTime: place(table.restore, rec === undefined ? undefined : rec / 3_600_000),
    };
    const levels = Object.values(result).filter((x): x is DoraMetricLevel => x !== null).map((x) => ORDER.indexOf(x.level));
    return { reportYear: year as DoraReportYear, overall: levels.length ? ORDER[Math.max(...levels)]! : null, metrics: result, source: table.source };
  });
}
