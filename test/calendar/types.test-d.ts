import { describe, expectTypeOf, it } from 'vitest';
import {
  addBusinessTime,
  businessIntervals,
  businessTimeBetween,
  createCalendar,
  safeCreateCalendar,
  type BusinessCalendar,
  type BusinessInterval,
  type CalendarSpec,
} from '../../src/calendar/index.js';
import type { Instant, SafeResult } from '../../src/core/index.js';

describe('calendar types', () => {
  it('builds a calendar from a spec, or a safe result from unknown input', () => {
    expectTypeOf(createCalendar).parameter(0).toEqualTypeOf<CalendarSpec>();
    expectTypeOf(createCalendar).returns.toEqualTypeOf<BusinessCalendar>();
    expectTypeOf(safeCreateCalendar).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(safeCreateCalendar).returns.toEqualTypeOf<SafeResult<BusinessCalendar>>();
  });

  it('takes instants in any form and returns Dates and milliseconds', () => {
    expectTypeOf(addBusinessTime).parameter(1).toEqualTypeOf<Instant>();
    expectTypeOf(addBusinessTime).returns.toEqualTypeOf<Date>();
    expectTypeOf(businessTimeBetween).returns.toEqualTypeOf<number>();
    expectTypeOf(businessIntervals).returns.toEqualTypeOf<BusinessInterval[]>();
  });

  it('accepts readonly, frozen specs', () => {
    const spec = { timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] } } as const;
    expectTypeOf(spec).toMatchTypeOf<CalendarSpec>();
  });
});
