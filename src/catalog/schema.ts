import { z } from 'zod';
import { SlaDefinitionSchema, type SlaDefinition } from '../sla/definition.js';

const Id = z.string().min(1, 'must be a non-empty id');
const Ids = z.array(Id);
const Priority = z.number().int('must be a whole priority such as 1').min(1, 'must be 1 or more').max(5, 'must be 5 or less');

/**
 * A service of the catalogue: something the provider runs and the customer consumes (ITIL 4 service catalogue
 * management; ISO/IEC 20000-1 8.2.4).
 *
 * - `lifecycle`: `pipeline` (being designed), `live` (offered) or `retired` (no longer offered).
 * - `dependsOn`: ids of the services this one needs to run (email depends on identity): an outage of one of
 *   them impacts this one (see {@link serviceImpact}).
 * - `cis`: configuration items (CMDB ids) the service runs on, so a change to a CI can be mapped to services.
 *
 * @example
 * ```ts
 * const email: CatalogService = { id: 'email', name: 'Email', lifecycle: 'live', criticality: 'high', dependsOn: ['identity'] };
 * ```
 * @category Catalogue
 */
export interface CatalogService {
  readonly id: string;
  readonly name: string;
  readonly owner?: string;
  readonly lifecycle: 'pipeline' | 'live' | 'retired';
  readonly criticality: 'low' | 'medium' | 'high' | 'critical';
  readonly dependsOn?: readonly string[];
  readonly cis?: readonly string[];
}

/**
 * A service offered at one level (gold, silver, bronze, ...) to some customer groups.
 *
 * @example
 * ```ts
 * const gold: CatalogOffering = { id: 'email-gold', service: 'email', level: 'gold', customerGroups: ['finance'] };
 * ```
 * @category Catalogue
 */
export interface CatalogOffering {
  readonly id: string;
  readonly service: string;
  readonly name?: string;
  readonly level: string;
  /** The customer groups this offering is sold to; a ticket of one of them gets this offering by default. */
  readonly customerGroups?: readonly string[];
}

/**
 * One target of an agreement: which SLA definition measures it (by id, from the catalogue's `slaDefinitions`),
 * in which calendar (by id; default the definition's own), and for which tickets: a priority, an offering,
 * both, or neither (the agreement's default for that kind of target).
 *
 * @example
 * ```ts
 * const t: AgreementTarget = { definition: 'p1-resolution', priority: 1, calendar: '24x7' };
 * ```
 * @category Catalogue
 */
export interface AgreementTarget {
  readonly definition: string;
  readonly calendar?: string;
  readonly priority?: number;
  readonly offering?: string;
}

/**
 * An agreement: an SLA with customers, an OLA with an internal group, or an underpinning contract (UC) with a
 * supplier.
 *
 * - `parties`: for an SLA the customer groups, for an OLA the internal support groups, for a UC the suppliers;
 *   empty or missing means every party.
 * - `status`: only `active` agreements are live: they are the ones tickets are measured against.
 * - `underpins`: for an OLA or a UC, the ids of the SLAs it supports; its targets must not be looser than theirs.
 *
 * @example
 * ```ts
 * const sla: CatalogAgreement = { id: 'sla-email', type: 'SLA', name: 'Email SLA', status: 'active', services: ['email'],
 *   targets: [{ definition: 'p1-resolution', priority: 1 }] };
 * ```
 * @category Catalogue
 */
export interface CatalogAgreement {
  readonly id: string;
  readonly type: 'SLA' | 'OLA' | 'UC';
  readonly name: string;
  readonly status: 'draft' | 'active' | 'expired';
  readonly services: readonly string[];
  readonly parties?: readonly string[];
  readonly underpins?: readonly string[];
  readonly targets: readonly AgreementTarget[];
}

/**
 * A fulfilment task of a catalogue item (every task of a request must complete before it is fulfilled).
 *
 * @example
 * ```ts
 * const t: CatalogItemTask = { id: 'ship', name: 'Ship the laptop' };
 * ```
 * @category Catalogue
 */
export interface CatalogItemTask {
  readonly id: string;
  readonly name: string;
}

