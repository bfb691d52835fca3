import { unknownTimeZoneError } from '../core/messages.js';
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { intersectCalendars, subtractCalendars, unionCalendars } from './compose.js';
import { WeeklyCalendar } from './weekly.js';
import { isKnownTimeZone } from './zone.js';

const cache = new WeakMap<BusinessCalendar, Map<string, BusinessCalendar>>();

/**
 * The same hours, holidays and overrides read in another zone: a customer's 09:00-17:00 in the customer's zone.
 * A composite is re-zoned part by part. Results are cached per calendar and zone.
 *
 * @param cal - The calendar.
 * @param timeZone - The IANA zone to read its hours in.
 * @returns A calendar in `timeZone` (`cal` itself when it is already in that zone and not composite).
 * @throws {@link core!ItsmError} `unknown_time_zone` for a zone the platform does not know; `invalid_argument`
 * when `cal` is not a calendar.
 * @example
 * ```ts
 * const tokyoHours = withTimeZone(officeHours, 'Asia/Tokyo');
 * ```
 * @category Calendar
 */
export function withTimeZone(cal: BusinessCalendar, timeZone: string): BusinessCalendar {
  const engine = engineOf(cal);
  if (!isKnownTimeZone(timeZone)) throw unknownTimeZoneError('timeZone', timeZone);
  if (engine.kind === 'weekly' && engine.timeZone === timeZone) return engine;
  let byZone = cache.get(engine);
  if (byZone === undefined) {
    byZone = new Map();
    cache.set(engine, byZone);
  }
  let out = byZone.get(timeZone);
  if (out === undefined) {
    if (engine.spec !== null) out = new WeeklyCalendar({ ...engine.spec, timeZone } as never);
    else {
      const parts = engine.parts.map((p) => withTimeZone(p, timeZone));
      out = engine.kind === 'union' ? unionCalendars(...parts) : engine.kind === 'intersection' ? intersectCalendars(...parts) : subtractCalendars(parts[0]!, parts[1]!);
    }
    byZone.set(timeZone, out);
  }
  return out;
}
