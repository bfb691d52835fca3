import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CatalogSchema, catalogJsonSchema } from 'itsm-kit/catalog';
import { soundCatalog } from './fixtures.js';

describe('catalogJsonSchema', () => {
  const validate = new Ajv2020({ strict: false }).compile(catalogJsonSchema());

  it('accepts what CatalogSchema accepts', () => {
    expect(CatalogSchema.safeParse(soundCatalog()).success).toBe(true);
    expect(validate(soundCatalog())).toBe(true);
  });

  it('rejects a bad lifecycle, an unknown key and a bad condition inside a definition, as zod does', () => {
    const bads: unknown[] = [
      { services: [{ id: 'a', name: 'A', lifecycle: 'alive', criticality: 'low' }] },
      { services: [], extra: true },
      { services: [], slaDefinitions: [{ id: 'd', target: 'PT1H', calendar: '24x7', start: { field: 'state', equals: 'x' }, stop: true }] },
    ];
    for (const bad of bads) {
      expect(CatalogSchema.safeParse(bad).success).toBe(false);
      expect(validate(bad)).toBe(false);
    }
  });

  it('returns a fresh object each time', () => {
    expect(catalogJsonSchema()).not.toBe(catalogJsonSchema());
  });
});
