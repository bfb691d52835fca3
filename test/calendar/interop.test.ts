import { describe, expect, it, vi } from 'vitest';
import { BUSINESS_CLOCK, businessClockOf } from '../../src/core/business-clock.js';
import {
  addBusinessTime,
  businessTimeBetween,
  calendar24x7,
  createCalendar,
  intersectCalendars,
  isBusinessCalendar,
  nextBusinessTime,
  subtractCalendars,
  unionCalendars,
  withTimeZone,
} from '../../src/calendar/index.js';
import { ItsmError } from '../../src/core/errors.js';

const H = 3_600_000;
const weekdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const newYork = createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['09:00-17:00']) });

describe('calendars across copies of the library (the ESM and CJS builds loaded together)', () => {
  it('recognises a calendar made by another copy and computes with it', async () => {
    vi.resetModules();
    const other = (await import('../../src/calendar/index.js')) as typeof import('../../src/calendar/index.js');
    expect(other.createCalendar).not.toBe(createCalendar); // a separate copy of every module
    const theirs = other.createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['09:00-17:00']) });
    expect(theirs instanceof (Object.getPrototypeOf(Object.getPrototypeOf(newYork)).constructor as never)).toBe(false);
    expect(isBusinessCalendar(theirs)).toBe(true);
    expect(other.isBusinessCalendar(newYork)).toBe(true);
    const from = '2026-03-06T16:00:00-05:00', to = '2026-03-09T10:00:00-04:00';
    expect(businessTimeBetween(theirs, from, to)).toBe(2 * H);
    expect(other.businessTimeBetween(newYork, from, to)).toBe(2 * H);
    expect(businessTimeBetween(unionCalendars(theirs, newYork), from, to)).toBe(2 * H);
    expect(other.businessTimeBetween(other.subtractCalendars(newYork, theirs), from, to)).toBe(0);
  });

  it('raises an error from another copy that is still an ItsmError here', async () => {
    vi.resetModules();
    const other = (await import('../../src/calendar/index.js')) as typeof import('../../src/calendar/index.js');
    try {
      other.isBusinessTime(newYork, 'yesterday');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ItsmError);
      expect((e as ItsmError).code).toBe('invalid_instant');
    }
  });

  it('does not take a look-alike object for a calendar', () => {
    const fake = { kind: 'weekly', timeZone: 'UTC', spec: null, parts: [] };
    expect(isBusinessCalendar(fake)).toBe(false);
    expect(isBusinessCalendar(Object.create(null))).toBe(false);
    expect(isBusinessCalendar({ [Symbol.for('itsm-kit.BusinessCalendar')]: 2 })).toBe(false);
    expect(() => businessTimeBetween(fake as never, 0, 1)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('the business clock a calendar carries for other modules', () => {
  const monday10 = Date.parse('2026-03-09T10:00:00-04:00');

  it('is found under the well-known symbol on every kind of calendar', () => {
    const cals = [
      newYork,
      calendar24x7('Europe/Paris'),
      unionCalendars(newYork, calendar24x7()),
      intersectCalendars(newYork, calendar24x7()),
      subtractCalendars(newYork, calendar24x7()),
      withTimeZone(newYork, 'Asia/Tokyo'),
    ];
    for (const cal of cals) {
      expect(BUSINESS_CLOCK in cal).toBe(true);
      expect(businessClockOf(cal)).not.toBeNull();
    }
    expect(BUSINESS_CLOCK).toBe(Symbol.for('itsm-kit.businessClock'));
  });

  it('adds forwards and backwards and finds the next business instant exactly as the public functions do', () => {
    const clock = businessClockOf(newYork)!;
    for (const d of [1, H, 7 * H, 9 * H, -H, -2 * H, -30 * H]) {
      expect(clock.addBusinessMs(monday10, d)).toBe(addBusinessTime(newYork, monday10, d).getTime());
    }
    expect(clock.addBusinessMs(monday10, 0)).toBe(monday10);
    const saturday = Date.parse('2026-03-07T12:00:00-05:00');
    expect(clock.nextBusinessMs(saturday)).toBe(nextBusinessTime(newYork, saturday).getTime());
    expect(clock.nextBusinessMs(monday10)).toBe(monday10);
  });

  it('fails with ItsmError, never a hang, for a calendar without business time or a bad number', () => {
    const closed = businessClockOf(createCalendar({ timeZone: 'UTC', weekly: {} }))!;
    expect(() => closed.addBusinessMs(monday10, H)).toThrow(expect.objectContaining({ code: 'no_business_time' }));
    expect(() => closed.nextBusinessMs(monday10)).toThrow(expect.objectContaining({ code: 'no_business_time' }));
    const clock = businessClockOf(newYork)!;
    for (const bad of [Number.NaN, Infinity, 1e300]) {
      expect(() => clock.addBusinessMs(bad, H)).toThrow(ItsmError);
      expect(() => clock.nextBusinessMs(bad)).toThrow(ItsmError);
    }
    expect(() => clock.addBusinessMs(monday10, Number.NaN)).toThrow(ItsmError);
  });

  it('reports no clock for values that carry none, without running their getters into an exception', () => {
    const throwing = Object.defineProperty({}, BUSINESS_CLOCK, { get() { throw new Error('boom'); } });
    for (const v of [null, undefined, 1, 'x', {}, { [BUSINESS_CLOCK]: { addBusinessMs: 1 } }, throwing]) expect(businessClockOf(v)).toBeNull();
  });
});
