import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { calendarSpecJsonSchema, CalendarSpecSchema } from '../../src/calendar/index.js';

const validCalendar = new Ajv2020({ strict: false, allErrors: true }).compile(calendarSpecJsonSchema());

describe('the exported JSON Schema of calendar specs', () => {
  it('validate calendar specs by structure and by the shape of times and dates', () => {
    const good = { timeZone: 'Europe/London', weekly: { mon: ['09:00-17:00', '22:00-06:00'] }, holidays: ['2026-12-25', '--01-01', { date: '--05-01', name: 'May Day' }], overrides: [{ date: '2026-12-24', hours: [] }] };
    expect(CalendarSpecSchema.safeParse(good).success).toBe(true);
    expect(validCalendar(good), JSON.stringify(validCalendar.errors)).toBe(true);
    for (const bad of [
      { timeZone: 'UTC', weekly: { mon: ['9-5'] } },
      { timeZone: 'UTC', weekly: { monday: ['09:00-17:00'] } },
      { timeZone: 'UTC', weekly: {}, holidays: ['25/12/2026'] },
      { weekly: {} },
    ]) {
      expect(CalendarSpecSchema.safeParse(bad).success).toBe(false);
      expect(validCalendar(bad)).toBe(false);
    }
  });

});
