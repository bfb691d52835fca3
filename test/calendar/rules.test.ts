import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessTime,
  businessIntervals,
  businessTimeBetween,
  calendar24x7,
  createCalendar,
  formatInstant,
  intersectCalendars,
  isBusinessTime,
  nextBusinessTime,
  safeCreateCalendar,
  subtractCalendars,
  unionCalendars,
  type CalendarSpec,
} from '../../src/calendar/index.js';
import { ItsmError } from '../../src/core/index.js';

const H = 3_600_000;
const MIN = 60_000;
const weekdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const newYork = createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['09:00-17:00']) });
const iso = (d: Date) => d.toISOString();

function intervalsIso(cal: Parameters<typeof businessIntervals>[0], from: string, to: string) {
  return businessIntervals(cal, from, to).map((i) => [iso(i.start), iso(i.end)]);
}

describe('opening and closing boundaries', () => {
  it('counts the opening instant as business time and the closing instant as not', () => {
    expect(isBusinessTime(newYork, '2026-03-06T09:00:00-05:00')).toBe(true);
    expect(isBusinessTime(newYork, '2026-03-06T08:59:59.999-05:00')).toBe(false);
    expect(isBusinessTime(newYork, '2026-03-06T16:59:59.999-05:00')).toBe(true);
    expect(isBusinessTime(newYork, '2026-03-06T17:00:00-05:00')).toBe(false);
  });

  it('makes Friday 16:00 plus 1 h Friday 17:00, not Monday 09:00', () => {
    expect(iso(addBusinessTime(newYork, '2026-03-06T16:00:00-05:00', H))).toBe('2026-03-06T22:00:00.000Z');
  });

  it('carries Friday 16:00 plus 2 h over the weekend to Monday 10:00 (after the DST change)', () => {
    expect(iso(addBusinessTime(newYork, '2026-03-06T16:00:00-05:00', 2 * H))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('subtracts to the latest instant: Monday 10:00 minus 1 h is Monday 09:00, minus 2 h is Friday 16:00', () => {
    expect(iso(addBusinessTime(newYork, '2026-03-09T10:00:00-04:00', -H))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(addBusinessTime(newYork, '2026-03-09T10:00:00-04:00', -2 * H))).toBe('2026-03-06T21:00:00.000Z');
  });

  it('returns the start itself when adding zero, even outside business hours', () => {
    expect(iso(addBusinessTime(newYork, '2026-03-07T12:00:00Z', 0))).toBe('2026-03-07T12:00:00.000Z');
  });

  it('starts counting at the next opening when the start is outside business hours', () => {
    expect(iso(addBusinessTime(newYork, '2026-03-07T12:00:00Z', 30 * MIN))).toBe('2026-03-09T13:30:00.000Z');
  });

  it('measures a range backwards as the negative of the forward measure', () => {
    const a = '2026-03-06T16:00:00-05:00', b = '2026-03-09T10:00:00-04:00';
    expect(businessTimeBetween(newYork, a, b)).toBe(2 * H);
    expect(businessTimeBetween(newYork, b, a)).toBe(-2 * H);
  });

  it('treats 24:00 as the end of the day', () => {
    const lateDesk = createCalendar({ timeZone: 'UTC', weekly: { mon: ['18:00-24:00'] } });
    expect(businessTimeBetween(lateDesk, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z')).toBe(6 * H);
    expect(isBusinessTime(lateDesk, '2026-03-09T23:59:59Z')).toBe(true);
    expect(isBusinessTime(lateDesk, '2026-03-10T00:00:00Z')).toBe(false);
  });
});

describe('daylight saving time', () => {
  const sundayNight = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['01:00-03:00'] } });

  it('counts a fall-back night as three hours of 01:00-03:00', () => {
    expect(businessTimeBetween(sundayNight, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toBe(3 * H);
  });

  it('counts a spring-forward night as one hour of 01:00-03:00', () => {
    expect(businessTimeBetween(sundayNight, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(H);
  });

  it('splits 01:30-02:30 on a fall-back night into two real stretches, because 01:00-01:29 EST reads outside it', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['01:30-02:30'] } });
    expect(intervalsIso(cal, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toEqual([
      ['2026-11-01T05:30:00.000Z', '2026-11-01T06:00:00.000Z'],
      ['2026-11-01T06:30:00.000Z', '2026-11-01T07:30:00.000Z'],
    ]);
  });

  it('opens an interval that starts inside the spring-forward gap where the gap ends (03:00 EDT)', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['02:30-04:00'] } });
    expect(intervalsIso(cal, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toEqual([
      ['2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z'],
    ]);
    expect(iso(nextBusinessTime(cal, '2026-03-08T06:00:00Z'))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('closes an interval that ends inside the spring-forward gap where the gap begins', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['00:00-02:30'] } });
    expect(intervalsIso(cal, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toEqual([
      ['2026-03-08T05:00:00.000Z', '2026-03-08T07:00:00.000Z'],
    ]);
  });

  it('keeps a nine-to-five day at eight real hours on both DST Sundays in a 7-day calendar', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['09:00-17:00'] } });
    expect(businessTimeBetween(cal, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(8 * H);
    expect(businessTimeBetween(cal, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toBe(8 * H);
  });

  it('handles the 30-minute DST of Lord Howe Island: 01:30-02:00 does not exist on spring-forward day', () => {
    // 2026-10-04 02:00 local (+10:30) becomes 02:30 (+11).
    const cal = createCalendar({ timeZone: 'Australia/Lord_Howe', weekly: { sun: ['01:00-03:00'] } });
    expect(businessTimeBetween(cal, '2026-10-03T12:00:00Z', '2026-10-04T12:00:00Z')).toBe(90 * MIN);
    // 2026-04-05 02:00 local (+11) falls back to 01:30 (+10:30): half an hour more.
    expect(businessTimeBetween(cal, '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z')).toBe(150 * MIN);
  });

  it('has no 30 December 2011 in Samoa: a holiday-free 24x7 desk there still counts every real hour', () => {
    const cal = createCalendar({ timeZone: 'Pacific/Apia', weekly: { fri: ['00:00-24:00'] } });
    // Friday 2011-12-30 was skipped: Thursday 23:59:59 (-10) was followed by Saturday 00:00 (+14).
    expect(businessTimeBetween(cal, '2011-12-28T00:00:00Z', '2012-01-02T00:00:00Z')).toBe(0);
    const open = calendar24x7('Pacific/Apia');
    expect(businessTimeBetween(open, '2011-12-29T00:00:00Z', '2012-01-02T00:00:00Z')).toBe(96 * H);
  });

  it('respects a +05:45 zone (Kathmandu)', () => {
    const cal = createCalendar({ timeZone: 'Asia/Kathmandu', weekly: weekdays(['10:00-17:00']) });
    expect(iso(nextBusinessTime(cal, '2026-03-09T00:00:00Z'))).toBe('2026-03-09T04:15:00.000Z');
  });
});

describe('overnight shifts, holidays and overrides', () => {
  const nights: CalendarSpec = { timeZone: 'Europe/London', weekly: { mon: ['22:00-06:00'], tue: ['22:00-06:00'] } };

  it('runs an overnight shift into the next morning and counts it for the day it starts on', () => {
    const cal = createCalendar(nights);
    expect(isBusinessTime(cal, '2026-03-10T05:59:00Z')).toBe(true);
    expect(isBusinessTime(cal, '2026-03-10T06:00:00Z')).toBe(false);
    expect(businessTimeBetween(cal, '2026-03-09T00:00:00Z', '2026-03-12T00:00:00Z')).toBe(16 * H);
  });

  it('keeps the morning half of an overnight shift that started the evening before a holiday', () => {
    const cal = createCalendar({ ...nights, holidays: ['2026-03-10'] });
    // Monday's shift (22:00 → Tuesday 06:00) runs; Tuesday's own shift (22:00 → Wednesday 06:00) does not.
    expect(isBusinessTime(cal, '2026-03-10T03:00:00Z')).toBe(true);
    expect(isBusinessTime(cal, '2026-03-10T23:00:00Z')).toBe(false);
    expect(businessTimeBetween(cal, '2026-03-09T00:00:00Z', '2026-03-12T00:00:00Z')).toBe(8 * H);
  });

  it('closes the date of an annual holiday every year', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: weekdays(['09:00-17:00']), holidays: [{ date: '--12-25', name: 'Christmas' }] });
    expect(isBusinessTime(cal, '2025-12-25T10:00:00Z')).toBe(false);
    expect(isBusinessTime(cal, '2026-12-25T10:00:00Z')).toBe(false);
    expect(isBusinessTime(cal, '2026-12-24T10:00:00Z')).toBe(true);
  });

  it('lets an override beat a holiday on the same date', () => {
    const cal = createCalendar({
      timeZone: 'UTC',
      weekly: weekdays(['09:00-17:00']),
      holidays: ['2026-12-24'],
      overrides: [{ date: '2026-12-24', hours: ['09:00-12:00'], name: 'Christmas Eve half day' }],
    });
    expect(businessTimeBetween(cal, '2026-12-24T00:00:00Z', '2026-12-25T00:00:00Z')).toBe(3 * H);
  });

  it('closes a date with an empty override and opens a weekend date with hours', () => {
    const cal = createCalendar({
      timeZone: 'UTC',
      weekly: weekdays(['09:00-17:00']),
      overrides: [{ date: '2026-03-09', hours: [] }, { date: '2026-03-07', hours: ['10:00-14:00'] }],
    });
    expect(businessTimeBetween(cal, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z')).toBe(0);
    expect(businessTimeBetween(cal, '2026-03-07T00:00:00Z', '2026-03-08T00:00:00Z')).toBe(4 * H);
  });

  it('merges an overnight shift with the next day’s hours into one stretch', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: { mon: ['18:00-08:00'], tue: ['08:00-12:00'] } });
    expect(intervalsIso(cal, '2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z')).toEqual([
      ['2026-03-09T18:00:00.000Z', '2026-03-10T12:00:00.000Z'],
    ]);
  });

  it('treats an interval whose end equals its start as a full 24 hours', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: { mon: ['09:00-09:00'] } });
    expect(businessTimeBetween(cal, '2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z')).toBe(24 * H);
  });
});

