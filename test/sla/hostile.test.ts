// Hostile callers (issue 8): every exported function of itsm-kit/sla, and the condition and duration functions of
// core, fed values a database or queue can hand over (wrong types, BigInt, symbols, cyclic, null-prototype and
// frozen objects, throwing getters and proxies, megabyte strings, extreme numbers, __proto__ payloads, Dates from
// another realm). Asserted: only ItsmError is thrown, safe variants never throw, no output holds NaN or an Invalid
// Date, no input is mutated (inputs are deep-frozen), and no call hangs.
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/calendar/index.js';
import * as core from '../../src/core/index.js';
import * as sla from '../../src/sla/index.js';

const SEED = 20261201;
const RUNS = 150;
const wd = ['09:00-17:00'];
const ny = createCalendar({ timeZone: 'America/New_York', weekly: { mon: wd, tue: wd, wed: wd, thu: wd, fri: wd } });
const def = sla.createSlaDefinition({
  id: 'r', target: 'PT8H', calendar: 'ny', start: true, stop: { field: 'state', eq: 'resolved' },
  pause: { any: [{ field: 'state', eq: 'on_hold' }, { field: 'customer.tier', exists: true }] }, retroactiveStart: 'openedAt', timeZoneField: 'tz',
});

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  try {
    if (Object.isFrozen(value)) return value;
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
  } catch {
    // a proxy or a throwing getter: left as it is
  }
  return value;
}

function hostileConstants(): unknown[] {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = cyclic;
  let deep: unknown = 0;
  for (let i = 0; i < 10_000; i++) deep = { d: deep };
  const boom = () => {
    throw new Error('user code');
  };
  return [
    undefined, null, true, 0, -0, NaN, Infinity, -Infinity, 1e308, -8.64e15, 2 ** 53, 1n, -(2n ** 70n), Symbol('s'), '', 'x'.repeat(1_000_000),
    '2026-03-09T09:00:00', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', 'P' + '1'.repeat(80_000) + 'D', '__proto__', 'constructor',
    [], [1, 2], {}, Object.create(null), cyclic, deep, new Date(NaN), runInNewContext('new Date(0)'), new Map(), new Set(), () => 0,
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    { get id() { return boom(); }, get events() { return boom(); }, get at() { return boom(); } },
    new Proxy({}, { get: boom, ownKeys: boom, getPrototypeOf: boom, has: boom, getOwnPropertyDescriptor: boom }),
  ];
}

// The constants are picked by index and looked up inside each property: fast-check inspects the values it
// generates (for its clone method), and a proxy whose every trap throws must only ever meet the code under test.
const CONSTANTS = hostileConstants();
class Ref {
  constructor(readonly index: number) {}
}
const hostileArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.nat(CONSTANTS.length - 1).map((i) => new Ref(i)) },
  { weight: 3, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, maxDepth: 3 }) },
);
/** Replaces each Ref (at the top, in arrays and in object values) by its constant. */
function resolve(v: unknown): unknown {
  if (v instanceof Ref) return CONSTANTS[v.index];
  if (Array.isArray(v)) return v.map(resolve);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
  }
  return v;
}
const hostile = hostileArb;

/** An event whose `at` and `type` are valid and whose `set` holds anything. */
const eventWithHostileFields = fc.record({
  at: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
  type: fc.constantFrom('E', 'HOLD'),
  set: fc.dictionary(fc.constantFrom('state', 'customer', 'openedAt', 'tz', '__proto__', 'constructor', 'x'), hostile, { maxKeys: 4 }),
});

/** Calls `fn`, returning what it threw (or nothing); anything but an ItsmError fails, as does a slow call. */
function onlyItsmError(what: string, fn: () => unknown): unknown {
  const started = performance.now();
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof core.ItsmError)) throw new Error(`${what} threw a non-ItsmError: ${String(error)}`, { cause: error });
    expect(typeof error.code).toBe('string');
    for (const issue of error.issues) expect(Array.isArray(issue.path)).toBe(true);
    return undefined;
  } finally {
    expect(performance.now() - started, `${what} took too long`).toBeLessThan(5_000);
  }
}

