import { atBoundary } from '../core/errors.js';
import { argumentError, optionsNotObjectError } from '../core/messages.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { isoOf, storedMs } from '../lifecycle/history.js';
import type { ProblemSnapshotLike } from './lifecycle.js';
import { problemLifecycle } from './machine.js';

/**
 * What the cascade needs to know about a linked incident: its id, state and hold reason (from an
 * `itsm-kit/incident` snapshot: `{ id, state: s.value, holdReason: s.context.holdReason, updatedAt: s.context.updatedAt }`).
 *
 * @example
 * ```ts
 * const status: LinkedIncidentStatus = { id: 'INC0042', state: 'on_hold', holdReason: 'awaiting_problem' };
 * ```
 * @category Problem
 */
export interface LinkedIncidentStatus {
  /** The incident's id. */
  readonly id: string;
  /** The incident's state (`snapshot.value`). */
  readonly state: string;
  /** The incident's hold reason. */
  readonly holdReason?: string | null;
  /** The incident's last accepted event; the cascade's events are never earlier. */
  readonly updatedAt?: Instant;
}

/**
 * An event for `incidentMachine` (structurally an incident `RESOLVE` or `RESUME` event; this module does not
 * import the incident module).
 *
 * @example
 * ```ts
 * const e: LinkedIncidentEvent = { type: 'RESUME', at: '2026-03-11T09:00:00.000Z', comment: 'Problem PRB1: risk accepted' };
 * ```
 * @category Problem
 */
export type LinkedIncidentEvent =
  | {
      /** Resolve the incident: the problem's fix resolves it. */
      readonly type: 'RESOLVE';
      /** ISO 8601 UTC instant, never before the problem's resolution or the incident's last event. */
      readonly at: string;
      /** The incident resolution code. */
      readonly code: string;
      /** Resolution notes naming the problem and its fix. */
      readonly notes: string;
    }
  | {
      /** Resume the incident: no fix is coming from the problem. */
      readonly type: 'RESUME';
      /** ISO 8601 UTC instant, never before the problem's end or the incident's last event. */
      readonly at: string;
      /** Why work resumes. */
      readonly comment: string;
    };

/**
 * One event to send to one incident.
 *
 * @example
 * ```ts
 * const c: LinkedIncidentCommand = { incidentId: 'INC0042', event: { type: 'RESUME', at: '2026-03-11T09:00:00.000Z', comment: '…' } };
 * ```
 * @category Problem
 */
export interface LinkedIncidentCommand {
  /** The incident to send the event to. */
  readonly incidentId: string;
  /** The event. */
  readonly event: LinkedIncidentEvent;
}

/**
 * Options of {@link linkedIncidentEvents}.
 *
 * @example
 * ```ts
 * const o: LinkedIncidentOptions = { resolutionCode: 'solved_permanently' };
 * ```
 * @category Problem
 */
export interface LinkedIncidentOptions {
  /** The incident resolution code used when the problem's fix resolves them (default `solved_by_problem`). */
  readonly resolutionCode?: string;
}

/**
 * The cascade of a resolved (or canceled) problem, as data: the events the host should send to the linked
 * incidents that are on hold `awaiting_problem`. With the fix applied they are resolved; when the risk was
 * accepted or the problem canceled they are resumed (no fix is coming, work on them again). A duplicate yields
 * nothing: link its incidents to the original problem (`context.duplicateOf`) instead. Other problem states
 * yield nothing.
 *
 * @param problem - The problem (live snapshot or persisted JSON).
 * @param incidents - The current status of incidents (those not linked to the problem are ignored).
 * @param options - The incident resolution code to use.
 * @returns One command per incident to update, in the order of `incidents`.
 * @throws {@link core!ItsmError} `invalid_argument` when `problem` is not a problem snapshot; `invalid_instant` for a bad `updatedAt`.
 * @example
 * ```ts
 * const commands = linkedIncidentEvents(resolvedProblem, [{ id: 'INC0042', state: 'on_hold', holdReason: 'awaiting_problem' }]);
 * // [{ incidentId: 'INC0042', event: { type: 'RESOLVE', at: '…', code: 'solved_by_problem', notes: 'Resolved by problem PRB0001: …' } }]
 * ```
 * @category Problem
 */
export function linkedIncidentEvents(problem: ProblemSnapshotLike, incidents: readonly LinkedIncidentStatus[], options: LinkedIncidentOptions = {}): LinkedIncidentCommand[] {
  return atBoundary(() => cascade(problem, incidents, options));
}

function cascade(problem: ProblemSnapshotLike, incidents: readonly LinkedIncidentStatus[], options: LinkedIncidentOptions): LinkedIncidentCommand[] {
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ resolutionCode? }');
  if (options.resolutionCode !== undefined && (typeof options.resolutionCode !== 'string' || options.resolutionCode.trim() === '')) {
    throw argumentError('options.resolutionCode', options.resolutionCode, 'a non-empty resolution code');
  }
  if (!Array.isArray(incidents)) throw argumentError('incidents', incidents, 'an array of linked incident statuses');
  incidents.forEach((incident, i) => {
    if (incident === null || typeof incident !== 'object' || typeof incident.id !== 'string') {
      throw argumentError(`incidents[${i}]`, incident, 'an incident status { id, state, holdReason?, updatedAt? }');
    }
  });
  const live = problemLifecycle.live(problem);
  const state = live.value;
  const ctx = live.context;
  const name = ctx.id ?? 'the problem';
  const code = ctx.resolutionCode;
  const done = state === 'resolved' || state === 'closed' || state === 'canceled';
  if (!done || code === null || code === 'duplicate') return [];
  const since = storedMs(state === 'canceled' ? (ctx.closedAt ?? ctx.updatedAt) : (ctx.resolvedAt ?? ctx.updatedAt));
  const linked = new Set(ctx.linkedIncidents);
  const out: LinkedIncidentCommand[] = [];
  for (const incident of incidents) {
    if (!linked.has(incident.id) || incident.state !== 'on_hold' || incident.holdReason !== 'awaiting_problem') continue;
    const at = isoOf(Math.max(since, incident.updatedAt === undefined ? since : toEpochMs(incident.updatedAt, `incidents[${incident.id}].updatedAt`)));
    const notes = ctx.resolutionNotes ? `: ${ctx.resolutionNotes}` : '';
    const event: LinkedIncidentEvent = code === 'fix_applied'
      ? { type: 'RESOLVE', at, code: options.resolutionCode ?? 'solved_by_problem', notes: `Resolved by problem ${name}${notes}` }
      : { type: 'RESUME', at, comment: code === 'risk_accepted' ? `Problem ${name}: risk accepted, no fix is coming${notes}` : `Problem ${name} was canceled${notes}` };
    out.push({ incidentId: incident.id, event });
  }
  return out;
}
