// The service request lifecycle on the lifecycle kit (src/lifecycle/kit.ts): context, effects, replay inverse,
// the machine and its host functions.
import { ItsmError, validationError, type SafeResult, foreignError } from '../core/errors.js';
import { describeValue, quote } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { issuesFromZod } from '../core/schema.js';
import { frozenCopy } from '../core/freeze.js';
import { isoOf, type LifecycleHistoryEntry } from '../lifecycle/history.js';
import { defineLifecycle, type LifecycleSnapshotLike, type LifecycleStep } from '../lifecycle/kit.js';
import type { LifecycleMachine, LifecycleSnapshot } from '../lifecycle/machine.js';
import type { Refusal } from '../lifecycle/refusal.js';
import type { EventEffect } from '../lifecycle/spec.js';
import type { ApprovalPolicy } from '../change/approval-policy.js';
import { policyOf } from '../change/approvals.js';
import type { ApprovalResult } from '../change/approvals.js';
import { evaluateSla, type EvaluateOptions } from '../sla/evaluate.js';
import type { SlaResult } from '../sla/result.js';
import {
  REQUEST_EVENT_TYPES, REQUEST_STATES, RequestContextSchema, RequestEventSchemas, RequestInputSchema, requestApproval, requestGuard,
  requestStateRefusal, serviceRequestTransitions, type ServiceRequestRule,
} from './request-rules.js';
import type { ServiceRequestContext, ServiceRequestEvent, ServiceRequestInput, ServiceRequestState } from './request-types.js';
import type { Catalog } from './schema.js';
import { trustedCatalog } from './catalog-index.js';
import { optionsNotObjectError } from '../core/messages.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function createContext(input: unknown): ServiceRequestContext {
  const r = RequestInputSchema.safeParse(input);
  if (!r.success) {
    const issues = issuesFromZod(r.error);
    throw new ItsmError('invalid_argument', validationError('service request input', issues).message, { issues });
  }
  const d = r.data;
  const at = isoOf(toEpochMs(d.at as Instant, 'at'));
  const item = structuredClone(d.item) as ServiceRequestContext['item'];
  const policy = (d.policy ?? null) as ApprovalPolicy | null;
  const fulfilmentSla = (d.fulfilmentSla ?? null) as ServiceRequestContext['fulfilmentSla'];
  const requestedFor = d.requestedFor ?? null;
  const set = { ...(d.id === undefined ? {} : { id: d.id }), state: 'submitted', item, requestedFor, policy, fulfilmentSla };
  return {
    id: d.id ?? null, item, requestedFor, openedAt: at, updatedAt: at, policy, votes: [],
    tasks: (item.tasks ?? []).map((t) => ({ id: t.id, name: t.name, completedAt: null })),
    assignee: null, fulfilmentSla, approvedAt: null, fulfilledAt: null, closedAt: null, cancelReason: null,
    history: [{ at, type: 'CREATE', set }],
  };
}

function apply(ctx: ServiceRequestContext, _from: ServiceRequestState, _to: ServiceRequestState, event: ServiceRequestEvent, at: string): EventEffect<ServiceRequestContext> {
  const next: Partial<Mutable<ServiceRequestContext>> = {};
  const set: Record<string, unknown> = {};
  switch (event.type) {
    case 'VOTE': {
      const vote = { voter: event.voter!, decision: event.decision!, at, ...(event.group === undefined ? {} : { group: event.group }), ...(event.comment === undefined ? {} : { comment: event.comment }) };
      next.votes = [...ctx.votes, vote];
      set['vote'] = { voter: vote.voter, decision: vote.decision, ...(vote.group === undefined ? {} : { group: vote.group }), ...(vote.comment === undefined ? {} : { comment: vote.comment }) };
      break;
    }
    case 'APPROVE':
      next.approvedAt = at;
      break;
    case 'START_FULFILMENT':
      next.assignee = event.assignee!;
      set['assignee'] = event.assignee;
      break;
    case 'COMPLETE_TASK':
      next.tasks = ctx.tasks.map((t) => (t.id === event.taskId ? { ...t, completedAt: at } : t));
      set['taskId'] = event.taskId;
      if (event.notes !== undefined) set['notes'] = event.notes;
      break;
    case 'FULFIL':
      next.fulfilledAt = at;
      break;
    case 'CLOSE':
      next.closedAt = at;
      break;
    case 'CANCEL':
      next.cancelReason = event.reason!;
      next.closedAt = at;
      set['reason'] = event.reason;
      break;
    default:
      break;
  }
  return { changes: next, set };
}

