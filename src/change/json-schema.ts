import { z } from 'zod';
import { RiskModelSchema } from './risk-model.js';
import { ApprovalPolicySchema } from './approval-policy.js';

const SCALAR = { type: ['string', 'number', 'boolean', 'null'] };

// The condition language as JSON Schema (the same shape as the SLA definition's; it moves to core with the
// language itself).
function conditionSchema(): Record<string, unknown> {
  const ref = { $ref: '#/$defs/condition' };
  const op = (name: string, value: unknown) => ({
    type: 'object', properties: { field: { type: 'string', minLength: 1 }, [name]: value }, required: ['field', name], additionalProperties: false,
  });
  return {
    anyOf: [
      { type: 'boolean' },
      op('eq', SCALAR), op('ne', SCALAR),
      op('in', { type: 'array', items: SCALAR }), op('notIn', { type: 'array', items: SCALAR }),
      op('exists', { type: 'boolean' }),
      ...['gt', 'gte', 'lt', 'lte'].map((o) => op(o, { type: ['number', 'string'] })),
      { type: 'object', properties: { event: { type: 'string', minLength: 1 } }, required: ['event'], additionalProperties: false },
      { type: 'object', properties: { all: { type: 'array', items: ref } }, required: ['all'], additionalProperties: false },
      { type: 'object', properties: { any: { type: 'array', items: ref } }, required: ['any'], additionalProperties: false },
      { type: 'object', properties: { not: ref }, required: ['not'], additionalProperties: false },
    ],
  };
}

/**
 * The JSON Schema (draft 2020-12) of a {@link RiskModel}, conditions included, for services that store or
 * validate risk models without TypeScript. It checks the structure; what JSON Schema cannot say (unique ids, a
 * matrix as wide as its probabilities) only {@link RiskModelSchema} checks.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('risk-model.schema.json', JSON.stringify(riskModelJsonSchema(), null, 2));
 * ```
 * @category Risk
 */
export function riskModelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RiskModelSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
  schema['title'] = 'itsm-kit change risk model';
  schema['$defs'] = { condition: conditionSchema() };
  schema['properties'].conditions.items.properties.when = { $ref: '#/$defs/condition' };
  return schema;
}

/**
 * The JSON Schema (draft 2020-12) of an {@link ApprovalPolicy}, for services that store or validate approval
 * policies without TypeScript. What JSON Schema cannot say (unique group ids, a quorum no larger than its
 * group) only {@link ApprovalPolicySchema} checks.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('approval-policy.schema.json', JSON.stringify(approvalPolicyJsonSchema(), null, 2));
 * ```
 * @category Approvals
 */
export function approvalPolicyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ApprovalPolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema['title'] = 'itsm-kit change approval policy';
  return schema;
}
