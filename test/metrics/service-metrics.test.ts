import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, calendar24x7 } from 'itsm-kit/calendar';
import {
  availability, backlog, ces, csat, escalationRate, firstContactResolution, nps, openedClosedPerPeriod, reassignmentRate, reopenRate, slaCompliance,
  type SlaComplianceInput,
} from 'itsm-kit/metrics';

const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number): string => new Date(ms).toISOString();
const T0 = Date.UTC(2026, 2, 2); // Monday

describe('availability', () => {
  const day = { agreed: calendar24x7(), from: iso(T0), to: iso(T0 + DAY) };

  it('is (agreed − downtime) / agreed: 36 minutes down in a day is 97.5 %', () => {
    const a = availability({ ...day, outages: [{ start: iso(T0 + 10 * H), end: iso(T0 + 10.6 * H) }] });
    expect(a).toMatchObject({ value: 0.975, agreedMs: DAY, downtimeMs: 0.6 * H, n: 1 });
  });

  it('merges overlapping outages as a union (never counted twice) and clips them to the range', () => {
    const a = availability({ ...day, outages: [
      { start: iso(T0 + 10 * H), end: iso(T0 + 12 * H) },
      { start: iso(T0 + 11 * H), end: iso(T0 + 13 * H) },
      { start: iso(T0 - 5 * H), end: iso(T0 + H) },
    ] });
    expect(a.downtimeMs).toBe(4 * H);
  });

  it('counts only agreed service time: an outage at night in a 09-17 calendar is no downtime', () => {
    const office = createCalendar({ timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] } });
    const a = availability({ agreed: office, from: iso(T0), to: iso(T0 + DAY), outages: [{ start: iso(T0 + 2 * H), end: iso(T0 + 10 * H) }] });
    expect(a).toMatchObject({ agreedMs: 8 * H, downtimeMs: H, value: 7 / 8 });
  });

  it('excludes planned maintenance from agreed time by default, or counts it as downtime', () => {
    const input = { ...day, outages: [{ start: iso(T0 + 10 * H), end: iso(T0 + 12 * H) }], maintenance: [{ start: iso(T0 + 11 * H), end: iso(T0 + 14 * H) }] };
    expect(availability(input)).toMatchObject({ agreedMs: 21 * H, downtimeMs: H, maintenanceMs: 3 * H });
    expect(availability({ ...input, maintenancePolicy: 'downtime' })).toMatchObject({ agreedMs: DAY, downtimeMs: 4 * H });
  });

  it('reports per service and overall as sums over services; an ongoing outage runs to the end', () => {
    const a = availability({ ...day, services: ['dns'], outages: [{ service: 'mail', start: iso(T0 + 12 * H) }, { service: 'web', start: iso(T0), end: iso(T0 + 2.4 * H) }] });
    expect(a.groups!.map((g) => [g.key, g.result.value])).toEqual([['dns', 1], ['mail', 0.5], ['web', 0.9]]);
    expect(a.value).toBeCloseTo((3 * DAY - 12 * H - 2.4 * H) / (3 * DAY), 12);
    expect(a.nOngoing).toBe(1);
  });

  it('has no value without agreed time', () => {
    expect(availability({ agreed: calendar24x7(), from: iso(T0), to: iso(T0), outages: [] })).toMatchObject({ value: null, reason: 'insufficient_data' });
  });

  it('matches a minute-stepping oracle on random outages and maintenance (fast-check)', () => {
    const span = fc.tuple(fc.integer({ min: -60, max: 1500 }), fc.integer({ min: 0, max: 300 }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), fc.array(span, { maxLength: 3 }), fc.boolean(), (outs, maint, exclude) => {
        const M = 60_000;
        const a = availability({ ...day, outages: outs.map(([s, l]) => ({ start: T0 + s * M, end: T0 + (s + l) * M })), maintenance: maint.map(([s, l]) => ({ start: T0 + s * M, end: T0 + (s + l) * M })), maintenancePolicy: exclude ? 'exclude' : 'downtime' });
        let agreed = 0, down = 0;
        for (let m = 0; m < 1440; m++) {
          const inO = outs.some(([s, l]) => m >= s && m < s + l);
          const inM = maint.some(([s, l]) => m >= s && m < s + l);
          if (exclude && inM) continue;
          agreed++;
          if (inO || (!exclude && inM)) down++;
        }
        expect(a.agreedMs).toBe(agreed * M);
        expect(a.downtimeMs).toBe(down * M);
      }),
      { seed: 8080, numRuns: 300 },
    );
  });
});