function eventFromEntry(entry: LifecycleHistoryEntry): ServiceRequestEvent {
  const s = entry.set ?? {};
  const e = (x: Record<string, unknown>): ServiceRequestEvent => ({ at: entry.at, ...x }) as unknown as ServiceRequestEvent;
  switch (entry.type) {
    case 'VOTE': return e({ type: 'VOTE', ...(s['vote'] as object) });
    case 'START_FULFILMENT': return e({ type: 'START_FULFILMENT', assignee: s['assignee'] });
    case 'COMPLETE_TASK': return e({ type: 'COMPLETE_TASK', taskId: s['taskId'], ...(s['notes'] === undefined ? {} : { notes: s['notes'] }) });
    case 'CANCEL': return e({ type: 'CANCEL', reason: s['reason'] });
    case 'REQUEST_APPROVAL': case 'APPROVE': case 'REJECT': case 'FULFIL': case 'CLOSE': return e({ type: entry.type });
    default:
      throw new ItsmError('invalid_event', `history entry of type ${quote(entry.type)} is not a service request event.`, { details: { type: entry.type } });
  }
}

function inputFromCreate(entry: LifecycleHistoryEntry): ServiceRequestInput {
  const { state: _state, ...input } = entry.set ?? {};
  return { ...input, at: entry.at } as unknown as ServiceRequestInput;
}

/** The service request lifecycle as the kit builds it. @internal */
export const serviceRequestLifecycle = defineLifecycle<ServiceRequestState, ServiceRequestEvent, ServiceRequestContext, ServiceRequestInput, ServiceRequestRule>({
  id: 'serviceRequest',
  noun: 'service request',
  states: REQUEST_STATES,
  finalStates: ['closed', 'rejected', 'canceled'],
  eventTypes: REQUEST_EVENT_TYPES,
  transitions: serviceRequestTransitions,
  eventSchemas: RequestEventSchemas,
  contextSchema: RequestContextSchema as never,
  createContext,
  stateRefusal: requestStateRefusal,
  guard: requestGuard,
  apply,
  eventFromEntry,
  inputFromCreate,
});

/**
 * The type of {@link serviceRequestMachine}.
 *
 * @example
 * ```ts
 * const m: ServiceRequestMachine = serviceRequestMachine;
 * ```
 * @category Service requests
 */
export type ServiceRequestMachine = LifecycleMachine<ServiceRequestContext, ServiceRequestEvent, ServiceRequestInput, ServiceRequestState>;

/**
 * A live snapshot of {@link serviceRequestMachine}.
 *
 * @example
 * ```ts
 * const r: ServiceRequestSnapshot = openServiceRequest(input);
 * ```
 * @category Service requests
 */
export type ServiceRequestSnapshot = LifecycleSnapshot<ServiceRequestContext, ServiceRequestEvent, ServiceRequestInput, ServiceRequestState>;

/**
 * A service request as the helpers accept it: live, or as stored (`getPersistedSnapshot` after `JSON.parse`).
 *
 * @example
 * ```ts
 * const stored: ServiceRequestSnapshotLike = JSON.parse(row.snapshot);
 * ```
 * @category Service requests
 */
export type ServiceRequestSnapshotLike = LifecycleSnapshotLike<ServiceRequestContext>;

/**
 * What {@link advanceServiceRequest} returns: the next snapshot, or the unchanged one and the refusal.
 *
 * @example
 * ```ts
 * const step: ServiceRequestStep = advanceServiceRequest(r, { type: 'FULFIL', at: '2026-03-10T12:00:00Z' });
 * ```
 * @category Service requests
 */
