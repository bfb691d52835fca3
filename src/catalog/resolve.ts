import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue, quote } from '../core/describe.js';
import { frozenCopy } from '../core/freeze.js';
import type { SlaDefinition } from '../sla/definition.js';
import type { AgreementTarget, Catalog, CatalogAgreement } from './schema.js';
import { catalogIndex } from './catalog-index.js';

/**
 * What {@link slaDefinitionsFor} needs to know about a ticket. Only `service` is required; the more is known,
 * the more specific the targets that can apply.
 *
 * @example
 * ```ts
 * const ticket: CatalogTicket = { service: 'email', customer: 'finance', priority: 1, group: 'messaging' };
 * ```
 * @category Catalogue
 */
export interface CatalogTicket {
  readonly service: string;
  /** The offering; when missing, the first offering of the service sold to the ticket's `customer`. */
  readonly offering?: string;
  /** The customer group (matched against SLA parties). */
  readonly customer?: string;
  /** The assignment group (matched against OLA parties). */
  readonly group?: string;
  /** The supplier working on the ticket (matched against UC parties). */
  readonly supplier?: string;
  readonly priority?: number;
}

/**
 * One definition that applies to a ticket, with where it comes from and why it won.
 *
 * @example
 * ```ts
 * for (const a of slaDefinitionsFor(catalog, ticket)) console.log(a.definition.id, '-', a.reason);
 * ```
 * @category Catalogue
 */
export interface AppliedSla {
  /** The definition to evaluate, with the target's calendar when the target names one. */
  readonly definition: SlaDefinition;
  readonly agreement: string;
  readonly agreementType: 'SLA' | 'OLA' | 'UC';
  /** Index of the target in the agreement's `targets`. */
  readonly targetIndex: number;
  /** The kind of target (the definition's `kind`, or `custom`). */
  readonly kind: string;
  /** Why it applies, in words: the agreement, the party, the target's scope and what it took precedence over. */
  readonly reason: string;
  /** The other candidates for the same agreement type and kind, in order of precedence, as `"agreement/definition"`. */
  readonly overrides: readonly string[];
}

interface Candidate {
  readonly agreement: CatalogAgreement;
  readonly agreementOrder: number;
  readonly target: AgreementTarget;
  readonly targetIndex: number;
  readonly definition: SlaDefinition;
  readonly partyRank: number;
  readonly scopeRank: number;
}

const PARTY_FIELD = { SLA: 'customer', OLA: 'group', UC: 'supplier' } as const;
const PARTY_WORD = { SLA: 'customer group', OLA: 'support group', UC: 'supplier' } as const;
const TYPE_ORDER = { SLA: 0, OLA: 1, UC: 2 } as const;

function scopeRank(t: AgreementTarget): number {
  return (t.offering === undefined ? 0 : 2) + (t.priority === undefined ? 0 : 1);
}

function scopeWords(t: AgreementTarget): string {
  if (t.offering !== undefined && t.priority !== undefined) return `for offering ${quote(t.offering)} and priority ${t.priority}`;
  if (t.offering !== undefined) return `for offering ${quote(t.offering)}`;
  if (t.priority !== undefined) return `for priority ${t.priority}`;
  return 'the default for every ticket';
}

/**
 * The SLA, OLA and UC definitions that apply to a ticket, in a documented order of precedence, each with the
 * reason it applies. Candidates are the targets of the live (`active`) agreements that cover the ticket's
 * service, whose parties include the ticket's party (customer for an SLA, assignment group for an OLA, supplier
 * for a UC) or are empty (every party), and whose priority and offering, when set, are the ticket's.
 * For each agreement type and kind of target (one SLA resolution target, one OLA response target, ...) the
 * candidate that ranks first applies:
 *
 * 1. an agreement that names the ticket's party beats one for every party;
 * 2. then a target for the ticket's offering and priority, then offering only, then priority only, then the
 *    agreement's default target;
 * 3. then catalogue order (earlier agreement, then earlier target).
 *
 * The ticket's offering, when not given, is the first offering of the service whose customer groups include
 * the ticket's customer. Targets whose definition is missing are skipped ({@link validateCatalog} reports them).
 * Pass the definitions to `evaluateTicket`: an OLA definition falls in its own group (`OLA:resolution`).
 *
 * @param catalog - The catalogue.
 * @param ticket - The service and what else is known of the ticket.
 * @returns The applicable definitions: SLA first, then OLA, then UC, each with its reason.
 * @throws {@link core!ItsmError} `invalid_argument` when the ticket is not an object, its service is not in the
 * catalogue, or its offering is not an offering of that service; `invalid_definition` when a catalogue not made by
 * `createCatalog` is not a valid one.
 * @example
 * ```ts
 * const applied = slaDefinitionsFor(catalog, { service: 'email', customer: 'finance', priority: 1 });
 * const results = evaluateTicket(applied.map((a) => a.definition), events, { calendars, now });
 * ```
 * @category Catalogue
 */
