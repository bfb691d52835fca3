import { formatInTimeZone } from 'date-fns-tz';
import { toEpochMs, type Instant } from '../core/instant.js';

/**
 * Formats an instant as a local wall-clock reading with its offset, `2026-03-09 09:00 -04:00`: the form used
 * in explanations, so that a reader sees the time the calendar's hours are written in.
 *
 * @param t - The instant.
 * @param timeZone - IANA zone to read it in.
 * @returns `yyyy-MM-dd HH:mm xxx` (seconds are shown when not zero).
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant.
 * @example
 * ```ts
 * formatInstant('2026-03-09T13:00:00Z', 'America/New_York'); // '2026-03-09 09:00 -04:00'
 * ```
 * @category Calendar
 */
export function formatInstant(t: Instant, timeZone: string): string {
  const ms = toEpochMs(t, 't');
  const pattern = ms % 60_000 === 0 ? 'yyyy-MM-dd HH:mm xxx' : 'yyyy-MM-dd HH:mm:ss xxx';
  return formatInTimeZone(ms, timeZone, pattern);
}
