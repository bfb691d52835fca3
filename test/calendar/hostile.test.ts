// Issue 8: every bad input a structured error. Hostile values are driven into every argument of every calendar
// export: only ItsmError may be thrown (safe* variants never throw), no output holds NaN or an Invalid Date, no
// input is mutated, no prototype changes, and every call returns within a bound that catches hangs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as calendar from '../../src/calendar/index.js';
import { ItsmError } from '../../src/core/errors.js';

const { createCalendar } = calendar;
const wk = ['09:00-17:00'];
const SPEC = { timeZone: 'America/New_York', weekly: { mon: wk, tue: wk, wed: wk, thu: wk, fri: wk }, holidays: ['--12-25'] };
const cal = createCalendar(SPEC);
const T = '2026-03-09T10:00:00-04:00';
const T2 = '2026-03-20T10:00:00-04:00';

type Fn = (...args: unknown[]) => unknown;

/** Valid arguments for every function export; a new export without an entry fails the completeness test. */
const VALID: Record<string, () => unknown[]> = {
  createCalendar: () => [SPEC],
  safeCreateCalendar: () => [SPEC],
  calendar24x7: () => ['Europe/Paris'],
  isBusinessCalendar: () => [cal],
  isBusinessTime: () => [cal, T],
  nextBusinessTime: () => [cal, T],
  previousBusinessTime: () => [cal, T],
  businessIntervals: () => [cal, T, T2, { limit: 100 }],
  nextOpening: () => [cal, T],
  nextClosing: () => [cal, T],
  previousOpening: () => [cal, T],
  previousClosing: () => [cal, T],
  addBusinessTime: () => [cal, T, 3_600_000],
  businessTimeBetween: () => [cal, T, T2],
  addBusinessDays: () => [cal, T, 2, { at: '12:00' }],
  businessDaysBetween: () => [cal, T, T2],
  isBusinessDay: () => [cal, '2026-03-09'],
  isHoliday: () => [cal, '2026-12-25'],
  unionCalendars: () => [cal, cal],
  intersectCalendars: () => [cal, cal],
  subtractCalendars: () => [cal, cal],
  withTimeZone: () => [cal, 'Asia/Tokyo'],
  formatInstant: () => [T, 'America/New_York'],
  calendarSpecJsonSchema: () => [],
};

const functions = (Object.entries(calendar) as Array<[string, unknown]>).filter((e): e is [string, Fn] => typeof e[1] === 'function' && e[0] !== 'CalendarSpecSchema');

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { timeZone: 'UTC' };
  o['self'] = o;
  o['weekly'] = o;
  return o;
}

const MEGA = 'x'.repeat(1_000_000);

/** Hostile values: wrong types, BigInt, symbols, cyclic and null-prototype objects, 1 MB strings, extremes. */
const hostileArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    undefined, null, true, 0, -0, Number.NaN, Infinity, -Infinity, 1e308, -1e17, 8.64e15, Number.MAX_SAFE_INTEGER + 2, 2 ** 60,
    '', MEGA, ' '.repeat(1_000_000), `${'1'.repeat(500_000)}-${'2'.repeat(500_000)}`, '2026-03-09', '0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z',
    '0001-01-01T00:00:00Z', 'Mars/Olympus', 'UTC', '25:00', '--02-30',
  ),
  fc.bigInt().map((b) => b as unknown),
  fc.constant(null).map(() => Symbol('hostile') as unknown),
  fc.constant(null).map(() => cyclic() as unknown),
  fc.constant(null).map(() => Object.create(null) as unknown),
  fc.constant(null).map(() => Object.assign(Object.create(null), { timeZone: 'UTC', weekly: Object.create(null) }) as unknown),
  fc.constant(null).map(() => JSON.parse('{"timeZone":"UTC","weekly":{},"__proto__":{"polluted":true}}') as unknown),
  fc.constant(null).map(() => new Map([['mon', wk]]) as unknown),
  fc.constant(null).map(() => new Date(Number.NaN) as unknown),
  fc.constant(null).map(() => [1n, Symbol('s'), null] as unknown),
  fc.constant(null).map(() => (() => 1) as unknown),
  fc.constant(null).map(() => ({ limit: 1n, at: Symbol('at') }) as unknown),
  fc.constant(null).map(() => ({ timeZone: 'UTC', weekly: { mon: [MEGA] }, holidays: [MEGA, { date: 1n }], overrides: [{ date: MEGA, hours: [cyclic()] }] }) as unknown),
);

/** Throws when a value holds NaN, an infinite number or an Invalid Date (looked at two levels deep). */
function expectNoNonFinite(value: unknown, depth = 0): void {
  if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
  else if (value instanceof Date) expect(Number.isFinite(value.getTime())).toBe(true);
  else if (depth < 3 && typeof value === 'object' && value !== null && !calendar.isBusinessCalendar(value)) {
    for (const v of Object.values(value)) expectNoNonFinite(v, depth + 1);
  }
}

