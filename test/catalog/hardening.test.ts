// Regression tests for the hardening findings of issue 8 in the catalog module (test/hardening/KNOWN.md): a
// caller's throwing getter or Proxy trap becomes `invalid_argument` (K1); a catalogue or risk register not made
// by createCatalog / createRiskRegister is validated, and options are checked (K7); structured fields of the
// wrong shape are refused by name (K8); no NaN or Infinity comes out of risk scoring (K9).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItsmError } from 'itsm-kit';
import {
  createCatalog, createRiskRegister, evaluateRequestFulfilmentSla, overdueRiskReviews, riskHeatMap, risksForChange, scoreRiskEntry,
  serviceImpact, serviceRequestInput, slaDefinitionsFor, validateCatalog, type RiskRegisterEntry,
} from 'itsm-kit/catalog';
import { createApprovalPolicy } from 'itsm-kit/change';
import { soundCatalog } from './fixtures.js';

import { expectOnlyItsmErrors, itsmErrorOf, throwingGetters, throwingProxy } from '../support/hostile-callers.js';

const catalog = createCatalog(soundCatalog());
const entry = (id: string, over: object = {}): RiskRegisterEntry => ({
  id, title: `Risk ${id}`, owner: 'ana', likelihood: 4, impact: 5, treatment: 'mitigate', status: 'open', reviewBy: '2026-06-30T00:00:00Z',
  service: 'email', cis: ['mx-1'], controls: [{ description: 'failover relay', reduces: 'impact', by: 2 }], ...over,
} as RiskRegisterEntry);
const registerJson = () => ({ risks: [entry('R1'), entry('R2', { likelihood: 2, impact: 2, service: 'identity', cis: ['ldap-1'], controls: [] })] });
const register = createRiskRegister(registerJson());
const policy = createApprovalPolicy({ id: 'cab', groups: [{ id: 'cab', members: ['ann'] }] });
const itemCatalog = createCatalog({
  services: [{ id: 'identity', name: 'Identity', lifecycle: 'live', criticality: 'high' }],
  items: [{ id: 'laptop', name: 'New laptop', service: 'identity', approvalPolicy: 'cab' }],
});
const requestOptions = { at: '2026-03-09T09:00:00Z', requestedFor: 'kim', policies: [policy] };

