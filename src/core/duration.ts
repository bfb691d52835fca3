import { ItsmError } from './errors.js';

const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000] as const;

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
  if (typeof text !== 'string') return null;
  const m = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!m || text.trim().toUpperCase() === 'P' || /T$/.test(text.trim().toUpperCase())) return null;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part.replace(',', '.')) * UNIT_MS[i]!;
  }
  return Number.isFinite(ms) ? Math.round(ms) : null;
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
  const ms = parseDurationOrNull(text);
  if (ms === null) {
    const hint = /^P.*\d+[YM](?![^T]*T)|^P\d+[YM]/i.test(String(text).trim()) && !/T.*M/i.test(String(text))
      ? ' Years and months have no fixed length; use days (P30D) or weeks (P4W).'
      : '';
    throw new ItsmError('invalid_duration', `${field}: ${JSON.stringify(text)} is not an ISO 8601 duration such as "PT4H", "PT30M", "P3D" or "P1DT12H".${hint}`, { details: { field, value: text } });
  }
  return ms;
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
 * @example
 * ```ts
 * formatDuration(7_800_000);                      // '2 h 10 min'
 * formatDuration(273_600_000, { days: false });  // '76 h'
 * ```
 * @category Time
 */
export function formatDuration(ms: number, options: FormatDurationOptions = {}): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.round(Math.abs(ms));
  const d = options.days === false ? 0 : Math.floor(rest / 86_400_000); rest -= d * 86_400_000;
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
