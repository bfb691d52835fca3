// Regression tests for the hardening findings of issue 8 in the change module (test/hardening/KNOWN.md): a
// caller's throwing getter or Proxy trap becomes `invalid_argument` (K1), a safe function never throws, and
// selectApprovalPolicy checks the shape of its arguments (K3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItsmError } from 'itsm-kit';
import {
  advanceChange, assessChangeRisk, createApprovalPolicy, createChangeSchedule, createRiskModel, evaluateApprovals, explainChangeRefusal,
  findChangeConflicts, openChange, replayChangeHistory, safeOpenChange, selectApprovalPolicy, suggestChangeWindows,
} from 'itsm-kit/change';

import { expectOnlyItsmErrors, itsmErrorOf, throwingGetters, throwingProxy } from '../support/hostile-callers.js';

const policy = createApprovalPolicy({ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] });
const riskModel = createRiskModel({
  id: 'cab',
  conditions: [{ id: 'prod-db', when: { field: 'category', eq: 'database' }, risk: 'high', impact: 'high' }],
  matrix: { impacts: ['high', 'low'], probabilities: ['likely', 'unlikely'], cells: [['very_high', 'high'], ['moderate', 'low']] },
});
const input = { at: '2026-12-01T09:00:00Z', id: 'CHG0001', description: 'Patch db-01', cis: ['db-01'] };
const opened = openChange(input as never);
const schedule = createChangeSchedule({ changes: [{ id: 'CHG1', plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-06T02:00:00Z', cis: ['db-01'] }] });
const probe = { id: 'CHG9', plannedStart: '2026-12-05T23:00:00Z', plannedEnd: '2026-12-06T01:00:00Z', cis: ['db-01'] };
const vote = { voter: 'ann', decision: 'approve', at: '2026-12-07T10:00:00Z' } as const;

describe('change entry points under hostile input (issue 8)', () => {
  it("turns the caller's throwing getter or Proxy trap into invalid_argument with the original as cause (K1)", () => {
    const hostile = [throwingProxy(), throwingProxy([]), throwingGetters('model', 'at', 'context', 'id', 'groups', 'changes', 'type')];
    for (const h of hostile) {
      const calls: Array<() => unknown> = [
        () => openChange(h as never),
        () => advanceChange(h as never, { type: 'ASSESS', at: '2026-12-01T09:05:00Z' }),
        () => advanceChange(opened, h as never),
        () => explainChangeRefusal(h as never, { type: 'IMPLEMENT', at: '2026-12-05T21:00:00Z' } as never),
        () => replayChangeHistory(h as never),
        () => createApprovalPolicy(h),
        () => createRiskModel(h),
        () => assessChangeRisk(h as never, riskModel),
        () => assessChangeRisk({ category: 'database' }, h as never),
        () => evaluateApprovals(h as never, [vote], { riskLevel: 'high' }),
        () => evaluateApprovals(policy, h as never, { riskLevel: 'high' }),
        () => evaluateApprovals(policy, [vote], h as never),
        () => selectApprovalPolicy([h as never], { model: 'normal' }),
        () => createChangeSchedule(h as never),
        () => findChangeConflicts(h as never, probe),
        () => findChangeConflicts(schedule, h as never),
        () => findChangeConflicts(schedule, probe, h as never),
        () => selectApprovalPolicy([policy], h as never),
        () => suggestChangeWindows(h as never, probe),
        () => suggestChangeWindows(schedule, probe, h as never),
      ];
      expectOnlyItsmErrors(calls);
    }
  });

  it('never throws from safeOpenChange, even when reading input.model throws (K1)', () => {
    for (const h of [throwingProxy(), throwingProxy([]), throwingGetters('model')]) {
      const r = safeOpenChange(h);
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.error).toBeInstanceOf(ItsmError);
        expect(r.error.code).toBe('invalid_argument');
      }
    }
    expect(safeOpenChange(input).success).toBe(true);
  });

  it('refuses approval policies that are not a list, and a change that is not an object, naming the field (K3)', () => {
    for (const bad of [null, undefined, 0, 'x', new Map(), {}, policy]) {
      const e = itsmErrorOf(() => selectApprovalPolicy(bad as never, { model: 'normal' }));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(/^policies: /);
    }
    expect(itsmErrorOf(() => selectApprovalPolicy([null as never], { model: 'normal' })).message).toMatch(/^policies\[0\]: null is not an approval policy/);
    expect(itsmErrorOf(() => selectApprovalPolicy([policy], null as never)).message).toMatch(/^change: null/);
    expect(selectApprovalPolicy([policy], { model: 'normal', riskLevel: 'high' })).toBe(policy);
  });

  it('answers any probe of findChangeConflicts with conflicts or an ItsmError, never a plain Error (K1, fast-check)', () => {
    // Traps are picked by index: fast-check itself reads properties of the values it generates.
    const traps = [throwingProxy(), throwingProxy([]), throwingGetters('length', '0')];
    const field = fc.oneof(fc.anything(), fc.nat({ max: traps.length - 1 }).map((i) => ({ trap: i })));
    fc.assert(fc.property(fc.constantFrom('id', 'plannedStart', 'plannedEnd', 'cis', 'assignee', 'state'), field, (key, generated) => {
      const t = generated !== null && typeof generated === 'object' && 'trap' in generated ? (generated as { trap: unknown }).trap : undefined;
      const value = typeof t === 'number' && Object.keys(generated as object).length === 1 ? traps[t] : generated;
      try {
        const conflicts = findChangeConflicts(schedule, { ...probe, [key]: value } as never);
        for (const c of conflicts) expect(Number.isFinite(c.overlap.start.getTime()) && Number.isFinite(c.overlap.end.getTime())).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(ItsmError);
      }
    }), { seed: 12345, numRuns: 300 });
  });

  it('refuses a schedule that only looks like one built by createChangeSchedule', () => {
    const lookAlike = Object.create(Object.getPrototypeOf(schedule) as object) as object;
    expect(itsmErrorOf(() => findChangeConflicts(lookAlike as never, probe)).code).toBe('invalid_argument');
    expect(itsmErrorOf(() => findChangeConflicts({ ...schedule } as never, probe)).code).toBe('invalid_argument');
    expect(findChangeConflicts(schedule, probe).map((c) => c.kind)).toContain('same_ci');
  });
});
