import { readdirSync, readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, createCalendar, isBusinessTime, type CalendarSpec } from 'itsm-kit/calendar';
import { isItsmError } from 'itsm-kit/core';
import { calendarSpecWithHolidays, holidaysFromDateHolidays } from 'itsm-kit/holidays';

const day = ['09:00-17:00'];
const officeIn = (timeZone: string): CalendarSpec => ({ timeZone, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } });
const dates = (list: ReadonlyArray<{ date: string }>): string[] => list.map((h) => h.date);

describe('holidaysFromDateHolidays on real countries', () => {
  it('turns German Christmas Eve and New Year\'s Eve (bank holidays from 14:00) into half-day overrides', () => {
    const { holidays, overrides } = holidaysFromDateHolidays(new Holidays('DE'), { years: 2026, weekly: officeIn('Europe/Berlin').weekly });
    expect(overrides).toEqual([
      { date: '2026-12-24', hours: ['09:00-14:00'], name: 'Heiliger Abend' },
      { date: '2026-12-31', hours: ['09:00-14:00'], name: 'Silvester' },
    ]);
    expect(dates(holidays)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26']);
  });

  it('keeps the US federal holidays and the substitute day of Independence Day, not optional Christmas Eve', () => {
    const { holidays, overrides } = holidaysFromDateHolidays(new Holidays('US'), { years: 2026 });
    expect(overrides).toEqual([]);
    expect(dates(holidays)).toContain('2026-07-03');
    expect(dates(holidays)).toContain('2026-11-26');
    expect(dates(holidays)).not.toContain('2026-12-24');
    expect(holidays.find((h) => h.date === '2026-07-03')!.name).toBe('Independence Day (substitute day)');
  });

  it('keeps the GB Boxing Day substitute and the French public holidays', () => {
    expect(dates(holidaysFromDateHolidays(new Holidays('GB'), { years: 2026 }).holidays)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-12-25', '2026-12-26', '2026-12-28',
    ]);
    expect(holidaysFromDateHolidays(new Holidays('FR'), { years: 2026 }).holidays).toHaveLength(11);
  });

  it('reads Japanese holidays in Asia/Tokyo, bank days of the new year included', () => {
    const { holidays } = holidaysFromDateHolidays(new Holidays('JP'), { years: [2026] });
    expect(dates(holidays).slice(0, 3)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(holidays.find((h) => h.date === '2026-05-06')!.name).toContain('振替休日');
  });

  it('reads a holiday on a DST night as a whole day (Easter Sunday 2027 in Germany is 23 hours long)', () => {
    const { holidays, overrides } = holidaysFromDateHolidays(new Holidays('DE'), { years: 2027, types: ['observance'] });
    expect(dates(holidays)).toContain('2027-03-28');
    expect(dates(overrides)).not.toContain('2027-03-28');
  });

  it('merges several holidays of one date and reads several years', () => {
    const hd = new Holidays('US');
    hd.setHoliday('07-04', { name: 'Company day', type: 'public' });
    const { holidays } = holidaysFromDateHolidays(hd, { years: [2027, 2026, 2026] });
    const july4 = holidays.filter((h) => h.date === '2026-07-04');
    expect(july4).toHaveLength(1);
    expect(july4[0]!.name.split(' / ').sort()).toEqual(['Company day', 'Independence Day']);
    expect(holidays.some((h) => h.date.startsWith('2027-'))).toBe(true);
    expect(dates(holidays)).toEqual([...dates(holidays)].sort());
  });

  it('makes no override for a closure outside the day\'s hours (Halloween from 18:00)', () => {
    const { overrides } = holidaysFromDateHolidays(new Holidays('US'), { years: 2026, types: ['observance'], weekly: officeIn('America/New_York').weekly });
    expect(dates(overrides)).not.toContain('2026-10-31');
  });
});

describe('calendarSpecWithHolidays', () => {
  it('builds a Berlin calendar whose Christmas Eve closes at 14:00', () => {
    const cal = createCalendar(calendarSpecWithHolidays(officeIn('Europe/Berlin'), new Holidays('DE', 'BE'), { years: 2026 }));
    expect(isBusinessTime(cal, '2026-12-24T13:59:00+01:00')).toBe(true);
    expect(isBusinessTime(cal, '2026-12-24T14:00:00+01:00')).toBe(false);
    expect(isBusinessTime(cal, '2026-12-25T10:00:00+01:00')).toBe(false);
    // Thursday 24th 13:00 + 2 business hours: one hour before 14:00, then Monday 28th 09:00 + 1 h.
    expect(addBusinessTime(cal, '2026-12-24T13:00:00+01:00', 2 * 3_600_000).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });

  it('keeps the spec\'s own holidays and overrides, which win, and does not mutate the spec', () => {
    const spec: CalendarSpec = { ...officeIn('Europe/Berlin'), holidays: ['--12-31'], overrides: [{ date: '2026-12-24', hours: ['09:00-12:00'] }] };
    const copy = structuredClone(spec);
    const out = calendarSpecWithHolidays(spec, new Holidays('DE'), { years: 2026 });
    expect(spec).toEqual(copy);
    expect(out.overrides).toEqual([{ date: '2026-12-24', hours: ['09:00-12:00'] }]);
    expect(out.holidays![0]).toBe('--12-31');
    expect(createCalendar(out)).toBeDefined();
  });
});

describe('bad input', () => {
  const codeOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (isItsmError(e)) return e.code;
      throw e;
    }
    return 'no error';
  };

  it('asks for the years, since the library has no clock', () => {
    expect(codeOf(() => holidaysFromDateHolidays(new Holidays('US')))).toBe('invalid_argument');
    expect(codeOf(() => holidaysFromDateHolidays(new Holidays('US'), { years: [] }))).toBe('invalid_argument');
    expect(codeOf(() => holidaysFromDateHolidays(new Holidays('US'), { years: 2026.5 }))).toBe('invalid_argument');
  });

  it('rejects something that is not a date-holidays instance, and an unknown zone', () => {
    expect(codeOf(() => holidaysFromDateHolidays({} as never, { years: 2026 }))).toBe('invalid_argument');
    expect(codeOf(() => holidaysFromDateHolidays({ getHolidays: () => [{ date: 'soon', end: new Date(0), name: 'x', type: 'public' }] }, { years: 2026 }))).toBe('invalid_argument');
    expect(codeOf(() => holidaysFromDateHolidays(new Holidays('US'), { years: 2026, timeZone: 'Mars/Base' }))).toBe('unknown_time_zone');
  });
});

