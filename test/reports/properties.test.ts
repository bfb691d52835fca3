import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceReport, type ReportIncident } from 'itsm-kit/reports';
import { validateCatalog } from 'itsm-kit/catalog';

const H = 3_600_000, D = 24 * H;
const FROM = Date.UTC(2026, 2, 1), TO = FROM + 21 * D;

const hasNaN = (v: unknown): boolean => (typeof v === 'number' ? Number.isNaN(v) : v !== null && typeof v === 'object' && !(v instanceof Date) && Object.values(v).some(hasNaN));

describe('serviceReport properties', () => {
  it('keeps its figures consistent: buckets add up to the totals, no NaN, whatever the incidents', () => {
    const incident = fc.record({
      opened: fc.integer({ min: FROM - 5 * D, max: TO + D }), ttr: fc.option(fc.integer({ min: 0, max: 10 * D }), { nil: null }),
      service: fc.constantFrom('a', 'b', undefined), priority: fc.constantFrom(1, 2, 3, undefined),
    });
    fc.assert(fc.property(fc.array(incident, { maxLength: 60 }), fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>, fc.constantFrom('UTC', 'America/Santiago', 'Asia/Kolkata'), (list, interval, timeZone) => {
      const incidents: ReportIncident[] = list.map((x, i) => ({ id: `I${i}`, openedAt: x.opened, resolvedAt: x.ttr === null ? null : x.opened + x.ttr, ...(x.service === undefined ? {} : { service: x.service }), ...(x.priority === undefined ? {} : { priority: x.priority }) }));
      const r = serviceReport({ period: { from: FROM, to: TO, interval }, timeZone, incidents, slaResults: [] });
      expect(r.buckets.reduce((a, b) => a + b.opened, 0)).toBe(r.volumes.opened);
      expect(r.buckets.reduce((a, b) => a + b.resolved, 0)).toBe(r.volumes.resolved);
      expect(r.volumes.opened).toBe(list.filter((x) => x.opened >= FROM && x.opened < TO).length);
      expect(r.backlog.ageing.reduce((a, b) => a + b.count, 0)).toBe(r.backlog.open);
      expect(r.buckets[0]!.from.getTime()).toBe(FROM);
      expect(r.buckets.at(-1)!.to.getTime()).toBe(TO);
      for (let i = 1; i < r.buckets.length; i++) expect(r.buckets[i]!.from.getTime()).toBe(r.buckets[i - 1]!.to.getTime());
      expect(hasNaN(r)).toBe(false);
      for (const f of r.trends) expect(f.buckets.length).toBeGreaterThan(0);
    }), { seed: 12345, numRuns: 120 });
  });
});

describe('validateCatalog properties', () => {
  it('never throws on any JSON and points every finding at a value that exists', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd');
    const catalog = fc.record({
      services: fc.array(fc.record({ id, name: fc.constant('S'), lifecycle: fc.constantFrom('pipeline', 'live', 'retired'), criticality: fc.constant('low'), dependsOn: fc.array(id, { maxLength: 3 }) }), { maxLength: 5 }),
      agreements: fc.array(fc.record({
        id, type: fc.constantFrom('SLA', 'OLA', 'UC'), name: fc.constant('A'), status: fc.constantFrom('draft', 'active', 'expired'),
        services: fc.array(id, { maxLength: 2 }), underpins: fc.array(id, { maxLength: 2 }),
        targets: fc.array(fc.record({ definition: fc.constantFrom('p1', 'p2', 'x'), priority: fc.constantFrom(1, 2) }), { maxLength: 3 }),
      }), { maxLength: 4 }),
      slaDefinitions: fc.constant([
        { id: 'p1', kind: 'resolution', target: 'PT4H', calendar: '24x7', start: true, stop: true },
        { id: 'p2', kind: 'resolution', agreement: 'OLA', target: 'PT8H', calendar: 'office', start: true, stop: true },
      ]),
    });
    fc.assert(fc.property(fc.oneof(catalog, fc.anything()), (c) => {
      const findings = validateCatalog(c);
      for (const f of findings) {
        if (f.code === 'invalid_shape') continue;
        let v: unknown = c;
        for (const p of f.path) v = (v as Record<string | number, unknown>)[p];
        expect(v, `${f.code} at ${f.path.join('.')}`).not.toBeUndefined();
        expect(f.message.length).toBeGreaterThan(10);
      }
    }), { seed: 12345, numRuns: 300 });
  });
});
