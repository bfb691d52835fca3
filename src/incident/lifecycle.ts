// Convenience entry points for hosts: start, advance, restore and replay incidents with xstate's pure
// functions. Each returns plain data and never touches a clock.
import { initialTransition, transition } from 'xstate';
import { ItsmError, validationError } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { type Refusal } from '../lifecycle/refusal.js';
import { incidentMachine, type IncidentSnapshot } from './machine.js';
import type { PriorityMatrix } from './priority.js';
import { findIncidentRefusal, incidentStateOf, type IncidentEventLike, type IncidentSnapshotLike } from './rules.js';
import { PersistedIncidentSchema, RESERVED_FIELDS } from './schemas.js';
import type { HoldReason, IncidentFieldValue, IncidentHistoryEntry, IncidentInput } from './types.js';
import type { IncidentEvent } from './events.js';

/**
 * Creates an incident: the initial snapshot of {@link incidentMachine} for `input`.
 *
 * @param input - When it was opened, impact, urgency, group, ...
 * @returns The snapshot in state `new`, with the `CREATE` history entry.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem with the input.
 * @example
 * ```ts
 * const s = startIncident({ at: '2026-03-09T08:00:00Z', impact: 2, urgency: 1, group: 'Service Desk' });
 * s.context.priority; // 2
 * ```
 * @category Incident
 */
export function startIncident(input: IncidentInput): IncidentSnapshot {
  const [snapshot] = initialTransition(incidentMachine, input);
  if (snapshot.status === 'error') {
    const error = snapshot.error;
    if (error instanceof ItsmError) throw error;
    throw new ItsmError('invalid_argument', `Could not create the incident: ${String(error)}`, { cause: error });
  }
  return snapshot;
}

/**
 * Turns the persisted JSON of an incident snapshot (from `getPersistedSnapshot`, after a database round trip)
 * back into a live snapshot that xstate's `transition` accepts.
 *
 * @param persisted - The parsed JSON (`{ value, context, ... }`).
 * @returns The live snapshot.
 * @throws {@link core!ItsmError} `invalid_argument` listing every problem when it is not an incident snapshot.
 * @example
 * ```ts
 * const row = JSON.stringify(incidentMachine.getPersistedSnapshot(snapshot));
 * const live = restoreIncident(JSON.parse(row));
 * ```
 * @category Incident
 */
export function restoreIncident(persisted: unknown): IncidentSnapshot {
  const r = PersistedIncidentSchema.safeParse(persisted);
  if (!r.success) {
    const issues = issuesFromZod(r.error);
    throw new ItsmError('invalid_argument', validationError('persisted incident snapshot', issues).message, { issues });
  }
  return incidentMachine.resolveState({ value: r.data.value, context: (persisted as IncidentSnapshotLike).context });
}

function toLive(snapshot: IncidentSnapshot | IncidentSnapshotLike): IncidentSnapshot {
  return 'machine' in snapshot && (snapshot as IncidentSnapshot).machine === incidentMachine ? (snapshot as IncidentSnapshot) : restoreIncident(snapshot);
}

/**
 * The outcome of {@link advanceIncident}.
 *
 * @example
 * ```ts
 * const step: IncidentStep = advanceIncident(snapshot, { type: 'CLOSE', at: '2026-03-09T12:00:00Z' });
 * if (!step.accepted) console.log(step.refusal.message);
 * ```
 * @category Incident
 */
export type IncidentStep =
  | {
      /** The event was accepted. */
      readonly accepted: true;
      /** The next snapshot. */
      readonly snapshot: IncidentSnapshot;
      /** No refusal. */
      readonly refusal: null;
    }
  | {
      /** The event was refused. */
      readonly accepted: false;
      /** The unchanged snapshot. */
      readonly snapshot: IncidentSnapshot;
      /** Which rule refused it and why. */
      readonly refusal: Refusal;
    };

/**
 * Sends one event: xstate's pure `transition`, plus the reason when the event is refused (in which case the
 * returned snapshot is the unchanged input snapshot).
 *
 * @param snapshot - A live snapshot, or persisted JSON (restored with {@link restoreIncident}).
 * @param event - The event.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` when the snapshot is not an incident snapshot.
 * @example
 * ```ts
 * const step = advanceIncident(s, { type: 'HOLD', at: '2026-03-09T09:00:00Z', reason: 'awaiting_caller' });
 * step.accepted;       // false
 * step.refusal?.rule;  // 'awaiting_caller_needs_comment'
 * ```
 * @category Incident
 */
export function advanceIncident(snapshot: IncidentSnapshot | IncidentSnapshotLike, event: IncidentEventLike): IncidentStep {
  const live = toLive(snapshot);
  const refusal = findIncidentRefusal(incidentStateOf(live), live.context, event);
  if (refusal) return { accepted: false, snapshot: live, refusal };
  const [next] = transition(incidentMachine, live, event as IncidentEvent);
  return { accepted: true, snapshot: next, refusal: null };
}