export function slaDefinitionsFor(catalog: Catalog, ticket: CatalogTicket): AppliedSla[] {
  return atBoundary(() => resolve(catalog, ticket));
}

function resolve(catalog: Catalog, ticket: CatalogTicket): AppliedSla[] {
  if (ticket === null || typeof ticket !== 'object') {
    throw new ItsmError('invalid_argument', `ticket: ${describeValue(ticket)} is not a ticket; pass { service, offering?, customer?, group?, supplier?, priority? }.`, { details: { field: 'ticket' } });
  }
  // Read each field once (a getter may change its answer) and check its type.
  const t: Record<string, unknown> = {};
  for (const field of ['service', 'offering', 'customer', 'group', 'supplier', 'priority'] as const) {
    const v: unknown = ticket[field];
    const ok = v === undefined || (field === 'priority' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string');
    if (!ok) throw new ItsmError('invalid_argument', `ticket.${field}: ${describeValue(v)} is not ${field === 'priority' ? 'a finite number' : 'a string'}.`, { details: { field: `ticket.${field}` } });
    t[field] = v;
  }
  ticket = t as unknown as CatalogTicket;
  const index = catalogIndex(catalog);
  const service = typeof ticket.service === 'string' ? index.services.get(ticket.service) : undefined;
  if (service === undefined) {
    throw new ItsmError('invalid_argument', `ticket.service: ${describeValue(ticket.service)} is not a service of the catalogue.`, { details: { field: 'ticket.service' } });
  }
  const offerings = index.offeringsByService.get(service.id) ?? [];
  let offering = ticket.offering;
  let offeringNote = '';
  if (offering !== undefined) {
    if (!offerings.some((o) => o.id === offering)) {
      throw new ItsmError('invalid_argument', `ticket.offering: ${describeValue(offering)} is not an offering of service ${quote(service.id)}.`, { details: { field: 'ticket.offering' } });
    }
  } else if (ticket.customer !== undefined) {
    const sold = offerings.find((o) => (o.customerGroups ?? []).includes(ticket.customer!));
    if (sold !== undefined) {
      offering = sold.id;
      offeringNote = ` (offering ${quote(sold.id)} is the one sold to customer group ${quote(ticket.customer)})`;
    }
  }
  const definitions = index.definitions;
  const groups = new Map<string, Candidate[]>();
  for (const { agreement, order: agreementOrder } of index.agreementsByService.get(service.id) ?? []) {
    if (agreement.status !== 'active') continue;
    const parties = agreement.parties ?? [];
    const party = ticket[PARTY_FIELD[agreement.type]];
    const partyRank = parties.length === 0 ? 0 : party !== undefined && parties.includes(party) ? 1 : -1;
    if (partyRank < 0) continue;
    agreement.targets.forEach((target, targetIndex) => {
      const definition = definitions.get(target.definition);
      if (definition === undefined) return;
      if (target.priority !== undefined && target.priority !== ticket.priority) return;
      if (target.offering !== undefined && target.offering !== offering) return;
      const key = `${agreement.type}:${definition.kind ?? 'custom'}`;
      const list = groups.get(key) ?? [];
      list.push({ agreement, agreementOrder, target, targetIndex, definition, partyRank, scopeRank: scopeRank(target) });
      groups.set(key, list);
    });
  }
  const out: AppliedSla[] = [];
  for (const list of groups.values()) {
    const ranked = [...list].sort((a, b) => b.partyRank - a.partyRank || b.scopeRank - a.scopeRank || a.agreementOrder - b.agreementOrder || a.targetIndex - b.targetIndex);
    const win = ranked[0]!;
    const type = win.agreement.type;
    const party = win.partyRank === 1 ? `for ${PARTY_WORD[type]} ${quote(ticket[PARTY_FIELD[type]]!)}` : `for every ${PARTY_WORD[type]}`;
    const others = ranked.slice(1).map((c) => `${c.agreement.id}/${c.definition.id}`);
    const beaten = others.length === 0 ? '' : `; takes precedence over ${others.map((o) => quote(o)).join(', ')}`;
    const calendar = win.target.calendar;
    const definition = calendar === undefined || calendar === win.definition.calendar ? win.definition : frozenCopy({ ...win.definition, calendar });
    const calendarNote = calendar === undefined ? '' : ` in calendar ${quote(calendar)}`;
    out.push({
      definition,
      agreement: win.agreement.id,
      agreementType: type,
      targetIndex: win.targetIndex,
      kind: win.definition.kind ?? 'custom',
      reason: `${type} ${quote(win.agreement.id)} ${party} covers service ${quote(service.id)}; its target ${win.targetIndex} is ${scopeWords(win.target)}${win.target.offering !== undefined ? offeringNote : ''}: ${quote(win.definition.id)}${calendarNote}${beaten}`,
      overrides: others,
    });
  }
  return out.sort((a, b) => TYPE_ORDER[a.agreementType] - TYPE_ORDER[b.agreementType]);
}
