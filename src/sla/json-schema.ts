import { z } from 'zod';
import { conditionJsonSchemaDef } from '../core/condition.js';
import { SlaDefinitionSchema } from './definition.js';

/**
 * The JSON Schema (draft 2020-12) of an {@link SlaDefinition}, conditions included, for services that store or
 * validate definitions without TypeScript. It checks the structure; the parts JSON Schema cannot express
 * (an ISO 8601 duration without years or months) only {@link SlaDefinitionSchema} checks.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('sla-definition.schema.json', JSON.stringify(slaDefinitionJsonSchema(), null, 2));
 * ```
 * @category Definitions
 */
export function slaDefinitionJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SlaDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
  schema['title'] = 'itsm-kit SLA definition';
  schema['$defs'] = { condition: conditionJsonSchemaDef() };
  const props = schema['properties'] as Record<string, Record<string, unknown>>;
  for (const key of ['appliesTo', 'start', 'stop', 'pause', 'cancel', 'reset']) props[key] = { $ref: '#/$defs/condition' };
  const target = props['target'] as { anyOf: Array<Record<string, unknown>> };
  target.anyOf[0]!['pattern'] = '^P(?!$)(\\d+(?:[.,]\\d+)?W)?(\\d+(?:[.,]\\d+)?D)?(T(?=\\d)(\\d+(?:[.,]\\d+)?H)?(\\d+(?:[.,]\\d+)?M)?(\\d+(?:[.,]\\d+)?S)?)?$';
  return schema;
}
