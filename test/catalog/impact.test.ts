import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceImpact, type Catalog } from 'itsm-kit/catalog';
import { soundCatalog } from './fixtures.js';

/** Naive oracle: the set of services that reach `target` along dependsOn, by fixpoint iteration. */
function naiveDependents(catalog: Catalog, target: string): Map<string, number> {
  const depth = new Map<string, number>([[target, 0]]);
  for (let round = 1; round <= catalog.services.length; round++) {
    for (const s of catalog.services) {
      if (depth.has(s.id)) continue;
      const best = Math.min(...(s.dependsOn ?? []).map((d) => depth.get(d) ?? Infinity));
      if (best === round - 1) depth.set(s.id, round);
    }
  }
  depth.delete(target);
  return depth;
}

describe('serviceImpact', () => {
  it('lists direct then transitive dependents with a shortest chain', () => {
    const impact = serviceImpact(soundCatalog(), 'identity');
    expect(impact.map((s) => [s.id, s.depth, s.via.join('>')])).toEqual([
      ['email', 1, 'identity>email'], ['vpn', 1, 'identity>vpn'], ['payroll', 1, 'identity>payroll'],
    ]);
    expect(serviceImpact(soundCatalog(), 'email').map((s) => [s.id, s.depth])).toEqual([['payroll', 1]]);
    expect(serviceImpact(soundCatalog(), 'payroll')).toEqual([]);
  });

  it('walks a dependency cycle safely and never lists the service as its own dependent', () => {
    const c = structuredClone(soundCatalog()) as { services: Array<{ id: string; dependsOn?: string[] }> } & Catalog;
    c.services[0]!.dependsOn = ['payroll'];
    const impact = serviceImpact(c, 'email');
    expect(impact.map((s) => [s.id, s.depth])).toEqual([['payroll', 1], ['identity', 2], ['vpn', 3]]);
  });

  it('refuses an unknown service', () => {
    expect(() => serviceImpact(soundCatalog(), 'chat')).toThrow(/serviceId: "chat"/);
  });

  it('agrees with a fixpoint oracle on random dependency graphs, cycles included', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), { minLength: n, maxLength: n }));
    fc.assert(fc.property(graph, fc.nat(), (deps, pick) => {
      const catalog: Catalog = { services: deps.map((d, i) => ({ id: `s${i}`, name: `S${i}`, lifecycle: 'live', criticality: 'low', dependsOn: d.map((j) => `s${j}`) })) };
      const target = `s${pick % deps.length}`;
      const got = serviceImpact(catalog, target);
      const want = naiveDependents(catalog, target);
      expect(new Map(got.map((s) => [s.id, s.depth]))).toEqual(want);
      for (const s of got) {
        expect(s.via[0]).toBe(target);
        expect(s.via.length).toBe(s.depth + 1);
      }
    }), { seed: 12345, numRuns: 300 });
  });
});
