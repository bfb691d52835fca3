import { ItsmError } from './errors.js';

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

// The range ECMAScript Date can represent.
const MAX_MS = 8.64e15;

function parseIso(value: string): number {
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
 * Converts an {@link Instant} to epoch milliseconds, or throws `invalid_instant` naming the field.
 *
 * @param value - The instant.
 * @param field - The name used in the error message (`from`, `events[3].at`).
 * @returns Epoch milliseconds (an integer).
 * @throws {@link ItsmError} `invalid_instant` for an invalid `Date`, a non-finite number, or a string that is
 * not ISO 8601 with an offset.
 * @example
 * ```ts
 * toEpochMs('2026-03-08T09:30:00-05:00'); // 1772980200000
 * ```
 * @category Time
 */
export function toEpochMs(value: Instant, field = 'instant'): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string') ms = parseIso(value);
  else ms = NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) {
    throw new ItsmError('invalid_instant', `${field}: ${describe(value)} is not a valid instant; pass a valid Date, epoch milliseconds, or an ISO 8601 string with an offset such as "2026-03-08T09:30:00-05:00" or "...Z".`, { details: { field, value } });
  }
  return Math.floor(ms);
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
 * Like {@link toEpochMs}, and also checks that the instant lies in years 0001 to 9999.
 *
 * @param value - The instant.
 * @param field - The name used in the error message.
 * @returns Epoch milliseconds.
 * @throws {@link ItsmError} `invalid_instant` for an invalid instant or one outside the supported range.
 * @example
 * ```ts
 * toSupportedEpochMs('2026-03-08T09:30:00-05:00'); // 1772980200000
 * toSupportedEpochMs(-1e17);                        // throws: outside years 0001 to 9999
 * ```
 * @category Time
 */
export function toSupportedEpochMs(value: Instant, field = 'instant'): number {
  const ms = toEpochMs(value, field);
  if (ms < MIN_SUPPORTED_MS || ms >= MAX_SUPPORTED_MS) {
    throw new ItsmError('invalid_instant', `${field}: ${new Date(ms).toISOString()} is outside the supported range (years 0001 to 9999).`, { details: { field, value } });
  }
  return ms;
}

/**
 * Whether a value is a valid {@link Instant}.
 *
 * @example
 * ```ts
 * isInstant('2026-03-08T09:30:00Z'); // true
 * isInstant('2026-03-08 09:30');     // false: no offset
 * ```
 * @category Time
 */
export function isInstant(value: unknown): value is Instant {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_MS;
  if (value instanceof Date) return Number.isFinite(value.getTime());
  if (typeof value === 'string') return Number.isFinite(parseIso(value));
  return false;
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'Invalid Date';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
