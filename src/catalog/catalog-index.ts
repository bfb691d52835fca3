// Lookups over a catalogue, built once per catalogue: a frozen catalogue (from createCatalog) keeps its index in a
// WeakMap, so per-ticket queries (slaDefinitionsFor, serviceImpact) do not rescan every agreement; a plain object,
// which its owner may still edit, gets a fresh index per call.
import { atBoundary, validationError } from '../core/errors.js';
import { argumentError } from '../core/messages.js';
import { issuesFromZod } from '../core/schema.js';
import type { SlaDefinition } from '../sla/definition.js';
import { CatalogSchema, type Catalog, type CatalogAgreement, type CatalogOffering, type CatalogService } from './schema.js';

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

// Catalogues made by createCatalog (validated and deep-frozen), and frozen catalogues of the caller already checked
// once (with the copy that was checked).
const created = new WeakSet<object>();
const checked = new WeakMap<object, Catalog>();

/** Records a catalogue made by createCatalog, so that queries trust it without checking it again. @internal */
export function markCreatedCatalog<T extends object>(catalog: T): T {
  created.add(catalog);
  return catalog;
}

/**
 * The catalogue a query may trust: one made by createCatalog as is; anything else is checked against the schema
 * (`invalid_argument` when it is not an object, `invalid_definition` with every issue, paths from `field`), and the
 * checked copy is used (a frozen catalogue is checked once). @internal
 */
export function trustedCatalog(value: unknown, field: string): Catalog {
  if (value === null || typeof value !== 'object') throw argumentError(field, value, 'a catalogue (from createCatalog)');
  if (created.has(value)) return value as Catalog;
  const hit = checked.get(value);
  if (hit !== undefined) return hit;
  const r = atBoundary(() => CatalogSchema.safeParse(value), field);
  if (!r.success) {
    const prefix = field.split('.');
    throw validationError(`catalogue (${field})`, issuesFromZod(r.error).map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  }
  const data = r.data as Catalog;
  if (atBoundary(() => Object.isFrozen(value), field)) checked.set(value, data);
  return data;
}

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

/**
 * The index of a catalogue (cached for created and frozen catalogues); a catalogue not made by createCatalog is
 * checked first ({@link trustedCatalog}). @internal
 */
export function catalogIndex(value: unknown, field = 'catalog'): CatalogIndex {
  const hit = cache.get(value as Catalog);
  if (hit !== undefined) return hit;
  const catalog = trustedCatalog(value, field);
  const index = build(catalog);
  if (created.has(catalog) || checked.get(value as object) === catalog) cache.set(value as Catalog, index);
  return index;
}