function call(name: string, fn: Fn, args: unknown[]): void {
  const started = performance.now();
  let result: unknown;
  try {
    result = fn(...args);
  } catch (e) {
    if (!(e instanceof ItsmError)) throw new Error(`${name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    expect(typeof e.code).toBe('string');
    expect(e.message.length).toBeLessThan(2_000);
    if (e.code === 'invalid_definition') for (const i of e.issues) expect(Array.isArray(i.path)).toBe(true);
    return;
  } finally {
    expect(performance.now() - started, `${name} took too long`).toBeLessThan(3_000);
  }
  if (name.startsWith('safe')) expect(typeof (result as { success?: unknown }).success).toBe('boolean');
  else expectNoNonFinite(result);
}

describe('hostile input to every calendar export', () => {
  it('covers every function the calendar module exports', () => {
    expect(functions.map(([n]) => n).sort()).toEqual(Object.keys(VALID).sort());
  });

  it('runs every export on its valid arguments', () => {
    for (const [name, fn] of functions) call(name, fn, VALID[name]!());
  });

  it('throws only ItsmError (safe variants never throw) whatever value any argument holds', () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).join();
    let calls = 0;
    fc.assert(
      fc.property(fc.constantFrom(...functions), fc.nat(), hostileArb, ([name, fn], position, hostile) => {
        const args = VALID[name]!();
        const at = args.length === 0 ? 0 : position % (args.length + 1); // one past the end: an extra argument
        args[at] = hostile;
        call(name, fn, args);
        calls++;
      }),
      { seed: 8_031_977, numRuns: 1_500 },
    );
    expect(calls).toBe(1_500);
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(protoBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reaches every argument position of every export with every kind of hostile value', () => {
    const samples = fc.sample(hostileArb, { seed: 4_242, numRuns: 40 });
    for (const [name, fn] of functions) {
      const n = VALID[name]!().length;
      for (let position = 0; position <= n; position++) {
        for (const hostile of samples) {
          const args = VALID[name]!();
          args[position] = hostile;
          call(name, fn, args);
        }
      }
    }
  });

  it('puts hostile values inside a spec, at every place a spec has', () => {
    const samples = fc.sample(hostileArb, { seed: 99, numRuns: 30 });
    const places: Array<(h: unknown) => unknown> = [
      (h) => ({ ...SPEC, timeZone: h }),
      (h) => ({ ...SPEC, weekly: h }),
      (h) => ({ ...SPEC, weekly: { mon: h } }),
      (h) => ({ ...SPEC, weekly: { mon: [h] } }),
      (h) => ({ ...SPEC, holidays: h }),
      (h) => ({ ...SPEC, holidays: [h] }),
      (h) => ({ ...SPEC, holidays: [{ date: h, name: h }] }),
      (h) => ({ ...SPEC, overrides: [h] }),
      (h) => ({ ...SPEC, overrides: [{ date: '2026-03-09', hours: h }] }),
      (h) => ({ ...SPEC, overrides: [{ date: h, hours: [h], name: h }] }),
      (h) => ({ ...SPEC, name: h }),
    ];
    for (const place of places) {
      for (const h of samples) {
        const spec = place(h);
        const r = calendar.safeCreateCalendar(spec);
        if (!r.success) expect(r.error).toBeInstanceOf(ItsmError);
        call('createCalendar', createCalendar as unknown as Fn, [spec]);
      }
    }
  });

  it('refuses a Proxy whose traps throw as a calendar, a spec or options, with ItsmError', () => {
    const trap = (): never => {
      throw new Error('trap');
    };
    const proxy = new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap, getOwnPropertyDescriptor: trap });
    call('createCalendar', createCalendar as unknown as Fn, [proxy]);
    expect(calendar.safeCreateCalendar(proxy).success).toBe(false);
    expect(calendar.isBusinessCalendar(proxy)).toBe(false);
    call('businessTimeBetween', calendar.businessTimeBetween as unknown as Fn, [proxy, T, T2]);
    call('unionCalendars', calendar.unionCalendars as unknown as Fn, [cal, proxy]);
    call('businessIntervals', calendar.businessIntervals as unknown as Fn, [cal, T, T2, proxy]);
    call('addBusinessDays', calendar.addBusinessDays as unknown as Fn, [cal, T, 1, proxy]);
  });

  it('leaves hostile inputs unchanged, frozen ones included', () => {
    const spec = Object.freeze({ timeZone: 'UTC', weekly: Object.freeze({ mon: Object.freeze(['09:00-17:00', 1n]) }) });
    const before = String(spec.weekly.mon);
    expect(calendar.safeCreateCalendar(spec).success).toBe(false);
    expect(String(spec.weekly.mon)).toBe(before);
    const options = Object.freeze({ limit: 50 });
    calendar.businessIntervals(cal, T, T2, options);
    expect(options).toEqual({ limit: 50 });
  });
});
