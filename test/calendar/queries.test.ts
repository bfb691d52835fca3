import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  calendar24x7,
  createCalendar,
  isBusinessDay,
  isHoliday,
  nextClosing,
  nextOpening,
  previousBusinessTime,
  previousClosing,
  previousOpening,
  subtractCalendars,
  unionCalendars,
} from '../../src/calendar/index.js';

const weekdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const newYork = createCalendar({
  timeZone: 'America/New_York',
  weekly: weekdays(['09:00-17:00']),
  holidays: ['2026-11-26', { date: '--12-25', name: 'Christmas Day' }, '2026-12-24'],
  overrides: [
    { date: '2026-12-24', hours: ['09:00-12:00'], name: 'Christmas Eve' },
    { date: '2026-03-14', hours: ['10:00-14:00'], name: 'Saturday release' },
    { date: '2026-12-31', hours: [] },
  ],
});
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

describe('previousBusinessTime: the mirror of nextBusinessTime', () => {
  it('goes back from a weekend to the Friday close, not to the millisecond before it', () => {
    expect(iso(previousBusinessTime(newYork, '2026-03-07T12:00:00-05:00'))).toBe('2026-03-06T22:00:00.000Z');
  });

  it('returns t inside business hours, at the opening instant and at the closing instant', () => {
    for (const t of ['2026-03-09T11:00:00-04:00', '2026-03-09T09:00:00-04:00', '2026-03-09T17:00:00-04:00']) {
      expect(previousBusinessTime(newYork, t).getTime()).toBe(Date.parse(t));
    }
  });

  it('returns the close one millisecond after it, and the previous close just before an opening', () => {
    expect(iso(previousBusinessTime(newYork, Date.parse('2026-03-09T17:00:00-04:00') + 1))).toBe('2026-03-09T21:00:00.000Z');
    expect(iso(previousBusinessTime(newYork, Date.parse('2026-03-10T09:00:00-04:00') - 1))).toBe('2026-03-09T21:00:00.000Z');
  });

  it('ends an overnight shift in the morning it reaches', () => {
    const nights = createCalendar({ timeZone: 'Europe/London', weekly: { mon: ['22:00-06:00'] } });
    expect(iso(previousBusinessTime(nights, '2026-03-10T12:00:00Z'))).toBe('2026-03-10T06:00:00.000Z');
  });

  it('fails with no_business_time for a calendar that was never open', () => {
    const closed = createCalendar({ timeZone: 'UTC', weekly: {} });
    expect(() => previousBusinessTime(closed, '2026-03-09T00:00:00Z')).toThrow(expect.objectContaining({ code: 'no_business_time' }));
  });
});

describe('openings and closings', () => {
  it('gives the next opening and closing strictly after t and the previous ones at or before t', () => {
    const friday10 = '2026-03-06T10:00:00-05:00';
    expect(iso(nextOpening(newYork, friday10))).toBe('2026-03-09T13:00:00.000Z'); // Friday has opened already
    expect(iso(nextClosing(newYork, friday10))).toBe('2026-03-06T22:00:00.000Z');
    expect(iso(previousOpening(newYork, friday10))).toBe('2026-03-06T14:00:00.000Z');
    expect(iso(previousClosing(newYork, friday10))).toBe('2026-03-05T22:00:00.000Z');
  });

  it('counts a transition at t as having happened: at 09:00 the previous opening is 09:00 and the next one is tomorrow', () => {
    const opening = '2026-03-09T09:00:00-04:00';
    expect(previousOpening(newYork, opening)!.getTime()).toBe(Date.parse(opening));
    expect(iso(nextOpening(newYork, opening))).toBe('2026-03-10T13:00:00.000Z');
    const closing = '2026-03-09T17:00:00-04:00';
    expect(previousClosing(newYork, closing)!.getTime()).toBe(Date.parse(closing));
    expect(iso(nextClosing(newYork, closing))).toBe('2026-03-10T21:00:00.000Z');
  });

  it('sees no closing where an overnight shift meets the next day’s hours', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: { mon: ['20:00-08:00'], tue: ['08:00-12:00'] } });
    expect(iso(nextClosing(cal, '2026-03-09T21:00:00Z'))).toBe('2026-03-10T12:00:00.000Z');
    expect(iso(previousOpening(cal, '2026-03-10T11:00:00Z'))).toBe('2026-03-09T20:00:00.000Z');
  });

  it('joins a stretch across the UTC new year (the engine compiles per year)', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: { thu: ['22:00-02:00'] } }); // 2026-12-31 is a Thursday
    expect(iso(nextClosing(cal, '2026-12-31T23:00:00Z'))).toBe('2027-01-01T02:00:00.000Z');
    expect(iso(previousOpening(cal, '2027-01-01T01:00:00Z'))).toBe('2026-12-31T22:00:00.000Z');
    expect(iso(nextOpening(cal, '2026-12-31T23:00:00Z'))).toBe('2027-01-07T22:00:00.000Z');
  });

  it('opens an interval that starts inside the spring-forward gap where the gap ends', () => {
    const cal = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['02:30-04:00'] } });
    expect(iso(nextOpening(cal, '2026-03-08T00:00:00-05:00'))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
  });

  it('returns null for a calendar that is always open or never opens', () => {
    for (const cal of [calendar24x7('Europe/Paris'), createCalendar({ timeZone: 'UTC', weekly: {} })]) {
      for (const f of [nextOpening, nextClosing, previousOpening, previousClosing]) expect(f(cal, '2026-03-09T00:00:00Z')).toBeNull();
    }
  });

  it('finds the transitions of a composite from its parts', () => {
    const maintenance = createCalendar({ timeZone: 'UTC', weekly: { sun: ['02:00-04:00'] } });
    const service = subtractCalendars(calendar24x7(), maintenance);
    expect(iso(nextClosing(service, '2026-03-09T00:00:00Z'))).toBe('2026-03-15T02:00:00.000Z');
    expect(iso(nextOpening(service, '2026-03-09T00:00:00Z'))).toBe('2026-03-15T04:00:00.000Z');
  });
});

