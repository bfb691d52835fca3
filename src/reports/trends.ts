import { xmrChart } from '../metrics/control-chart.js';
import { mannKendall } from '../metrics/trend.js';
import type { ReportBucket, ReportSeries, ReportTrendFlag } from './types.js';

/** Fewer buckets with data than this raise no flag: a chart of three points says nothing. */
export const MIN_POINTS_FOR_FLAGS = 4;

const SERIES: ReadonlyArray<{ metric: ReportSeries['metric']; title: string; value: (b: ReportBucket) => number | null; upIsBetter: boolean; upperBound: number | null; caption: (interval: string) => string }> = [
  {
    metric: 'opened', title: 'Incidents opened', value: (b) => b.opened, upIsBetter: false, upperBound: null,
    caption: (i) => `Incidents opened in each ${i}. A count cannot be negative, so the lower limit is drawn at 0 when the computed one is below it.`,
  },
  {
    metric: 'mttr_hours', title: 'Mean time to resolve (hours)', value: (b) => b.mttrHours, upIsBetter: false, upperBound: null,
    caption: (i) => `Mean hours from opening to resolution of the incidents resolved in each ${i} (by resolution ${i}). ` +
      'Read a rise with care: the later a bucket, the longer an incident opened early in the period must have stayed open to resolve in it, ' +
      'so late buckets hold the long cases (a selection effect of the window), not necessarily slower work.',
  },
  {
    metric: 'sla_percent', title: 'SLA met (%)', value: (b) => b.sla.percent, upIsBetter: true, upperBound: 100,
    caption: (i) => `Share of SLA cycles met among those decided in each ${i} (at their stop, or at their breach while still open). Limits are kept within 0-100 %.`,
  },
];

/**
 * The report's series and the flags they justify: one flag per Western Electric rule and side of the center
 * line with hits on the XmR chart, one for a significant Mann-Kendall trend.
 * @internal
 */
export function judgeSeries(buckets: readonly ReportBucket[], alpha: number, interval = 'bucket'): { series: ReportSeries[]; trends: ReportTrendFlag[] } {
  const series: ReportSeries[] = [];
  const trends: ReportTrendFlag[] = [];
  for (const s of SERIES) {
    const labels: string[] = [], values: number[] = [];
    for (const b of buckets) {
      const v = s.value(b);
      if (v !== null) { labels.push(b.label); values.push(v); }
    }
    const chart = xmrChart(values);
    const trend = mannKendall(values, { alpha });
    series.push({ metric: s.metric, title: s.title, labels, values, chart, trend, lowerBound: 0, upperBound: s.upperBound, caption: s.caption(interval) });
    const lower = chart.lowerLimit === null ? null : Math.max(0, chart.lowerLimit);
    const upper = chart.upperLimit === null ? null : s.upperBound === null ? chart.upperLimit : Math.min(s.upperBound, chart.upperLimit);
    if (values.length < MIN_POINTS_FOR_FLAGS) continue;
    const assess = (up: boolean): 'better' | 'worse' => (up === s.upIsBetter ? 'better' : 'worse');
    for (const signal of chart.signals) {
      if (signal.indices.length === 0 || chart.center === null) continue;
      // One flag per side of the center line: rule 1 may fire above and below in one series.
      for (const up of [true, false]) {
        const hits = signal.indices.filter((i) => (values[i]! > chart.center!) === up);
        if (hits.length === 0) continue;
        trends.push({
          metric: s.metric, test: 'xmr', rule: signal.rule, direction: up ? 'up' : 'down', assessment: assess(up),
          buckets: hits.map((i) => labels[i]!),
          evidence: `XmR rule ${signal.rule}: ${signal.description}, ${up ? 'above' : 'below'} the mean of ${round(chart.center)} (limits ${round(lower!)} to ${round(upper!)})`,
        });
      }
    }
    if (trend.trend !== 'no trend') {
      const up = trend.trend === 'increasing';
      trends.push({
        metric: s.metric, test: 'mann-kendall', rule: null, direction: up ? 'up' : 'down', assessment: assess(up), buckets: labels,
        evidence: `Mann-Kendall ${trend.trend} trend: S = ${trend.s}, z = ${round(trend.z, 2)}, p ${trend.p < 0.001 ? '< 0.001' : `= ${round(trend.p, 3)}`} (alpha ${alpha})`,
      });
    }
  }
  return { series, trends };
}

function round(v: number, digits = 1): string {
  const r = Number(v.toFixed(digits));
  return Object.is(r, -0) ? '0' : String(r);
}
