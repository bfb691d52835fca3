import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, calendar24x7 } from 'itsm-kit/calendar';
import { durationMetrics, kaplanMeier, quantile, timeBetweenFailures } from 'itsm-kit/metrics';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2026-03-02 09:00Z

interface Ticket { id: string; priority: string; openedAt: number | string | null; resolvedAt: number | string | null }
const t = (id: string, priority: string, openH: number, resolveH: number | null): Ticket => ({ id, priority, openedAt: T0 + openH * H, resolvedAt: resolveH === null ? null : T0 + resolveH * H });

describe('durationMetrics', () => {
  const tickets = [t('a', 'P1', 0, 1), t('b', 'P1', 0, 3), t('c', 'P2', 0, 2), t('d', 'P2', 0, 10), t('e', 'P2', 0, null)];

  it('computes MTTR mean, median and p90 over resolved items and counts open ones as censored', () => {
    const m = durationMetrics(tickets, { now: T0 + 20 * H });
    expect(m).toMatchObject({ value: 4 * H, n: 4, nCensored: 1, nExcluded: 0, mean: 4 * H, median: 2.5 * H, min: H, max: 10 * H, time: 'elapsed' });
    expect(m.p90).toBeCloseTo(quantile([1, 3, 2, 10], 0.9)! * H, 6);
  });

  it('takes the Kaplan-Meier median over resolved and open items censored at now', () => {
    const m = durationMetrics(tickets, { now: T0 + 20 * H });
    const km = kaplanMeier([1, 3, 2, 10].map((h) => ({ duration: h * H, observed: true })).concat([{ duration: 20 * H, observed: false }]));
    expect(m.kaplanMeierMedian).toBe(km.median);
    expect(m.kaplanMeierMedian).toBe(3 * H); // S: 0.8, 0.6, 0.4 at 3 h
  });

  it('has no Kaplan-Meier median when items are open and no now is given', () => {
    expect(durationMetrics(tickets).kaplanMeierMedian).toBeNull();
    expect(durationMetrics(tickets).nCensored).toBe(1);
  });

  it('groups by priority in key order, each group with its own counts', () => {
    const m = durationMetrics(tickets, { by: 'priority', now: T0 + 20 * H });
    expect(m.groups!.map((g) => [g.key, g.result.n, g.result.nCensored, g.result.median])).toEqual([
      ['P1', 2, 0, 2 * H],
      ['P2', 2, 1, 6 * H],
    ]);
  });

  it('groups by several keys and by functions, one group per combination, with the period last in the key', () => {
    const rs = [
      { svc: 'mail', p: 2, openedAt: T0, resolvedAt: T0 + H },
      { svc: 'mail', p: 1, openedAt: T0, resolvedAt: T0 + 2 * H },
      { svc: 'web', p: 1, openedAt: T0 + 40 * 24 * H, resolvedAt: T0 + 41 * 24 * H },
      { svc: 'mail', p: 1, openedAt: T0 + 40 * 24 * H, resolvedAt: T0 + 40 * 24 * H + 3 * H },
    ];
    const m = durationMetrics(rs, { by: ['svc', (r) => `P${r.p}`], period: 'month' });
    expect(m.groups!.map((g) => [g.key, g.values, g.period, g.result.n])).toEqual([
      ['mail | P1 | 2026-03', ['mail', 'P1'], '2026-03', 1],
      ['mail | P1 | 2026-04', ['mail', 'P1'], '2026-04', 1],
      ['mail | P2 | 2026-03', ['mail', 'P2'], '2026-03', 1],
      ['web | P1 | 2026-04', ['web', 'P1'], '2026-04', 1],
    ]);
    expect(m.n).toBe(4);
  });

  it('returns value null with insufficient_data for no records and for all-open records, never 0', () => {
    expect(durationMetrics([])).toMatchObject({ value: null, n: 0, nCensored: 0, reason: 'insufficient_data' });
    const open = durationMetrics([t('x', 'P1', 0, null)], { now: T0 + H });
    expect(open).toMatchObject({ value: null, n: 0, nCensored: 1, kaplanMeierMedian: null, reason: 'insufficient_data' });
  });

  it('excludes and counts items without a start or resolved before they opened', () => {
    const m = durationMetrics([t('a', 'P1', 0, 1), { id: 'b', priority: 'P1', openedAt: null, resolvedAt: T0 }, t('c', 'P1', 5, 1)]);
    expect(m).toMatchObject({ n: 1, nExcluded: 2 });
  });

  it('measures business time with a calendar: Friday 16:00 to Monday 10:00 is 2 h in a 09-17 week', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } });
    const r = [{ openedAt: '2026-03-06T16:00:00-05:00', resolvedAt: '2026-03-09T10:00:00-04:00' }];
    expect(durationMetrics(r, { calendar: cal }).mean).toBe(2 * H);
    expect(durationMetrics(r, { calendar: cal }).time).toBe('business');
    expect(durationMetrics(r, { calendar: calendar24x7() }).mean).toBe(65 * H);
  });

  it('reads custom fields and accessors (MTTA from opened to acknowledged)', () => {
    const r = [{ o: '2026-03-02T09:00:00Z', ack: '2026-03-02T09:15:00Z' }];
    expect(durationMetrics(r, { start: 'o', end: (x) => x.ack }).mean).toBe(15 * 60_000);
  });

  it('groups by period in a zone: a ticket opened 23:30 UTC on Sunday is Monday in Tokyo', () => {
    const r = [{ openedAt: '2026-03-01T23:30:00Z', resolvedAt: '2026-03-02T00:30:00Z' }];
    expect(durationMetrics(r, { period: 'day', timeZone: 'Asia/Tokyo' }).groups![0]!.period).toBe('2026-03-02');
    expect(durationMetrics(r, { period: 'day' }).groups![0]!.period).toBe('2026-03-01');
    expect(durationMetrics(r, { period: 'week' }).groups![0]!.period).toBe('2026-W09');
    expect(durationMetrics(r, { period: 'quarter', timeZone: 'Asia/Tokyo' }).groups![0]!.period).toBe('2026-Q1');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(tickets);
    durationMetrics(tickets, { by: 'priority', now: T0 + 20 * H, quantiles: [0.5, 0.95] });
    expect(tickets).toEqual(copy);
  });

  it('agrees with a naive computation per group on random tickets (fast-check)', () => {
    const arb = fc.array(fc.record({ priority: fc.constantFrom('P1', 'P2', 'P3'), open: fc.integer({ min: 0, max: 1000 }), len: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }) }), { maxLength: 60 });
    fc.assert(
      fc.property(arb, (rows) => {
        const now = T0 + 2000 * H;
        const recs = rows.map((r) => ({ priority: r.priority, openedAt: T0 + r.open * H, resolvedAt: r.len === null ? null : T0 + (r.open + r.len) * H }));
        const m = durationMetrics(recs, { by: 'priority', now, quantiles: [0.75] });
        for (const g of m.groups ?? []) {
          const mine = recs.filter((r) => r.priority === g.key);
          const done = mine.filter((r) => r.resolvedAt !== null).map((r) => r.resolvedAt! - r.openedAt);
          expect(g.result.n).toBe(done.length);
          expect(g.result.nCensored).toBe(mine.length - done.length);
          if (done.length) {
            expect(g.result.mean!).toBeCloseTo(done.reduce((a, b) => a + b, 0) / done.length, 3);
            expect(g.result.median).toBe(quantile(done, 0.5));
            expect(g.result.quantiles['0.75']).toBe(quantile(done, 0.75));
          } else expect(g.result.value).toBeNull();
          const km = kaplanMeier(mine.map((r) => ({ duration: r.resolvedAt === null ? now - r.openedAt : r.resolvedAt - r.openedAt, observed: r.resolvedAt !== null })));
          expect(g.result.kaplanMeierMedian).toBe(km.median);
        }
      }),
      { seed: 2026, numRuns: 200 },
    );
  });
});