describe('slaCompliance', () => {
  const r = (stage: SlaComplianceInput['stage'], breached: boolean, extra: Partial<{ slaId: string; group: string; segments: SlaComplianceInput['segments'] }> = {}) => ({ stage, breached, slaId: 'p1', ...extra });
  const seg = (cause: string) => ({ from: new Date(0), to: new Date(1), kind: 'paused' as const, cause, eventIndex: 1, businessMs: 1 });

  it('is met / (met + breached) with an open clock past due counted as breached', () => {
    const c = slaCompliance([r('completed', false), r('completed', false), r('completed', true), r('running', true), r('paused', false), r('canceled', false), r('not_started', false)]);
    expect(c).toMatchObject({ value: 0.5, n: 4, met: 2, breached: 2, breachedOpen: 1, nOpen: 1, nCanceled: 1, nNotStarted: 1 });
  });

  it('is null with insufficient_data when nothing completed or breached', () => {
    expect(slaCompliance([r('canceled', false), r('running', false)])).toMatchObject({ value: null, n: 0, nCanceled: 1, nOpen: 1, reason: 'insufficient_data' });
  });

  it('groups by SLA and attributes breaches to pause reasons or to a field', () => {
    const rs = [r('completed', true, { slaId: 'p1', group: 'net', segments: [seg('state = awaiting_vendor'), seg('state = awaiting_vendor')] }), r('completed', true, { slaId: 'p2', group: 'net' }), r('completed', false, { slaId: 'p2', group: 'db' })];
    const c = slaCompliance(rs, { by: 'slaId', attributeBy: 'pauseReason' });
    expect(c.attribution).toEqual([{ key: '(never paused)', breached: 1 }, { key: 'state = awaiting_vendor', breached: 1 }]);
    expect(c.groups!.map((g) => [g.key, g.result.value])).toEqual([['p1', 0], ['p2', 0.5]]);
    expect(slaCompliance(rs, { attributeBy: 'group' }).attribution).toEqual([{ key: 'net', breached: 2 }]);
  });

  it('refuses a result without a known stage', () => {
    expect(() => slaCompliance([{ stage: 'cancelled' as never, breached: false }])).toThrow(/results\[0\]\.stage/);
  });
});

describe('service desk KPIs', () => {
  it('computes gross and net first-contact resolution', () => {
    const f = firstContactResolution([
      { resolvedOnFirstContact: true, eligible: true },
      { resolvedOnFirstContact: false, eligible: true },
      { resolvedOnFirstContact: false, eligible: false },
      { resolvedOnFirstContact: true, eligible: true },
    ], { eligible: 'eligible' });
    expect(f.gross.value).toBe(0.5);
    expect(f.net.value).toBeCloseTo(2 / 3, 12);
    expect(f.net.nExcluded).toBe(1);
    expect(firstContactResolution([]).value).toBeNull();
  });

  it('computes the reopen rate over a look-back window of resolutions', () => {
    const now = T0 + 30 * DAY;
    const rs = [
      { resolvedAt: T0 + 29 * DAY, reopenCount: 1 },
      { resolvedAt: T0 + 25 * DAY, reopenCount: 0 },
      { resolvedAt: T0 - DAY, reopenCount: 3 }, // outside the 30-day window
      { resolvedAt: null, reopenCount: 0 },
    ];
    expect(reopenRate(rs, { now, lookBackMs: 30 * DAY })).toMatchObject({ value: 0.5, n: 2, hits: 1, nExcluded: 2 });
    expect(reopenRate(rs).value).toBeCloseTo(2 / 3, 12);
  });

  it('computes reassignment and escalation rates, grouped', () => {
    const rs = [{ p: 1, reassignmentCount: 0, escalated: false }, { p: 1, reassignmentCount: 2, escalated: true }, { p: 2, reassignmentCount: 1, escalated: false }];
    expect(reassignmentRate(rs).value).toBeCloseTo(2 / 3, 12);
    expect(reassignmentRate(rs, { by: 'p' }).groups!.map((g) => g.result.value)).toEqual([0.5, 1]);
    expect(escalationRate(rs).value).toBeCloseTo(1 / 3, 12);
  });

  it('takes the backlog at an instant: opened at or before it, not closed by then, with ageing buckets', () => {
    const at = T0 + 10 * DAY;
    const rs = [
      { openedAt: at - 2 * H, resolvedAt: null },
      { openedAt: at - 2 * DAY, resolvedAt: at + H },
      { openedAt: at - 40 * DAY, resolvedAt: null },
      { openedAt: at - 5 * DAY, resolvedAt: at }, // closed exactly at the instant: not in the backlog
      { openedAt: at + H, resolvedAt: null }, // opened later
    ];
    const b = backlog(rs, at);
    expect(b.value).toBe(3);
    expect(b.ageing.map((x) => x.count)).toEqual([1, 1, 0, 0, 1]);
    expect(b.oldestMs).toBe(40 * DAY);
    expect(backlog([], at)).toMatchObject({ value: 0, oldestMs: null, medianAgeMs: null });
  });

  it('counts opened and closed per month, listing quiet months as zeros', () => {
    const rs = [{ openedAt: '2026-01-15T00:00:00Z', resolvedAt: '2026-03-02T00:00:00Z' }, { openedAt: '2026-01-20T00:00:00Z', resolvedAt: null }];
    expect(openedClosedPerPeriod(rs, 'month').periods).toEqual([
      { period: '2026-01', opened: 2, closed: 0, net: 2 },
      { period: '2026-02', opened: 0, closed: 0, net: 0 },
      { period: '2026-03', opened: 0, closed: 1, net: -1 },
    ]);
  });
});

