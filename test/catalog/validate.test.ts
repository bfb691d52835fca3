import { describe, expect, it } from 'vitest';
import { createCatalog, safeCreateCatalog, validateCatalog, type CatalogFinding } from 'itsm-kit/catalog';
import { editable, soundCatalog } from './fixtures.js';

const brief = (fs: CatalogFinding[]) => fs.map((f) => [f.code, f.path.join('.')]);

describe('validateCatalog', () => {
  it('finds nothing wrong with a sound catalogue', () => {
    expect(validateCatalog(soundCatalog())).toEqual([]);
    expect(validateCatalog(createCatalog(soundCatalog()))).toEqual([]);
  });

  it('reports a dependency on a missing service at the dependency', () => {
    const c = editable(soundCatalog());
    c.services[1]!.dependsOn = ['identity', 'identiy'];
    const fs = validateCatalog(c);
    expect(brief(fs)).toEqual([['dangling_reference', 'services.1.dependsOn.1']]);
    expect(fs[0]!.message).toContain('"identiy"');
  });

  it('reports one finding per dependency loop, naming the loop', () => {
    const c = editable(soundCatalog());
    c.services[0]!.dependsOn = ['payroll'];   // identity -> payroll -> email -> identity
    c.services[2]!.dependsOn = ['vpn'];       // a self loop
    const fs = validateCatalog(c);
    expect(fs.map((f) => f.code)).toEqual(['dependency_cycle', 'dependency_cycle']);
    expect(fs[0]!.message).toContain('"identity" → "payroll" → "email" → "identity"');
    expect(fs[0]!.path).toEqual(['services', 1, 'dependsOn', 0]);
    expect(fs[1]!.message).toContain('"vpn" → "vpn"');
  });

  it('reports a retired service still covered by a live agreement, and not by an expired one', () => {
    const c = editable(soundCatalog());
    c.agreements![0]!.services.push('fax');
    expect(brief(validateCatalog(c))).toEqual([['retired_service_in_live_agreement', 'agreements.0.services.2']]);
  });

  it('reports an OLA target looser than the SLA target it underpins (8 h under 4 h)', () => {
    const c = editable(soundCatalog());
    c.slaDefinitions!.find((d) => d.id === 'ola-p1-resolution')!.target = 'PT8H';
    const fs = validateCatalog(c);
    expect(brief(fs)).toEqual([['looser_than_underpinned', 'agreements.2.targets.0']]);
    expect(fs[0]!.message).toContain('8 h');
    expect(fs[0]!.message).toContain('2 h'); // the tightest overlapping SLA target: gold P1
  });

  it('does not compare an OLA target with SLA targets of another priority or kind', () => {
    const c = editable(soundCatalog());
    c.agreements![2]!.targets[0]!.priority = 3; // P3: only the 24 h default and the gold 6 h overlap
    c.slaDefinitions!.find((d) => d.id === 'ola-p1-resolution')!.target = 'PT5H';
    expect(validateCatalog(c)).toEqual([]);
  });

  it('compares relative targets in business days with each other only', () => {
    const c = editable(soundCatalog());
    c.slaDefinitions!.find((d) => d.id === 'p1-resolution')!.target = { businessDays: 1, at: '12:00' };
    c.slaDefinitions!.find((d) => d.id === 'gold-p1-resolution')!.target = { businessDays: 2 };
    c.slaDefinitions!.find((d) => d.id === 'ola-p1-resolution')!.target = { businessDays: 1 };
    expect(brief(validateCatalog(c))).toEqual([['looser_than_underpinned', 'agreements.2.targets.0']]);
  });

  it('reports two targets of one agreement for the same kind and scope', () => {
    const c = editable(soundCatalog());
    c.agreements![0]!.targets.push({ definition: 'p2-resolution', priority: 1 });
    const fs = validateCatalog(c);
    expect(brief(fs)).toEqual([['conflicting_targets', 'agreements.0.targets.6']]);
    expect(fs[0]!.message).toContain('priority 1');
  });

  it('reports rival live SLAs for the same service and parties, not a specific one over a general one', () => {
    const c = editable(soundCatalog());
    c.agreements!.push({ id: 'sla-rival', type: 'SLA', name: 'Rival', status: 'active', services: ['vpn'], targets: [{ definition: 'p2-resolution', priority: 1 }] });
    expect(brief(validateCatalog(c))).toEqual([['conflicting_targets', 'agreements.5.targets.0']]);
    c.agreements![5]!.parties = ['finance'];
    expect(validateCatalog(c)).toEqual([]);
    c.agreements![5]!.status = 'draft';
    c.agreements![5]!.parties = [];
    expect(validateCatalog(c)).toEqual([]);
  });

  it('reports the same definition in two calendars for one scope as a conflict', () => {
    const c = editable(soundCatalog());
    c.agreements![0]!.targets.push({ definition: 'p1-resolution', priority: 1, calendar: '24x7' });
    expect(brief(validateCatalog(c))).toEqual([['conflicting_targets', 'agreements.0.targets.6']]);
  });

  it('lists every shape issue with its path when the input is not a catalogue', () => {
    const fs = validateCatalog({ services: [{ id: '', name: 'x', lifecycle: 'alive', criticality: 'high' }], agreements: 'none' });
    expect(fs.every((f) => f.code === 'invalid_shape')).toBe(true);
    expect(fs.map((f) => f.path.join('.')).sort()).toEqual(['agreements', 'services.0.id', 'services.0.lifecycle']);
  });

  it('yields ten findings, each with its path, for a catalogue with ten kinds of mistakes', () => {
    const c = editable(soundCatalog());
    c.services.push({ id: 'vpn', name: 'VPN again', lifecycle: 'live', criticality: 'low' });          // 1 duplicate id
    c.services[3]!.dependsOn = ['email', 'identity', 'printing'];                                     // 2 dangling dependency
    c.services[0]!.dependsOn = ['vpn'];                                                               // 3 cycle identity <-> vpn
    c.agreements![0]!.services.push('fax');                                                           // 4 retired in live agreement
    c.slaDefinitions!.find((d) => d.id === 'uc-p1-resolution')!.target = 'PT12H';                      // 5 UC looser than SLA
    c.agreements![1]!.targets.push({ definition: 'p1-resolution', priority: 1 });                     // 6 conflicting targets
    c.agreements![2]!.targets.push({ definition: 'p1-response', priority: 1 });                       // 7 SLA definition in an OLA
    c.agreements![3]!.underpins = ['sla-standard', 'ola-messaging'];                                   // 8 UC underpinning an OLA
    c.items!.push({ id: 'vpn-token', name: 'VPN token', service: 'vpn', offering: 'email-bronze' });  // 9 offering of another service
    c.offerings!.push({ id: 'vpn-gold', service: 'vpn', level: 'gold' });
    c.agreements![1]!.targets.push({ definition: 'p1-response', priority: 1, calendar: 'finance-hours' }); // 10 dangling calendar
    const fs = validateCatalog(c);
    expect(brief(fs)).toEqual([
      ['duplicate_id', 'services.5.id'],
      ['dangling_reference', 'services.3.dependsOn.2'],
      ['dependency_cycle', 'services.2.dependsOn.0'],
      ['retired_service_in_live_agreement', 'agreements.0.services.2'],
      ['dangling_reference', 'agreements.1.targets.2.calendar'],
      ['agreement_type_mismatch', 'agreements.2.targets.1.definition'],
      ['invalid_underpinning', 'agreements.3.underpins.1'],
      ['conflicting_targets', 'agreements.1.targets.1'],
      ['looser_than_underpinned', 'agreements.3.targets.0'],
      ['offering_outside_agreement', 'items.1.offering'],
    ]);
    expect(new Set(fs.map((f) => f.message)).size).toBe(10);
    for (const f of fs) expect(f.message.length).toBeGreaterThan(30);
  });

  it('reports dangling references from every part: offerings, targets, underpins, items, definitions', () => {
    const c = editable(soundCatalog());
    c.offerings![0]!.service = 'mail';
    c.agreements![0]!.services.push('chat');
    c.agreements![0]!.targets.push({ definition: 'p9-resolution' }, { definition: 'p1-response', offering: 'email-platinum' });
    c.agreements![2]!.underpins = ['sla-gone'];
    c.items![0]!.fulfilment = { definition: 'nope', calendar: 'nowhere' };
    c.items![0]!.service = 'desk';
    c.slaDefinitions![0]!.calendar = 'office';
    const paths = validateCatalog(c).filter((f) => f.code === 'dangling_reference').map((f) => f.path.join('.'));
    expect(paths).toEqual([
      'offerings.0.service', 'slaDefinitions.0.calendar', 'agreements.0.services.2', 'agreements.0.targets.6.definition',
      'agreements.0.targets.7.offering', 'agreements.2.underpins.0', 'items.0.service', 'items.0.fulfilment.definition', 'items.0.fulfilment.calendar',
    ]);
  });

  it('does not mutate its input', () => {
    const c = editable(soundCatalog());
    c.services[0]!.dependsOn = ['vpn'];
    const before = structuredClone(c);
    validateCatalog(c);
    expect(c).toEqual(before);
  });
});