export type ServiceRequestStep = LifecycleStep<ServiceRequestSnapshot, ServiceRequestRule>;

/**
 * The service request lifecycle as an xstate v5 machine (ServiceNow's request item): `submitted` →
 * `awaiting_approval` → `approved` → `fulfilling` → `fulfilled` → `closed`, with `rejected` and `canceled`.
 * Approval follows the item's approval policy (the change module's policies and `evaluateApprovals`); an item
 * without policy is approved straight from `submitted`. Fulfilment is done when every task of the item is.
 * Each transition appends a history entry that the SLA clock reads as it is (see {@link evaluateRequestFulfilmentSla}).
 *
 * @example
 * ```ts
 * import { initialTransition } from 'xstate';
 * const [r] = initialTransition(serviceRequestMachine, input);
 * r.value; // 'submitted'
 * ```
 * @category Service requests
 */
export const serviceRequestMachine: ServiceRequestMachine = serviceRequestLifecycle.machine;

/**
 * Options of {@link serviceRequestInput}.
 *
 * @example
 * ```ts
 * const options: ServiceRequestInputOptions = { at: '2026-03-09T09:00:00Z', requestedFor: 'kim', policies: [managerApproval] };
 * ```
 * @category Service requests
 */
export interface ServiceRequestInputOptions {
  /** When the request is submitted (required in practice: the request's opening instant). */
  readonly at?: Instant;
  readonly id?: string;
  readonly requestedFor?: string;
  /** The approval policies by id, among which the item's `approvalPolicy` is found. */
  readonly policies?: readonly ApprovalPolicy[];
}

/**
 * Builds the input of {@link openServiceRequest} from a catalogue: the item, its approval policy (found by the
 * item's `approvalPolicy` id among `policies`) and its fulfilment SLA definition (from the catalogue's
 * `slaDefinitions`, with the item's calendar when it names one).
 *
 * @param catalog - The catalogue.
 * @param itemId - The requested item.
 * @param options - `at` (required), `id`, `requestedFor`, `policies`.
 * @returns The input, ready for {@link openServiceRequest}.
 * @throws {@link core!ItsmError} `invalid_argument` for an unknown item, a missing `at`, options that are not an
 * object (`id` / `requestedFor` not strings, `policies` not a list of policies), an approval policy or fulfilment
 * definition the item names but that cannot be found; `invalid_instant` for a bad `at`; `invalid_definition` for a
 * catalogue not made by `createCatalog` that is not valid.
 * @example
 * ```ts
 * const r = openServiceRequest(serviceRequestInput(catalog, 'laptop', { at: '2026-03-09T09:00:00Z', requestedFor: 'kim', policies }));
 * ```
 * @category Service requests
 */
export function serviceRequestInput(catalog: Catalog, itemId: string, options: ServiceRequestInputOptions = {}): ServiceRequestInput {
  try {
    if (options === undefined) options = {};
    if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ at, id?, requestedFor?, policies? }');
    const checked = trustedCatalog(catalog, 'catalog');
    const item = (checked.items ?? []).find((i) => i.id === itemId);
    if (item === undefined) throw new ItsmError('invalid_argument', `itemId: ${describeValue(itemId)} is not an item of the catalogue.`, { details: { field: 'itemId' } });
    // Each option read once, and checked: they are copied into the input as they are.
    const { at, id, requestedFor, policies } = options;
    if (at === undefined) throw new ItsmError('invalid_argument', 'options.at: the instant the request is submitted is required.', { details: { field: 'options.at' } });
    toEpochMs(at, 'options.at');
    for (const [field, v] of [['id', id], ['requestedFor', requestedFor]] as const) {
      if (v !== undefined && typeof v !== 'string') throw new ItsmError('invalid_argument', `options.${field}: ${describeValue(v)} is not a string.`, { details: { field: `options.${field}` } });
    }
    if (policies !== undefined && !Array.isArray(policies)) {
      throw new ItsmError('invalid_argument', `options.policies: ${describeValue(policies)} is not a list of approval policies.`, { details: { field: 'options.policies' } });
    }
    let policy: ApprovalPolicy | null = null;
    if (item.approvalPolicy !== undefined) {
      const list = (policies ?? []).map((p, i) => policyOf(p, `options.policies[${i}]`));
      policy = list.find((p) => p.id === item.approvalPolicy) ?? null;
      if (policy === null) throw new ItsmError('invalid_argument', `options.policies: item ${quote(item.id)} needs the approval policy ${quote(item.approvalPolicy)}; pass it in policies.`, { details: { field: 'options.policies' } });
    }
    let fulfilmentSla = null;
    if (item.fulfilment !== undefined) {
      const def = (checked.slaDefinitions ?? []).find((d) => d.id === item.fulfilment!.definition);
      if (def === undefined) throw new ItsmError('invalid_argument', `item ${quote(item.id)} names the fulfilment definition ${quote(item.fulfilment.definition)}, which is not in the catalogue.`, { details: { field: 'itemId' } });
      fulfilmentSla = item.fulfilment.calendar === undefined ? def : { ...def, calendar: item.fulfilment.calendar };
    }
    return frozenCopy({
      at, item, policy, fulfilmentSla,
      ...(id === undefined ? {} : { id }), ...(requestedFor === undefined ? {} : { requestedFor }),
    });
  } catch (e) {
    throw foreignError(e);
  }
}

