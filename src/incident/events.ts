import type { Instant } from '../core/instant.js';
import type { HoldReason, IncidentFieldValue } from './types.js';

/**
 * Fields every incident event carries.
 *
 * @example
 * ```ts
 * const base: IncidentEventBase = { at: '2026-03-09T08:05:00Z' };
 * ```
 * @category Incident
 */
export interface IncidentEventBase {
  /** When the event happened, as the host saw it. Never earlier than the previous accepted event. */
  readonly at: Instant;
}

/**
 * Routes the incident to a group (and optionally a person). Replaces the whole assignment: an omitted
 * `assignee` leaves the incident in the group's queue. Every change of group counts as a reassignment, as
 * ServiceNow's `reassignment_count` does (verified against the ServiceNow event log in the tests).
 * Does not change the state: starting work is {@link IncidentStartEvent}.
 *
 * @example
 * ```ts
 * const e: IncidentAssignEvent = { type: 'ASSIGN', at: '2026-03-09T08:05:00Z', group: 'Network', assignee: 'ana' };
 * ```
 * @category Incident
 */
export interface IncidentAssignEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'ASSIGN';
  /** The new assignment group (`null` returns the incident to no group). */
  readonly group: string | null;
  /** The new assignee, or none. */
  readonly assignee?: string | null;
}

/**
 * Work starts: `new` → `in_progress` (ServiceNow's "In Progress", the log's "Active").
 *
 * @example
 * ```ts
 * const e: IncidentStartEvent = { type: 'START', at: '2026-03-09T08:10:00Z' };
 * ```
 * @category Incident
 */
export interface IncidentStartEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'START';
}

/**
 * Puts the incident on hold, or changes the hold reason while on hold. `awaiting_caller` needs a comment.
 *
 * @example
 * ```ts
 * const e: IncidentHoldEvent = { type: 'HOLD', at: '2026-03-09T09:00:00Z', reason: 'awaiting_caller', comment: 'Which printer?' };
 * ```
 * @category Incident
 */
export interface IncidentHoldEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'HOLD';
  /** Why the incident waits. */
  readonly reason: HoldReason;
  /** What is awaited; required for `awaiting_caller`. */
  readonly comment?: string;
}

/**
 * Takes the incident off hold: `on_hold` → `in_progress`.
 *
 * @example
 * ```ts
 * const e: IncidentResumeEvent = { type: 'RESUME', at: '2026-03-09T10:00:00Z' };
 * ```
 * @category Incident
 */
export interface IncidentResumeEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'RESUME';
  /** An optional work note. */
  readonly comment?: string;
}

/**
 * Changes impact and/or urgency (the priority is re-derived), custom fields, or just adds a comment.
 *
 * @example
 * ```ts
 * const e: IncidentUpdateEvent = { type: 'UPDATE', at: '2026-03-09T09:30:00Z', impact: 1, fields: { category: 'network' } };
 * ```
 * @category Incident
 */
export interface IncidentUpdateEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'UPDATE';
  /** New impact level; the priority is re-derived. */
  readonly impact?: number;
  /** New urgency level; the priority is re-derived. */
  readonly urgency?: number;
  /** A work note. */
  readonly comment?: string;
  /** Custom fields to set (reserved names are refused). */
  readonly fields?: Readonly<Record<string, IncidentFieldValue>>;
}

/**
 * Resolves the incident; needs a resolution code and notes (iTop's mandatory `resolution_code` and `solution`).
 *
 * @example
 * ```ts
 * const e: IncidentResolveEvent = { type: 'RESOLVE', at: '2026-03-09T11:00:00Z', code: 'solved', notes: 'Replaced the cable' };
 * ```
 * @category Incident
 */
export interface IncidentResolveEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'RESOLVE';
  /** The resolution code (required, not blank). */
  readonly code: string;
  /** The resolution notes (required, not blank). */
  readonly notes: string;
}

