// Internal zod schemas for incident input, events and persisted contexts. Not re-exported: the public
// contract is the TypeScript types plus `explainIncidentRefusal`, which turns these checks into refusals.
import { z } from 'zod';
import { InstantSchema } from '../core/schema.js';
import { HistoryEntrySchema, NoForbiddenKeysSchema, StoredInstantSchema } from '../lifecycle/history.js';
import { PriorityMatrixSchema } from './priority.js';
import type { HoldReason, IncidentState } from './types.js';
import type { IncidentEventType } from './events.js';

export const INCIDENT_STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'] as const satisfies readonly IncidentState[];

export const HOLD_REASONS = ['awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor', 'awaiting_evidence'] as const satisfies readonly HoldReason[];

export const INCIDENT_EVENT_TYPES = [
  'ASSIGN', 'START', 'HOLD', 'RESUME', 'UPDATE', 'RESOLVE', 'REOPEN', 'CLOSE', 'AUTO_CLOSE', 'CANCEL',
  'PROPOSE_MAJOR', 'ACCEPT_MAJOR', 'REJECT_MAJOR',
] as const satisfies readonly IncidentEventType[];

/** Field names the machine writes into `history[].set`; custom fields may not use them. */
export const RESERVED_FIELDS: ReadonlySet<string> = new Set([
  'id', 'state', 'holdReason', 'impact', 'urgency', 'priority', 'group', 'assignee', 'major', 'resolutionCode',
  'resolutionNotes', 'reopenCount', 'reassignmentCount', 'comment', 'reopenReason', 'cancelReason', 'majorRejectReason',
  'matrix',
]);

const FieldValueSchema = z.union([z.string(), z.number().refine(Number.isFinite, 'must be a finite number'), z.boolean(), z.null()]);

export const FieldsSchema = NoForbiddenKeysSchema.pipe(z.record(z.string().min(1).max(128), FieldValueSchema).superRefine((fields, ctx) => {
  for (const name of Object.keys(fields)) {
    if (RESERVED_FIELDS.has(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is a field the incident machine sets itself; use its event (or another name)`, params: { code: 'reserved_field' } });
    }
  }
}));

const Name = z.string().min(1, 'must not be empty');
const Level = z.number().int('must be an integer level').min(1, 'levels start at 1');
const at = InstantSchema;

export const IncidentInputSchema = z.object({
  at,
  id: Name.optional(),
  impact: Level.optional(),
  urgency: Level.optional(),
  group: Name.nullable().optional(),
  assignee: Name.nullable().optional(),
  fields: FieldsSchema.optional(),
  matrix: PriorityMatrixSchema.optional(),
});

// Fields a guard requires (code, notes, reason, comment) are optional here so that their absence is reported
// by the guard's own rule, with `missing`, rather than as a malformed event.
export const IncidentEventSchemas: Record<IncidentEventType, z.ZodType> = {
  ASSIGN: z.object({ at, group: Name.nullable(), assignee: Name.nullable().optional() }),
  START: z.object({ at }),
  HOLD: z.object({ at, reason: z.enum(HOLD_REASONS), comment: z.string().optional() }),
  RESUME: z.object({ at, comment: z.string().optional() }),
  UPDATE: z.object({ at, impact: Level.optional(), urgency: Level.optional(), comment: z.string().optional(), fields: FieldsSchema.optional() }),
  RESOLVE: z.object({ at, code: z.string().optional(), notes: z.string().optional() }),
  REOPEN: z.object({ at, reason: z.string().optional() }),
  CLOSE: z.object({ at }),
  AUTO_CLOSE: z.object({ at }),
  CANCEL: z.object({ at, reason: z.string().optional() }),
  PROPOSE_MAJOR: z.object({ at, comment: z.string().optional() }),
  ACCEPT_MAJOR: z.object({ at }),
  REJECT_MAJOR: z.object({ at, reason: z.string().optional() }),
};

const IsoString = StoredInstantSchema;

export const IncidentContextSchema = z.object({
  id: z.string().nullable(),
  openedAt: IsoString,
  updatedAt: IsoString,
  impact: Level,
  urgency: Level,
  priority: z.number().int(),
  matrix: PriorityMatrixSchema,
  group: z.string().nullable(),
  assignee: z.string().nullable(),
  reassignmentCount: z.number().int().min(0),
  reopenCount: z.number().int().min(0),
  holdReason: z.enum(HOLD_REASONS).nullable(),
  major: z.enum(['none', 'proposed', 'accepted', 'rejected']),
  resolutionCode: z.string().nullable(),
  resolutionNotes: z.string().nullable(),
  resolvedAt: IsoString.nullable(),
  closedAt: IsoString.nullable(),
  fields: z.record(z.string(), FieldValueSchema),
  history: z.array(HistoryEntrySchema).min(1),
});

/** Whether a string is a non-blank text (guards treat "" and "   " as missing). */
export function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