/**
 * Opens a service request (state `submitted`, one `CREATE` entry in its history).
 *
 * @param input - Opening instant, the item, who it is for, the approval policy and the fulfilment SLA.
 * @returns The initial snapshot of {@link serviceRequestMachine}.
 * @throws {@link core!ItsmError} `invalid_argument` naming every bad field.
 * @example
 * ```ts
 * const r = openServiceRequest({ at: '2026-03-09T09:00:00Z', item: { id: 'mailbox', name: 'Shared mailbox', service: 'email' } });
 * ```
 * @category Service requests
 */
export function openServiceRequest(input: ServiceRequestInput): ServiceRequestSnapshot {
  return serviceRequestLifecycle.open(input);
}

/**
 * The non-throwing form of {@link openServiceRequest}.
 *
 * @param input - Anything.
 * @returns The snapshot as `data`, or the validation error with one issue per bad field.
 * @example
 * ```ts
 * safeOpenServiceRequest({ at: 'tomorrow' }).success; // false
 * ```
 * @category Service requests
 */
export function safeOpenServiceRequest(input: unknown): SafeResult<ServiceRequestSnapshot> {
  return serviceRequestLifecycle.safeOpen(input);
}

/**
 * Revives a stored service request from its persisted snapshot (checked, and rebuilt from what was parsed).
 *
 * @param persisted - Parsed JSON of `serviceRequestMachine.getPersistedSnapshot(...)`.
 * @returns A live snapshot.
 * @throws {@link core!ItsmError} `invalid_argument` with the path of every problem in the row.
 * @example
 * ```ts
 * const r = restoreServiceRequest(JSON.parse(row.snapshot));
 * ```
 * @category Service requests
 */
export function restoreServiceRequest(persisted: unknown): ServiceRequestSnapshot {
  return serviceRequestLifecycle.restore(persisted);
}

/**
 * The non-throwing form of {@link restoreServiceRequest}.
 *
 * @param persisted - A stored row, parsed.
 * @returns The live snapshot as `data`, or the error.
 * @example
 * ```ts
 * const r = safeRestoreServiceRequest(JSON.parse(row.snapshot));
 * ```
 * @category Service requests
 */
export function safeRestoreServiceRequest(persisted: unknown): SafeResult<ServiceRequestSnapshot> {
  return serviceRequestLifecycle.safeRestore(persisted);
}

/**
 * Applies one event to a service request; when a rule holds it back, the snapshot comes back unchanged with
 * the rule and the reason.
 *
 * @param snapshot - The request, live or stored.
 * @param event - What happened.
 * @returns `{ accepted, snapshot, refusal }`.
 * @throws {@link core!ItsmError} `invalid_argument` for something that is not a service request snapshot.
 * @example
 * ```ts
 * advanceServiceRequest(r, { type: 'FULFIL', at: '2026-03-10T12:00:00Z' }).refusal?.rule; // 'tasks_incomplete'
 * ```
 * @category Service requests
 */
