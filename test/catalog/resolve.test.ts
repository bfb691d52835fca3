import { describe, expect, it } from 'vitest';
import { createCatalog, slaDefinitionsFor, type CatalogTicket } from 'itsm-kit/catalog';
import { createCalendar } from 'itsm-kit/calendar';
import { evaluateTicket, type SlaResult } from 'itsm-kit/sla';
import { soundCatalog } from './fixtures.js';

const catalog = createCatalog(soundCatalog());
const pick = (ticket: CatalogTicket, type: 'SLA' | 'OLA' | 'UC', kind = 'resolution') =>
  slaDefinitionsFor(catalog, ticket).find((a) => a.agreementType === type && a.kind === kind);

describe('slaDefinitionsFor on the precedence table', () => {
  // ticket → the SLA resolution definition that applies, the calendar it runs in, and the rule that decides.
  const table: Array<[string, CatalogTicket, string | null, string | null]> = [
    ['a priority target beats the default', { service: 'email', priority: 1 }, 'p1-resolution', 'support'],
    ['each priority has its own target', { service: 'email', priority: 2 }, 'p2-resolution', 'support'],
    ['the default applies when no priority target matches', { service: 'email', priority: 3 }, 'default-resolution', 'support'],
    ['the default applies when the priority is unknown', { service: 'email' }, 'default-resolution', 'support'],
    ['an offering without its own target falls back to the default', { service: 'email', customer: 'staff', priority: 3 }, 'default-resolution', 'support'],
    ['the offering sold to the customer is inferred; offering beats default', { service: 'email', customer: 'finance', priority: 3 }, 'gold-resolution', 'support'],
    ['offering and priority beat priority alone', { service: 'email', offering: 'email-gold', priority: 1 }, 'gold-p1-resolution', '24x7'],
    ['an agreement naming the customer beats a general one, even a more specific target', { service: 'email', customer: 'finance', priority: 1 }, 'finance-p1-resolution', '24x7'],
    ['an agreement for another service does not apply', { service: 'vpn', customer: 'finance', priority: 1 }, 'p1-resolution', 'support'],
    ['an expired agreement does not apply', { service: 'fax', priority: 1 }, null, null],
    ['a service without agreement has no SLA', { service: 'payroll', priority: 1 }, null, null],
  ];
  for (const [rule, ticket, id, calendar] of table) {
    it(`${rule}`, () => {
      const a = pick(ticket, 'SLA');
      expect(a?.definition.id ?? null).toBe(id);
      expect(a?.definition.calendar ?? null).toBe(calendar);
    });
  }

  it('says why the winner applies and what it took precedence over', () => {
    const a = pick({ service: 'email', customer: 'finance', priority: 1 }, 'SLA')!;
    expect(a.agreement).toBe('sla-finance');
    expect(a.reason).toContain('for customer group "finance"');
    expect(a.reason).toContain('for priority 1');
    expect(a.reason).toContain('in calendar "24x7"');
    expect(a.overrides).toEqual(['sla-standard/gold-p1-resolution', 'sla-standard/gold-resolution', 'sla-standard/p1-resolution', 'sla-standard/default-resolution']);
    const inferred = pick({ service: 'email', customer: 'finance', priority: 3 }, 'SLA')!;
    expect(inferred.reason).toContain('offering "email-gold" is the one sold to customer group "finance"');
  });

  it('resolves each kind and agreement type on its own: SLA response, OLA by group, UC by supplier', () => {
    const all = slaDefinitionsFor(catalog, { service: 'email', priority: 1, group: 'messaging', supplier: 'MailCo' });
    expect(all.map((a) => [a.agreementType, a.kind, a.definition.id])).toEqual([
      ['SLA', 'resolution', 'p1-resolution'],
      ['SLA', 'response', 'p1-response'],
      ['OLA', 'resolution', 'ola-p1-resolution'],
      ['UC', 'resolution', 'uc-p1-resolution'],
    ]);
    expect(pick({ service: 'email', priority: 1, group: 'network' }, 'OLA')).toBeUndefined();
    expect(pick({ service: 'email', priority: 1, supplier: 'OtherCo' }, 'UC')).toBeUndefined();
  });

  it('returns definitions that evaluateTicket runs side by side, the OLA in its own group', () => {
    const support = createCalendar({ timeZone: 'UTC', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } });
    const defs = slaDefinitionsFor(catalog, { service: 'email', priority: 1, group: 'messaging' }).map((a) => a.definition);
    const results: SlaResult[] = evaluateTicket(defs, [
      { at: '2026-03-09T09:00:00Z', type: 'CREATE', set: { state: 'new' } },
      { at: '2026-03-09T11:00:00Z', type: 'RESOLVE', set: { state: 'resolved' } },
    ], { calendars: { support }, now: '2026-03-09T12:00:00Z' });
    expect(results.map((r) => [r.slaId, r.breached])).toEqual([['p1-resolution', false], ['p1-response', true], ['ola-p1-resolution', true]]);
  });

  it('refuses a ticket for an unknown service or an offering of another service', () => {
    expect(() => slaDefinitionsFor(catalog, { service: 'chat' })).toThrow(/ticket\.service: "chat"/);
    expect(() => slaDefinitionsFor(catalog, { service: 'vpn', offering: 'email-gold' })).toThrow(/ticket\.offering/);
    expect(() => slaDefinitionsFor(catalog, null as never)).toThrow(/ticket: null/);
  });

  it('returns frozen definitions and leaves the catalogue as it was', () => {
    const a = pick({ service: 'email', customer: 'finance', priority: 1 }, 'SLA')!;
    expect(Object.isFrozen(a.definition)).toBe(true);
    expect(catalog.slaDefinitions!.find((d) => d.id === 'finance-p1-resolution')!.calendar).toBe('support');
  });
});
