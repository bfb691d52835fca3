// A small, sound catalogue for the catalogue tests: identity underlies email and VPN, payroll needs email;
// a gold offering for finance, an SLA per priority plus a gold override, an OLA and a UC underpinning it.
import type { Catalog } from 'itsm-kit/catalog';
import type { SlaDefinition } from 'itsm-kit/sla';

const resolution = (id: string, target: string, extra: Partial<SlaDefinition> = {}): SlaDefinition => ({
  id, kind: 'resolution', target, calendar: 'support',
  start: true, stop: { field: 'state', in: ['resolved', 'closed'] }, ...extra,
});
const response = (id: string, target: string, extra: Partial<SlaDefinition> = {}): SlaDefinition => ({
  id, kind: 'response', target, calendar: 'support', start: true, stop: { field: 'state', ne: 'new' }, ...extra,
});

export function soundCatalog(): Catalog {
  return {
    calendars: ['support'],
    services: [
      { id: 'identity', name: 'Identity', lifecycle: 'live', criticality: 'critical', cis: ['ldap-1'] },
      { id: 'email', name: 'Email', lifecycle: 'live', criticality: 'high', dependsOn: ['identity'], cis: ['mx-1', 'mx-2'] },
      { id: 'vpn', name: 'VPN', lifecycle: 'live', criticality: 'medium', dependsOn: ['identity'] },
      { id: 'payroll', name: 'Payroll', lifecycle: 'live', criticality: 'high', dependsOn: ['email', 'identity'] },
      { id: 'fax', name: 'Fax', lifecycle: 'retired', criticality: 'low' },
    ],
    offerings: [
      { id: 'email-gold', service: 'email', level: 'gold', customerGroups: ['finance'] },
      { id: 'email-bronze', service: 'email', level: 'bronze', customerGroups: ['staff'] },
    ],
    slaDefinitions: [
      resolution('p1-resolution', 'PT4H'),
      resolution('p2-resolution', 'PT8H'),
      resolution('default-resolution', 'PT24H'),
      resolution('gold-p1-resolution', 'PT2H', { calendar: '24x7' }),
      resolution('gold-resolution', 'PT6H'),
      resolution('finance-p1-resolution', 'PT3H'),
      response('p1-response', 'PT15M'),
      resolution('ola-p1-resolution', 'PT1H30M', { agreement: 'OLA' }),
      resolution('uc-p1-resolution', 'PT1H', { agreement: 'UC' }),
      resolution('laptop-fulfilment', 'P3D', { kind: 'custom' }),
    ],
    agreements: [
      {
        id: 'sla-standard', type: 'SLA', name: 'Standard SLA', status: 'active', services: ['email', 'vpn'],
        targets: [
          { definition: 'p1-resolution', priority: 1 },
          { definition: 'p2-resolution', priority: 2 },
          { definition: 'default-resolution' },
          { definition: 'p1-response', priority: 1 },
          { definition: 'gold-p1-resolution', priority: 1, offering: 'email-gold' },
          { definition: 'gold-resolution', offering: 'email-gold' },
        ],
      },
      {
        id: 'sla-finance', type: 'SLA', name: 'Finance SLA', status: 'active', services: ['email'], parties: ['finance'],
        targets: [{ definition: 'finance-p1-resolution', priority: 1, calendar: '24x7' }],
      },
      {
        id: 'ola-messaging', type: 'OLA', name: 'Messaging team OLA', status: 'active', services: ['email'], parties: ['messaging'],
        underpins: ['sla-standard'], targets: [{ definition: 'ola-p1-resolution', priority: 1 }],
      },
      {
        id: 'uc-mailhost', type: 'UC', name: 'Mail hosting contract', status: 'active', services: ['email'], parties: ['MailCo'],
        underpins: ['sla-standard'], targets: [{ definition: 'uc-p1-resolution', priority: 1 }],
      },
      { id: 'sla-fax-old', type: 'SLA', name: 'Fax SLA', status: 'expired', services: ['fax'], targets: [{ definition: 'default-resolution' }] },
    ],
    items: [
      { id: 'laptop', name: 'New laptop', service: 'identity', fulfilment: { definition: 'laptop-fulfilment' }, approvalPolicy: 'manager',
        tasks: [{ id: 'order', name: 'Order' }, { id: 'image', name: 'Install' }, { id: 'ship', name: 'Ship' }] },
    ],
  };
}

/** A deep-writable copy to break on purpose. */
export type Writable<T> = T extends readonly (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;
export const editable = (c: Catalog): Writable<Catalog> => structuredClone(c) as Writable<Catalog>;