/**
 * Reopens a resolved incident (`resolved` → `in_progress`); a closed incident cannot be reopened.
 *
 * @example
 * ```ts
 * const e: IncidentReopenEvent = { type: 'REOPEN', at: '2026-03-10T08:00:00Z', reason: 'Still failing' };
 * ```
 * @category Incident
 */
export interface IncidentReopenEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'REOPEN';
  /** Why it is reopened (required). */
  readonly reason: string;
}

/**
 * Closes a resolved incident (the caller confirmed, or an agent closed it).
 *
 * @example
 * ```ts
 * const e: IncidentCloseEvent = { type: 'CLOSE', at: '2026-03-10T08:00:00Z' };
 * ```
 * @category Incident
 */
export interface IncidentCloseEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'CLOSE';
}

/**
 * Closes a resolved incident because its auto-close timer fired (see {@link autoCloseDueAt}); the host
 * delivers it.
 *
 * @example
 * ```ts
 * const e: IncidentAutoCloseEvent = { type: 'AUTO_CLOSE', at: '2026-03-16T11:00:00Z' };
 * ```
 * @category Incident
 */
export interface IncidentAutoCloseEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'AUTO_CLOSE';
}

/**
 * Cancels an incident that is not resolved yet (logged by mistake, duplicate, ...).
 *
 * @example
 * ```ts
 * const e: IncidentCancelEvent = { type: 'CANCEL', at: '2026-03-09T08:20:00Z', reason: 'Duplicate of INC0042' };
 * ```
 * @category Incident
 */
export interface IncidentCancelEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'CANCEL';
  /** Why it is canceled (required). */
  readonly reason: string;
}

/**
 * Proposes the incident as a major-incident candidate.
 *
 * @example
 * ```ts
 * const e: IncidentProposeMajorEvent = { type: 'PROPOSE_MAJOR', at: '2026-03-09T08:15:00Z', comment: 'Whole site down' };
 * ```
 * @category Incident
 */
export interface IncidentProposeMajorEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'PROPOSE_MAJOR';
  /** Why it may be a major incident. */
  readonly comment?: string;
}

/**
 * Accepts a proposed major incident.
 *
 * @example
 * ```ts
 * const e: IncidentAcceptMajorEvent = { type: 'ACCEPT_MAJOR', at: '2026-03-09T08:20:00Z' };
 * ```
 * @category Incident
 */
export interface IncidentAcceptMajorEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'ACCEPT_MAJOR';
}

/**
 * Rejects a proposed major incident, with the reason.
 *
 * @example
 * ```ts
 * const e: IncidentRejectMajorEvent = { type: 'REJECT_MAJOR', at: '2026-03-09T08:20:00Z', reason: 'One user only' };
 * ```
 * @category Incident
 */
export interface IncidentRejectMajorEvent extends IncidentEventBase {
  /** Event discriminant. */
  readonly type: 'REJECT_MAJOR';
  /** Why it is not a major incident (required). */
  readonly reason: string;
}

/**
 * Every event {@link incidentMachine} understands.
 *
 * @example
 * ```ts
 * const events: IncidentEvent[] = [
 *   { type: 'ASSIGN', at: '2026-03-09T08:05:00Z', group: 'Network' },
 *   { type: 'START', at: '2026-03-09T08:10:00Z' },
 * ];
 * ```
 * @category Incident
 */
export type IncidentEvent =
  | IncidentAssignEvent
  | IncidentStartEvent
  | IncidentHoldEvent
  | IncidentResumeEvent
  | IncidentUpdateEvent
  | IncidentResolveEvent
  | IncidentReopenEvent
  | IncidentCloseEvent
  | IncidentAutoCloseEvent
  | IncidentCancelEvent
  | IncidentProposeMajorEvent
  | IncidentAcceptMajorEvent
  | IncidentRejectMajorEvent;

/**
 * The `type` of an {@link IncidentEvent}.
 *
 * @example
 * ```ts
 * const t: IncidentEventType = 'RESOLVE';
 * ```
 * @category Incident
 */
export type IncidentEventType = IncidentEvent['type'];