describe('businessIntervals and nextBusinessTime', () => {
  it('clips stretches to the range and returns fresh objects', () => {
    expect(intervalsIso(newYork, '2026-03-09T10:00:00-04:00', '2026-03-10T12:00:00-04:00')).toEqual([
      ['2026-03-09T14:00:00.000Z', '2026-03-09T21:00:00.000Z'],
      ['2026-03-10T13:00:00.000Z', '2026-03-10T16:00:00.000Z'],
    ]);
    expect(businessIntervals(newYork, '2026-03-10T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([]);
  });

  it('returns the instant itself when it is business time, else the next opening', () => {
    expect(iso(nextBusinessTime(newYork, '2026-03-09T14:00:00Z'))).toBe('2026-03-09T14:00:00.000Z');
    expect(iso(nextBusinessTime(newYork, '2026-03-06T22:00:00Z'))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('crosses the new year', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: weekdays(['09:00-17:00']), holidays: ['--01-01'] });
    expect(iso(nextBusinessTime(cal, '2025-12-31T17:00:00Z'))).toBe('2026-01-02T09:00:00.000Z');
    expect(iso(addBusinessTime(cal, '2025-12-31T16:00:00Z', 2 * H))).toBe('2026-01-02T10:00:00.000Z');
    expect(businessTimeBetween(cal, '2025-12-31T16:00:00Z', '2026-01-02T10:00:00Z')).toBe(2 * H);
  });
});

describe('addBusinessDays: "by end of the n-th business day"', () => {
  it('gives Tuesday’s close for a ticket on Monday with n = 1, and Monday’s close with n = 0', () => {
    expect(iso(addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', 1))).toBe('2026-03-10T21:00:00.000Z');
    expect(iso(addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', 0))).toBe('2026-03-09T21:00:00.000Z');
  });

  it('rolls n = 0 to the next business day when today is closed or already past its close', () => {
    expect(iso(addBusinessDays(newYork, '2026-03-07T10:00:00-05:00', 0))).toBe('2026-03-09T21:00:00.000Z');
    expect(iso(addBusinessDays(newYork, '2026-03-09T18:00:00-04:00', 0))).toBe('2026-03-10T21:00:00.000Z');
  });

  it('counts Friday + 1 as Monday and skips holidays', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['09:00-17:00']), holidays: ['2026-03-09'] });
    expect(iso(addBusinessDays(cal, '2026-03-06T10:00:00-05:00', 1))).toBe('2026-03-10T21:00:00.000Z');
  });

  it('uses the `at` local time on the target day', () => {
    expect(iso(addBusinessDays(newYork, '2026-03-06T10:00:00-05:00', 1, { at: '12:00' }))).toBe('2026-03-09T16:00:00.000Z');
  });

  it('closes an overnight-shift day the next morning', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: { mon: ['22:00-06:00'], tue: ['22:00-06:00'] } });
    expect(iso(addBusinessDays(cal, '2026-03-09T12:00:00Z', 0))).toBe('2026-03-10T06:00:00.000Z');
    expect(iso(addBusinessDays(cal, '2026-03-09T12:00:00Z', 1))).toBe('2026-03-11T06:00:00.000Z');
  });

  it('ends a 24x7 business day at local midnight', () => {
    expect(iso(addBusinessDays(calendar24x7('Europe/Paris'), '2026-03-09T10:00:00Z', 1))).toBe('2026-03-10T23:00:00.000Z');
  });

  it('refuses a day count that would leave the supported range, at once', () => {
    expect(() => addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', 5_000_000)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('rejects a fractional or unsafe n and a malformed `at`', () => {
    expect(() => addBusinessDays(newYork, 0, 1.5)).toThrow(/whole number/);
    expect(() => addBusinessDays(newYork, 0, 2 ** 60)).toThrow(/whole number/);
    expect(() => addBusinessDays(newYork, 0, 1, { at: '25:00' })).toThrow(/options.at/);
  });
});