/**
 * Something a user can request from the catalogue (a laptop, a mailbox, access to a system).
 *
 * - `fulfilment`: the SLA definition (and optionally calendar) that times the fulfilment of a request.
 * - `approvalPolicy`: the id of an approval policy (of the change module) the request must pass.
 *
 * @example
 * ```ts
 * const item: CatalogItem = { id: 'laptop', name: 'New laptop', service: 'workplace',
 *   fulfilment: { definition: 'request-fulfilment' }, tasks: [{ id: 'order', name: 'Order' }] };
 * ```
 * @category Catalogue
 */
export interface CatalogItem {
  readonly id: string;
  readonly name: string;
  readonly service: string;
  readonly offering?: string;
  readonly fulfilment?: { readonly definition: string; readonly calendar?: string };
  readonly approvalPolicy?: string;
  readonly tasks?: readonly CatalogItemTask[];
}

/**
 * A service catalogue as plain JSON: services, offerings, agreements, requestable items, and the SLA
 * definitions and calendar ids the agreements refer to. Calendars themselves are built by the host
 * (`createCalendar`); the catalogue names them (`'24x7'` is always known).
 *
 * @example
 * ```ts
 * const catalog: Catalog = { services: [], offerings: [], agreements: [], items: [], slaDefinitions: [], calendars: ['support'] };
 * ```
 * @category Catalogue
 */
export interface Catalog {
  readonly services: readonly CatalogService[];
  readonly offerings?: readonly CatalogOffering[];
  readonly agreements?: readonly CatalogAgreement[];
  readonly items?: readonly CatalogItem[];
  readonly slaDefinitions?: readonly SlaDefinition[];
  readonly calendars?: readonly string[];
}

const ServiceSchema = z.strictObject({
  id: Id,
  name: z.string().min(1, 'must be a non-empty name'),
  owner: z.string().min(1).optional(),
  lifecycle: z.enum(['pipeline', 'live', 'retired']),
  criticality: z.enum(['low', 'medium', 'high', 'critical']),
  dependsOn: Ids.optional(),
  cis: Ids.optional(),
});

const OfferingSchema = z.strictObject({
  id: Id,
  service: Id,
  name: z.string().min(1).optional(),
  level: z.string().min(1, 'must name a level such as "gold"'),
  customerGroups: Ids.optional(),
});

const TargetSchema = z.strictObject({
  definition: Id,
  calendar: Id.optional(),
  priority: Priority.optional(),
  offering: Id.optional(),
});

const AgreementSchema = z.strictObject({
  id: Id,
  type: z.enum(['SLA', 'OLA', 'UC']),
  name: z.string().min(1, 'must be a non-empty name'),
  status: z.enum(['draft', 'active', 'expired']),
  services: Ids,
  parties: Ids.optional(),
  underpins: Ids.optional(),
  targets: z.array(TargetSchema),
});

/** The shape of a catalogue item (for the service request machine). @internal */
export const ItemSchema = z.strictObject({
  id: Id,
  name: z.string().min(1, 'must be a non-empty name'),
  service: Id,
  offering: Id.optional(),
  fulfilment: z.strictObject({ definition: Id, calendar: Id.optional() }).optional(),
  approvalPolicy: Id.optional(),
  tasks: z.array(z.strictObject({ id: Id, name: z.string().min(1) })).optional(),
});

/**
 * Zod schema of a {@link Catalog}: the shape of every part (unknown keys rejected). References between parts
 * (a target naming a definition, a dependency naming a service) are checked by {@link validateCatalog}.
 *
 * @example
 * ```ts
 * const r = CatalogSchema.safeParse(json);
 * ```
 * @category Catalogue
 */
export const CatalogSchema = z.strictObject({
  services: z.array(ServiceSchema),
  offerings: z.array(OfferingSchema).optional(),
  agreements: z.array(AgreementSchema).optional(),
  items: z.array(ItemSchema).optional(),
  slaDefinitions: z.array(SlaDefinitionSchema).optional(),
  calendars: Ids.optional(),
});

// The hand-written interfaces and the schema must describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DeepWritable<T> = T extends readonly (infer U)[] ? DeepWritable<U>[] : T extends object ? { -readonly [K in keyof T]: DeepWritable<T[K]> } : T;
const sameShape: Same<DeepWritable<Omit<Catalog, 'slaDefinitions'>>, Omit<z.output<typeof CatalogSchema>, 'slaDefinitions'>> = true;
void sameShape;
