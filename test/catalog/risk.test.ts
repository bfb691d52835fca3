import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  createRiskRegister, overdueRiskReviews, riskHeatMap, riskRegisterJsonSchema, risksForChange, safeCreateRiskRegister,
  scoreRiskEntry, type RiskRegisterEntry,
} from 'itsm-kit/catalog';
import { soundCatalog } from './fixtures.js';

const risk = (id: string, over: Partial<RiskRegisterEntry> = {}): RiskRegisterEntry => ({
  id, title: `Risk ${id}`, owner: 'ana', likelihood: 3, impact: 3, treatment: 'mitigate', status: 'open', reviewBy: '2026-06-30T00:00:00Z', ...over,
});

const register = createRiskRegister({
  risks: [
    risk('R1', { likelihood: 4, impact: 5, service: 'email', cis: ['mx-1'], controls: [{ description: 'failover relay', reduces: 'impact', by: 2 }] }),
    risk('R2', { likelihood: 2, impact: 2, service: 'identity', reviewBy: '2026-05-01T00:00:00+02:00' }),
    risk('R3', { likelihood: 5, impact: 5, cis: ['ldap-1'], controls: [{ description: 'MFA', reduces: 'likelihood', by: 3 }, { description: 'tiering', reduces: 'likelihood', by: 3 }] }),
    risk('R4', { likelihood: 1, impact: 4, service: 'payroll', status: 'closed', reviewBy: '2020-01-01T00:00:00Z' }),
    risk('R5', { likelihood: 3, impact: 3, service: 'vpn', reviewBy: '2026-07-01T00:00:00Z', treatment: 'accept' }),
  ],
});

describe('risk scoring', () => {
  it('scores inherent risk as likelihood × impact and bands it low / medium / high / critical', () => {
    expect(scoreRiskEntry(risk('a', { likelihood: 1, impact: 4 })).inherent).toEqual({ likelihood: 1, impact: 4, score: 4, rating: 'low' });
    expect(scoreRiskEntry(risk('a', { likelihood: 1, impact: 5 })).inherent.rating).toBe('medium');
    expect(scoreRiskEntry(risk('a', { likelihood: 3, impact: 3 })).inherent.rating).toBe('medium');
    expect(scoreRiskEntry(risk('a', { likelihood: 2, impact: 5 })).inherent.rating).toBe('high');
    expect(scoreRiskEntry(risk('a', { likelihood: 3, impact: 5 })).inherent).toEqual({ likelihood: 3, impact: 5, score: 15, rating: 'critical' });
  });

  it('takes each control\'s steps off the factor it reduces for the residual risk', () => {
    const s = scoreRiskEntry(register.risks[0]!);
    expect(s.inherent.score).toBe(20);
    expect(s.residual).toEqual({ likelihood: 4, impact: 3, score: 12, rating: 'high' });
  });

  it('never lowers a factor below 1, however strong the controls', () => {
    expect(scoreRiskEntry(register.risks[2]!).residual).toEqual({ likelihood: 1, impact: 5, score: 5, rating: 'medium' });
  });

  it('leaves a risk without controls at its inherent level', () => {
    const s = scoreRiskEntry(register.risks[1]!);
    expect(s.residual).toEqual(s.inherent);
  });
});

describe('riskHeatMap', () => {
  it('counts open risks per residual likelihood × impact cell, leaving closed ones out', () => {
    const m = riskHeatMap(register);
    expect(m.basis).toBe('residual');
    expect(m.total).toBe(4);
    const cells: string[] = [];
    m.counts.forEach((row, l) => row.forEach((n, i) => { if (n > 0) cells.push(`${l + 1}x${i + 1}:${n}`); }));
    expect(cells).toEqual(['1x5:1', '2x2:1', '3x3:1', '4x3:1']);
  });

  it('places risks by their inherent level on request, closed ones included if asked', () => {
    const m = riskHeatMap(register, { basis: 'inherent', includeClosed: true });
    expect(m.total).toBe(5);
    expect(m.counts[4]![4]).toBe(1);
    expect(m.counts[3]![4]).toBe(1);
    expect(m.counts[0]![3]).toBe(1);
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('refuses an unknown basis', () => {
    expect(() => riskHeatMap(register, { basis: 'gross' as never })).toThrow(/options\.basis/);
  });
});

describe('overdueRiskReviews', () => {
  it('lists open risks past their review date, most overdue first, and not the closed ones', () => {
    const o = overdueRiskReviews(register, '2026-07-01T00:00:00Z');
    expect(o.map((r) => r.id)).toEqual(['R2', 'R1', 'R3']);
    expect(o[0]!.reviewBy.toISOString()).toBe('2026-04-30T22:00:00.000Z');
    expect(o[1]!.overdueMs).toBe(86_400_000);
  });

  it('does not count a review due exactly now as overdue', () => {
    expect(overdueRiskReviews(register, '2026-06-30T00:00:00Z').map((r) => r.id)).toEqual(['R2']);
  });

  it('refuses an instant without offset', () => {
    expect(() => overdueRiskReviews(register, '2026-07-01T00:00:00')).toThrow(/asOf/);
  });
});

describe('risksForChange', () => {
  it('finds the risks recorded against the change\'s CIs and services', () => {
    const touched = risksForChange(register, { cis: ['mx-1'], services: ['vpn'] });
    expect(touched.map((t) => [t.risk.id, t.reasons])).toEqual([['R1', ['CI "mx-1"']], ['R5', ['service "vpn"']]]);
  });

  it('with a catalogue, follows CIs to their services and services to their dependents', () => {
    const touched = risksForChange(register, { cis: ['ldap-1'] }, { catalog: soundCatalog() });
    expect(touched.map((t) => [t.risk.id, t.reasons])).toEqual([
      ['R1', ['service "email" (depends on service "identity" (runs on CI "ldap-1"))']],
      ['R5', ['service "vpn" (depends on service "identity" (runs on CI "ldap-1"))']],
      ['R3', ['CI "ldap-1"']],
      ['R2', ['service "identity" (runs on CI "ldap-1")']],
    ]);
    expect(touched.map((t) => t.score.residual.score)).toEqual([12, 9, 5, 4]);
  });

  it('leaves closed risks out unless asked', () => {
    expect(risksForChange(register, { services: ['payroll'] })).toEqual([]);
    expect(risksForChange(register, { services: ['payroll'] }, { includeClosed: true }).map((t) => t.risk.id)).toEqual(['R4']);
  });

  it('touches nothing for an empty change', () => {
    expect(risksForChange(register, {})).toEqual([]);
  });
});

describe('createRiskRegister', () => {
  it('lists every issue with its path: scales, treatment, review instant, duplicate ids', () => {
    const r = safeCreateRiskRegister({ risks: [risk('X', { likelihood: 6, treatment: 'ignore' as never, reviewBy: '2026-06-30' }), risk('X', { controls: [{ description: 'c', reduces: 'impact', by: 5 }] })] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['risks.0.likelihood', 'risks.0.reviewBy', 'risks.0.treatment', 'risks.1.controls.0.by', 'risks.1.id'].sort());
  });

  it('returns a frozen copy and has a JSON Schema that accepts it', () => {
    expect(Object.isFrozen(register.risks[0]!.controls![0])).toBe(true);
    const validate = new Ajv2020({ strict: false }).compile(riskRegisterJsonSchema());
    expect(validate(register)).toBe(true);
    expect(validate({ risks: [{ ...register.risks[0], impact: 9 }] })).toBe(false);
  });
});
