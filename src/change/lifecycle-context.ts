// Initial context from validated input, applying an accepted event, and the inverse for replay.
import { ItsmError, validationError } from '../core/errors.js';
import { quote } from '../core/describe.js';
import { issuesFromZod } from '../core/schema.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { isoOf, type LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { EventEffect } from '../lifecycle/spec.js';
import type { ApprovalPolicy } from './approval-policy.js';
import type { ChangeModel } from './change-model.js';
import { ChangeInputSchema } from './lifecycle-schemas.js';
import type { ChangeContext, ChangeEvent, ChangeInput, ChangeState } from './lifecycle-types.js';

const iso = (value: Instant): string => isoOf(toEpochMs(value, 'at'));
const isoOrNull = (value: Instant | null | undefined): string | null => (value == null ? null : iso(value));

/** The fields `UPDATE` may set, in the order they are recorded. */
const UPDATABLE = ['templateId', 'description', 'cis', 'assignee', 'plannedStart', 'plannedEnd', 'implementationPlan', 'backoutPlan', 'testPlan', 'riskLevel'] as const;
const INSTANT_FIELDS = new Set<string>(['plannedStart', 'plannedEnd']);

/** Validates the input and builds the initial context of a `model` change; throws `invalid_argument` listing every issue. @internal */
export function createChangeContext(model: ChangeModel) {
  return (input: unknown): ChangeContext => {
    const r = ChangeInputSchema.safeParse(input);
    if (!r.success) {
      const issues = issuesFromZod(r.error);
      throw new ItsmError('invalid_argument', validationError('change input', issues).message, { issues });
    }
    const d = r.data;
    const at = iso(d.at);
    const fields = {
      model: d.model ?? model,
      templateId: d.templateId ?? null,
      description: d.description ?? null,
      cis: [...new Set(d.cis ?? [])],
      assignee: d.assignee ?? null,
      plannedStart: isoOrNull(d.plannedStart),
      plannedEnd: isoOrNull(d.plannedEnd),
      implementationPlan: d.implementationPlan ?? null,
      backoutPlan: d.backoutPlan ?? null,
      testPlan: d.testPlan ?? null,
      riskLevel: d.riskLevel ?? null,
      approvalPolicies: structuredClone(d.approvalPolicies ?? []) as ApprovalPolicy[],
    };
    const set = { ...(d.id !== undefined ? { id: d.id } : {}), state: 'new', ...fields };
    return {
      id: d.id ?? null,
      ...fields,
      votes: [],
      edits: [],
      outcome: null,
      reviewNotes: null,
      rejectionCount: 0,
      cancelReason: null,
      openedAt: at,
      updatedAt: at,
      implementedAt: null,
      completedAt: null,
      closedAt: null,
      history: [{ at, type: 'CREATE', set }],
    };
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const same = (a: unknown, b: unknown): boolean => (Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b);

/** Applies an accepted event: the changed context fields and the fields its history entry records. @internal */
export function applyChangeEvent(ctx: ChangeContext, _from: ChangeState, _to: ChangeState, event: ChangeEvent, at: string): EventEffect<ChangeContext> {
  const next: Partial<Mutable<ChangeContext>> = {};
  const set: Record<string, unknown> = {};
  const put = <K extends keyof Mutable<ChangeContext>>(key: K, value: ChangeContext[K]): void => {
    next[key] = value;
    set[key] = value;
  };
  switch (event.type) {
    case 'UPDATE': {
      const changed: string[] = [];
      for (const key of UPDATABLE) {
        const raw = event[key];
        if (raw === undefined) continue;
        const value = INSTANT_FIELDS.has(key) ? isoOrNull(raw as Instant | null) : key === 'cis' ? [...new Set(raw as string[])] : raw;
        if (same(value, ctx[key])) continue;
        put(key, value as never);
        changed.push(key);
      }
      if (changed.length > 0) next.edits = [...ctx.edits, { at, fields: changed }];
      if (event.comment !== undefined) set['comment'] = event.comment;
      break;
    }
    case 'CHANGE_MODEL':
      put('model', event.model);
      break;
    case 'VOTE': {
      const vote = { voter: event.voter, decision: event.decision, at, ...(event.group !== undefined ? { group: event.group } : {}), ...(event.comment !== undefined ? { comment: event.comment } : {}) };
      next.votes = [...ctx.votes, vote];
      set['vote'] = vote;
      break;
    }
    case 'REJECT':
      next.votes = [];
      put('rejectionCount', ctx.rejectionCount + 1);
      set['rejectionReason'] = event.reason;
      break;
    case 'SCHEDULE':
      if (event.plannedStart !== undefined && iso(event.plannedStart) !== ctx.plannedStart) put('plannedStart', iso(event.plannedStart));
      if (event.plannedEnd !== undefined && iso(event.plannedEnd) !== ctx.plannedEnd) put('plannedEnd', iso(event.plannedEnd));
      break;
    case 'IMPLEMENT':
      next.implementedAt = at;
      break;
    case 'COMPLETE':
      next.completedAt = at;
      if (event.outcome !== undefined) put('outcome', event.outcome);
      break;
    case 'CLOSE':
      if (event.outcome !== undefined) put('outcome', event.outcome);
      if (event.reviewNotes !== undefined) put('reviewNotes', event.reviewNotes);
      next.closedAt = at;
      break;
    case 'CANCEL':
      put('cancelReason', event.reason);
      next.closedAt = at;
      break;
    default:
      break;
  }
  return { changes: next, set };
}

/** The input a `CREATE` entry records. @internal */
export function changeInputFromCreate(entry: LifecycleHistoryEntry): ChangeInput {
  const { state: _state, ...input } = entry.set ?? {};
  return { ...input, at: entry.at } as unknown as ChangeInput;
}

const opt = (key: string, v: unknown): Record<string, unknown> => (v === undefined ? {} : { [key]: v });

/** The event a history entry records. @internal */
export function changeEventFromEntry(entry: LifecycleHistoryEntry): ChangeEvent {
  const s = entry.set ?? {};
  const e = (x: Record<string, unknown>): ChangeEvent => ({ at: entry.at, ...x }) as unknown as ChangeEvent;
  switch (entry.type) {
    case 'UPDATE': {
      const { state: _s, ...fields } = s;
      return e({ type: 'UPDATE', ...fields });
    }
    case 'CHANGE_MODEL': return e({ type: 'CHANGE_MODEL', model: s['model'] });
    case 'VOTE': {
      const v = (s['vote'] ?? {}) as Record<string, unknown>;
      return e({ type: 'VOTE', voter: v['voter'], decision: v['decision'], ...opt('group', v['group']), ...opt('comment', v['comment']) });
    }
    case 'REJECT': return e({ type: 'REJECT', reason: s['rejectionReason'] });
    case 'SCHEDULE': return e({ type: 'SCHEDULE', ...opt('plannedStart', s['plannedStart'] ?? undefined), ...opt('plannedEnd', s['plannedEnd'] ?? undefined) });
    case 'ASSESS':
    case 'REQUEST_AUTHORIZATION':
    case 'IMPLEMENT': return e({ type: entry.type });
    case 'COMPLETE': return e({ type: 'COMPLETE', ...opt('outcome', s['outcome']) });
    case 'CLOSE': return e({ type: 'CLOSE', ...opt('outcome', s['outcome']), ...opt('reviewNotes', s['reviewNotes']) });
    case 'CANCEL': return e({ type: 'CANCEL', reason: s['cancelReason'] });
    default:
      throw new ItsmError('invalid_event', `history entry of type ${quote(entry.type)} is not a change event.`, { details: { type: entry.type } });
  }
}
