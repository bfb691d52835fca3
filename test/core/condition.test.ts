import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ConditionSchema, conditionJsonSchema, describeCondition, type Condition } from '../../src/core/index.js';
import { compileCondition, describeHolding } from '../../src/core/condition.js';

const holds = (c: Condition, fields: Record<string, unknown>, event = ''): boolean => compileCondition(ConditionSchema.parse(c))(fields, event);

describe('conditions read own properties only', () => {
  it('does not see inherited properties through a dotted path (customer.toString exists on {})', () => {
    expect(holds({ field: 'customer.toString', exists: true }, { customer: {} })).toBe(false);
    expect(holds({ field: 'customer.constructor', exists: true }, { customer: {} })).toBe(false);
    expect(holds({ field: 'customer.__proto__', exists: true }, { customer: {} })).toBe(false);
    expect(holds({ field: 'customer.tier', eq: 'gold' }, { customer: { tier: 'gold' } })).toBe(true);
  });

  it('does not see inherited properties of the record itself', () => {
    expect(holds({ field: 'toString', exists: true }, {})).toBe(false);
    expect(holds({ field: 'hasOwnProperty', exists: false }, {})).toBe(true);
    const inherits = Object.create({ state: 'on_hold' }) as Record<string, unknown>;
    expect(holds({ field: 'state', eq: 'on_hold' }, inherits)).toBe(false);
  });

  it('reads a path through arrays by index and stops at non-objects', () => {
    expect(holds({ field: 'tags.0', eq: 'vip' }, { tags: ['vip'] })).toBe(true);
    expect(holds({ field: 'tags.length', exists: true }, { tags: 'vip' })).toBe(false);
  });
});

describe('ConditionSchema validates a plain copy and returns that copy', () => {
  it('runs a getter once, so the returned condition is what was validated', () => {
    let reads = 0;
    const tricky = { field: 'state', get eq() { reads++; return reads === 1 ? 'on_hold' : { not: 'a scalar' }; } };
    const parsed = ConditionSchema.parse(tricky);
    expect(reads).toBe(1);
    expect(parsed).toEqual({ field: 'state', eq: 'on_hold' });
    expect(ConditionSchema.safeParse(parsed).success).toBe(true);
    expect(Object.getOwnPropertyDescriptor(parsed, 'eq')).toHaveProperty('value', 'on_hold');
  });

  it('reports cyclic conditions and nesting deeper than 64 levels as issues, never a stack overflow', () => {
    const cyclic: { not: unknown } = { not: null };
    cyclic.not = cyclic;
    const r = ConditionSchema.safeParse(cyclic);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain('cyclic');
    let deep: Condition = true;
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const d = ConditionSchema.safeParse(deep);
    expect(d.success).toBe(false);
    expect(d.error!.issues[0]!.message).toContain('nested too deeply');
  });

  it('turns a property that throws when read into an issue', () => {
    const r = ConditionSchema.safeParse({ field: 'state', get eq() { throw new Error('no'); } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain('could not be read');
  });

  it('refuses __proto__ as a key without changing the copy\'s prototype', () => {
    const r = ConditionSchema.safeParse(JSON.parse('{"field":"state","eq":"x","__proto__":{"polluted":true}}'));
    expect(r.success).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('points each issue at its sub-condition and describes odd values without throwing', () => {
    const r = ConditionSchema.safeParse({ any: [{ field: 'a', eq: 1n }, { field: 'b', in: [Symbol('s')] }, { feild: 'c', eq: 1 }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([['any', 0, 'eq'], ['any', 1, 'in'], ['any', 2]]);
  });

  it('lists at most five keys of a condition with many', () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    const r = ConditionSchema.safeParse(many);
    expect(r.error!.issues[0]!.message).toContain('and 995 more');
    expect(r.error!.issues[0]!.message.length).toBeLessThan(300);
  });
});

describe('describeCondition', () => {
  it('writes conditions for people, with parentheses around nested lists', () => {
    expect(describeCondition({ all: [{ field: 'state', eq: 'on_hold' }, { field: 'holdReason', ne: 'awaiting_vendor' }] }))
      .toBe('state = on_hold and holdReason ≠ awaiting_vendor');
    expect(describeCondition({ not: { any: [{ field: 'p', in: [1, 2] }, { event: 'RESOLVE' }] } })).toBe('not (p in [1, 2] or event RESOLVE)');
    expect(describeCondition({ field: 'x', eq: null })).toBe('x = null');
    expect(describeCondition(true)).toBe('always');
  });

  it('names the alternative of an any that holds', () => {
    const c = ConditionSchema.parse({ any: [{ field: 'state', eq: 'on_hold' }, { field: 'waitingOn', exists: true }] });
    expect(describeHolding(c, { waitingOn: 'vendor' }, '')).toBe('waitingOn is set');
  });
});

describe('conditionJsonSchema', () => {
  const validate = new Ajv2020({ strict: false }).compile(conditionJsonSchema());

  it('accepts what ConditionSchema accepts and rejects what it rejects', () => {
    const good: unknown[] = [true, { field: 'a', eq: 1 }, { all: [{ event: 'E' }, { not: { field: 'b', exists: true } }] }];
    const bad: unknown[] = [null, 1, { field: 'a' }, { field: 'a', eq: 1, ne: 2 }, { all: {} }, { event: '' }];
    for (const c of good) expect([validate(c), ConditionSchema.safeParse(c).success]).toEqual([true, true]);
    for (const c of bad) expect([validate(c), ConditionSchema.safeParse(c).success]).toEqual([false, false]);
  });
});