describe('against a naive oracle: date-holidays\' own isHoliday, every 30 minutes of a year', () => {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  const wall = (zone: string, t: number): { weekday: string; minutes: number } => {
    let f = formatters.get(zone);
    if (f === undefined) formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
    const parts = f.formatToParts(t);
    const get = (type: string): string => parts.find((p) => p.type === type)!.value;
    return { weekday: get('weekday'), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
  };
  const cases = [['DE', 'Europe/Berlin'], ['US', 'America/New_York'], ['GB', 'Europe/London'], ['FR', 'Europe/Paris'], ['JP', 'Asia/Tokyo']] as const;
  for (const [country, zone] of cases) {
    it(`agrees for ${country} in 2026`, () => {
      const hd = new Holidays(country);
      const closures = hd.getHolidays(2026).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => [h.start.getTime(), h.end.getTime()] as const);
      const cal = createCalendar(calendarSpecWithHolidays(officeIn(zone), hd, { years: 2026 }));
      let checked = 0;
      for (let t = Date.UTC(2026, 0, 2); t < Date.UTC(2026, 11, 31); t += 900_000) {
        const w = wall(zone, t);
        const weekdayOpen = !['Sat', 'Sun'].includes(w.weekday) && w.minutes >= 540 && w.minutes < 1020;
        const closed = closures.some(([a, b]) => a <= t && t < b);
        expect(isBusinessTime(cal, t), `${country} ${new Date(t).toISOString()}`).toBe(weekdayOpen && !closed);
        checked++;
      }
      expect(checked).toBeGreaterThan(34_000);
    });
  }
});

describe('the module rule', () => {
  it('imports only calendar and core, and never date-holidays itself', () => {
    const dir = new URL('../../src/holidays/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const m of text.matchAll(/^import .* from '([^']+)';$/gm)) expect(m[1], `${file}: ${m[1]}`).toMatch(/^(\.\/|\.\.\/(calendar|core)\/)/);
    }
  });
});
