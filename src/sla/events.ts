import { ItsmError } from '../core/errors.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, toEpochMs, type Instant } from '../core/instant.js';
import { describeValue, isDateLike } from '../core/describe.js';

/**
 * One entry of a ticket's history. The ticket's fields at any point are the fold of the `set`s so far
 * (a key set to `undefined` is removed; `null` is a value). This is exactly the shape of the `history`
 * kept by the incident machine, so `evaluateSla(def, snapshot.context.history, ...)` works as is.
 *
 * @example
 * ```ts
 * const e: TicketEvent = { at: '2026-03-09T14:05:00Z', type: 'HOLD', set: { state: 'on_hold', holdReason: 'awaiting_caller' } };
 * ```
 * @category Evaluation
 */
export interface TicketEvent {
  readonly at: Instant;
  readonly type: string;
  readonly set?: Readonly<Record<string, unknown>>;
}

/** Events checked, with their instants as epoch ms; only those at or before `now`. */
export interface PreparedEvents {
  readonly events: readonly TicketEvent[];
  readonly times: Float64Array;
  /** How many events are at or before `now` (the rest are ignored). */
  readonly count: number;
}

/** Epoch ms of a non-number instant, or `NaN` (parsed once: this runs for every event of every ticket). */
function readInstant(at: unknown): number {
  if (typeof at !== 'string' && !isDateLike(at)) return NaN;
  try {
    return toEpochMs(at);
  } catch {
    return NaN;
  }
}

function bad(index: number, field: string, message: string): ItsmError {
  return new ItsmError('invalid_event', `events[${index}]${field ? `.${field}` : ''}: ${message}`, { details: { index, field } });
}

/**
 * Checks a ticket's events (shape, instants, time order) and reads their instants once.
 * Events after `now` are ignored, so a past `now` gives the clock as it stood then.
 */
export function prepareEvents(events: Iterable<TicketEvent> | ArrayLike<TicketEvent>, now: number): PreparedEvents {
  const iterable = events !== null && typeof events === 'object' && (Array.isArray(events) || typeof (events as Iterable<TicketEvent>)[Symbol.iterator] === 'function');
  if (!iterable) {
    throw new ItsmError('invalid_argument', `events: ${describeValue(events)} is not an array of { at, type, set? } events.`, { details: { field: 'events' } });
  }
  const list: readonly TicketEvent[] = Array.isArray(events) ? events : Array.from(events as Iterable<TicketEvent>);
  const times = new Float64Array(list.length);
  let count = 0;
  let prev = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e === null || typeof e !== 'object') throw bad(i, '', `${describeValue(e)} is not an event { at, type, set? }`);
    if (typeof e.type !== 'string' || e.type === '') throw bad(i, 'type', `expected a non-empty string, got ${describeValue(e.type)}`);
    const at = e.at;
    const t = typeof at === 'number' && Number.isFinite(at) ? Math.floor(at) : readInstant(at);
    if (Number.isNaN(t)) throw bad(i, 'at', `${describeValue(at)} is not a valid instant; use a Date, epoch ms or an ISO 8601 string with an offset`);
    if (t < MIN_SUPPORTED_MS || t >= MAX_SUPPORTED_MS) throw bad(i, 'at', `${describeValue(at)} is outside the supported range (years 0001 to 9999)`);
    if (e.set !== undefined && (e.set === null || typeof e.set !== 'object' || Array.isArray(e.set))) {
      throw bad(i, 'set', 'expected an object of field values');
    }
    if (t < prev) {
      throw new ItsmError('events_out_of_order', `events[${i}].at: ${new Date(t).toISOString()} is earlier than events[${i - 1}] (${new Date(prev).toISOString()}); sort the events by time (events at the same instant keep their order).`, { details: { index: i } });
    }
    prev = t;
    times[i] = t;
    if (t <= now) count = i + 1;
  }
  return { events: list, times, count };
}
