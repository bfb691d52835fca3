import { describe, expectTypeOf, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  isHoliday,
  nextClosing,
  nextOpening,
  previousBusinessTime,
  previousClosing,
  previousOpening,
  type DateRule,
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

  it('types the peers\' queries: Dates or null for transitions, numbers and structured rules for days', () => {
    expectTypeOf(previousBusinessTime).returns.toEqualTypeOf<Date>();
    for (const f of [nextOpening, nextClosing, previousOpening, previousClosing]) expectTypeOf(f).returns.toEqualTypeOf<Date | null>();
    expectTypeOf(businessDaysBetween).returns.toEqualTypeOf<number>();
    expectTypeOf(isBusinessDay).returns.toEqualTypeOf<boolean>();
    expectTypeOf(isHoliday).returns.toEqualTypeOf<DateRule | null>();
    expectTypeOf<DateRule['kind']>().toEqualTypeOf<'holiday' | 'override'>();
    expectTypeOf(addBusinessDays).parameter(3).toEqualTypeOf<{ readonly at?: string } | undefined>();
    expectTypeOf(businessIntervals).parameter(3).toEqualTypeOf<{ readonly limit?: number } | undefined>();
  });

  it('accepts readonly, frozen specs', () => {
    const spec = { timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] } } as const;
    expectTypeOf(spec).toMatchTypeOf<CalendarSpec>();
  });
});
