import { z } from 'zod';
import { SlaDefinitionSchema } from './definition.js';

const SCALAR = { type: ['string', 'number', 'boolean', 'null'] };

/** The condition language as JSON Schema: one operator per field condition, recursive combinators. */
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
  schema['$defs'] = { condition: conditionSchema() };
  const props = schema['properties'] as Record<string, Record<string, unknown>>;
  for (const key of ['appliesTo', 'start', 'stop', 'pause', 'cancel', 'reset']) props[key] = { $ref: '#/$defs/condition' };
  const target = props['target'] as { anyOf: Array<Record<string, unknown>> };
  target.anyOf[0]!['pattern'] = '^P(?!$)(\\d+(?:[.,]\\d+)?W)?(\\d+(?:[.,]\\d+)?D)?(T(?=\\d)(\\d+(?:[.,]\\d+)?H)?(\\d+(?:[.,]\\d+)?M)?(\\d+(?:[.,]\\d+)?S)?)?$';
  return schema;
}
