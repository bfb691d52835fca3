import { ItsmError } from './errors.js';
import { describeValue } from './describe.js';
import { optionsNotObjectError } from './messages.js';

const UNIT_MS: Readonly<Record<string, number>> = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 };

/**
 * Longest duration text read (longer input is refused before any scanning): `P9999W9999DT9999H9999M9999.999S`
 * has 31 characters, so 64 leaves room for fractions and surrounding spaces.
 */
const MAX_DURATION_TEXT = 64;

/** What a scan of duration text found: the milliseconds, or why not (years or months are worth a hint). */
interface DurationScan {
  readonly ms: number | null;
  readonly yearsOrMonths: boolean;
  readonly tooLong: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Scans `P[nW][nD][T[nH][nM][nS]]` (each `n` digits with an optional `.` or `,` fraction) in one pass: linear in
 * the length, no regular expression, so no input can make it backtrack.
 */
function scanDuration(text: unknown): DurationScan {
  const fail = (yearsOrMonths = false, tooLong = false): DurationScan => ({ ms: null, yearsOrMonths, tooLong });
  if (typeof text !== 'string') return fail();
  if (text.length > MAX_DURATION_TEXT) return fail(false, true);
  const s = text.trim().toUpperCase();
  if (s.charCodeAt(0) !== 80 /* P */) return fail();
  const dateUnits = 'WD', timeUnits = 'HMS';
  let i = 1, inTime = false, lastUnit = -1, parts = 0, ms = 0, yearsOrMonths = false;
  while (i < s.length) {
    if (s[i] === 'T') {
      if (inTime) return fail(yearsOrMonths);
      inTime = true;
      lastUnit = -1;
      i++;
      if (i === s.length) return fail(yearsOrMonths); // "PT" and "P1DT" name no time part
      continue;
    }
    const from = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    if (i === from) return fail(yearsOrMonths);
    if (s[i] === '.' || s[i] === ',') {
      const dot = ++i;
      while (i < s.length && isDigit(s.charCodeAt(i))) i++;
      if (i === dot) return fail(yearsOrMonths);
    }
    const unit = s[i] ?? '';
    if (!inTime && (unit === 'Y' || unit === 'M')) yearsOrMonths = true;
    const order = (inTime ? timeUnits : dateUnits).indexOf(unit);
    if (unit === '' || order < 0 || order <= lastUnit) return fail(yearsOrMonths);
    lastUnit = order;
    ms += Number(s.slice(from, i).replace(',', '.')) * UNIT_MS[unit]!;
    parts++;
    i++;
  }
  if (parts === 0 || yearsOrMonths) return fail(yearsOrMonths);
  return Number.isFinite(ms) ? { ms: Math.round(ms), yearsOrMonths: false, tooLong: false } : fail();
}

/**
 * Parses an ISO 8601 duration (`PT4H`, `PT30M`, `P3D`, `P1W`, `P1DT12H`) into milliseconds, or returns `null`
 * when the text is not one this library accepts.
 *
 * Years and months (`P1Y`, `P2M`) are refused: they have no fixed length, and an SLA target must have one.
 * Days and weeks are 24 h and 7 × 24 h; in business-time contexts the result is business time, so `PT8H` is
 * eight business hours (for "N business days" use a relative target instead).
 *
 * @example
 * ```ts
 * parseDurationOrNull('PT4H');  // 14400000
 * parseDurationOrNull('P1M');   // null
 * ```
 * @category Time
 */
export function parseDurationOrNull(text: string): number | null {
  return scanDuration(text).ms;
}

/**
 * Parses an ISO 8601 duration into milliseconds (see {@link parseDurationOrNull} for what is accepted).
 *
 * @param text - The duration, such as `PT4H`.
 * @param field - The name used in the error message.
 * @returns Milliseconds.
 * @throws {@link ItsmError} `invalid_duration` naming the field and the accepted forms.
 * @example
 * ```ts
 * parseDuration('PT1H30M'); // 5400000
 * ```
 * @category Time
 */
export function parseDuration(text: string, field = 'duration'): number {
  const scan = scanDuration(text);
  if (scan.ms === null) {
    const hint = scan.yearsOrMonths ? ' Years and months have no fixed length; use days (P30D) or weeks (P4W).'
      : scan.tooLong ? ` Durations are at most ${MAX_DURATION_TEXT} characters long.`
      : '';
    throw new ItsmError('invalid_duration', `${field}: ${describeValue(text)} is not an ISO 8601 duration such as "PT4H", "PT30M", "P3D" or "P1DT12H".${hint}`, { details: { field } });
  }
  return scan.ms;
}

/**
 * Options of {@link formatDuration}.
 *
 * @example
 * ```ts
 * const o: FormatDurationOptions = { days: false };
 * ```
 * @category Time
 */
export interface FormatDurationOptions {
  /**
   * Show whole days (`3 d 4 h`); default `true`. Pass `false` for business time, where a "day" of 24 hours
   * means nothing (`76 h`).
   */
  readonly days?: boolean;
}

/**
 * Formats milliseconds for people: `2 h 10 min`, `45 s`, `3 d 4 h`, `0 min`; negative values get a minus sign.
 * Seconds are shown only when the duration is under a minute or not a whole number of minutes.
 *
 * @param ms - The duration.
 * @param options - `days: false` to count in hours only.
 * @returns The readable duration.
 * @throws {@link ItsmError} `invalid_argument` when `ms` is not a finite number (`NaN` has no readable form, and
 * printing "NaN" in a report would hide the bug that produced it).
 * @example
 * ```ts
 * formatDuration(7_800_000);                      // '2 h 10 min'
 * formatDuration(273_600_000, { days: false });  // '76 h'
 * ```
 * @category Time
 */
export function formatDuration(ms: number, options: FormatDurationOptions = {}): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new ItsmError('invalid_argument', `ms: ${describeValue(ms)} is not a finite number of milliseconds.`, { details: { field: 'ms' } });
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) throw optionsNotObjectError('options', '{ days? }');
  let showDays: unknown;
  try {
    showDays = options.days;
  } catch (error) {
    throw new ItsmError('invalid_argument', `options.days: reading it threw ${describeValue(error)}.`, { details: { field: 'options.days' }, cause: error });
  }
  const sign = ms < 0 ? '-' : '';
  let rest = Math.round(Math.abs(ms));
  const d = showDays === false ? 0 : Math.floor(rest / 86_400_000); rest -= d * 86_400_000;
  const h = Math.floor(rest / 3_600_000); rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000); rest -= m * 60_000;
  const s = rest / 1000;
  const parts: string[] = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s) parts.push(`${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')} s`);
  return sign + (parts.length ? parts.join(' ') : '0 min');
}