describe('composition', () => {
  const support = createCalendar({ timeZone: 'Europe/London', weekly: weekdays(['08:00-18:00']) });
  const maintenance = createCalendar({ timeZone: 'UTC', weekly: { wed: ['12:00-14:00'] } });

  it('takes maintenance windows out of support hours', () => {
    const service = subtractCalendars(support, maintenance);
    expect(businessTimeBetween(service, '2026-03-11T00:00:00Z', '2026-03-12T00:00:00Z')).toBe(8 * H);
    expect(isBusinessTime(service, '2026-03-11T13:00:00Z')).toBe(false);
    expect(iso(addBusinessTime(service, '2026-03-11T11:00:00Z', 2 * H))).toBe('2026-03-11T15:00:00.000Z');
  });

  it('follows the sun across desks in different zones', () => {
    const london = createCalendar({ timeZone: 'Europe/London', weekly: weekdays(['09:00-17:00']) });
    const sydney = createCalendar({ timeZone: 'Australia/Sydney', weekly: weekdays(['09:00-17:00']) });
    const both = unionCalendars(london, sydney);
    // Tuesday 2026-03-10: Sydney (+11) covers 22:00Z Mon-06:00Z Tue, London (+0) 09:00Z-17:00Z.
    expect(businessTimeBetween(both, '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z')).toBe(16 * H);
    expect(both.kind).toBe('union');
    expect(both.timeZone).toBe('Europe/London');
  });

  it('intersects a desk with a vendor’s hours', () => {
    const vendor = createCalendar({ timeZone: 'America/New_York', weekly: weekdays(['08:00-16:00']) });
    const joint = intersectCalendars(support, vendor);
    // 2026-03-10: London 08-18Z, New York (EDT) 12-20Z → 12:00-18:00Z.
    expect(intervalsIso(joint, '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z')).toEqual([
      ['2026-03-10T12:00:00.000Z', '2026-03-10T18:00:00.000Z'],
    ]);
  });

  it('counts business days of a composite by its first part’s zone', () => {
    const service = subtractCalendars(support, maintenance);
    expect(iso(addBusinessDays(service, '2026-03-09T10:00:00Z', 1))).toBe('2026-03-10T18:00:00.000Z');
  });
});

