import { ItsmError } from './errors.js';
import { describeValue, isDateLike } from './describe.js';

/**
 * An instant as accepted by every public function: a `Date`, epoch milliseconds, or an ISO 8601 string
 * with an explicit offset (`2026-03-08T09:30:00-05:00`, `2026-03-08T14:30:00Z`). Results are always `Date`.
 *
 * @example
 * ```ts
 * const a: Instant = '2026-03-08T09:30:00-05:00';
 * const b: Instant = Date.UTC(2026, 2, 8, 14, 30);
 * ```
 * @category Time
 */
export type Instant = Date | number | string;

// Date and time with an explicit offset. A string without offset would be read in the host's zone,
// which is exactly the kind of silent bug this library refuses.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

// Longer strings are refused before any parsing (the longest accepted form has 35 characters).
const MAX_INSTANT_TEXT = 64;

function parseIso(value: string): number {
  if (value.length > MAX_INSTANT_TEXT) return NaN;
  const m = ISO_WITH_OFFSET.exec(value.trim());
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s = '0', frac = '0', off] = m as unknown as string[];
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 59) return NaN;
  if (hour === 24 && (minute !== 0 || second !== 0 || Number(frac) !== 0)) return NaN;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return NaN;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMin = 0;
  if (off && off.toUpperCase() !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2)), om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return NaN;
    offsetMin = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0-99 to 1900-1999; undo that.
  const fixed = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return fixed - offsetMin * 60_000;
}

/**
 * Converts an {@link Instant} to epoch milliseconds, or throws `invalid_instant` naming the field. The one rule
 * for instants everywhere in itsm-kit: a valid `Date` (from any realm), finite epoch milliseconds, or an ISO 8601
 * string with an offset, in years 0001 to 9999 ({@link MIN_SUPPORTED_MS} to {@link MAX_SUPPORTED_MS}).
 *
 * @param value - The instant.
 * @param field - The name used in the error message (`from`, `events[3].at`).
 * @returns Epoch milliseconds (an integer).
 * @throws {@link ItsmError} `invalid_instant` for an invalid `Date`, a non-finite number, a string that is
 * not ISO 8601 with an offset, or an instant outside years 0001 to 9999.
 * @example
 * ```ts
 * toEpochMs('2026-03-08T09:30:00-05:00'); // 1772980200000
 * toEpochMs('2026-03-08T09:30:00');       // throws: no offset, so no instant
 * ```
 * @category Time
 */
export function toEpochMs(value: Instant, field = 'instant'): number {
  const ms = epochMsOrNaN(value);
  if (Number.isNaN(ms)) {
    throw new ItsmError('invalid_instant', `${field}: ${describeValue(value)} is not a valid instant; pass a valid Date, epoch milliseconds, or an ISO 8601 string with an offset such as "2026-03-08T09:30:00-05:00" or "...Z".`, { details: { field } });
  }
  if (ms < MIN_SUPPORTED_MS || ms >= MAX_SUPPORTED_MS) {
    throw new ItsmError('invalid_instant', `${field}: ${describeValue(value)} is outside the supported range (years 0001 to 9999).`, { details: { field } });
  }
  return ms;
}

// The last two strings parsed and their results: replaying a history reads each stored instant several times in a
// row (the entry, then as the context's updatedAt), and strings are immutable, so this never changes an answer.
let memoText0 = '', memoMs0 = NaN, memoText1 = '', memoMs1 = NaN;

function parseIsoMemo(value: string): number {
  if (value.length > MAX_INSTANT_TEXT) return NaN;
  if (value === memoText0) return memoMs0;
  if (value === memoText1) return memoMs1;
  const ms = parseIso(value);
  memoText1 = memoText0; memoMs1 = memoMs0;
  memoText0 = value; memoMs0 = ms;
  return ms;
}

/** Epoch ms of any instant form, or NaN (range not checked). */
function epochMsOrNaN(value: unknown): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = parseIsoMemo(value);
  else if (isDateLike(value)) ms = Date.prototype.getTime.call(value);
  else return NaN;
  return Number.isFinite(ms) ? Math.floor(ms) : NaN;
}

/** First instant of UTC year `y` (years 0-99 included, which `Date.UTC` would map to the 1900s). */
export function utcYearStart(y: number): number {
  const d = new Date(0);
  d.setUTCFullYear(y, 0, 1);
  return d.getTime();
}

/**
 * The first instant itsm-kit computes with: 0001-01-01T00:00:00Z. Calendars and SLA clocks work on years
 * 0001 to 9999 (ISO 8601's four-digit years), which keeps every search bounded.
 *
 * @example
 * ```ts
 * new Date(MIN_SUPPORTED_MS).toISOString(); // '0001-01-01T00:00:00.000Z'
 * ```
 * @category Time
 */
export const MIN_SUPPORTED_MS = utcYearStart(1);

/**
 * The first instant after the supported range: 10000-01-01T00:00:00Z (see {@link MIN_SUPPORTED_MS}).
 *
 * @example
 * ```ts
 * new Date(MAX_SUPPORTED_MS - 1).toISOString(); // '9999-12-31T23:59:59.999Z'
 * ```
 * @category Time
 */
export const MAX_SUPPORTED_MS = utcYearStart(10000);

/**
 * Whether a value is a valid {@link Instant}.
 *
 * @example
 * ```ts
 * isInstant('2026-03-08T09:30:00Z'); // true
 * isInstant('2026-03-08 09:30');     // false: no offset
 * isInstant(-1e17);                  // false: before year 0001
 * ```
 * @category Time
 */
export function isInstant(value: unknown): value is Instant {
  const ms = epochMsOrNaN(value);
  return ms >= MIN_SUPPORTED_MS && ms < MAX_SUPPORTED_MS;
}
