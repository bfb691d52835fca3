// Building the initial context from validated input, and applying an accepted event to a context.
import { ItsmError, validationError, type ValidationIssue } from '../core/errors.js';
import { issuesFromZod } from '../core/schema.js';
import { toEpochMs } from '../core/instant.js';
import { isoOf } from '../lifecycle/history.js';
import { derivePriority, isLevel, matrixSize, PriorityMatrixSchema, serviceNowPriorityMatrix, type PriorityMatrix } from './priority.js';
import { IncidentInputSchema } from './schemas.js';
import type { EventEffect } from '../lifecycle/spec.js';
import type { HoldReason, IncidentContext, IncidentFieldValue, IncidentState, MajorIncidentStatus } from './types.js';
import type { IncidentEvent } from './events.js';

const iso = (value: IncidentEvent['at']): string => isoOf(toEpochMs(value, 'at'));

/**
 * Validates the machine input and builds the initial context (state `new`, one `CREATE` history entry).
 * Throws `invalid_argument` listing every issue.
 * @internal
 */
export function createIncidentContext(input: unknown): IncidentContext {
  const parsed = IncidentInputSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success ? [] : issuesFromZod(parsed.error);
  // Check the levels against the matrix even when other fields are invalid, so every issue is listed.
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const matrixResult = PriorityMatrixSchema.safeParse(raw['matrix'] ?? serviceNowPriorityMatrix);
  if (matrixResult.success) {
    const size = matrixSize(matrixResult.data);
    for (const axis of ['impact', 'urgency'] as const) {
      const v = raw[axis];
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && !isLevel(matrixResult.data, axis, v)) {
        issues.push({ code: 'out_of_range', path: [axis], message: `${v} is outside the priority matrix (levels 1 to ${size[axis]})` });
      }
    }
  }
  if (!parsed.success || issues.length > 0) {
    const err = validationError('incident input', issues);
    throw new ItsmError('invalid_argument', err.message, { issues });
  }
  const d = parsed.data;
  const matrix: PriorityMatrix = d.matrix ?? serviceNowPriorityMatrix;
  const size = matrixSize(matrix);
  const impact = d.impact ?? matrix.defaultImpact ?? size.impact;
  const urgency = d.urgency ?? matrix.defaultUrgency ?? size.urgency;
  const priority = derivePriority(impact, urgency, matrix);
  const at = iso(d.at);
  const fields = { ...(d.fields ?? {}) };
  const set: Record<string, unknown> = {
    ...(d.id !== undefined ? { id: d.id } : {}),
    state: 'new',
    holdReason: null,
    impact,
    urgency,
    priority,
    group: d.group ?? null,
    assignee: d.assignee ?? null,
    major: 'none',
    resolutionCode: null,
    reopenCount: 0,
    reassignmentCount: 0,
    ...fields,
    // Recorded so that the history alone rebuilds the incident (replay needs no options).
    ...(d.matrix !== undefined ? { matrix: d.matrix } : {}),
  };
  return {
    id: d.id ?? null,
    openedAt: at,
    updatedAt: at,
    impact,
    urgency,
    priority,
    matrix,
    group: d.group ?? null,
    assignee: d.assignee ?? null,
    reassignmentCount: 0,
    reopenCount: 0,
    holdReason: null,
    major: 'none',
    resolutionCode: null,
    resolutionNotes: null,
    resolvedAt: null,
    closedAt: null,
    fields,
    history: [{ at, type: 'CREATE', set }],
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Applies an event the guard accepted: the context fields that change and the fields its history entry records
 * (the kit adds `state`, `updatedAt` and the entry). Assumes the event is valid.
 * @internal
 */
export function applyIncidentEvent(context: IncidentContext, _from: IncidentState, _to: IncidentState, event: IncidentEvent, at: string): EventEffect<IncidentContext> {
  const next: Partial<Mutable<IncidentContext>> = {};
  const set: Record<string, unknown> = {};
  const leaveHold = (): void => {
    if (context.holdReason !== null) {
      next.holdReason = null;
      set['holdReason'] = null;
    }
  };
  const comment = (text: string | undefined): void => {
    if (text !== undefined) set['comment'] = text;
  };
  switch (event.type) {
    case 'ASSIGN': {
      const group = event.group;
      const assignee = event.assignee ?? null;
      next.group = group;
      next.assignee = assignee;
      set['group'] = group;
      set['assignee'] = assignee;
      if (group !== context.group) {
        next.reassignmentCount = context.reassignmentCount + 1;
        set['reassignmentCount'] = next.reassignmentCount;
      }
      break;
    }
    case 'START':
      break;
    case 'HOLD':
      next.holdReason = event.reason as HoldReason;
      set['holdReason'] = event.reason;
      comment(event.comment);
      break;
    case 'RESUME':
      leaveHold();
      comment(event.comment);
      break;
    case 'UPDATE': {
      if (event.impact !== undefined || event.urgency !== undefined) {
        const impact = event.impact ?? context.impact;
        const urgency = event.urgency ?? context.urgency;
        if (event.impact !== undefined) set['impact'] = impact;
        if (event.urgency !== undefined) set['urgency'] = urgency;
        next.impact = impact;
        next.urgency = urgency;
        next.priority = derivePriority(impact, urgency, context.matrix);
        set['priority'] = next.priority;
      }
      comment(event.comment);
      if (event.fields !== undefined) {
        next.fields = { ...context.fields, ...(event.fields as Record<string, IncidentFieldValue>) };
        Object.assign(set, event.fields);
      }
      break;
    }
    case 'RESOLVE':
      leaveHold();
      next.resolutionCode = event.code;
      next.resolutionNotes = event.notes;
      next.resolvedAt = at;
      set['resolutionCode'] = event.code;
      set['resolutionNotes'] = event.notes;
      break;
    case 'REOPEN':
      next.reopenCount = context.reopenCount + 1;
      next.resolutionCode = null;
      next.resolutionNotes = null;
      next.resolvedAt = null;
      set['reopenCount'] = next.reopenCount;
      set['reopenReason'] = event.reason;
      set['resolutionCode'] = null;
      set['resolutionNotes'] = null;
      break;
    case 'CLOSE':
    case 'AUTO_CLOSE':
      next.closedAt = at;
      break;
    case 'CANCEL':
      leaveHold();
      next.closedAt = at;
      set['cancelReason'] = event.reason;
      break;
    case 'PROPOSE_MAJOR':
      next.major = 'proposed' satisfies MajorIncidentStatus;
      set['major'] = 'proposed';
      comment(event.comment);
      break;
    case 'ACCEPT_MAJOR':
      next.major = 'accepted';
      set['major'] = 'accepted';
      break;
    case 'REJECT_MAJOR':
      next.major = 'rejected';
      set['major'] = 'rejected';
      set['majorRejectReason'] = event.reason;
      break;
  }
  return { changes: next, set };
}
