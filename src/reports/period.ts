// Report periods cut into days, ISO weeks or months of a time zone, by the wall clock of that zone (a day of a
// DST change lasts 23 or 25 hours). Local midnights are resolved with the calendar module's zone tables: in a
// gap (a zone that skips midnight) the bucket starts where the gap ends.
import { ItsmError } from '../core/errors.js';
import { earliestInstantAtOrAfter, offsetAt, zoneSegments } from '../calendar/zone.js';

/**
 * How a report period is cut: by local day, ISO week (Monday to Sunday) or month.
 *
 * @example
 * ```ts
 * const interval: ReportInterval = 'week';
 * ```
 * @category Reports
 */
export type ReportInterval = 'day' | 'week' | 'month';

/** One bucket of a period, `[from, to)` in epoch ms, labelled by its local start date. @internal */
export interface Bucket {
  readonly label: string;
  readonly from: number;
  readonly to: number;
}

const DAY = 86_400_000;
/** More buckets than this is a mistake (ten years of days is 3,653). */
export const MAX_BUCKETS = 4000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The local calendar date of an instant in a zone. */
function localDate(t: number, zone: string): { y: number; m: number; d: number; dow: number } {
  const l = new Date(t + offsetAt(zone, t));
  return { y: l.getUTCFullYear(), m: l.getUTCMonth(), d: l.getUTCDate(), dow: (l.getUTCDay() + 6) % 7 };
}

/** The first instant of a local date (its midnight, or the end of a gap covering it). */
function startOf(y: number, m: number, d: number, zone: string): number {
  const local = Date.UTC(y, m, d);
  return earliestInstantAtOrAfter(zoneSegments(zone, local - 2 * DAY, local + 2 * DAY), local) ?? local;
}

/** The buckets covering `[from, to)`, each clipped to the period. @internal */
export function periodBuckets(from: number, to: number, interval: ReportInterval, zone: string): Bucket[] {
  const first = localDate(from, zone);
  let y = first.y, m = first.m, d = first.d;
  if (interval === 'week') d -= first.dow;
  if (interval === 'month') d = 1;
  const out: Bucket[] = [];
  let start = startOf(y, m, d, zone);
  while (start < to) {
    if (out.length >= MAX_BUCKETS) {
      throw new ItsmError('invalid_argument', `period: more than ${MAX_BUCKETS} ${interval}s; choose a longer interval or a shorter period.`, { details: { field: 'period' } });
    }
    const label = interval === 'month' ? `${pad(new Date(Date.UTC(y, m, 1)).getUTCFullYear(), 4)}-${pad(new Date(Date.UTC(y, m, 1)).getUTCMonth() + 1)}` : isoDate(y, m, d);
    if (interval === 'day') d += 1;
    else if (interval === 'week') d += 7;
    else m += 1;
    const next = startOf(y, m, d, zone);
    out.push({ label, from: Math.max(from, start), to: Math.min(to, next) });
    start = next;
  }
  return out;
}

function isoDate(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m, d));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
