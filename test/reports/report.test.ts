import { describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportMarkdown, serviceReport, type ReportIncident, type ServiceReportInput } from 'itsm-kit/reports';
import { evaluateTicket, type SlaDefinition } from 'itsm-kit/sla';
import { parseXml } from './xml.js';

const H = 3_600_000, D = 24 * H;
const base = Date.UTC(2026, 2, 2); // Monday 2 March 2026
const resolution: SlaDefinition = { id: 'res', kind: 'resolution', target: 'PT8H', calendar: '24x7', start: true, stop: { field: 'state', eq: 'resolved' } };

/** `perDay[k]` incidents opened on day k at 09:00, each resolved `hours` later. */
function input(perDay: number[], hours = 4, extra: Partial<ServiceReportInput> = {}): ServiceReportInput {
  const incidents: ReportIncident[] = [];
  perDay.forEach((n, k) => {
    for (let j = 0; j < n; j++) incidents.push({ id: `I${k}-${j}`, service: j % 2 === 0 ? 'email' : 'vpn', priority: 1 + (j % 3), openedAt: base + k * D + 9 * H, resolvedAt: base + k * D + (9 + hours) * H });
  });
  const to = base + perDay.length * D;
  const slaResults = incidents.map((i) => ({
    id: i.id, success: true,
    data: evaluateTicket([resolution], [{ at: i.openedAt, type: 'OPEN', set: { state: 'new' } }, { at: i.resolvedAt!, type: 'RESOLVE', set: { state: 'resolved' } }], { now: to }),
  }));
  return { period: { from: base, to, interval: 'day' }, timeZone: 'UTC', incidents, slaResults, ...extra };
}