/**
 * Options of {@link replayIncidentHistory}.
 *
 * @example
 * ```ts
 * const options: ReplayIncidentOptions = { matrix: iTopPriorityMatrix };
 * ```
 * @category Incident
 */
export interface ReplayIncidentOptions {
  /** The matrix the incident was created with (not part of the history); default ServiceNow's. */
  readonly matrix?: PriorityMatrix;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function eventFromEntry(entry: IncidentHistoryEntry): IncidentEvent {
  const set = entry.set ?? {};
  const at = entry.at;
  switch (entry.type) {
    case 'ASSIGN':
      return { type: 'ASSIGN', at, group: (set['group'] ?? null) as string | null, assignee: (set['assignee'] ?? null) as string | null };
    case 'HOLD':
      return { type: 'HOLD', at, reason: set['holdReason'] as HoldReason, ...(str(set['comment']) !== undefined ? { comment: str(set['comment'])! } : {}) };
    case 'RESUME':
    case 'PROPOSE_MAJOR':
      return { type: entry.type, at, ...(str(set['comment']) !== undefined ? { comment: str(set['comment'])! } : {}) };
    case 'UPDATE': {
      const fields: Record<string, IncidentFieldValue> = {};
      for (const [k, v] of Object.entries(set)) if (!RESERVED_FIELDS.has(k)) fields[k] = v as IncidentFieldValue;
      return {
        type: 'UPDATE',
        at,
        ...(typeof set['impact'] === 'number' ? { impact: set['impact'] } : {}),
        ...(typeof set['urgency'] === 'number' ? { urgency: set['urgency'] } : {}),
        ...(str(set['comment']) !== undefined ? { comment: str(set['comment'])! } : {}),
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
      };
    }
    case 'RESOLVE':
      return { type: 'RESOLVE', at, code: str(set['resolutionCode']) ?? '', notes: str(set['resolutionNotes']) ?? '' };
    case 'REOPEN':
      return { type: 'REOPEN', at, reason: str(set['reopenReason']) ?? '' };
    case 'CANCEL':
      return { type: 'CANCEL', at, reason: str(set['cancelReason']) ?? '' };
    case 'REJECT_MAJOR':
      return { type: 'REJECT_MAJOR', at, reason: str(set['majorRejectReason']) ?? '' };
    case 'START':
    case 'CLOSE':
    case 'AUTO_CLOSE':
    case 'ACCEPT_MAJOR':
      return { type: entry.type, at };
    default:
      throw new ItsmError('invalid_event', `history entry of type ${JSON.stringify(entry.type)} is not an incident event.`, { details: { entry } });
  }
}

/**
 * Rebuilds an incident from its `history` alone (event sourcing): the `CREATE` entry gives the input, every
 * later entry is turned back into its event and sent through {@link incidentMachine}. The result equals the
 * snapshot the history came from.
 *
 * @param history - `context.history` of an incident (possibly from JSON).
 * @param options - The priority matrix the incident used.
 * @returns The rebuilt snapshot.
 * @throws {@link core!ItsmError} `invalid_event` when the first entry is not `CREATE` or an entry has an unknown
 * type; `refused_transition` (with the {@link Refusal} in `details.refusal`) when an entry is refused.
 * @example
 * ```ts
 * const again = replayIncidentHistory(snapshot.context.history);
 * again.value === snapshot.value; // true
 * ```
 * @category Incident
 */
export function replayIncidentHistory(history: readonly IncidentHistoryEntry[], options: ReplayIncidentOptions = {}): IncidentSnapshot {
  const [first, ...rest] = history;
  if (!first || first.type !== 'CREATE') {
    throw new ItsmError('invalid_event', 'history[0] must be the CREATE entry of the incident.', { details: { field: 'history[0]' } });
  }
  const set = first.set ?? {};
  const fields: Record<string, IncidentFieldValue> = {};
  for (const [k, v] of Object.entries(set)) if (!RESERVED_FIELDS.has(k)) fields[k] = v as IncidentFieldValue;
  let snapshot = startIncident({
    at: first.at,
    ...(typeof set['id'] === 'string' ? { id: set['id'] } : {}),
    ...(typeof set['impact'] === 'number' ? { impact: set['impact'] } : {}),
    ...(typeof set['urgency'] === 'number' ? { urgency: set['urgency'] } : {}),
    group: (set['group'] ?? null) as string | null,
    assignee: (set['assignee'] ?? null) as string | null,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(options.matrix ? { matrix: options.matrix } : {}),
  });
  rest.forEach((entry, i) => {
    const step = advanceIncident(snapshot, eventFromEntry(entry));
    if (!step.accepted) {
      throw new ItsmError('refused_transition', `history[${i + 1}] (${entry.type} at ${entry.at}) is refused: ${step.refusal.message}`, { details: { index: i + 1, refusal: step.refusal } });
    }
    snapshot = step.snapshot;
  });
  return snapshot;
}
