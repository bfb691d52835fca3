// Initial context from validated input, and applying an accepted event.
import { ItsmError, validationError } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { toEpochMs } from '../core/instant.js';
import { isoOf } from '../lifecycle/history.js';
import { knownErrorOf } from './known-error.js';
import { ProblemInputSchema } from './schemas.js';
import type { EventEffect } from '../lifecycle/spec.js';
import type { ProblemContext, ProblemState } from './types.js';
import type { ProblemEvent } from './events.js';

const iso = (value: ProblemEvent['at']): string => isoOf(toEpochMs(value, 'at'));

/** Validates the input and builds the initial context; throws `invalid_argument` listing every issue. @internal */
export function createProblemContext(input: unknown): ProblemContext {
  const r = ProblemInputSchema.safeParse(input);
  if (!r.success) {
    const issues = issuesFromZod(r.error);
    throw new ItsmError('invalid_argument', validationError('problem input', issues).message, { issues });
  }
  const d = r.data;
  const at = iso(d.at);
  const ctx = {
    id: d.id ?? null,
    statement: d.statement,
    priority: d.priority ?? null,
    group: d.group ?? null,
    assignee: d.assignee ?? null,
    cause: d.cause ?? null,
    workaround: d.workaround ?? null,
    affectedServices: [...(d.affectedServices ?? [])],
    affectedCis: [...(d.affectedCis ?? [])],
    linkedIncidents: [...new Set(d.linkedIncidents ?? [])],
  };
  const { id, ...fields } = ctx;
  const set = { ...(id !== null ? { id } : {}), state: 'new', ...fields, resolutionCode: null };
  return {
    ...ctx,
    openedAt: at,
    updatedAt: at,
    fix: null,
    knownError: null,
    resolutionCode: null,
    resolutionNotes: null,
    duplicateOf: null,
    resolvedAt: null,
    closedAt: null,
    reanalysisCount: 0,
    history: [{ at, type: 'CREATE', set }],
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const UPDATABLE = ['statement', 'priority', 'group', 'assignee', 'cause', 'workaround', 'fix', 'affectedServices', 'affectedCis'] as const;

/** Applies an accepted event: the changed context fields and the fields its history entry records. @internal */
export function applyProblemEvent(ctx: ProblemContext, _from: ProblemState, _to: ProblemState, event: ProblemEvent, at: string): EventEffect<ProblemContext> {
  const next: Partial<Mutable<ProblemContext>> = {};
  const set: Record<string, unknown> = {};
  const put = <K extends keyof Mutable<ProblemContext>>(key: K, value: ProblemContext[K]): void => {
    next[key] = value;
    set[key] = value;
  };
  const resolve = (code: NonNullable<ProblemContext['resolutionCode']>, notes: string | null): void => {
    put('resolutionCode', code);
    put('resolutionNotes', notes);
    next.resolvedAt = at;
  };
  switch (event.type) {
    case 'ASSESS':
      put('assignee', event.assignee);
      if (event.group !== undefined) put('group', event.group);
      break;
    case 'CONFIRM':
      break;
    case 'CLOSE':
      next.closedAt = at;
      break;
    case 'START_FIX':
      if (event.cause !== undefined && event.cause.trim() !== '') put('cause', event.cause);
      if (event.fix !== undefined) put('fix', event.fix);
      break;
    case 'RESOLVE':
      resolve('fix_applied', event.notes);
      break;
    case 'ACCEPT_RISK':
      if (event.cause !== undefined && event.cause.trim() !== '') put('cause', event.cause);
      resolve('risk_accepted', event.reason);
      break;
    case 'MARK_DUPLICATE':
      resolve('duplicate', null);
      put('duplicateOf', event.of);
      break;
    case 'CANCEL':
      put('resolutionCode', 'canceled');
      put('resolutionNotes', event.reason);
      next.closedAt = at;
      break;
    case 'REANALYZE':
      put('resolutionCode', null);
      put('resolutionNotes', null);
      put('duplicateOf', null);
      next.resolvedAt = null;
      put('reanalysisCount', ctx.reanalysisCount + 1);
      set['reanalysisReason'] = event.reason;
      break;
    case 'UPDATE':
      for (const key of UPDATABLE) {
        const value = event[key];
        if (value !== undefined) put(key, (Array.isArray(value) ? [...value] : value) as never);
      }
      if (event.comment !== undefined) set['comment'] = event.comment;
      break;
    case 'PUBLISH_KNOWN_ERROR': {
      const workaround = event.workaround !== undefined && event.workaround.trim() !== '' ? event.workaround : ctx.workaround!;
      if (workaround !== ctx.workaround) put('workaround', workaround);
      next.knownError = knownErrorOf({ ...ctx, workaround }, workaround, at);
      set['knownError'] = true;
      break;
    }
    case 'LINK_INCIDENT':
      put('linkedIncidents', [...ctx.linkedIncidents, event.incidentId]);
      set['incidentId'] = event.incidentId;
      break;
    case 'UNLINK_INCIDENT':
      put('linkedIncidents', ctx.linkedIncidents.filter((id) => id !== event.incidentId));
      set['incidentId'] = event.incidentId;
      break;
  }
  return { changes: next, set };
}
