import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SlaDefinitionSchema, slaDefinitionJsonSchema } from '../../src/sla/index.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validSla = ajv.compile(slaDefinitionJsonSchema());

const goodDefinitions = [
  { id: 'r', target: 'PT4H', calendar: '24x7', start: true, stop: { field: 'state', in: ['resolved', 'closed'] } },
  {
    id: 'p1', name: 'P1 resolution', kind: 'resolution', agreement: 'OLA', group: 'g', target: { businessDays: 1, at: '17:00' },
    calendar: 'support', timeZoneField: 'tz', appliesTo: { all: [{ field: 'priority', lte: 2 }, { not: { field: 'vip', exists: true } }] },
    start: { any: [{ event: 'ASSIGN' }, { field: 'state', ne: 'new' }] }, stop: { event: 'RESOLVE' }, pause: { field: 'state', eq: 'on_hold' },
    cancel: false, reset: { field: 'reopened', eq: true }, warnAt: [0.5, 0.9], retroactiveStart: 'openedAt',
  },
];
const badDefinitions = [
  { id: 'r', target: 'PT4H', calendar: '24x7', start: true }, // no stop
  { id: 'r', target: 'soon', calendar: '24x7', start: true, stop: true },
  { id: 'r', target: 'PT4H', calendar: '24x7', start: { field: 'state' }, stop: true }, // no operator
  { id: 'r', target: 'PT4H', calendar: '24x7', start: { field: 'state', eq: 'a', ne: 'b' }, stop: true }, // two operators
  { id: 'r', target: 'PT4H', calendar: '24x7', start: true, stop: { any: [{ feild: 'x', eq: 1 }] } },
  { id: 'r', target: 'PT4H', calendar: '24x7', start: true, stop: true, pasue: true },
  { id: 'r', target: 'PT4H', calendar: '24x7', start: true, stop: true, warnAt: [1.5] },
];

describe('the exported JSON Schema of SLA definitions', () => {
  it('accept the definitions the zod schema accepts', () => {
    for (const d of goodDefinitions) {
      expect(SlaDefinitionSchema.safeParse(d).success).toBe(true);
      expect(validSla(d), JSON.stringify(validSla.errors)).toBe(true);
    }
  });

  it('reject definitions with a missing stop, a bad target, malformed conditions or unknown keys', () => {
    for (const d of badDefinitions) {
      expect(SlaDefinitionSchema.safeParse(d).success).toBe(false);
      expect(validSla(d)).toBe(false);
    }
  });

  it('returns a fresh object each time', () => {
    const a = slaDefinitionJsonSchema();
    (a as { title: string }).title = 'changed';
    expect(slaDefinitionJsonSchema()['title']).toBe('itsm-kit SLA definition');
  });
});
