// Issue 8, calendar items: each class of defect has its own named regression test here.
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessIntervals,
  businessTimeBetween,
  calendar24x7,
  createCalendar,
  formatInstant,
  nextBusinessTime,
  safeCreateCalendar,
  subtractCalendars,
  withTimeZone,
} from '../../src/calendar/index.js';
import { ItsmError } from '../../src/core/errors.js';

const wk = ['09:00-17:00'];
const weekdays = { mon: wk, tue: wk, wed: wk, thu: wk, fri: wk };
const YEAR_0001 = '0001-01-01T00:00:00Z';
const YEAR_9999 = '9999-12-31T23:59:59Z';

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

describe('cost bounded by the work, not by the span (issue 8, class 7)', () => {
  it('measures an empty calendar over years 0001-9999 without compiling every year', () => {
    const empty = createCalendar({ timeZone: 'America/New_York', weekly: {} });
    const r = timed(() => businessTimeBetween(empty, YEAR_0001, YEAR_9999));
    expect(r.value).toBe(0);
    expect(r.ms).toBeLessThan(500); // about 10 ms; it took 2 s when every year was compiled
    const composite = subtractCalendars(empty, calendar24x7());
    expect(timed(() => businessTimeBetween(composite, YEAR_9999, YEAR_0001)).ms).toBeLessThan(500);
  });

  it('measures office hours from 2026 to 9999 in bounded time: one 400-year cycle compiled, the rest repeated', () => {
    const ny = createCalendar({ timeZone: 'America/New_York', weekly: weekdays, holidays: ['--12-25', '--07-04'] });
    const r = timed(() => businessTimeBetween(ny, '2026-01-01T00:00:00Z', YEAR_9999));
    expect(r.ms).toBeLessThan(4_000);
    expect(r.value).toBeGreaterThan(7_900 * 250 * 8 * 3_600_000);
    // Adding it back lands on the last business instant of the range.
    const back = timed(() => addBusinessTime(ny, '2026-01-01T00:00:00Z', r.value));
    expect(back.ms).toBeLessThan(1_000);
    expect(businessTimeBetween(ny, back.value, YEAR_9999)).toBe(0);
  });

  it('gives a repeated year exactly the business time of the year compiled on its own', () => {
    for (const timeZone of ['America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'Africa/Casablanca', 'Europe/Dublin']) {
      const spec = { timeZone, weekly: { ...weekdays, sun: ['01:00-03:00'] }, holidays: ['--03-08', '--11-01', '2450-06-01'] };
      const whole = createCalendar(spec), byYear = createCalendar(spec);
      const from = Date.UTC(2440, 0, 1), to = Date.UTC(2470, 0, 1);
      let sum = 0;
      for (let y = 2440; y < 2470; y++) sum += businessTimeBetween(byYear, Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1));
      expect(businessTimeBetween(whole, from, to)).toBe(sum);
    }
  });

  it('adds a huge amount of business time without compiling the years it passes over', () => {
    const once = createCalendar({ timeZone: 'UTC', weekly: {}, overrides: [{ date: '9000-01-03', hours: ['09:00-17:00'] }] });
    expect(() => addBusinessTime(once, YEAR_0001, 1)).toThrow(expect.objectContaining({ code: 'no_business_time' }));
    expect(timed(() => nextBusinessTime(once, '8995-01-01T00:00:00Z')).value.toISOString()).toBe('9000-01-03T09:00:00.000Z');
  });

  it('refuses a businessIntervals range holding more than the limit (a year typo), instead of building millions', () => {
    const ny = createCalendar({ timeZone: 'America/New_York', weekly: weekdays });
    const r = timed(() => {
      try {
        businessIntervals(ny, '2026-01-01T00:00:00Z', YEAR_9999);
        return null;
      } catch (e) {
        return e;
      }
    });
    expect(r.value).toBeInstanceOf(ItsmError);
    expect(r.value).toMatchObject({ code: 'invalid_argument', details: { limit: 100_000 } });
    expect(r.ms).toBeLessThan(3_000);
    expect(businessIntervals(ny, '2026-03-02T00:00:00Z', '2026-03-07T00:00:00Z', { limit: 5 })).toHaveLength(5);
    expect(() => businessIntervals(ny, '2026-03-02T00:00:00Z', '2026-03-07T00:00:00Z', { limit: 4 })).toThrow(/more than 4/);
    for (const limit of [0, -1, 1.5, Number.NaN, '10', 10n]) {
      expect(() => businessIntervals(ny, 0, 1, { limit } as never)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(businessIntervals(calendar24x7(), YEAR_0001, YEAR_9999, { limit: Infinity })).toHaveLength(1);
  });
});

describe('formatInstant at the edges of the supported range (issue 8, class 9)', () => {
  it('prints year 0001 as the astronomical local reading, with a local-mean-time offset', () => {
    expect(formatInstant(YEAR_0001, 'UTC')).toBe('0001-01-01 00:00 +00:00');
    expect(formatInstant(YEAR_0001, 'America/New_York')).toBe('0000-12-31 19:03:58 -04:56:02');
    expect(formatInstant('0001-03-01T12:00:00Z', 'Asia/Kolkata')).toMatch(/^0001-03-01 17:53:28 \+05:53:28$/);
  });

  it('prints the last minute of 9999 and a reading past it', () => {
    expect(formatInstant('9999-12-31T23:59:00Z', 'UTC')).toBe('9999-12-31 23:59 +00:00');
    expect(formatInstant('9999-12-31T23:59:00Z', 'Asia/Tokyo')).toBe('+010000-01-01 08:59 +09:00');
  });

  it('refuses instants outside years 0001-9999 and unknown zones with ItsmError', () => {
    for (const t of [-62_135_596_800_001, 253_402_300_800_000, 8.64e15, '0000-12-31T23:59:59Z']) {
      expect(() => formatInstant(t, 'UTC')).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
    }
    for (const zone of ['Mars/Olympus', 'x'.repeat(1_000_000), 1n, null]) {
      expect(() => formatInstant(0, zone as never)).toThrow(expect.objectContaining({ code: 'unknown_time_zone' }));
    }
  });

  it('keeps its documented form: seconds only when the reading is not a whole minute', () => {
    expect(formatInstant('2026-03-09T13:00:00Z', 'America/New_York')).toBe('2026-03-09 09:00 -04:00');
    expect(formatInstant('2026-03-09T13:00:07.900Z', 'America/New_York')).toBe('2026-03-09 09:00:07 -04:00');
    expect(formatInstant('2026-03-09T13:00:00Z', 'Asia/Kathmandu')).toBe('2026-03-09 18:45 +05:45');
    expect(formatInstant('1969-12-31T23:59:30Z', 'UTC')).toBe('1969-12-31 23:59:30 +00:00');
  });
});

describe('specs must be plain data (issue 8, class 9)', () => {
  it('rejects a Map as weekly with a structured issue instead of a calendar that is always closed', () => {
    const r = safeCreateCalendar({ timeZone: 'UTC', weekly: new Map([['mon', wk]]) });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.code).toBe('invalid_definition');
    expect(r.error.issues).toContainEqual(expect.objectContaining({ code: 'invalid_type', path: ['weekly'] }));
    expect(() => createCalendar({ timeZone: 'UTC', weekly: new Map() as never })).toThrow(/weekly: a Map is not a plain object/);
  });

  it('rejects class instances and Dates where plain objects belong, and accepts null-prototype objects', () => {
    class Hours { mon = wk; }
    expect(safeCreateCalendar({ timeZone: 'UTC', weekly: new Hours() }).success).toBe(false);
    expect(safeCreateCalendar({ timeZone: 'UTC', weekly: {}, holidays: [new Date()] }).success).toBe(false);
    expect(safeCreateCalendar(new Map())).toMatchObject({ success: false });
    const bare = Object.assign(Object.create(null), { timeZone: 'UTC', weekly: Object.assign(Object.create(null), { mon: wk }) });
    expect(safeCreateCalendar(bare).success).toBe(true);
  });

  it('reports unknown zones with one message and one code everywhere', () => {
    const r = safeCreateCalendar({ timeZone: 'Mars/Olympus', weekly: {} });
    const issue = r.success ? null : r.error.issues.find((i) => i.path[0] === 'timeZone');
    expect(issue?.code).toBe('unknown_time_zone');
    const errors = [() => calendar24x7('Mars/Olympus'), () => formatInstant(0, 'Mars/Olympus'), () => withTimeZone(calendar24x7(), 'Mars/Olympus')];
    for (const f of errors) {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({ code: 'unknown_time_zone' });
        expect((e as ItsmError).issues[0]?.message).toBe(issue?.message);
      }
    }
  });
});