describe('catalog entry points under hostile input (issue 8)', () => {
  it("turns the caller's throwing getter or Proxy trap into invalid_argument with the original as cause (K1)", () => {
    for (const h of [throwingProxy(), throwingProxy([]), throwingGetters('services', 'risks', 'service', 'cis', 'catalog', 'at', 'likelihood', 'context')]) {
      const calls: Array<() => unknown> = [
        () => createCatalog(h as never),
        () => validateCatalog(h),
        () => serviceImpact(h as never, 'identity'),
        () => slaDefinitionsFor(h as never, { service: 'email' }),
        () => slaDefinitionsFor(catalog, h as never),
        () => createRiskRegister(h as never),
        () => scoreRiskEntry(h as never),
        () => riskHeatMap(h as never),
        () => riskHeatMap(register, h as never),
        () => risksForChange(h as never, { cis: ['mx-1'] }),
        () => risksForChange(register, h as never),
        () => risksForChange(register, { cis: ['mx-1'] }, h as never),
        () => overdueRiskReviews(h as never, '2026-07-01T00:00:00Z'),
        () => serviceRequestInput(h as never, 'laptop', requestOptions),
        () => serviceRequestInput(itemCatalog, 'laptop', h as never),
        () => evaluateRequestFulfilmentSla(h as never, { now: '2026-03-10T00:00:00Z' }),
      ];
      expectOnlyItsmErrors(calls);
    }
  });

  it('validates a catalogue or risk register not made by createCatalog / createRiskRegister, naming the argument (K7)', () => {
    for (const bad of [null, undefined, 0, 'email', true]) {
      for (const call of [() => serviceImpact(bad as never, 'identity'), () => slaDefinitionsFor(bad as never, { service: 'email' }), () => serviceRequestInput(bad as never, 'laptop', requestOptions)]) {
        const e = itsmErrorOf(call);
        expect(e.code).toBe('invalid_argument');
        expect(e.message).toMatch(/^catalog: /);
      }
      for (const call of [() => riskHeatMap(bad as never), () => overdueRiskReviews(bad as never, '2026-07-01T00:00:00Z'), () => risksForChange(bad as never, { cis: [] })]) {
        const e = itsmErrorOf(call);
        expect(e.code).toBe('invalid_argument');
        expect(e.message).toMatch(/^register: /);
      }
    }
    for (const bad of [{}, new Map(), { services: 'x' }]) {
      const e = itsmErrorOf(() => serviceImpact(bad as never, 'identity'));
      expect(e.code).toBe('invalid_definition');
      expect(e.issues.length).toBeGreaterThan(0);
      expect(e.issues.every((i) => i.path[0] === 'catalog')).toBe(true);
      const r = itsmErrorOf(() => riskHeatMap(bad as never));
      expect(r.code).toBe('invalid_definition');
      expect(r.issues.every((i) => i.path[0] === 'register')).toBe(true);
    }
    // A valid plain catalogue and register still work (and a frozen one is checked once).
    expect(serviceImpact(soundCatalog(), 'identity').map((s) => s.id)).toEqual(serviceImpact(catalog, 'identity').map((s) => s.id));
    const frozen = Object.freeze(registerJson());
    expect(riskHeatMap(frozen)).toEqual(riskHeatMap(register));
    expect(riskHeatMap(frozen).total).toBe(2);
  });

  it('refuses options of the wrong shape: serviceRequestInput(catalog, item, null), a bad at, policies not a list (K7)', () => {
    expect(itsmErrorOf(() => serviceRequestInput(itemCatalog, 'laptop', null as never)).message).toMatch(/^options: /);
    expect(itsmErrorOf(() => serviceRequestInput(itemCatalog, 'laptop', { ...requestOptions, at: Number.NaN })).code).toBe('invalid_instant');
    expect(itsmErrorOf(() => serviceRequestInput(itemCatalog, 'laptop', { ...requestOptions, policies: 'cab' as never })).message).toMatch(/^options\.policies: /);
    expect(itsmErrorOf(() => serviceRequestInput(itemCatalog, 'laptop', { ...requestOptions, policies: [null as never] })).message).toMatch(/^options\.policies\[0\]: /);
    expect(itsmErrorOf(() => serviceRequestInput(itemCatalog, 'laptop', { ...requestOptions, requestedFor: 5 as never })).message).toMatch(/^options\.requestedFor: /);
    expect(itsmErrorOf(() => riskHeatMap(register, null as never)).message).toMatch(/^options: /);
    expect(itsmErrorOf(() => riskHeatMap(register, { includeClosed: 'yes' as never })).message).toMatch(/^options\.includeClosed: /);
    expect(serviceRequestInput(itemCatalog, 'laptop', requestOptions).policy).toEqual(policy);
  });

  it('refuses change.cis, change.services and options.catalog of the wrong shape in risksForChange, and ticket fields in slaDefinitionsFor (K8)', () => {
    expect(itsmErrorOf(() => risksForChange(register, { cis: new Error() as never })).message).toMatch(/^change\.cis: /);
    expect(itsmErrorOf(() => risksForChange(register, { cis: [5 as never] })).message).toMatch(/^change\.cis\[0\]: /);
    expect(itsmErrorOf(() => risksForChange(register, { services: 'email' as never })).message).toMatch(/^change\.services: /);
    expect(itsmErrorOf(() => risksForChange(register, { cis: ['ldap-1'] }, { catalog: -Infinity as never })).message).toMatch(/^options\.catalog: /);
    const e = itsmErrorOf(() => risksForChange(register, { cis: ['ldap-1'] }, { catalog: { services: 5 } as never }));
    expect(e.code).toBe('invalid_definition');
    expect(e.issues[0]!.path.slice(0, 3)).toEqual(['options', 'catalog', 'services']);
    expect(itsmErrorOf(() => slaDefinitionsFor(catalog, { service: 'email', customer: Symbol('x') as never })).message).toMatch(/^ticket\.customer: /);
    expect(risksForChange(register, { cis: ['ldap-1'] }, { catalog }).map((t) => t.risk.id)).toEqual(['R1', 'R2']);
  });

  it('refuses a risk entry whose factors or controls are not numbers on the scale instead of returning NaN or Infinity (K9)', () => {
    for (const bad of [null, 1, 'R1']) expect(itsmErrorOf(() => scoreRiskEntry(bad as never)).message).toMatch(/^risk: /);
    const cases: object[] = [
      { likelihood: {} }, { impact: () => 1 }, { likelihood: Number.NaN }, { impact: Infinity },
      { controls: [0.5] }, { controls: [{ description: 'x', reduces: 'impact', by: -Infinity }] }, { controls: [new Set()] }, { controls: 'x' },
    ];
    for (const over of cases) {
      const e = itsmErrorOf(() => scoreRiskEntry(entry('R9', over)));
      expect(e.code).toBe('invalid_definition');
      expect(e.issues[0]!.path[0]).toBe('risk');
    }
    // Any factor values: either a refusal (ItsmError) or finite scores in 1..25.
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), (likelihood, impact, by) => {
      try {
        const s = scoreRiskEntry(entry('R9', { likelihood, impact, controls: [{ description: 'x', reduces: 'impact', by }] }));
        for (const l of [s.inherent, s.residual]) expect(Number.isInteger(l.score) && l.score >= 1 && l.score <= 25).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(ItsmError);
      }
    }), { seed: 12345, numRuns: 300 });
    // An entry with only what scoring needs is still scored.
    expect(scoreRiskEntry({ id: 'R9', likelihood: 4, impact: 5, controls: [{ description: 'x', reduces: 'likelihood', by: 2 }] } as never).residual).toEqual({ likelihood: 2, impact: 5, score: 10, rating: 'high' });
  });
});
