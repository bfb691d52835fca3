import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import type { Catalog, CatalogService } from './schema.js';
import { catalogIndex } from './catalog-index.js';

/**
 * A service affected by an outage of another, with how it is reached.
 *
 * @example
 * ```ts
 * const s: ImpactedService = { id: 'payroll', name: 'Payroll', criticality: 'high', lifecycle: 'live', depth: 2, via: ['identity', 'email', 'payroll'] };
 * ```
 * @category Catalogue
 */
export interface ImpactedService {
  readonly id: string;
  readonly name: string;
  readonly criticality: CatalogService['criticality'];
  readonly lifecycle: CatalogService['lifecycle'];
  /** 1 for a direct dependent, 2 for a dependent of a dependent, ... */
  readonly depth: number;
  /** A shortest dependency chain from the failing service to this one (both included). */
  readonly via: readonly string[];
}

/**
 * Which services depend on a service, directly or through others: what a major incident on it or a change to
 * it puts at risk. A breadth-first walk along `dependsOn` in reverse, so each dependent appears once, at its
 * smallest depth, with a shortest chain; dependency cycles are walked safely (the service itself is never
 * listed as its own dependent).
 *
 * @param catalog - The catalogue.
 * @param serviceId - The failing (or changing) service.
 * @returns The dependents by depth, then catalogue order.
 * @throws {@link core!ItsmError} `invalid_argument` when `serviceId` is not a service of the catalogue or `catalog` is
 * not an object; `invalid_definition` when a catalogue not made by `createCatalog` is not a valid one.
 * @example
 * ```ts
 * serviceImpact(catalog, 'identity').map((s) => s.id); // ['email', 'vpn', 'payroll']
 * ```
 * @category Catalogue
 */
export function serviceImpact(catalog: Catalog, serviceId: string): ImpactedService[] {
  return atBoundary(() => impactOf(catalog, serviceId, 'catalog'));
}

/** {@link serviceImpact} with the name of the catalogue argument for its messages. @internal */
export function impactOf(catalog: unknown, serviceId: string, field: string): ImpactedService[] {
  const { services: byId, dependents, order } = catalogIndex(catalog, field);
  if (!byId.has(serviceId)) {
    throw new ItsmError('invalid_argument', `serviceId: ${describeValue(serviceId)} is not a service of the catalogue.`, { details: { field: 'serviceId' } });
  }
  const via = new Map<string, readonly string[]>([[serviceId, [serviceId]]]);
  const out: ImpactedService[] = [];
  let frontier = [serviceId];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const s of dependents.get(id) ?? []) {
        if (via.has(s.id)) continue;
        const chain = [...via.get(id)!, s.id];
        via.set(s.id, chain);
        out.push({ id: s.id, name: s.name, criticality: s.criticality, lifecycle: s.lifecycle, depth, via: chain });
        next.push(s.id);
      }
    }
    frontier = next;
  }
  return out.sort((a, b) => a.depth - b.depth || order.get(a.id)! - order.get(b.id)!);
}