describe('createCatalog', () => {
  it('returns a deep-frozen copy that later edits of the input do not reach', () => {
    const input = editable(soundCatalog());
    const catalog = createCatalog(input);
    input.services[0]!.name = 'changed';
    expect(catalog.services[0]!.name).toBe('Identity');
    expect(Object.isFrozen(catalog.agreements![0]!.targets[0])).toBe(true);
  });

  it('throws invalid_definition listing every shape issue with its path', () => {
    const bad = { services: [{ id: 'a', name: 'A', lifecycle: 'live', criticality: 'urgent', extra: 1 }], agreements: [{ id: 'x', type: 'SLX', name: 'X', status: 'active', services: [], targets: [{ definition: 'd', priority: 0 }] }] };
    const r = safeCreateCatalog(bad);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.code).toBe('invalid_definition');
    expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['agreements.0.targets.0.priority', 'agreements.0.type', 'services.0', 'services.0.criticality']);
    expect(() => createCatalog(bad as never)).toThrow(/agreements\[0\]\.targets\[0\]\.priority/);
  });

  it('rejects SLA definitions with the SLA module\'s own issues', () => {
    const c = editable(soundCatalog());
    (c.slaDefinitions![0] as { target: string }).target = 'P1M';
    const r = safeCreateCatalog(c);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual(['slaDefinitions', 0, 'target']);
  });
});
