import { validationError } from '../core/errors.js';
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { intersectCalendars, subtractCalendar, unionCalendars } from './compose.js';
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
 * @throws {@link core!ItsmError} `invalid_definition` for an unknown zone.
 * @example
 * ```ts
 * const tokyoHours = withTimeZone(officeHours, 'Asia/Tokyo');
 * ```
 * @category Calendar
 */
export function withTimeZone(cal: BusinessCalendar, timeZone: string): BusinessCalendar {
  const engine = engineOf(cal);
  if (!isKnownTimeZone(timeZone)) {
    throw validationError('time zone', [{ code: 'unknown_time_zone', path: ['timeZone'], message: `${JSON.stringify(timeZone)} is not an IANA time zone known to this platform` }]);
  }
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
      out = engine.kind === 'union' ? unionCalendars(...parts) : engine.kind === 'intersection' ? intersectCalendars(...parts) : subtractCalendar(parts[0]!, parts[1]!);
    }
    byZone.set(timeZone, out);
  }
  return out;
}