describe('satisfaction', () => {
  it('scores CSAT as the top-two-box share, or the mean by option', () => {
    expect(csat([5, 4, 3, 1], { min: 1, max: 5 })).toMatchObject({ value: 0.5, n: 4, satisfied: 2, mean: 3.25 });
    expect(csat([5, 4, 3, 1], { min: 1, max: 5 }, { method: 'mean' }).value).toBe(3.25);
    expect(csat([], { min: 1, max: 5 })).toMatchObject({ value: null, reason: 'insufficient_data' });
    expect(() => csat([6], { min: 1, max: 5 })).toThrow(/scores\[0\]/);
  });

  it('scores NPS with promoters 9-10, passives 7-8, detractors 0-6', () => {
    const r = nps([10, 9, 9, 8, 7, 6, 0, 10, 3, 9]);
    expect(r).toMatchObject({ value: 20, n: 10, promoters: 5, passives: 2, detractors: 3 });
  });

  it('gives the adjusted-Wald interval of Rocks (2016): +3/4 promoter and detractor, n + 3', () => {
    const r = nps([10, 9, 9, 8, 7, 6, 0, 10, 3, 9]);
    // hand-computed: p = 5.75/13, d = 3.75/13, center = 2/13, var = (p + d - center^2) / 13
    const p = 5.75 / 13, d = 3.75 / 13, c = p - d, se = Math.sqrt((p + d - c * c) / 13);
    expect(r.interval!.low).toBeCloseTo(100 * (c - 1.959963984540054 * se), 8);
    expect(r.interval!.high).toBeCloseTo(100 * (c + 1.959963984540054 * se), 8);
    const w = nps([10, 9, 9, 8, 7, 6, 0, 10, 3, 9], { interval: 'wald' });
    const se2 = Math.sqrt((0.5 + 0.3 - 0.04) / 10);
    expect(w.interval!.low).toBeCloseTo(100 * (0.2 - 1.959963984540054 * se2), 8);
  });

  it('keeps NPS intervals within [-100, 100] and around the score for the Wald method (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 50 }), (xs) => {
        for (const interval of ['wald', 'adjusted-wald'] as const) {
          const r = nps(xs, { interval });
          expect(r.interval!.low).toBeGreaterThanOrEqual(-100);
          expect(r.interval!.high).toBeLessThanOrEqual(100);
          if (interval === 'wald') {
            expect(r.interval!.low).toBeLessThanOrEqual(r.value! + 1e-9);
            expect(r.interval!.high).toBeGreaterThanOrEqual(r.value! - 1e-9);
          }
        }
      }),
      { seed: 1234, numRuns: 200 },
    );
  });

  it('scores CES 2.0 (1-7, high is good) and CES 1.0 (1-5, low is good)', () => {
    expect(ces([7, 6, 5, 2])).toMatchObject({ value: 5, easyShare: 0.75, scale: { min: 1, max: 7 }, goodEnd: 'high' });
    expect(ces([1, 2, 5], { version: '1.0' }).easyShare).toBeCloseTo(2 / 3, 12);
    expect(ces([], { version: '1.0' }).reason).toBe('insufficient_data');
  });
});
