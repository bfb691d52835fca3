// Regression tests of the reports module's hardening findings (test/hardening/KNOWN.md, K1 and K8).
import { describe, expect, it } from 'vitest';
import {
  renderControlChartSvg, renderReportHtml, renderReportMarkdown, renderSlaTimelineSvg, serviceReport, type ServiceReportInput,
} from 'itsm-kit/reports';
import { evaluateTicket, type SlaDefinition } from 'itsm-kit/sla';
import { isItsmError, xmrChart } from 'itsm-kit';
import { throwingProxy } from '../hardening/hostile.js';

const H = 3_600_000, D = 24 * H;
const base = Date.UTC(2026, 2, 2);
const resolution: SlaDefinition = { id: 'res', kind: 'resolution', target: 'PT8H', calendar: '24x7', start: true, stop: { field: 'state', eq: 'resolved' } };
const events = (open: number, resolve: number) => [{ at: open, type: 'OPEN', set: { state: 'new' } }, { at: resolve, type: 'RESOLVE', set: { state: 'resolved' } }];

function input(hours = 4): ServiceReportInput {
  const incidents = Array.from({ length: 12 }, (_, k) => ({ id: `I${k}`, service: k % 2 === 0 ? 'email' : 'vpn', priority: 1 + (k % 3), openedAt: base + k * D + 9 * H, resolvedAt: base + k * D + (9 + hours) * H }));
  const to = base + 12 * D;
  return {
    period: { from: base, to, interval: 'day' }, timeZone: 'UTC', incidents,
    slaResults: incidents.map((i) => ({ id: i.id, success: true, data: evaluateTicket([resolution], events(i.openedAt, i.resolvedAt) as never, { now: to }) })),
  };
}
const report = () => serviceReport(input());
const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const sla = () => evaluateTicket([resolution], events(base, base + 10 * H) as never, { now: base + D })[0]!;
const chart = () => xmrChart([39, 41, 40, 43, 38, 55, 40, 42, 41, 39]);

/** Calls `fn` and returns the ItsmError it threw (fails when it did not throw one). */
function refusal(fn: () => unknown, code = 'invalid_argument'): { message: string } {
  try {
    fn();
  } catch (e) {
    expect(isItsmError(e), String(e)).toBe(true);
    expect((e as { code: string }).code).toBe(code);
    return e as { message: string };
  }
  throw new Error('expected an ItsmError');
}

describe('reports hardening (KNOWN.md K1, K8)', () => {
  it('K1 serviceReport: a throwing Proxy / getter in the input or options is an ItsmError', () => {
    refusal(() => serviceReport(throwingProxy() as never));
    refusal(() => serviceReport(input(), throwingProxy() as never));
    refusal(() => serviceReport({ ...input(), get incidents(): never { throw new Error('x'); } }));
  });

  it('K1 renderReportMarkdown: a throwing Proxy report is an ItsmError', () => {
    refusal(() => renderReportMarkdown(throwingProxy() as never));
    refusal(() => renderReportMarkdown({ ...report(), get mttr(): never { throw new Error('x'); } }));
  });

  it('K1 renderReportHtml: a throwing Proxy report or options is an ItsmError', () => {
    refusal(() => renderReportHtml(throwingProxy() as never));
    refusal(() => renderReportHtml(report(), throwingProxy() as never));
  });

  it('K1 renderControlChartSvg: a throwing Proxy chart or options is an ItsmError', () => {
    refusal(() => renderControlChartSvg(throwingProxy() as never));
    refusal(() => renderControlChartSvg(chart(), throwingProxy() as never));
  });

  it('K1 renderSlaTimelineSvg: a throwing Proxy result or options is an ItsmError', () => {
    refusal(() => renderSlaTimelineSvg(throwingProxy() as never));
    refusal(() => renderSlaTimelineSvg(sla(), throwingProxy() as never));
  });

  it('K8 serviceReport: slaResults read back from JSON (ISO instants) give the same report', () => {
    const live = serviceReport(input(10));
    const fromJson = serviceReport({ ...input(10), slaResults: json(input(10).slaResults) });
    expect(fromJson).toEqual(live);
    expect(fromJson.sla.overall.breached).toBe(12);
  });

  it('K8 serviceReport: slaResults[0].data = 5, a malformed result or instant is refused naming the field', () => {
    const a = input();
    (a.slaResults[0] as { data: unknown }).data = 5;
    expect(refusal(() => serviceReport(a)).message).toContain('slaResults[0].data');
    const b = input();
    (b.slaResults[1]!.data as unknown[])[0] = new Set();
    expect(refusal(() => serviceReport(b)).message).toContain('slaResults[1].data[0]');
    const c = json(input());
    (c.slaResults[2]!.data![0] as { stoppedAt: unknown }).stoppedAt = 'yesterday';
    expect(refusal(() => serviceReport(c), 'invalid_instant').message).toContain('slaResults[2].data[0].stoppedAt');
  });

  it('K8 renderReportMarkdown: buckets[4] = null, csat = "x", ageing label a Map are refused naming the field', () => {
    const r1 = report() as unknown as { buckets: unknown[] };
    r1.buckets[4] = null;
    expect(refusal(() => renderReportMarkdown(r1 as never)).message).toContain('report.buckets[4]');
    expect(refusal(() => renderReportMarkdown({ ...report(), csat: 'x' } as never)).message).toContain('report.csat');
    const r3 = report();
    (r3.backlog.ageing[3] as { label: unknown }).label = new Map();
    expect(refusal(() => renderReportMarkdown(r3)).message).toContain('report.backlog.ageing[3].label');
  });

  it('K8 renderReportHtml: a malformed report or options.title = 5 is refused naming the field', () => {
    const r1 = report() as unknown as { buckets: unknown[] };
    r1.buckets[4] = null;
    expect(refusal(() => renderReportHtml(r1 as never)).message).toContain('report.buckets[4]');
    expect(refusal(() => renderReportHtml(report(), { title: 5 as never })).message).toContain('options.title');
  });

  it('K8 renderControlChartSvg: points[3].value = Map, points[0] = Set, options.title = 5 are refused naming the field', () => {
    const c1 = chart();
    (c1.points[3] as { value: unknown }).value = new Map();
    expect(refusal(() => renderControlChartSvg(c1)).message).toContain('chart.points[3].value');
    const c2 = chart();
    (c2.points as unknown[])[0] = new Set();
    expect(refusal(() => renderControlChartSvg(c2)).message).toContain('chart.points[0]');
    expect(refusal(() => renderControlChartSvg(chart(), { title: 5 as never })).message).toContain('options.title');
  });

  it('K8 renderSlaTimelineSvg: stage = 0.5, startedAt = Set, percent = false are refused naming the field', () => {
    expect(refusal(() => renderSlaTimelineSvg({ ...sla(), stage: 0.5 } as never)).message).toContain('result.stage');
    expect(refusal(() => renderSlaTimelineSvg({ ...sla(), startedAt: new Set() } as never)).message).toContain('result.startedAt');
    expect(refusal(() => renderSlaTimelineSvg({ ...sla(), percent: false } as never)).message).toContain('result.percent');
    expect(refusal(() => renderSlaTimelineSvg(sla(), { title: 5 as never })).message).toContain('options.title');
  });
});
