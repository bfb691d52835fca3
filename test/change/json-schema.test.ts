import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import { approvalPolicyJsonSchema, riskModelJsonSchema, safeCreateApprovalPolicy, safeCreateRiskModel } from 'itsm-kit/change';

const ajv = new Ajv2020({ strict: false });
const level = fc.constantFrom('low', 'moderate', 'high', 'very_high', 'extreme');
const rule = fc.oneof(
  { arbitrary: fc.constantFrom('all', 'any'), weight: 4 }, { arbitrary: fc.record({ quorum: fc.integer({ min: 1, max: 2 }) }), weight: 2 }, { arbitrary: fc.record({ fraction: fc.double({ min: 0.1, max: 1, noNaN: true }) }), weight: 2 },
  { arbitrary: fc.oneof(fc.constant('most'), fc.record({ quorum: fc.integer({ min: 0, max: 9 }) }), fc.record({ fraction: fc.double({ min: -0.5, max: 1.5, noNaN: true }) })), weight: 1 },
);
const policy = fc.record({
  id: fc.constantFrom('cab', ''),
  groups: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), members: fc.uniqueArray(fc.constantFrom('ann', 'bob', 'cy', 'dee'), { maxLength: 4 }), rule }, { requiredKeys: ['id', 'members'] }), { maxLength: 3 }),
  rule, onReject: fc.constantFrom('immediately', 'after_all_responses', 'later'), abstentions: fc.constantFrom('count', 'ignore'),
  appliesTo: fc.record({ riskLevels: fc.array(level, { maxLength: 2 }), models: fc.array(fc.constantFrom('normal', 'standard', 'urgent'), { maxLength: 2 }) }, { requiredKeys: [] }),
}, { requiredKeys: ['id', 'groups'] });
const condition = fc.oneof(fc.boolean(), fc.record({ field: fc.constantFrom('category', 'tier'), eq: fc.constantFrom('database', 1) }), fc.record({ field: fc.constant('x'), like: fc.constant(1) }));
const model = fc.record({
  id: fc.constantFrom('m', ''),
  conditions: fc.array(fc.record({ id: fc.constantFrom('c1', 'c2', 'c3'), when: condition, risk: level }), { maxLength: 3 }),
  questionnaire: fc.record({
    questions: fc.array(fc.record({ id: fc.constantFrom('q1', 'q2'), weight: fc.double({ min: -1, max: 3, noNaN: true }), options: fc.array(fc.record({ value: fc.oneof(fc.boolean(), fc.constantFrom('a', 'b')), score: fc.integer({ min: -2, max: 5 }) }), { maxLength: 3 }) }, { requiredKeys: ['id', 'options'] }), { maxLength: 2 }),
    thresholds: fc.array(fc.record({ min: fc.integer({ min: 0, max: 9 }), level }), { maxLength: 3 }),
  }),
  defaultRisk: level,
}, { requiredKeys: ['id'] });

describe('the exported JSON Schemas agree with the zod schemas', () => {
  it('accept every approval policy the library accepts', () => {
    const validate = ajv.compile(approvalPolicyJsonSchema());
    let accepted = 0;
    fc.assert(fc.property(policy, (p) => {
      if (safeCreateApprovalPolicy(p).success) { accepted++; expect(validate(p)).toBe(true); }
    }), { seed: 9191, numRuns: 600 });
    expect(accepted).toBeGreaterThan(20);
  });

  it('accept every risk model the library accepts', () => {
    const validate = ajv.compile(riskModelJsonSchema());
    let accepted = 0;
    fc.assert(fc.property(model, (m) => {
      if (safeCreateRiskModel(m).success) { accepted++; expect(validate(m)).toBe(true); }
    }), { seed: 9292, numRuns: 600 });
    expect(accepted).toBeGreaterThan(20);
  });
});
