// Lookups over a catalogue, built once per catalogue: a frozen catalogue (from createCatalog) keeps its index in a
// WeakMap, so per-ticket queries (slaDefinitionsFor, serviceImpact) do not rescan every agreement; a plain object,
// which its owner may still edit, gets a fresh index per call.
import type { SlaDefinition } from '../sla/definition.js';
import type { Catalog, CatalogAgreement, CatalogOffering, CatalogService } from './schema.js';

/** @internal */
export interface CatalogIndex {
  readonly services: ReadonlyMap<string, CatalogService>;
  readonly order: ReadonlyMap<string, number>;
  /** Services that depend on each service (first occurrence of each id). */
  readonly dependents: ReadonlyMap<string, readonly CatalogService[]>;
  readonly definitions: ReadonlyMap<string, SlaDefinition>;
  readonly offeringsByService: ReadonlyMap<string, readonly CatalogOffering[]>;
  /** Agreements covering each service, with their position in the catalogue. */
  readonly agreementsByService: ReadonlyMap<string, ReadonlyArray<{ readonly agreement: CatalogAgreement; readonly order: number }>>;
}

const cache = new WeakMap<Catalog, CatalogIndex>();

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

function build(catalog: Catalog): CatalogIndex {
  const services = new Map<string, CatalogService>();
  const order = new Map<string, number>();
  catalog.services.forEach((s, i) => {
    if (!services.has(s.id)) { services.set(s.id, s); order.set(s.id, i); }
  });
  const dependents = new Map<string, CatalogService[]>();
  for (const s of services.values()) for (const d of new Set(s.dependsOn ?? [])) push(dependents, d, s);
  const definitions = new Map<string, SlaDefinition>();
  for (const d of catalog.slaDefinitions ?? []) if (!definitions.has(d.id)) definitions.set(d.id, d);
  const offeringsByService = new Map<string, CatalogOffering[]>();
  for (const o of catalog.offerings ?? []) push(offeringsByService, o.service, o);
  const agreementsByService = new Map<string, Array<{ agreement: CatalogAgreement; order: number }>>();
  (catalog.agreements ?? []).forEach((agreement, i) => {
    for (const s of new Set(agreement.services)) push(agreementsByService, s, { agreement, order: i });
  });
  return { services, order, dependents, definitions, offeringsByService, agreementsByService };
}

/** The index of a catalogue (cached for frozen catalogues). @internal */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  const hit = cache.get(catalog);
  if (hit !== undefined) return hit;
  const index = build(catalog);
  if (Object.isFrozen(catalog) && Object.isFrozen(catalog.services)) cache.set(catalog, index);
  return index;
}
