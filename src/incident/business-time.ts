// Business time for incident timers. The incident module may not import the calendar (DESIGN), yet a calendar can
// be passed as it is: every BusinessCalendar carries its millisecond kernels under a well-known symbol.
import { businessClockOf, type BusinessClock } from '../core/business-clock.js';
import { argumentError } from '../core/messages.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS } from '../core/instant.js';

/**
 * A business calendar from `itsm-kit/calendar` (`createCalendar(spec)`, a union, ...), passed as `calendar` to
 * count incident timers (auto-close, escalation) in business time.
 *
 * @example
 * ```ts
 * import { createCalendar } from 'itsm-kit/calendar';
 * const calendar: IncidentCalendar = createCalendar({ timeZone: 'Europe/Paris', weekly: { mon: ['09:00-17:00'] } });
 * autoCloseDueAt(resolved, 'P3D', { calendar });
 * ```
 * @category Incident
 */
export interface IncidentCalendar {
  /** The calendar's time zone. */
  readonly timeZone: string;
}

const ROUND_THE_CLOCK: BusinessClock = Object.freeze({
  addBusinessMs: (t: number, ms: number) => t + ms,
  nextBusinessMs: (t: number) => t,
});

/** The clock of an optional `calendar` option: wall-clock time without one. @internal */
export function clockOption(calendar: unknown, field: string): BusinessClock {
  if (calendar === undefined) return ROUND_THE_CLOCK;
  const clock = businessClockOf(calendar);
  if (clock === null) throw argumentError(field, calendar, 'a BusinessCalendar; build one with createCalendar(spec) from itsm-kit/calendar');
  return clock;
}

/** Whether `ms` is an instant of the supported range (years 0001 to 9999); later timers never fire. @internal */
export function isSupportedMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_SUPPORTED_MS && ms < MAX_SUPPORTED_MS;
}