describe('bad input', () => {
  it('lists every problem of an invalid spec with its path', () => {
    const r = safeCreateCalendar({
      timeZone: 'Mars/Olympus',
      weekly: { mon: ['25:00-26:00', '09:00-12:00', '11:00-13:00'], tue: ['9-5'] },
      holidays: ['2026-02-30', { date: '--13-01' }],
      overrides: [{ date: '--12-24', hours: [] }, { date: '2026-12-31', hours: ['24:00-01:00'] }],
      extra: 1,
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error).toBeInstanceOf(ItsmError);
    expect(r.error.code).toBe('invalid_definition');
    const paths = r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining([
      '', 'timeZone', 'weekly.mon.0', 'weekly.mon.2', 'weekly.tue.0', 'holidays.0', 'holidays.1.date', 'overrides.0.date', 'overrides.1.hours.0',
    ]));
    expect(r.error.message).toContain('weekly.mon[0]: "25:00" is not a time of day');
  });

  it('rejects instants that are not instants, naming the argument', () => {
    for (const bad of ['2026-03-09 10:00', '2026-03-09T10:00:00', 'yesterday', Number.NaN, new Date('x'), Infinity]) {
      try {
        isBusinessTime(newYork, bad as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ItsmError);
        expect((e as ItsmError).code).toBe('invalid_instant');
        expect((e as ItsmError).message).toMatch(/^t: /);
      }
    }
    expect(() => businessTimeBetween(newYork, 0, 'nope')).toThrow(/^to: /);
    expect(() => addBusinessTime(newYork, 0, Number.NaN)).toThrow(/ms: NaN/);
  });

  it('fails with no_business_time instead of hanging when the calendar never opens', () => {
    const closed = createCalendar({ timeZone: 'UTC', weekly: {} });
    const never = intersectCalendars(
      createCalendar({ timeZone: 'UTC', weekly: { mon: ['09:00-10:00'] } }),
      createCalendar({ timeZone: 'UTC', weekly: { tue: ['09:00-10:00'] } }),
    );
    for (const cal of [closed, never]) {
      for (const f of [() => addBusinessTime(cal, 0, H), () => addBusinessTime(cal, 0, -H), () => nextBusinessTime(cal, 0), () => addBusinessDays(cal, 0, 1)]) {
        expect(f).toThrow(expect.objectContaining({ code: 'no_business_time' }));
      }
    }
  });

  it('stops after ten empty years even when the calendar opens again later', () => {
    const once = createCalendar({ timeZone: 'UTC', weekly: {}, overrides: [{ date: '2040-01-02', hours: ['09:00-17:00'] }] });
    expect(() => addBusinessTime(once, '2026-01-01T00:00:00Z', H)).toThrow(expect.objectContaining({ code: 'no_business_time' }));
    expect(iso(addBusinessTime(once, '2035-01-01T00:00:00Z', H))).toBe('2040-01-02T10:00:00.000Z');
  });

  it('names an unknown zone when formatting', () => {
    expect(() => formatInstant(0, 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'unknown_time_zone', message: expect.stringMatching(/^timeZone:/) }));
    expect(formatInstant('2026-03-09T13:00:00Z', 'America/New_York')).toBe('2026-03-09 09:00 -04:00');
  });

  it('rejects something that is not a calendar', () => {
    expect(() => isBusinessTime({} as never, 0)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => unionCalendars()).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('purity', () => {
  it('neither mutates nor keeps the spec it was given', () => {
    const spec = { timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] }, holidays: ['2026-03-16'] };
    const before = JSON.stringify(spec);
    const cal = createCalendar(spec);
    expect(JSON.stringify(spec)).toBe(before);
    spec.weekly.mon[0] = '00:00-24:00';
    expect(businessTimeBetween(cal, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z')).toBe(8 * H);
    expect(Object.isFrozen(cal.spec)).toBe(true);
  });

  it('accepts a deeply frozen spec and leaves Date arguments unchanged', () => {
    const spec = Object.freeze({ timeZone: 'UTC', weekly: Object.freeze({ mon: Object.freeze(['09:00-17:00']) }) });
    const cal = createCalendar(spec);
    const t = new Date('2026-03-09T08:00:00Z');
    addBusinessTime(cal, t, H);
    businessIntervals(cal, t, new Date('2026-03-10T00:00:00Z'));
    expect(t.toISOString()).toBe('2026-03-09T08:00:00.000Z');
  });
});
