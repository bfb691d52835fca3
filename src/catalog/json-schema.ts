import { z } from 'zod';
import { slaDefinitionJsonSchema } from '../sla/json-schema.js';
import { CatalogSchema } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of a {@link Catalog}, SLA definitions and their conditions included, for
 * services that store or validate catalogues without TypeScript. It checks the structure; references across
 * the catalogue are checked by {@link validateCatalog}.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('catalog.schema.json', JSON.stringify(catalogJsonSchema(), null, 2));
 * ```
 * @category Catalogue
 */
export function catalogJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CatalogSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
  schema['title'] = 'itsm-kit service catalogue';
  const sla = slaDefinitionJsonSchema() as Record<string, any>;
  const { $defs: slaDefs, $schema: _ignored, ...slaDefinition } = sla;
  void _ignored;
  schema['$defs'] = { ...(schema['$defs'] ?? {}), ...slaDefs, slaDefinition };
  schema['properties'].slaDefinitions = { type: 'array', items: { $ref: '#/$defs/slaDefinition' } };
  return schema;
}