describe('timeBetweenFailures', () => {
  const outages = [
    { service: 'mail', openedAt: T0, resolvedAt: T0 + H },
    { service: 'mail', openedAt: T0 + 5 * H, resolvedAt: T0 + 6 * H },
    { service: 'mail', openedAt: T0 + 11 * H, resolvedAt: T0 + 12 * H },
    { service: 'web', openedAt: T0, resolvedAt: T0 + H },
  ];
  it('measures MTBF from restoration to the next failure and MTBSI from start to start, per service', () => {
    const mtbf = timeBetweenFailures(outages, { service: 'service' });
    expect(mtbf.groups!.map((g) => [g.key, g.result.n, g.result.mean])).toEqual([['mail', 2, 4.5 * H]]);
    const mtbsi = timeBetweenFailures(outages, { service: 'service', measure: 'mtbsi' });
    expect(mtbsi.mean).toBe(5.5 * H);
  });
  it('has insufficient data with a single failure', () => {
    expect(timeBetweenFailures([outages[3]!]).reason).toBe('insufficient_data');
  });
});

describe('the sorting and merging behind durationMetrics', () => {
  it('radix-sorts like TypedArray#sort, negatives, -0 and duplicates included (fast-check)', async () => {
    const { radixSortFloat64 } = await import('../../src/metrics/radix.js');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 5 })), { minLength: 500, maxLength: 3000 }), (xs) => {
        const a = Float64Array.from(xs);
        const b = Float64Array.from(xs).sort();
        radixSortFloat64(a);
        expect(Array.from(a).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(b).map((v) => Object.is(v, -0) ? '-0' : v));
      }),
      { seed: 606, numRuns: 60 },
    );
  });

  it('gives the same overall figures grouped and ungrouped (the overall is merged from sorted groups)', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ p: i % 7, openedAt: T0 + i * 1000, resolvedAt: i % 13 === 0 ? null : T0 + i * 1000 + ((i * 7919) % 5000) * 60_000 }));
    const grouped = durationMetrics(rows, { by: 'p', now: T0 + 1e10, quantiles: [0.25] });
    const { groups, ...overall } = grouped;
    expect(groups).toHaveLength(7);
    expect(overall).toEqual(durationMetrics(rows, { now: T0 + 1e10, quantiles: [0.25] }));
  });
});
