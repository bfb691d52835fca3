import { describe, expectTypeOf, it } from 'vitest';
import type { BusinessCalendar } from '../../src/calendar/index.js';
import type { Condition, Instant } from '../../src/core/index.js';
import {
  evaluateTickets,
  evaluateSla,
  type SlaDefinition,
  type SlaResult,
  type SlaStage,
  type SlaTicketResult,
  type TicketEvent,
} from '../../src/sla/index.js';

describe('SLA types', () => {
  it('takes a definition, events and options, and returns an SlaResult', () => {
    expectTypeOf(evaluateSla).parameter(0).toEqualTypeOf<SlaDefinition>();
    expectTypeOf(evaluateSla).parameter(1).toEqualTypeOf<readonly TicketEvent[]>();
    expectTypeOf(evaluateSla).returns.toEqualTypeOf<SlaResult>();
    expectTypeOf<SlaResult['stage']>().toEqualTypeOf<SlaStage>();
    expectTypeOf<SlaResult['dueAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<SlaResult['nextChangeAt']>().toEqualTypeOf<Date | null>();
  });

  it('accepts any instant form for events and now', () => {
    expectTypeOf<TicketEvent['at']>().toEqualTypeOf<Instant>();
    expectTypeOf<Parameters<typeof evaluateSla>[2]['now']>().toEqualTypeOf<Instant>();
    expectTypeOf<NonNullable<Parameters<typeof evaluateSla>[2]['calendars']>>().toEqualTypeOf<Readonly<Record<string, BusinessCalendar>>>();
  });

  it('accepts plain JSON conditions and rejects a field condition without an operator', () => {
    expectTypeOf<{ field: 'state'; eq: 'on_hold' }>().toMatchTypeOf<Condition>();
    expectTypeOf<{ any: [{ event: 'HOLD' }, true] }>().toMatchTypeOf<Condition>();
    expectTypeOf<{ field: 'state' }>().not.toMatchTypeOf<Condition>();
  });

  it('yields a discriminated success / error union per ticket', () => {
    expectTypeOf(evaluateTickets).returns.toEqualTypeOf<Generator<SlaTicketResult, void, undefined>>();
    expectTypeOf<Extract<SlaTicketResult, { success: true }>['data']>().toEqualTypeOf<SlaResult[]>();
  });
});
