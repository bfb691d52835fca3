import { ItsmError } from '../core/errors.js';
import { quote } from '../core/describe.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import type { CompiledSla } from './definition.js';

/** What a clock needs besides its definition. */
export interface ClockEnv {
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
  readonly explain: boolean;
  readonly onSwitch: 'carry' | 'restart';
}

/** Resolves a definition's calendar key. */
export function calendarFor(sla: CompiledSla, env: ClockEnv, builtIn: BusinessCalendar): BusinessCalendar {
  const key = sla.def.calendar;
  const cal = Object.prototype.hasOwnProperty.call(env.calendars, key) ? env.calendars[key] : key === '24x7' ? builtIn : undefined;
  if (cal === undefined) {
    const known = [...Object.keys(env.calendars), '24x7'].map(quote).join(', ');
    throw new ItsmError('unknown_calendar', `SLA definition ${quote(sla.def.id)}: calendar ${quote(key)} is not in options.calendars (known: ${known}); pass it as options.calendars[${quote(key)}].`, { details: { slaId: sla.def.id, calendar: key } });
  }
  return cal;
}

/** What a clock runs under, prepared once per batch: the candidate definitions and their calendars. */
export interface ClockPlan {
  readonly slas: readonly CompiledSla[];
  readonly cals: readonly BusinessCalendar[];
  readonly recordPauses: boolean;
}

/** Prepares the plan of a clock (resolving calendar keys, so an unknown key fails before any ticket). */
export function planClock(slas: readonly CompiledSla[], env: ClockEnv, builtIn24x7: BusinessCalendar): ClockPlan {
  return {
    slas,
    cals: slas.map((c) => calendarFor(c, env, builtIn24x7)),
    recordPauses: slas.some((c) => c.def.retroactiveStart !== undefined),
  };
}

