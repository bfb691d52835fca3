// CSI metrics on a real ServiceNow incident log (data/servicenow-incident-event-log.csv: 890 incidents, 5,998
// events), each checked against an independent, deliberately plain computation written here.
import { describe, expect, it } from 'vitest';
import { createCalendar } from 'itsm-kit/calendar';
import { backlog, durationMetrics, reassignmentRate, reopenRate } from 'itsm-kit/metrics';
import { readServiceNowIncidents } from '../support/servicenow-log.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One record per incident, from its last event (every event restates the fields). */
const incidents = readServiceNowIncidents().map((inc) => {
  const last = inc.rows[inc.rows.length - 1]!;
  return {
    number: inc.number,
    priority: last.priority,
    openedAt: last.openedAt,
    resolvedAt: last.resolvedAt,
    closedAt: last.closedAt,
    reopenCount: Number(last.fields['reopen_count']),
    reassignmentCount: Number(last.fields['reassignment_count']),
  };
});

// The log has no zone (read as UTC); the desk is assumed to work Monday to Friday, 08:00-18:00 UTC.
const desk = createCalendar({ timeZone: 'UTC', weekly: { mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-18:00'] } });

/** Business ms in [a, b) walking day by day: the overlap with 08:00-18:00 of each weekday. */
function plainBusinessMs(a: number, b: number): number {
  let sum = 0;
  for (let day = Math.floor(a / DAY) * DAY; day < b; day += DAY) {
    const dow = new Date(day).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const s = Math.max(a, day + 8 * HOUR);
    const e = Math.min(b, day + 18 * HOUR);
    if (e > s) sum += e - s;
  }
  return sum;
}

function plainStats(xs: number[]): { n: number; mean: number; median: number; p90: number } {
  const s = [...xs].sort((x, y) => x - y);
  const at = (p: number): number => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
  };
  return { n: s.length, mean: s.reduce((x, y) => x + y, 0) / s.length, median: at(0.5), p90: at(0.9) };
}

describe('CSI metrics on the ServiceNow incident log', () => {
  it('reads 890 incidents', () => {
    expect(incidents).toHaveLength(890);
  });

  for (const mode of ['24x7', 'business'] as const) {
    it(`gives MTTR by priority (${mode}) equal to a plain per-priority computation, open items censored`, () => {
      const m = durationMetrics(incidents, { by: 'priority', ...(mode === 'business' ? { calendar: desk } : {}) });
      const priorities = [...new Set(incidents.map((i) => i.priority))].sort();
      expect(m.groups!.map((g) => g.values[0])).toEqual(priorities);
      for (const g of m.groups!) {
        const mine = incidents.filter((i) => i.priority === g.values[0]);
        const resolved = mine.filter((i) => i.resolvedAt !== null && i.resolvedAt >= i.openedAt);
        const d = resolved.map((i) => (mode === 'business' ? plainBusinessMs(i.openedAt, i.resolvedAt!) : i.resolvedAt! - i.openedAt));
        const p = plainStats(d);
        expect(g.result.n).toBe(p.n);
        expect(g.result.nCensored).toBe(mine.filter((i) => i.resolvedAt === null).length);
        expect(g.result.mean!).toBeCloseTo(p.mean, 3);
        expect(g.result.median!).toBeCloseTo(p.median, 6);
        expect(g.result.p90!).toBeCloseTo(p.p90, 6);
      }
      expect(m.n + m.nCensored + m.nExcluded).toBe(890);
    });
  }

  it('gives the reopen rate over resolved incidents equal to a plain count', () => {
    const resolved = incidents.filter((i) => i.resolvedAt !== null);
    const r = reopenRate(incidents);
    expect(r.n).toBe(resolved.length);
    expect(r.hits).toBe(resolved.filter((i) => i.reopenCount > 0).length);
    expect(r.nExcluded).toBe(890 - resolved.length);
  });

  it('gives the reassignment rate by priority equal to a plain count', () => {
    const r = reassignmentRate(incidents, { by: 'priority' });
    expect(r.value).toBeCloseTo(incidents.filter((i) => i.reassignmentCount > 0).length / 890, 12);
    for (const g of r.groups!) {
      const mine = incidents.filter((i) => i.priority === g.values[0]);
      expect(g.result.hits).toBe(mine.filter((i) => i.reassignmentCount > 0).length);
      expect(g.result.n).toBe(mine.length);
    }
  });

  it('gives the backlog on 2016-03-15 00:00 UTC equal to a plain count, with its ageing', () => {
    const at = Date.UTC(2016, 2, 15);
    const b = backlog(incidents, new Date(at), { closedAt: 'resolvedAt' });
    const open = incidents.filter((i) => i.openedAt <= at && (i.resolvedAt === null || i.resolvedAt > at));
    expect(b.value).toBe(open.length);
    expect(b.value).toBeGreaterThan(0);
    expect(b.oldestMs).toBe(Math.max(...open.map((i) => at - i.openedAt)));
    expect(b.ageing.reduce((s, x) => s + x.count, 0)).toBe(open.length);
    expect(b.ageing[0]!.count).toBe(open.filter((i) => at - i.openedAt < DAY).length);
  });
});
