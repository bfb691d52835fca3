import { formatInTimeZone } from 'date-fns-tz';
import { ItsmError } from '../core/errors.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { isKnownTimeZone } from './zone.js';

/**
 * Formats an instant as a local wall-clock reading with its offset, `2026-03-09 09:00 -04:00`: the form used
 * in explanations, so that a reader sees the time the calendar's hours are written in.
 *
 * @param t - The instant.
 * @param timeZone - IANA zone to read it in.
 * @returns `yyyy-MM-dd HH:mm xxx` (seconds are shown when not zero).
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant, `invalid_argument` for an unknown zone.
 * @example
 * ```ts
 * formatInstant('2026-03-09T13:00:00Z', 'America/New_York'); // '2026-03-09 09:00 -04:00'
 * ```
 * @category Calendar
 */
export function formatInstant(t: Instant, timeZone: string): string {
  const ms = toEpochMs(t, 't');
  if (!isKnownTimeZone(timeZone)) {
    throw new ItsmError('invalid_argument', `timeZone: ${JSON.stringify(timeZone)} is not an IANA time zone known to this platform; use a name such as "America/New_York" or "UTC".`, { details: { field: 'timeZone', value: timeZone } });
  }
  const pattern = ms % 60_000 === 0 ? 'yyyy-MM-dd HH:mm xxx' : 'yyyy-MM-dd HH:mm:ss xxx';
  return formatInTimeZone(ms, timeZone, pattern);
}