describe('serviceReport', () => {
  it('raises no flag for a steady series: no flag without a signal', () => {
    const r = serviceReport(input([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]));
    expect(r.trends).toEqual([]);
    expect(r.series.map((s) => s.values.length)).toEqual([10, 10, 10]);
  });

  it('raises no flag on fewer than four buckets, whatever they show', () => {
    expect(serviceReport(input([1, 20, 1])).trends).toEqual([]);
  });

  it('flags a jump in volume as worse, with the XmR rule and the bucket it rests on', () => {
    const r = serviceReport(input([5, 6, 5, 6, 5, 6, 5, 6, 5, 30]));
    const flag = r.trends.find((f) => f.metric === 'opened' && f.test === 'xmr' && f.rule === 1)!;
    expect(flag).toMatchObject({ direction: 'up', assessment: 'worse', buckets: ['2026-03-11'] });
    expect(flag.evidence).toContain('one point beyond 3 sigma');
  });

  it('flags a steady rise in resolution time found by the Mann-Kendall test', () => {
    const days = Array.from({ length: 10 }, (_, k) => k);
    const incidents: ReportIncident[] = days.map((k) => ({ id: `I${k}`, openedAt: base + k * D, resolvedAt: base + k * D + (1 + k) * H }));
    const r = serviceReport({ period: { from: base, to: base + 10 * D, interval: 'day' }, timeZone: 'UTC', incidents, slaResults: [] });
    const flag = r.trends.find((f) => f.metric === 'mttr_hours' && f.test === 'mann-kendall')!;
    expect(flag).toMatchObject({ direction: 'up', assessment: 'worse' });
    expect(flag.evidence).toMatch(/S = 45/);
  });

  it('counts SLA cycles met and breached by service and priority, and names services from the catalogue', () => {
    const r = serviceReport(input([3, 3], 10, {
      catalog: { services: [{ id: 'email', name: 'Email service', lifecycle: 'live', criticality: 'high' }] },
    }));
    expect(r.sla.overall).toEqual({ met: 0, breached: 6, total: 6, percent: 0 });
    expect(r.sla.byService.map((s) => [s.service, s.name, s.breached])).toEqual([['email', 'Email service', 4], ['vpn', 'vpn', 2]]);
    expect(r.sla.byPriority.map((p) => [p.priority, p.total])).toEqual([[1, 2], [2, 2], [3, 2]]);
    expect(r.breachCauses).toEqual([{ cause: 'res: no pause before the breach', count: 6, percent: 100 }]);
  });

  it('computes the change success rate and CSAT of the period, leaving out what falls outside it', () => {
    const r = serviceReport(input([1, 1], 1, {
      changes: [
        { id: 'C1', outcome: 'successful', at: base + H }, { id: 'C2', outcome: 'failed', at: base + 2 * H },
        { id: 'C3', outcome: 'backed_out', at: base + 3 * H }, { id: 'C4', outcome: 'successful', at: base + 30 * H },
        { id: 'C5', outcome: 'successful', at: base - H },
      ],
      surveys: [{ at: base + H, score: 5 }, { at: base + H, score: 4 }, { at: base + H, score: 2 }, { at: base + 99 * D, score: 1 }],
    }));
    expect(r.changes).toEqual({ total: 4, successful: 2, failed: 1, backedOut: 1, successPercent: 50 });
    expect(r.csat).toEqual({ responses: 3, satisfied: 2, percent: (200 / 3), meanScore: 11 / 3 });
  });

  it('cuts days by the wall clock of the zone: the spring-forward day lasts 23 hours', () => {
    const from = Date.UTC(2026, 2, 7, 5), to = Date.UTC(2026, 2, 10, 4); // 7 to 10 March, New York midnights
    const r = serviceReport({ period: { from, to, interval: 'day' }, timeZone: 'America/New_York', incidents: [], slaResults: [] });
    expect(r.buckets.map((b) => [b.label, (b.to.getTime() - b.from.getTime()) / H])).toEqual([['2026-03-07', 24], ['2026-03-08', 23], ['2026-03-09', 24]]);
  });

  it('aligns weeks on Monday and months on the 1st, clipping the first and last bucket to the period', () => {
    const weeks = serviceReport({ period: { from: Date.UTC(2026, 2, 4), to: Date.UTC(2026, 2, 20) }, timeZone: 'UTC', incidents: [], slaResults: [] });
    expect(weeks.buckets.map((b) => [b.label, b.from.toISOString().slice(0, 10), b.to.toISOString().slice(0, 10)])).toEqual([
      ['2026-03-02', '2026-03-04', '2026-03-09'], ['2026-03-09', '2026-03-09', '2026-03-16'], ['2026-03-16', '2026-03-16', '2026-03-20'],
    ]);
    const months = serviceReport({ period: { from: Date.UTC(2026, 0, 15), to: Date.UTC(2026, 3, 1), interval: 'month' }, timeZone: 'UTC', incidents: [], slaResults: [] });
    expect(months.buckets.map((b) => b.label)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('ages the backlog at the end of the period', () => {
    const to = base + 40 * D;
    const incidents: ReportIncident[] = [
      { id: 'young', openedAt: to - 2 * H }, { id: 'week', openedAt: to - 5 * D, resolvedAt: to + H },
      { id: 'old', openedAt: to - 35 * D }, { id: 'done', openedAt: base, resolvedAt: base + H },
    ];
    const r = serviceReport({ period: { from: base, to, interval: 'week' }, timeZone: 'UTC', incidents, slaResults: [] });
    expect(r.backlog.open).toBe(3);
    expect(r.backlog.ageing.map((a) => a.count)).toEqual([1, 0, 1, 0, 1]);
    expect(r.backlog.oldest).toEqual({ id: 'old', ageHours: 35 * 24 });
  });

  it('counts tickets whose SLA evaluation failed', () => {
    const r = serviceReport({ ...input([1]), slaResults: [{ id: 'x', success: false }] });
    expect(r.sla.notEvaluated).toBe(1);
    expect(r.sla.overall.total).toBe(0);
  });

  it('refuses bad input, naming the field', () => {
    const ok = input([1]);
    expect(() => serviceReport({ ...ok, timeZone: 'Mars/Base' })).toThrow(/timeZone/);
    expect(() => serviceReport({ ...ok, period: { from: base, to: base } })).toThrow(/`to` must be after `from`/);
    expect(() => serviceReport({ ...ok, period: { from: base, to: base + D, interval: 'year' as never } })).toThrow(/period\.interval/);
    expect(() => serviceReport({ ...ok, incidents: [{ id: 'a', openedAt: '2026-03-02T09:00:00' }] })).toThrow(/incidents\[0\]\.openedAt/);
    expect(() => serviceReport({ ...ok, surveys: [{ at: base, score: 7 }] })).toThrow(/surveys\[0\]\.score/);
    expect(() => serviceReport({ ...ok, period: { from: 0, to: 2e13, interval: 'day' } })).toThrow(/more than 4000/);
  });

  it('does not mutate its input', () => {
    const i = input([2, 3]);
    const before = structuredClone(i);
    serviceReport(i);
    expect(i).toEqual(before);
  });
});

describe('renderReportMarkdown and renderReportHtml', () => {
  const hostile = input([2, 2, 2, 2, 9], 10, { catalog: { services: [{ id: 'email', name: 'Mail <b>& "co"</b> | x', lifecycle: 'live', criticality: 'high' }] } });
  const report = serviceReport(hostile);

  it('prints every section in Markdown, escaping table pipes', () => {
    const md = renderReportMarkdown(report);
    for (const h of ['## Summary', '## Volumes by day', '## Trend flags', '## SLA compliance by service', '## SLA compliance by priority', '## Top breach causes', '## Backlog ageing at period end']) expect(md).toContain(h);
    expect(md).toContain('Mail <b>& "co"</b> \\| x');
  });

  it('renders a well-formed page without script or external resource, with names escaped', () => {
    const html = renderReportHtml(report, { title: 'Desk <report>' });
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    const doc = parseXml(html.replace('<!DOCTYPE html>', ''), 'application/xhtml+xml');
    expect(doc.getElementsByTagName('title')[0]!.textContent).toBe('Desk <report>');
    expect(html).toContain('Mail &lt;b&gt;&amp; &quot;co&quot;&lt;/b&gt; | x');
    expect(doc.getElementsByTagName('svg').length).toBe(3);
  });

  it('draws SLA timelines when given', () => {
    const result = hostile.slaResults[0]!.data![0]!;
    const html = renderReportHtml(report, { timelines: [{ label: 'I0-0', result }] });
    expect(parseXml(html.replace('<!DOCTYPE html>', ''), 'application/xhtml+xml').getElementsByTagName('svg').length).toBe(4);
  });

  it('draws every series within its bounds, with its caption and the caller\'s context after it', () => {
    const spiky = serviceReport(input([40, 1, 0, 0, 0, 0, 0, 0]));
    expect(spiky.series.map((s) => [s.metric, s.lowerBound, s.upperBound])).toEqual([['opened', 0, null], ['mttr_hours', 0, null], ['sla_percent', 0, 100]]);
    expect(spiky.series[0]!.chart.lowerLimit!).toBeLessThan(0);
    // The flag's evidence quotes the limits as drawn, not a negative count.
    expect(spiky.trends.filter((f) => f.metric === 'opened').every((f) => !/limits -/.test(f.evidence))).toBe(true);
    const html = renderReportHtml(spiky, { captions: { opened: 'A cohort, opened at once.' } });
    const doc = parseXml(html.replace('<!DOCTYPE html>', ''), 'application/xhtml+xml');
    const lower = [...doc.getElementsByTagName('g')].filter((g) => g.getAttribute('data-role') === 'lower-limit');
    expect(lower.every((g) => Number(g.getAttribute('data-value')) >= 0)).toBe(true);
    const captions = [...doc.getElementsByTagName('figcaption')].map((f) => f.textContent ?? '');
    expect(captions[0]).toMatch(/^Incidents opened in each day\..*A cohort, opened at once\.$/);
    expect(captions[1]).toContain('selection effect');
  });

  it('captions a timeline with what was counted and paused, and when it breached or stopped', () => {
    const result = hostile.slaResults[0]!.data![0]!;
    const html = renderReportHtml(report, { timelines: [{ label: 'I0-0', result }, { label: 'mine', result, caption: 'Look here.' }] });
    const captions = [...parseXml(html.replace('<!DOCTYPE html>', ''), 'application/xhtml+xml').getElementsByTagName('figcaption')].map((f) => f.textContent ?? '').slice(-2);
    expect(captions[0]).toMatch(/^Blue: 10\sh counted against the 8\sh target\. The clock never paused\./);
    expect(captions[0]).toMatch(/It breached at 2026-03-02 17:00 \+00:00.*before any pause/);
    expect(captions[1]).toBe('Look here.');
  });

  it('charts the series the caller names, in that order, and refuses one the report does not have', () => {
    const html = renderReportHtml(report, { charts: ['sla_percent', 'opened'] });
    expect([...html.matchAll(/data-metric="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['sla_percent', 'opened']);
    expect(() => renderReportHtml(report, { charts: ['backlog' as never] })).toThrow(/options.charts\[0\]: the report has no series "backlog"/);
  });

  it('refuses something that is not a report', () => {
    expect(() => renderReportMarkdown({} as never)).toThrow(/report/);
    expect(() => renderReportHtml(null as never)).toThrow(/report/);
  });
});
