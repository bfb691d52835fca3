// Every figure of the report on the real log, recomputed here by a straightforward computation.
import { describe, expect, it } from 'vitest';
import { mannKendall, xmrChart } from 'itsm-kit/metrics';
import { renderReportHtml, renderReportMarkdown, serviceReport, type ServiceReport } from 'itsm-kit/reports';
import type { SlaResult } from 'itsm-kit/sla';
import { toEpochMs } from 'itsm-kit/core';
import { PERIOD, servicenowReportInput } from './servicenow-input.js';
import { parseXml } from './xml.js';

const HOUR = 3_600_000, DAY = 24 * HOUR;
const { input } = servicenowReportInput();
const report: ServiceReport = serviceReport(input);
const from = toEpochMs(PERIOD.from), to = toEpochMs(PERIOD.to);
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : toEpochMs(v as number));
const incidents = input.incidents.map((i) => ({ ...i, opened: ms(i.openedAt)!, resolved: ms(i.resolvedAt) }));
const inPeriod = (t: number) => from <= t && t < to;

/** Naive quantile: sort, linear interpolation between closest ranks (R-7). */
function naiveQuantile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p, lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

/** Decided cycles in the period, computed from the rules as written in the docs. */
function decided(): Array<{ id: string; r: SlaResult; met: boolean; at: number }> {
  const out: Array<{ id: string; r: SlaResult; met: boolean; at: number }> = [];
  for (const e of input.slaResults) for (const r of e.data ?? []) {
    let at: number | null = null, met = false;
    if (r.stage === 'completed') { at = r.stoppedAt!.getTime(); met = !r.breached; }
    else if (r.stage !== 'canceled' && r.breached) { at = r.breachedAt!.getTime(); met = false; }
    if (at !== null && inPeriod(at)) out.push({ id: e.id, r, met, at });
  }
  return out;
}

