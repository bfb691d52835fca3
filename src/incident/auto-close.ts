import { ItsmError, atBoundary } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import { describeValue } from '../core/describe.js';
import { optionsNotObjectError } from '../core/messages.js';
import { storedMs, isoOf } from '../lifecycle/history.js';
import { clockOption, isSupportedMs, type IncidentCalendar } from './business-time.js';
import type { IncidentSnapshotLike } from './lifecycle.js';
import { incidentLifecycle, type IncidentSnapshot } from './machine.js';

/**
 * Options of {@link autoCloseDueAt}.
 *
 * @example
 * ```ts
 * const options: AutoCloseOptions = { from: 'last_update' };
 * ```
 * @category Incident
 */
export interface AutoCloseOptions {
  /** Count from the resolution (`resolved_at`, default) or from the last accepted event (`last_update`, ServiceNow's behaviour). */
  readonly from?: 'resolved_at' | 'last_update';
  /** Count `after` in the business time of this calendar (from `itsm-kit/calendar`) instead of wall-clock time. */
  readonly calendar?: IncidentCalendar;
}

/**
 * When a resolved incident should be closed automatically: the instant at which the host delivers
 * `{ type: 'AUTO_CLOSE', at }`. No timer runs here; the host schedules it (and recomputes after each event,
 * since with `from: 'last_update'` any update postpones it).
 *
 * @param snapshot - The incident (live snapshot or persisted JSON, validated here).
 * @param after - How long a resolved incident stays open, as an ISO 8601 duration (`P7D`, `PT72H`); business
 * time when `calendar` is given.
 * @param options - Starting point, optional business calendar.
 * @returns The due instant, or `null` when the incident is not resolved.
 * @throws {@link core!ItsmError} `invalid_duration` for a bad `after` or one that lands after year 9999;
 * `invalid_argument` for a bad `from`, calendar or snapshot.
 * @example
 * ```ts
 * autoCloseDueAt(resolved, 'P7D');                           // resolvedAt + 7 days
 * autoCloseDueAt(resolved, 'PT16H', { calendar: support });  // two 8-hour business days later
 * ```
 * @category Incident
 */
export function autoCloseDueAt(snapshot: IncidentSnapshot | IncidentSnapshotLike, after: string, options: AutoCloseOptions = {}): Date | null {
  return atBoundary(() => dueAt(snapshot, after, options));
}

// The longest duration text accepted; longer ones are refused before any parsing (no regex runs on megabytes).
const MAX_DURATION_TEXT = 64;

function dueAt(snapshot: IncidentSnapshot | IncidentSnapshotLike, after: string, options: AutoCloseOptions): Date | null {
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ from?, calendar? }');
  if (typeof after !== 'string' || after.length > MAX_DURATION_TEXT) {
    throw new ItsmError('invalid_duration', `after: ${describeValue(after)} is not an ISO 8601 duration such as "P7D" or "PT72H".`, { details: { field: 'after' } });
  }
  const ms = parseDuration(after, 'after');
  const from = options.from ?? 'resolved_at';
  if (from !== 'resolved_at' && from !== 'last_update') {
    throw new ItsmError('invalid_argument', `options.from: ${describeValue(from)} must be "resolved_at" or "last_update".`, { details: { field: 'options.from' } });
  }
  const clock = clockOption(options.calendar, 'options.calendar');
  const live = incidentLifecycle.live(snapshot);
  if (live.value !== 'resolved') return null;
  const ctx = live.context;
  const start = storedMs(from === 'resolved_at' ? (ctx.resolvedAt ?? ctx.updatedAt) : ctx.updatedAt);
  const due = clock.addBusinessMs(start, ms);
  if (!isSupportedMs(due)) {
    throw new ItsmError('invalid_duration', `after: ${describeValue(after)} from ${isoOf(start)} lands after year 9999; use a shorter delay.`, { details: { field: 'after' } });
  }
  return new Date(due);
}
