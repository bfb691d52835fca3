import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from 'itsm-kit/calendar';
import { toEpochMs } from 'itsm-kit/core';
import { xmrChart } from 'itsm-kit/metrics';
import { renderControlChartSvg, renderSlaTimelineSvg } from 'itsm-kit/reports';
import { evaluateSla, type SlaDefinition, type TicketEvent } from 'itsm-kit/sla';
import { elements, num, parseXml } from './xml.js';

const weekday = ['09:00-17:00'];
const support = createCalendar({ timeZone: 'America/New_York', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } });
const calendars = { support };
const def: SlaDefinition = {
  id: 'p2-resolution', kind: 'resolution', target: 'PT8H', calendar: 'support', warnAt: [0.5, 0.75],
  start: { field: 'state', ne: 'new' }, stop: { field: 'state', eq: 'resolved' }, pause: { field: 'state', eq: 'on_hold' },
};
const history: TicketEvent[] = [
  { at: '2026-03-09T13:00:00Z', type: 'CREATE', set: { state: 'new' } },
  { at: '2026-03-09T14:00:00Z', type: 'ASSIGN', set: { state: 'in_progress' } },   // Mon 10:00 EDT
  { at: '2026-03-09T17:00:00Z', type: 'HOLD', set: { state: 'on_hold' } },         // Mon 13:00
  { at: '2026-03-09T19:00:00Z', type: 'RESUME', set: { state: 'in_progress' } },   // Mon 15:00
];

/**
 * Checks that each stretch's width is its wall-clock duration times one scale (within the 0.01 rounding of the
 * coordinates) and that stretches abut, and returns that scale.
 */
function checkProportional(svg: string): number {
  const doc = parseXml(svg);
  const rects = elements(doc, 'rect').filter((r) => r.hasAttribute('data-kind'));
  const durations = rects.map((r) => toEpochMs(r.getAttribute('data-to')!) - toEpochMs(r.getAttribute('data-from')!));
  const widths = rects.map((r) => num(r, 'width'));
  const scale = widths.reduce((a, b) => a + b, 0) / durations.reduce((a, b) => a + b, 0);
  rects.forEach((_, i) => expect(Math.abs(widths[i]! - durations[i]! * scale)).toBeLessThanOrEqual(0.02));
  for (let i = 1; i < rects.length; i++) expect(Math.abs(num(rects[i]!, 'x') - (num(rects[i - 1]!, 'x') + widths[i - 1]!))).toBeLessThanOrEqual(0.02);
  return scale;
}

