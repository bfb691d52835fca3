import { z } from 'zod';
import { RiskModelSchema } from './risk-model.js';
import { ApprovalPolicySchema } from './approval-policy.js';
import { conditionJsonSchemaDef } from '../core/condition.js';

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
  schema['$defs'] = { condition: conditionJsonSchemaDef() };
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