describe('the service report of the real ServiceNow log, recomputed', () => {
  it('cuts the period into its 32 UTC days', () => {
    expect(report.buckets).toHaveLength(32);
    report.buckets.forEach((b, k) => {
      expect(b.from.getTime()).toBe(from + k * DAY);
      expect(b.to.getTime()).toBe(from + (k + 1) * DAY);
    });
    expect(report.buckets[0]!.label).toBe('2016-02-29');
    expect(report.buckets.at(-1)!.label).toBe('2016-03-31');
  });

  it('counts incidents opened and resolved, per day and in all', () => {
    expect(report.volumes.opened).toBe(incidents.filter((i) => inPeriod(i.opened)).length);
    expect(report.volumes.resolved).toBe(incidents.filter((i) => i.resolved !== null && inPeriod(i.resolved)).length);
    report.buckets.forEach((b, k) => {
      const lo = from + k * DAY, hi = lo + DAY;
      expect(b.opened).toBe(incidents.filter((i) => i.opened >= lo && i.opened < hi).length);
      expect(b.resolved).toBe(incidents.filter((i) => i.resolved !== null && i.resolved >= lo && i.resolved < hi).length);
    });
    expect(report.volumes.opened).toBeGreaterThan(800);
  });

  it('computes MTTR mean, median and 90th percentile in hours, overall and per day', () => {
    const hours = incidents.filter((i) => i.resolved !== null && inPeriod(i.resolved)).map((i) => (i.resolved! - i.opened) / HOUR);
    expect(report.mttr.count).toBe(hours.length);
    expect(report.mttr.meanHours).toBeCloseTo(hours.reduce((a, b) => a + b, 0) / hours.length, 9);
    expect(report.mttr.medianHours).toBeCloseTo(naiveQuantile(hours, 0.5)!, 9);
    expect(report.mttr.p90Hours).toBeCloseTo(naiveQuantile(hours, 0.9)!, 9);
    report.buckets.forEach((b, k) => {
      const lo = from + k * DAY, hi = lo + DAY;
      const hs = incidents.filter((i) => i.resolved !== null && i.resolved >= lo && i.resolved < hi).map((i) => (i.resolved! - i.opened) / HOUR);
      if (hs.length === 0) expect(b.mttrHours).toBeNull();
      else expect(b.mttrHours).toBeCloseTo(hs.reduce((a, x) => a + x, 0) / hs.length, 9);
    });
  });

  it('computes SLA compliance overall, by service, by priority and per day', () => {
    const d = decided();
    const met = d.filter((x) => x.met).length;
    expect(report.sla.overall).toEqual({ met, breached: d.length - met, total: d.length, percent: (100 * met) / d.length });
    expect(d.length).toBeGreaterThan(700);
    const incident = new Map(input.incidents.map((i) => [i.id, i]));
    for (const s of report.sla.byService) {
      const mine = d.filter((x) => (incident.get(x.id)!.service ?? '(none)') === s.service);
      expect([s.met, s.breached]).toEqual([mine.filter((x) => x.met).length, mine.filter((x) => !x.met).length]);
    }
    expect(report.sla.byService.reduce((a, s) => a + s.total, 0)).toBe(d.length);
    expect(report.sla.byPriority.map((p) => p.priority)).toEqual([1, 2, 3, 4]);
    for (const p of report.sla.byPriority) {
      const mine = d.filter((x) => incident.get(x.id)!.priority === p.priority);
      expect([p.met, p.breached]).toEqual([mine.filter((x) => x.met).length, mine.filter((x) => !x.met).length]);
    }
    report.buckets.forEach((b, k) => {
      const mine = d.filter((x) => x.at >= from + k * DAY && x.at < from + (k + 1) * DAY);
      expect(b.sla.total).toBe(mine.length);
      expect(b.sla.met).toBe(mine.filter((x) => x.met).length);
    });
    expect(report.sla.notEvaluated).toBe(0);
  });

  it('computes the backlog at the end of the period and its ageing', () => {
    const open = incidents.filter((i) => i.opened < to && (i.resolved === null || i.resolved >= to));
    expect(report.backlog.open).toBe(open.length);
    const ages = open.map((i) => (to - i.opened) / DAY);
    expect(report.backlog.ageing.map((a) => a.count)).toEqual([
      ages.filter((a) => a < 1).length, ages.filter((a) => a >= 1 && a < 3).length, ages.filter((a) => a >= 3 && a < 7).length,
      ages.filter((a) => a >= 7 && a < 30).length, ages.filter((a) => a >= 30).length,
    ]);
    if (open.length > 0) expect(report.backlog.oldest!.ageHours).toBe(Math.max(...ages) * 24);
  });

  it('lists the top breach causes from the explanations', () => {
    const counts = new Map<string, number>();
    const breaches = decided().filter((x) => !x.met);
    for (const { r } of breaches) {
      const pauses = r.segments.filter((s) => s.kind === 'paused' && s.from < r.breachedAt!);
      pauses.sort((a, b) => (b.to.getTime() - b.from.getTime()) - (a.to.getTime() - a.from.getTime()));
      const key = pauses.length === 0 ? `${r.slaId}: no pause before the breach` : `${r.slaId}: after a pause (${pauses[0]!.cause.slice('paused: '.length)})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    expect(report.breachCauses.map((c) => [c.cause, c.count])).toEqual(top);
    for (const c of report.breachCauses) expect(c.percent).toBeCloseTo((100 * c.count) / breaches.length, 9);
  });

  it('raises a trend flag only for a signal of the control chart or the trend test, and for each one', () => {
    const series = {
      opened: report.buckets.map((b) => b.opened),
      mttr_hours: report.buckets.map((b) => b.mttrHours).filter((v): v is number => v !== null),
      sla_percent: report.buckets.map((b) => b.sla.percent).filter((v): v is number => v !== null),
    };
    const expected: string[] = [];
    for (const [metric, values] of Object.entries(series)) {
      if (values.length < 4) continue;
      const chart = xmrChart(values);
      for (const s of chart.signals) {
        if (s.indices.some((i) => values[i]! > chart.center!)) expected.push(`${metric} xmr ${s.rule} up`);
        if (s.indices.some((i) => values[i]! <= chart.center!)) expected.push(`${metric} xmr ${s.rule} down`);
      }
      if (mannKendall(values).trend !== 'no trend') expected.push(`${metric} mann-kendall ${mannKendall(values).trend === 'increasing' ? 'up' : 'down'}`);
    }
    expect(report.trends.map((f) => `${f.metric} ${f.test}${f.rule === null ? '' : ` ${f.rule}`} ${f.direction}`)).toEqual(expected);
    expect(report.trends.length).toBeGreaterThan(0);
  });

  it('has no change or CSAT figures when none were given', () => {
    expect(report.changes).toBeNull();
    expect(report.csat).toBeNull();
  });

  it('renders as Markdown with the same figures and as a self-contained, well-formed page', () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain(`| Incidents opened | ${report.volumes.opened} |`);
    expect(md).toContain('## SLA compliance by priority');
    const html = renderReportHtml(report);
    expect(html).not.toMatch(/<script|src=|href=/i);
    const doc = parseXml(html.replace('<!DOCTYPE html>', ''), 'application/xhtml+xml');
    expect(doc.getElementsByTagName('svg').length).toBe(3);
  });
});