describe('renderSlaTimelineSvg', () => {
  it('draws every counted, paused and outside-hours stretch as wide as it lasted', () => {
    const r = evaluateSla(def, history, { calendars, now: '2026-03-10T15:00:00Z' });
    const svg = renderSlaTimelineSvg(r);
    const doc = parseXml(svg);
    const rects = elements(doc, 'rect').filter((e) => e.hasAttribute('data-kind'));
    expect(rects.map((e) => e.getAttribute('data-kind'))).toEqual(r.segments.map((s) => s.kind));
    expect(new Set(rects.map((e) => e.getAttribute('data-kind')))).toEqual(new Set(['counting', 'paused', 'outside_hours']));
    const scale = checkProportional(svg);
    // The counted stretches together are as wide as the counted wall-clock time.
    const counted = r.segments.filter((s) => s.kind === 'counting').reduce((a, s) => a + (s.to.getTime() - s.from.getTime()), 0);
    const drawn = rects.filter((e) => e.getAttribute('data-kind') === 'counting').reduce((a, e) => a + num(e, 'width'), 0);
    expect(drawn).toBeCloseTo(counted * scale, 0);
    // The bar spans the track: 800 - 2 × 16.
    const track = elements(doc, 'rect').find((e) => e.getAttribute('data-role') === 'track')!;
    expect(num(track, 'width')).toBe(768);
  });

  it('marks the warnings, the breach and now, where they happened', () => {
    const r = evaluateSla(def, history, { calendars, now: '2026-03-11T15:00:00Z' });
    expect(r.breached).toBe(true);
    const doc = parseXml(renderSlaTimelineSvg(r));
    const groups = elements(doc, 'g');
    const roles = groups.map((g) => g.getAttribute('data-role'));
    expect(roles).toEqual(['warning', 'warning', 'breach', 'now']);
    expect(groups[2]!.getAttribute('data-at')).toBe(r.breachedAt!.toISOString());
    expect(groups[3]!.getAttribute('data-at')).toBe(r.evaluatedAt.toISOString());
    const title = elements(doc, 'title')[0]!.textContent;
    expect(title).toContain('breached');
  });

  it('shows where the clock is due when it is still running', () => {
    const r = evaluateSla(def, history, { calendars, now: '2026-03-10T14:00:00Z' });
    const roles = elements(parseXml(renderSlaTimelineSvg(r)), 'g').map((g) => g.getAttribute('data-role'));
    expect(roles).toContain('due');
  });

  it('says when the clock has not started', () => {
    const r = evaluateSla(def, history.slice(0, 1), { calendars, now: '2026-03-09T13:30:00Z' });
    const svg = renderSlaTimelineSvg(r);
    expect(parseXml(svg).getElementsByTagName('text')[1]!.textContent).toBe('The clock has not started.');
  });

  it('escapes causes and titles, and contains no script', () => {
    const r = evaluateSla({ ...def, pause: { field: 'state', eq: '<script>alert(1)</script>' } }, [...history, { at: '2026-03-09T20:00:00Z', type: 'X', set: { state: '<script>alert(1)</script>' } }], { calendars, now: '2026-03-10T14:00:00Z' });
    const svg = renderSlaTimelineSvg(r, { title: 'A & B <c>' });
    expect(svg).not.toMatch(/<script/i);
    expect(parseXml(svg).getElementsByTagName('title')[0]!.textContent).toBe('A & B <c>');
  });

  it('refuses something that is not a result', () => {
    expect(() => renderSlaTimelineSvg({} as never)).toThrow(/result/);
  });

  it('keeps widths proportional for random histories (pauses, nights, weekends)', () => {
    const step = fc.record({ gapMin: fc.integer({ min: 1, max: 3000 }), state: fc.constantFrom('in_progress', 'on_hold', 'resolved') });
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 5000 }), (steps, tail) => {
      let t = Date.UTC(2026, 2, 6, 12);
      const events: TicketEvent[] = [{ at: t, type: 'CREATE', set: { state: 'in_progress' } }];
      for (const s of steps) { t += s.gapMin * 60_000; events.push({ at: t, type: 'SET', set: { state: s.state } }); }
      const r = evaluateSla(def, events, { calendars, now: t + tail * 60_000 });
      const svg = renderSlaTimelineSvg(r, { width: 600 });
      if (r.segments.length > 0) checkProportional(svg);
      else parseXml(svg);
    }), { seed: 12345, numRuns: 150 });
  });
});