describe('addBusinessDays with a negative n: the previous business days', () => {
  it('gives the previous business day’s close, whatever the time of t', () => {
    expect(iso(addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', -1))).toBe('2026-03-06T22:00:00.000Z');
    expect(iso(addBusinessDays(newYork, '2026-03-09T23:00:00-04:00', -1))).toBe('2026-03-06T22:00:00.000Z');
    expect(iso(addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', -2))).toBe('2026-03-05T22:00:00.000Z');
  });

  it('skips holidays and honours overrides going backwards, and takes `at`', () => {
    expect(iso(addBusinessDays(newYork, '2026-11-27T10:00:00-05:00', -1))).toBe('2026-11-25T22:00:00.000Z'); // Thanksgiving skipped
    expect(iso(addBusinessDays(newYork, '2026-03-16T10:00:00-04:00', -1))).toBe('2026-03-14T18:00:00.000Z'); // Saturday release
    expect(iso(addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', -1, { at: '12:00' }))).toBe('2026-03-06T17:00:00.000Z');
  });

  it('mirrors a large n in either direction in bounded time, skipping whole years', () => {
    const started = performance.now();
    const far = addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', 200_000);
    const back = addBusinessDays(newYork, far, -200_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(iso(back)).toBe('2026-03-09T21:00:00.000Z');
  });

  it('refuses a count that would leave years 0001-9999', () => {
    expect(() => addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', -800_000)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('businessDaysBetween: business days by local date in [from, to)', () => {
  it('counts Friday and Monday between Friday and Tuesday, and is negative when reversed', () => {
    expect(businessDaysBetween(newYork, '2026-03-06', '2026-03-10')).toBe(2);
    expect(businessDaysBetween(newYork, '2026-03-10', '2026-03-06')).toBe(-2);
    expect(businessDaysBetween(newYork, '2026-03-06', '2026-03-06')).toBe(0);
  });

  it('reads instants in the calendar’s zone: 03:00Z on Tuesday is still Monday in New York', () => {
    expect(businessDaysBetween(newYork, '2026-03-09T12:00:00Z', '2026-03-10T03:00:00Z')).toBe(0);
    expect(businessDaysBetween(newYork, '2026-03-09T12:00:00Z', '2026-03-10T05:00:00Z')).toBe(1);
  });

  it('leaves out holidays and empty overrides and counts a weekend override', () => {
    expect(businessDaysBetween(newYork, '2026-11-23', '2026-11-30')).toBe(4);
    expect(businessDaysBetween(newYork, '2026-03-09', '2026-03-16')).toBe(6);
    expect(businessDaysBetween(newYork, '2026-12-28', '2027-01-04')).toBe(4);
  });

  it('counts across millennia in bounded time', () => {
    const started = performance.now();
    const n = businessDaysBetween(newYork, '2026-01-01', '9999-12-31');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(n).toBeGreaterThan(2_000_000);
  });
});

describe('isBusinessDay', () => {
  it('is true on a weekday, false on a weekend, a holiday and an empty override, true on a weekend override', () => {
    expect(isBusinessDay(newYork, '2026-03-09')).toBe(true);
    expect(isBusinessDay(newYork, '2026-03-08')).toBe(false);
    expect(isBusinessDay(newYork, '2026-12-25')).toBe(false);
    expect(isBusinessDay(newYork, '2026-12-31')).toBe(false);
    expect(isBusinessDay(newYork, '2026-03-14')).toBe(true);
  });

  it('is false for hours that lie wholly in a spring-forward gap or on a skipped day', () => {
    const gap = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['02:00-02:30'] } });
    expect(isBusinessDay(gap, '2026-03-08')).toBe(false);
    expect(isBusinessDay(gap, '2026-03-15')).toBe(true);
    const apia = createCalendar({ timeZone: 'Pacific/Apia', weekly: weekdays(['09:00-17:00']) });
    expect(isBusinessDay(apia, '2011-12-30')).toBe(false); // a Friday that never happened
    expect(isBusinessDay(apia, '2011-12-29')).toBe(true);
  });

  it('takes the local date of an instant in the calendar’s zone', () => {
    expect(isBusinessDay(newYork, '2026-03-09T03:00:00Z')).toBe(false); // Sunday evening in New York
  });

  it('counts a composite’s dates in its first part’s zone', () => {
    const both = unionCalendars(newYork, createCalendar({ timeZone: 'Asia/Tokyo', weekly: { sat: ['09:00-17:00'] } }));
    expect(isBusinessDay(both, '2026-03-06')).toBe(true);
    expect(isBusinessDay(both, '2026-03-06T20:00:00-05:00')).toBe(true); // Saturday morning in Tokyo, Friday in New York
    expect(isBusinessDay(both, '2026-03-08')).toBe(false);
  });
});

describe('isHoliday: which entry decides a date', () => {
  it('names the holiday that closes a date, dated or annual', () => {
    expect(isHoliday(newYork, '2026-11-26')).toEqual({
      date: '2026-11-26', kind: 'holiday', closed: true, name: null, path: ['holidays', 0], entry: '2026-11-26', hours: [], beats: null,
    });
    expect(isHoliday(newYork, '2030-12-25')).toMatchObject({ kind: 'holiday', name: 'Christmas Day', entry: '--12-25', path: ['holidays', 1] });
  });

  it('lets an override beat a holiday on the same date and says which one it beats', () => {
    expect(isHoliday(newYork, '2026-12-24')).toEqual({
      date: '2026-12-24',
      kind: 'override',
      closed: false,
      name: 'Christmas Eve',
      path: ['overrides', 0],
      entry: '2026-12-24',
      hours: ['09:00-12:00'],
      beats: { path: ['holidays', 2], entry: '2026-12-24', name: null },
    });
    expect(isBusinessDay(newYork, '2026-12-24')).toBe(true);
  });

  it('reports an empty override as closing the date, and null where the weekly hours apply', () => {
    expect(isHoliday(newYork, '2026-12-31')).toMatchObject({ kind: 'override', closed: true, hours: [], beats: null });
    expect(isHoliday(newYork, '2026-03-09')).toBeNull();
    expect(isHoliday(newYork, '2026-03-08')).toBeNull(); // a closed Sunday is not a holiday
  });

  it('reports a dated holiday before an annual one listed for the same date', () => {
    const cal = createCalendar({ timeZone: 'UTC', weekly: {}, holidays: ['--01-01', { date: '2027-01-01', name: 'New Year 2027' }] });
    expect(isHoliday(cal, '2027-01-01')).toMatchObject({ path: ['holidays', 1], name: 'New Year 2027' });
    expect(isHoliday(cal, '2028-01-01')).toMatchObject({ path: ['holidays', 0], entry: '--01-01' });
  });

  it('reads an instant’s local date, and refuses a composite and a bad date', () => {
    expect(isHoliday(newYork, '2026-12-26T03:00:00Z')).toMatchObject({ date: '2026-12-25' });
    expect(() => isHoliday(unionCalendars(newYork), '2026-12-25')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => isHoliday(newYork, '2026-02-30')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => isHoliday(newYork, '0000-12-25')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('a calendar open around the clock', () => {
  it('still closes its annual and dated holidays', () => {
    const allDay = ['00:00-24:00'];
    const cal = createCalendar({
      timeZone: 'Europe/Paris',
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      holidays: ['--12-25', '2027-05-01'],
    });
    expect(iso(nextClosing(cal, '2026-12-20T00:00:00Z'))).toBe('2026-12-24T23:00:00.000Z');
    expect(iso(nextClosing(cal, '2027-04-20T00:00:00Z'))).toBe('2027-04-30T22:00:00.000Z');
    expect(isBusinessDay(cal, '2030-12-25')).toBe(false);
  });
});