/** No NaN, no Infinity, no Invalid Date anywhere in an output. */
function expectClean(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value === 'number') expect(Number.isFinite(value), 'a number in the output is not finite').toBe(true);
  if (value instanceof Date) expect(Number.isFinite(value.getTime()), 'an Invalid Date in the output').toBe(true);
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value)) expectClean(v, seen);
}

describe('the SLA and condition API against hostile callers', () => {
  it('throws only ItsmError from every entry point, whatever it is given', () => {
    fc.assert(
      fc.property(hostile, hostile, (ra, rb) => {
        const a = deepFreeze(resolve(ra));
        const b = deepFreeze(resolve(rb));
        onlyItsmError('createSlaDefinition', () => sla.createSlaDefinition(a as never));
        onlyItsmError('evaluateSla(def)', () => sla.evaluateSla(a as never, [], { calendars: { ny }, now: 0 }));
        onlyItsmError('evaluateSla(events)', () => sla.evaluateSla(def, a as never, { calendars: { ny }, now: b as never }));
        onlyItsmError('evaluateSla(options)', () => sla.evaluateSla(def, [], a as never));
        onlyItsmError('evaluateTicket', () => sla.evaluateTicket([def, a as never], [b as never], { calendars: { ny }, now: 0 }));
        onlyItsmError('evaluateTickets', () => [...sla.evaluateTickets([def], a as never, { calendars: { ny }, now: 0 })]);
        onlyItsmError('explainSla', () => sla.explainSla(a as never));
        onlyItsmError('describeCondition', () => core.describeCondition(a as never));
        onlyItsmError('parseDuration', () => core.parseDuration(a as never, 'field'));
        onlyItsmError('formatDuration', () => core.formatDuration(a as never, b as never));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never throws from the safe variants and schemas', () => {
    fc.assert(
      fc.property(hostile, (ra) => {
        const a = resolve(ra);
        expect(sla.safeCreateSlaDefinition(a).success).toBeTypeOf('boolean');
        expect(core.ConditionSchema.safeParse(a).success).toBeTypeOf('boolean');
        const ms = core.parseDurationOrNull(a as never);
        if (ms !== null) expect(Number.isFinite(ms)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('yields one outcome per ticket for batches of hostile tickets, never stopping', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 6 }), (raw) => {
        const tickets = deepFreeze(raw.map(resolve));
        const out = [...sla.evaluateTickets([def], [...tickets, { id: 'last', events: [] }] as never, { calendars: { ny }, now: 0 })];
        expect(out).toHaveLength(tickets.length + 1);
        expect(out.at(-1)).toMatchObject({ id: 'last', success: true });
        for (const r of out) if (!r.success) expect(r.error).toBeInstanceOf(core.ItsmError);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('evaluates events whose fields hold anything, with clean outputs and unchanged (frozen) inputs', () => {
    fc.assert(
      fc.property(fc.array(eventWithHostileFields, { minLength: 1, maxLength: 6 }), fc.boolean(), (raw, explain) => {
        const events = deepFreeze([...raw].sort((x, y) => x.at - y.at).map((e) => ({ ...e, set: resolve(e.set) as Record<string, unknown> })));
        const r = onlyItsmError('evaluateSla', () => sla.evaluateSla(def, events, { calendars: { ny }, now: Date.UTC(2027, 0, 1), explain })) as sla.SlaResult | undefined;
        if (r === undefined) return;
        expectClean(r);
        expectClean(sla.explainSla(r));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('leaves the JSON Schema functions pure', () => {
    expect(sla.slaDefinitionJsonSchema()).toEqual(sla.slaDefinitionJsonSchema());
    expect(core.conditionJsonSchema()).toEqual(core.conditionJsonSchema());
  });
});
