import { describe, expect, it } from 'vitest';
import type { CalendarSpec } from 'itsm-kit/calendar';
import { isItsmError, type ItsmError } from 'itsm-kit/core';
import { calendarSpecWithHolidays, holidaysFromDateHolidays, type DateHolidaysLike } from 'itsm-kit/holidays';
import { itsmErrorOf } from '../support/hostile-callers.js';

// Regressions of the hardening findings of the holidays module (test/hardening/KNOWN.md: K1, K9, K10).

const day = ['09:00-17:00'];
const spec: CalendarSpec = { timeZone: 'Europe/Berlin', weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } };
const hd: DateHolidaysLike = {
  getHolidays: (year) => [{ date: `${year}-12-25 00:00:00`, end: new Date(Date.UTC(year, 11, 25, 23)), name: 'Christmas', type: 'public' }],
  getTimezones: () => ['Europe/Berlin'],
};

const boom = (): never => {
  throw new Error('caller boom');
};
/** A Proxy whose every trap throws the caller's own Error. */
const throwingProxy = (target: object = {}): never => new Proxy(target, {
  get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom,
}) as never;

describe('holidays hardening', () => {
  it('K1: a throwing getter / Proxy trap of the caller leaves holidaysFromDateHolidays and calendarSpecWithHolidays as invalid_argument, the original as cause', () => {
    const cases: Array<() => unknown> = [
      () => holidaysFromDateHolidays(throwingProxy()),
      () => holidaysFromDateHolidays(hd, throwingProxy()),
      () => holidaysFromDateHolidays(hd, { get years(): number { return boom(); } }),
      () => holidaysFromDateHolidays({ getHolidays: boom }, { years: 2026 }),
      () => holidaysFromDateHolidays(hd, { years: 2026, types: throwingProxy([]) }),
      () => calendarSpecWithHolidays(spec, hd, { get years(): number { return boom(); } }),
      () => calendarSpecWithHolidays(spec, hd, throwingProxy()),
      () => calendarSpecWithHolidays(spec, throwingProxy(), { years: 2026 }),
      () => calendarSpecWithHolidays(throwingProxy(), hd, { years: 2026 }),
      () => calendarSpecWithHolidays({ ...spec, get weekly(): CalendarSpec['weekly'] { return boom(); } }, hd, { years: 2026 }),
      () => calendarSpecWithHolidays({ ...spec, get timeZone(): string { return boom(); } }, hd, { years: 2026 }),
    ];
    for (const [i, fn] of cases.entries()) {
      const e = itsmErrorOf(fn);
      expect(['invalid_argument', 'invalid_definition'], `case ${i}`).toContain(e.code);
    }
    const e = itsmErrorOf(() => calendarSpecWithHolidays(spec, hd, { get years(): number { return boom(); } }));
    expect(e.code).toBe('invalid_argument');
    expect((e.cause as Error).message).toBe('caller boom');
    // Valid input still works.
    const out = calendarSpecWithHolidays(spec, hd, { years: 2026 });
    expect(out.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas' }]);
  });

  it('K9: calendarSpecWithHolidays validates the spec (Infinity in weekly hours is invalid_definition listing every issue, not returned)', () => {
    const bad = { ...spec, weekly: { ...spec.weekly, tue: [Infinity], thu: [5] }, holidays: [7] } as never;
    const e = itsmErrorOf(() => calendarSpecWithHolidays(bad, hd, { years: 2026 }));
    expect(e.code).toBe('invalid_definition');
    expect(e.issues.map((i) => i.path.join('.')).sort()).toEqual(['holidays.0', 'weekly.thu.0', 'weekly.tue.0']);
    // The calendar's own rules too: a time that is not one, a date that is not one, each with its path.
    const wrong = { ...spec, weekly: { ...spec.weekly, wed: ['25:00-26:00'] }, holidays: ['soon'] };
    const paths = itsmErrorOf(() => calendarSpecWithHolidays(wrong, hd, { years: 2026 })).issues.map((i) => i.path.join('.'));
    expect(paths.some((p) => p.startsWith('weekly.wed'))).toBe(true);
    expect(paths).toContain('holidays.0');
    expect(itsmErrorOf(() => calendarSpecWithHolidays(null as never, hd, { years: 2026 })).code).toBe('invalid_definition');
    expect(itsmErrorOf(() => calendarSpecWithHolidays({ ...spec, timeZone: 'Mars/Base' }, hd, { years: 2026 })).code).toBe('invalid_definition');
    expect(itsmErrorOf(() => calendarSpecWithHolidays({ ...spec, weekly: new Map() } as never, hd, { years: 2026 })).code).toBe('invalid_definition');
  });

  it('K10: calendarSpecWithHolidays refuses options that are not a plain object (a 1 MB string) as invalid_argument naming options', () => {
    for (const options of ['9'.repeat(2 ** 20), 5, null, [2026], new Map([['years', 2026]])]) {
      const e = itsmErrorOf(() => calendarSpecWithHolidays(spec, hd, options as never));
      expect(e.code).toBe('invalid_argument');
      expect(e.details['field']).toBe('options');
      expect(e.message).toContain('options');
    }
    // Omitted options are the empty options (years still needed).
    expect(itsmErrorOf(() => calendarSpecWithHolidays(spec, hd)).details['field']).toBe('options.years');
    expect(itsmErrorOf(() => calendarSpecWithHolidays(spec, hd, Object.create(null) as never)).details['field']).toBe('options.years');
  });
});