describe('renderControlChartSvg', () => {
  const values = [12, 14, 11, 13, 12, 15, 13, 12, 30, 13, 12, 14];
  const chart = xmrChart(values);

  it('draws one dot per point, the signals in red with their rules, and the limits', () => {
    const doc = parseXml(renderControlChartSvg(chart, { title: 'Opened per week', labels: values.map((_, i) => `w${i + 1}`), unit: 'incidents' }));
    const dots = elements(doc, 'circle');
    expect(dots).toHaveLength(values.length);
    const flagged = dots.filter((d) => d.getAttribute('data-signals') !== '').map((d) => Number(d.getAttribute('data-index')));
    expect(flagged).toEqual(chart.points.filter((p) => p.signals.length > 0).map((p) => p.index));
    expect(flagged).toContain(8);
    expect(dots[8]!.getAttribute('fill')).toBe('#c53030');
    expect(dots[8]!.getElementsByTagName('title')[0]!.textContent).toContain('w9: 30 incidents — signal: one point beyond 3 sigma');
    const roles = elements(doc, 'g').map((g) => g.getAttribute('data-role'));
    expect(roles).toEqual(['center', 'upper-limit', 'lower-limit', 'legend']);
  });

  it('names in its legend only the rules that mark a point, with how many points each marks', () => {
    const doc = parseXml(renderControlChartSvg(chart));
    const legend = elements(doc, 'g').filter((g) => g.getAttribute('data-role') === 'legend');
    const marked = new Map<number, number>();
    for (const p of chart.points) if (p.signals.length > 0) marked.set(Math.min(...p.signals), (marked.get(Math.min(...p.signals)) ?? 0) + 1);
    expect(legend.map((g) => Number(g.getAttribute('data-rule'))).sort()).toEqual([...marked.keys()].sort());
    expect(legend.find((g) => g.getAttribute('data-rule') === '1')!.textContent).toContain(`rule 1: beyond limits (${marked.get(1)})`);
    expect(renderControlChartSvg(xmrChart([5, 6, 5, 6, 5, 6]))).toContain('no signal');
  });

  it('clamps a lower limit below the lower bound at the bound (Wheeler), labelled, keeping the computed value', () => {
    const spiky = xmrChart([200, 310, 370, 0, 0, 0, 0, 0, 0, 0]);
    expect(spiky.lowerLimit!).toBeLessThan(0);
    const doc = parseXml(renderControlChartSvg(spiky, { lowerBound: 0 }));
    const lower = elements(doc, 'g').find((g) => g.getAttribute('data-role') === 'lower-limit')!;
    expect(Number(lower.getAttribute('data-value'))).toBe(0);
    expect(lower.getAttribute('data-clamped')).toBe('true');
    expect(Number(lower.getAttribute('data-computed'))).toBe(spiky.lowerLimit);
    expect(doc.documentElement!.textContent).toContain('(floor)');
    // Every drawn point stays inside the plot, none below the 0 line.
    const zeroY = num(lower.getElementsByTagName('line')[0]!, 'y1');
    for (const d of elements(doc, 'circle')) expect(num(d, 'cy')).toBeLessThanOrEqual(zeroY);
    // Without the bound the computed limit is drawn as is.
    const raw = elements(parseXml(renderControlChartSvg(spiky)), 'g').find((g) => g.getAttribute('data-role') === 'lower-limit')!;
    expect(Number(raw.getAttribute('data-value'))).toBe(spiky.lowerLimit);
  });

  it('clamps an upper limit above the upper bound, and leaves limits inside the bounds alone', () => {
    const pct = xmrChart([100, 20, 95, 10, 100, 30, 90]);
    const up = (svg: string) => elements(parseXml(svg), 'g').find((g) => g.getAttribute('data-role') === 'upper-limit')!;
    expect(Number(up(renderControlChartSvg(pct, { lowerBound: 0, upperBound: 100 })).getAttribute('data-value'))).toBe(Math.min(100, pct.upperLimit!));
    expect(Number(up(renderControlChartSvg(chart, { lowerBound: 0, upperBound: 1000 })).getAttribute('data-value'))).toBe(chart.upperLimit);
    expect(up(renderControlChartSvg(chart, { lowerBound: 0 })).getAttribute('data-clamped')).toBeNull();
  });

  it('labels as many points as fit, evenly, first and last always, and no two labels touch', () => {
    for (const n of [1, 2, 5, 9, 12, 31, 60]) {
      const c = xmrChart(Array.from({ length: n }, (_, i) => (i * 7) % 5));
      const labels = Array.from({ length: n }, (_, i) => `2016-03-${String(i + 1).padStart(2, '0')}`);
      const texts = elements(parseXml(renderControlChartSvg(c, { labels, width: 640 })), 'text').filter((t) => labels.includes(t.textContent ?? ''));
      const shown = texts.map((t) => labels.indexOf(t.textContent!));
      expect(shown[0]).toBe(0);
      expect(shown.at(-1)).toBe(n - 1);
      if (n <= 5) expect(shown).toHaveLength(n);
      if (n > 2) expect(new Set(shown.slice(1, -1).map((v, i, a) => (i === 0 ? v : v - a[i - 1]!))).size).toBeLessThanOrEqual(1);
      const spans = texts.map((t) => {
        const x0 = num(t, 'x'), w = (t.textContent!.length * 5.6), a = t.getAttribute('text-anchor');
        return a === 'start' ? [x0, x0 + w] : a === 'end' ? [x0 - w, x0] : [x0 - w / 2, x0 + w / 2];
      });
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]!).toBeGreaterThan(spans[i - 1]![1]!);
    }
  });

  it('refuses a bound that is not a finite number', () => {
    expect(() => renderControlChartSvg(chart, { lowerBound: Number.NaN })).toThrow(/options.lowerBound/);
    expect(() => renderControlChartSvg(chart, { upperBound: '100' as unknown as number })).toThrow(/options.upperBound/);
  });

  it('places each dot by its value: higher values higher up, the center line between the limits', () => {
    const doc = parseXml(renderControlChartSvg(chart));
    const dots = elements(doc, 'circle');
    for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) {
      if (values[i]! > values[j]!) expect(num(dots[i]!, 'cy')).toBeLessThan(num(dots[j]!, 'cy'));
    }
    const y = (role: string) => num(elements(doc, 'g').find((g) => g.getAttribute('data-role') === role)!.getElementsByTagName('line')[0]!, 'y1');
    expect(y('upper-limit')).toBeLessThan(y('center'));
    expect(y('center')).toBeLessThan(y('lower-limit'));
  });

  it('draws a chart with too few points for limits, and an empty one', () => {
    expect(parseXml(renderControlChartSvg(xmrChart([5]))).getElementsByTagName('circle')).toHaveLength(1);
    expect(renderControlChartSvg(xmrChart([]))).toContain('No data.');
  });

  it('refuses labels that do not match the points', () => {
    expect(() => renderControlChartSvg(chart, { labels: ['a'] })).toThrow(/one label per point \(12\)/);
  });
});
