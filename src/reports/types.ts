import type { Instant } from '../core/instant.js';
import type { Catalog } from '../catalog/schema.js';
import type { MannKendallResult } from '../metrics/trend.js';
import type { XmrChart } from '../metrics/control-chart.js';
import type { SlaResult } from '../sla/result.js';
import type { ReportInterval } from './period.js';

/**
 * An incident as a report reads it.
 *
 * @example
 * ```ts
 * const i: ReportIncident = { id: 'INC0001', service: 'email', priority: 2, openedAt: '2026-03-09T09:00:00Z', resolvedAt: null };
 * ```
 * @category Reports
 */
export interface ReportIncident {
  readonly id: string;
  readonly service?: string;
  readonly priority?: number;
  readonly openedAt: Instant;
  /** When it was (last) resolved; `null` or missing while open. */
  readonly resolvedAt?: Instant | null;
}

/**
 * The SLA results of one ticket, in the shape of a per-ticket result of the SLA module's batch evaluation:
 * `{ id, success: true, data }`, or `{ id, success: false, error }` for a ticket that could not be evaluated.
 *
 * @example
 * ```ts
 * const e: ReportSlaEntry = { id: 'INC0001', success: true, data: evaluateTicket(defs, events, options) };
 * ```
 * @category Reports
 */
export interface ReportSlaEntry {
  readonly id: string;
  readonly success: boolean;
  readonly data?: readonly SlaResult[];
}

/**
 * A change as a report reads it: its outcome and when it was implemented (or closed).
 *
 * @example
 * ```ts
 * const c: ReportChange = { id: 'CHG0001', outcome: 'successful', at: '2026-03-10T22:00:00Z' };
 * ```
 * @category Reports
 */
export interface ReportChange {
  readonly id: string;
  readonly service?: string;
  readonly outcome: 'successful' | 'failed' | 'backed_out';
  readonly at: Instant;
}

/**
 * A customer satisfaction survey answer on a 1-5 scale.
 *
 * @example
 * ```ts
 * const s: ReportSurvey = { at: '2026-03-10T10:00:00Z', score: 4 };
 * ```
 * @category Reports
 */
export interface ReportSurvey {
  readonly at: Instant;
  readonly score: number;
  readonly service?: string;
}

/**
 * The input of {@link serviceReport}.
 *
 * @example
 * ```ts
 * const input: ServiceReportInput = { period: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', interval: 'week' },
 *   timeZone: 'Europe/Paris', incidents, slaResults };
 * ```
 * @category Reports
 */
export interface ServiceReportInput {
  /** `[from, to)`, cut into `interval`s (default `week`) of `timeZone`. */
  readonly period: { readonly from: Instant; readonly to: Instant; readonly interval?: ReportInterval };
  readonly timeZone: string;
  readonly incidents: readonly ReportIncident[];
  readonly slaResults: readonly ReportSlaEntry[];
  readonly changes?: readonly ReportChange[];
  readonly surveys?: readonly ReportSurvey[];
  /** Gives services their names and criticality in the report. */
  readonly catalog?: Catalog;
}

/**
 * Options of {@link serviceReport}.
 *
 * @example
 * ```ts
 * const options: ServiceReportOptions = { topCauses: 3, alpha: 0.01 };
 * ```
 * @category Reports
 */
export interface ServiceReportOptions {
  /** How many breach causes to list (default 5). */
  readonly topCauses?: number;
  /** Significance level of the Mann-Kendall trend test (default 0.05). */
  readonly alpha?: number;
  /** Names the cause of a breach (default: the SLA id, and whether it ran out without a pause or after one, from the explanation). */
  readonly breachCause?: (result: SlaResult, incident: ReportIncident | undefined) => string;
}

/**
 * Met and breached SLA cycles, and the percentage met (`null` when none was decided).
 *
 * @example
 * ```ts
 * const c: ComplianceFigure = { met: 45, breached: 5, total: 50, percent: 90 };
 * ```
 * @category Reports
 */
export interface ComplianceFigure {
  readonly met: number;
  readonly breached: number;
  readonly total: number;
  readonly percent: number | null;
}

/**
 * The figures of one bucket (day, week or month) of the period.
 *
 * @example
 * ```ts
 * for (const b of report.buckets) console.log(b.label, b.opened, b.resolved);
 * ```
 * @category Reports
 */
