import { ItsmError } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import type { BusinessTime } from './business-time.js';
import { incidentStateOf, type IncidentSnapshotLike } from './rules.js';

/**
 * Options of {@link autoCloseDueAt}.
 *
 * @example
 * ```ts
 * const options: AutoCloseOptions = { after: 'P7D', from: 'resolved_at' };
 * ```
 * @category Incident
 */
export interface AutoCloseOptions {
  /** How long a resolved incident stays open, as an ISO 8601 duration (`P7D`, `PT72H`); business time when `businessTime` is given. */
  readonly after: string;
  /** Count from the resolution (`resolved_at`, default) or from the last accepted event (`last_update`, ServiceNow's behaviour). */
  readonly from?: 'resolved_at' | 'last_update';
  /** Count in business time (see {@link BusinessTime}). */
  readonly businessTime?: BusinessTime;
}

/**
 * When a resolved incident should be closed automatically: the instant at which the host delivers
 * `{ type: 'AUTO_CLOSE', at }`. No timer runs here; the host schedules it (and recomputes after each event,
 * since with `from: 'last_update'` any update postpones it).
 *
 * @param snapshot - The incident (live snapshot or persisted JSON).
 * @param options - Delay, starting point, optional business time.
 * @returns The due instant, or `null` when the incident is not resolved.
 * @throws {@link core!ItsmError} `invalid_duration` for a bad `after`; `invalid_argument` for a bad `from` or snapshot.
 * @example
 * ```ts
 * autoCloseDueAt(resolved, { after: 'P7D' }); // resolvedAt + 7 days
 * ```
 * @category Incident
 */
export function autoCloseDueAt(snapshot: IncidentSnapshotLike, options: AutoCloseOptions): Date | null {
  const ms = parseDuration(options.after, 'after');
  const from = options.from ?? 'resolved_at';
  if (from !== 'resolved_at' && from !== 'last_update') {
    throw new ItsmError('invalid_argument', `from: ${JSON.stringify(from)} must be "resolved_at" or "last_update".`, { details: { field: 'from', value: from } });
  }
  if (incidentStateOf(snapshot) !== 'resolved') return null;
  const ctx = snapshot.context;
  const start = new Date(from === 'resolved_at' ? (ctx.resolvedAt ?? ctx.updatedAt) : ctx.updatedAt);
  return options.businessTime ? options.businessTime.add(start, ms) : new Date(start.getTime() + ms);
}
