import { toEpochMs, type Instant } from '../core/instant.js';
import { unknownTimeZoneError } from '../core/messages.js';
import { isKnownTimeZone, offsetAt } from './zone.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An ISO 8601 year: four digits for 0000-9999, else signed and six digits (`+010000`), as `toISOString` does. */
function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
}

/** `+05:45`, `-04:00`, `+00:00`; `-04:56:02` for an offset with seconds (local mean time before 1900). */
function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return `${sign}${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

/**
 * Formats an instant as a local wall-clock reading with its offset, `2026-03-09 09:00 -04:00`: the form used
 * in explanations, so that a reader sees the time the calendar's hours are written in.
 *
 * The reading comes from the platform's `Intl` time-zone data (one cached formatter per zone; nothing else is
 * loaded). Years are astronomical ISO years: the local reading of 0001-01-01T00:00Z in New York is
 * `0000-12-31 19:03:58 -04:56:02` (1 BC, local mean time), and a reading past 9999 prints as `+010000`.
 *
 * @param t - The instant (years 0001 to 9999).
 * @param timeZone - IANA zone to read it in.
 * @returns `yyyy-MM-dd HH:mm ±HH:MM`; seconds (`HH:mm:ss`, milliseconds cut) are shown when the reading is
 * not a whole minute, and the offset shows seconds when it has them.
 * @throws {@link core!ItsmError} `invalid_instant` for an invalid instant or one outside years 0001-9999,
 * `unknown_time_zone` for a zone the platform does not know.
 * @example
 * ```ts
 * formatInstant('2026-03-09T13:00:00Z', 'America/New_York'); // '2026-03-09 09:00 -04:00'
 * ```
 * @category Calendar
 */
export function formatInstant(t: Instant, timeZone: string): string {
  const ms = toEpochMs(t, 't');
  if (!isKnownTimeZone(timeZone)) throw unknownTimeZoneError('timeZone', timeZone);
  const offset = offsetAt(timeZone, ms);
  const localMs = ms + offset;
  const local = new Date(localMs);
  const date = `${isoYear(local.getUTCFullYear())}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const seconds = localMs % 60_000 === 0 ? '' : `:${pad(local.getUTCSeconds())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${seconds}`;
  return `${date} ${time} ${formatOffset(offset)}`;
}