export function advanceServiceRequest(snapshot: ServiceRequestSnapshot | ServiceRequestSnapshotLike, event: ServiceRequestEvent): ServiceRequestStep {
  return serviceRequestLifecycle.advance(snapshot, event);
}

/**
 * The rule that would hold `event` back, or `null` when the machine would take it: not an event, unknown type,
 * final state, wrong state, malformed payload, time order, then the request's own guards (approval by the
 * policy, a voter in the policy's groups, an assignee to start fulfilment, every task complete to fulfil, a
 * reason to cancel).
 *
 * @param snapshot - The request, live or stored.
 * @param event - The event a user is about to send.
 * @returns The {@link incident!Refusal} or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` for something that is not a service request snapshot.
 * @example
 * ```ts
 * explainServiceRequestRefusal(r, { type: 'APPROVE', at: '2026-03-09T10:00:00Z' })?.message;
 * // 'APPROVE refused: approval is pending: ...'
 * ```
 * @category Service requests
 */
export function explainServiceRequestRefusal(snapshot: ServiceRequestSnapshot | ServiceRequestSnapshotLike, event: ServiceRequestEvent): Refusal<ServiceRequestRule> | null {
  return serviceRequestLifecycle.explain(snapshot, event);
}

/**
 * Builds the request again from its `context.history` only, under the same rules.
 *
 * @param history - The entries, `CREATE` first.
 * @returns The snapshot the history describes.
 * @throws {@link core!ItsmError} `invalid_event` for a missing `CREATE` or a malformed entry, `refused_transition`
 * when the rules refuse an entry, `invalid_argument` when `history` is not an array.
 * @example
 * ```ts
 * replayServiceRequestHistory(r.context.history).value === r.value; // true
 * ```
 * @category Service requests
 */
export function replayServiceRequestHistory(history: readonly LifecycleHistoryEntry[]): ServiceRequestSnapshot {
  return serviceRequestLifecycle.replay(history);
}

/**
 * Where the approval of a request stands under its policy: the change module's `evaluateApprovals` over the
 * votes recorded so far (`null` when the item needs no approval).
 *
 * @param snapshot - The request, live or stored.
 * @returns The approval result (status, reason, groups, votes) or `null`.
 * @throws {@link core!ItsmError} `invalid_argument` for something that is not a service request snapshot.
 * @example
 * ```ts
 * serviceRequestApproval(r)?.groups[0]?.outstanding; // who has not voted yet
 * ```
 * @category Service requests
 */
export function serviceRequestApproval(snapshot: ServiceRequestSnapshot | ServiceRequestSnapshotLike): ApprovalResult | null {
  return requestApproval(serviceRequestLifecycle.live(snapshot).context);
}

/**
 * Evaluates the request's fulfilment SLA (the definition from its catalogue item) over its history, which the
 * SLA clock reads as it is: each entry sets `state` (`submitted`, `approved`, `fulfilling`, ...).
 *
 * @param snapshot - The request, live or stored.
 * @param options - `now` and the `calendars` the definition names, as for `evaluateSla`.
 * @returns The SLA result, or `null` when the item has no fulfilment SLA.
 * @throws {@link core!ItsmError} as `evaluateSla`; `invalid_argument` for something that is not a request snapshot.
 * @example
 * ```ts
 * evaluateRequestFulfilmentSla(r, { calendars: { support }, now: '2026-03-10T12:00:00Z' })?.dueAt;
 * ```
 * @category Service requests
 */
export function evaluateRequestFulfilmentSla(snapshot: ServiceRequestSnapshot | ServiceRequestSnapshotLike, options: EvaluateOptions): SlaResult | null {
  try {
    const ctx = serviceRequestLifecycle.live(snapshot).context;
    return ctx.fulfilmentSla === null ? null : evaluateSla(ctx.fulfilmentSla, ctx.history, options);
  } catch (e) {
    throw foreignError(e);
  }
}