export interface ReportBucket {
  /** The local start date of the bucket (`2026-03-09`; `2026-03` for a month). */
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
  readonly opened: number;
  readonly resolved: number;
  /** Mean hours to resolve of the incidents resolved in the bucket; `null` for none. */
  readonly mttrHours: number | null;
  readonly sla: ComplianceFigure;
}

/**
 * A series of the report over its buckets, with the control chart and trend test it was judged by.
 *
 * @example
 * ```ts
 * const opened = report.series.find((s) => s.metric === 'opened')!;
 * renderControlChartSvg(opened.chart, { labels: opened.labels });
 * ```
 * @category Reports
 */
export interface ReportSeries {
  readonly metric: 'opened' | 'mttr_hours' | 'sla_percent';
  readonly title: string;
  /** Labels of the buckets that have a value (MTTR and SLA skip buckets without data). */
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly chart: XmrChart;
  readonly trend: MannKendallResult;
  /** The least value the series can take (0: counts, hours and percentages are never negative); pass it to `renderControlChartSvg`. */
  readonly lowerBound: number;
  /** The greatest value it can take (100 for SLA %), or `null` for none. */
  readonly upperBound: number | null;
  /** What a bucket's value is, and how not to misread it (a caption for the chart). */
  readonly caption: string;
}

/**
 * A trend flag: raised only when the control chart has a signal or the trend test is significant.
 *
 * @example
 * ```ts
 * for (const f of report.trends) console.log(`${f.metric} ${f.direction} (${f.assessment}): ${f.evidence}`);
 * ```
 * @category Reports
 */
export interface ReportTrendFlag {
  readonly metric: ReportSeries['metric'];
  /** `xmr` for a run rule of the XmR chart, `mann-kendall` for a significant monotone trend. */
  readonly test: 'xmr' | 'mann-kendall';
  /** For `xmr`, the rule's number (Western Electric 1-4). */
  readonly rule: number | null;
  readonly direction: 'up' | 'down';
  /** Whether the move is good news (fewer incidents, faster resolution, higher compliance) or bad. */
  readonly assessment: 'better' | 'worse';
  /** The buckets the signal rests on. */
  readonly buckets: readonly string[];
  /** The statistic in words (`Mann-Kendall S = 40, p = 0.003`, `one point beyond 3 sigma`). */
  readonly evidence: string;
}

/**
 * A service report as typed data: what {@link renderReportMarkdown} and {@link renderReportHtml} print.
 *
 * @example
 * ```ts
 * const report: ServiceReport = serviceReport(input);
 * report.sla.overall.percent;
 * ```
 * @category Reports
 */
export interface ServiceReport {
  readonly period: { readonly from: Date; readonly to: Date; readonly interval: ReportInterval; readonly timeZone: string };
  readonly buckets: readonly ReportBucket[];
  /** Incidents opened and resolved in the period. */
  readonly volumes: { readonly opened: number; readonly resolved: number };
  readonly sla: {
    readonly overall: ComplianceFigure;
    readonly byService: ReadonlyArray<ComplianceFigure & { readonly service: string; readonly name: string }>;
    readonly byPriority: ReadonlyArray<ComplianceFigure & { readonly priority: number | null }>;
    /** Tickets whose SLA evaluation failed (`success: false`). */
    readonly notEvaluated: number;
  };
  /** Hours from opening to resolution of the incidents resolved in the period. */
  readonly mttr: { readonly count: number; readonly meanHours: number | null; readonly medianHours: number | null; readonly p90Hours: number | null };
  /** Incidents open at the end of the period, by age. */
  readonly backlog: {
    readonly open: number;
    readonly ageing: ReadonlyArray<{ readonly label: string; readonly count: number }>;
    readonly oldest: { readonly id: string; readonly ageHours: number } | null;
  };
  readonly breachCauses: ReadonlyArray<{ readonly cause: string; readonly count: number; readonly percent: number }>;
  /** `null` when no changes were given. */
  readonly changes: { readonly total: number; readonly successful: number; readonly failed: number; readonly backedOut: number; readonly successPercent: number | null } | null;
  /** `null` when no surveys were given; `percent` = share of scores 4 and 5. */
  readonly csat: { readonly responses: number; readonly satisfied: number; readonly percent: number | null; readonly meanScore: number | null } | null;
  readonly series: readonly ReportSeries[];
  readonly trends: readonly ReportTrendFlag[];
}
