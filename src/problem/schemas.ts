// Internal zod schemas for problem input, events and persisted contexts.
import { z } from 'zod';
import { InstantSchema } from '../core/schema.js';
import { HistoryEntrySchema, StoredInstantSchema } from '../lifecycle/history.js';
import { KnownErrorSchema } from './known-error.js';
import type { ProblemResolutionCode, ProblemState } from './types.js';
import type { ProblemEventType } from './events.js';

export const PROBLEM_STATES = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'canceled'] as const satisfies readonly ProblemState[];

export const PROBLEM_EVENT_TYPES = [
  'ASSESS', 'CONFIRM', 'START_FIX', 'RESOLVE', 'ACCEPT_RISK', 'MARK_DUPLICATE', 'CANCEL', 'REANALYZE', 'CLOSE', 'UPDATE',
  'PUBLISH_KNOWN_ERROR', 'LINK_INCIDENT', 'UNLINK_INCIDENT',
] as const satisfies readonly ProblemEventType[];

export const RESOLUTION_CODES = ['fix_applied', 'risk_accepted', 'duplicate', 'canceled'] as const satisfies readonly ProblemResolutionCode[];

const Name = z.string().min(1, 'must not be empty');
const Names = z.array(Name);
const at = InstantSchema;

export const ProblemInputSchema = z.object({
  at,
  id: Name.optional(),
  statement: z.string().trim().min(1, 'a problem needs a statement (the symptom)'),
  priority: z.number().int().min(1).nullable().optional(),
  group: Name.nullable().optional(),
  assignee: Name.nullable().optional(),
  cause: Name.nullable().optional(),
  workaround: Name.nullable().optional(),
  affectedServices: Names.optional(),
  affectedCis: Names.optional(),
  linkedIncidents: Names.optional(),
});

// Fields required by a guard are optional here so that their absence is reported by the guard's own rule.
export const ProblemEventSchemas: Record<ProblemEventType, z.ZodType> = {
  ASSESS: z.object({ at, assignee: z.string().optional(), group: Name.nullable().optional() }),
  CONFIRM: z.object({ at }),
  START_FIX: z.object({ at, cause: z.string().optional(), fix: z.string().optional() }),
  RESOLVE: z.object({ at, notes: z.string().optional() }),
  ACCEPT_RISK: z.object({ at, reason: z.string().optional(), cause: z.string().optional() }),
  MARK_DUPLICATE: z.object({ at, of: z.string().optional() }),
  CANCEL: z.object({ at, reason: z.string().optional() }),
  REANALYZE: z.object({ at, reason: z.string().optional() }),
  CLOSE: z.object({ at }),
  UPDATE: z.object({
    at, statement: Name.optional(), priority: z.number().int().min(1).optional(), group: Name.nullable().optional(),
    assignee: Name.nullable().optional(), cause: Name.nullable().optional(), workaround: Name.nullable().optional(),
    fix: Name.nullable().optional(), affectedServices: Names.optional(), affectedCis: Names.optional(), comment: z.string().optional(),
  }),
  PUBLISH_KNOWN_ERROR: z.object({ at, workaround: z.string().optional() }),
  LINK_INCIDENT: z.object({ at, incidentId: z.string().optional() }),
  UNLINK_INCIDENT: z.object({ at, incidentId: z.string().optional() }),
};

const IsoString = StoredInstantSchema;

export const ProblemContextSchema = z.object({
  id: z.string().nullable(),
  openedAt: IsoString,
  updatedAt: IsoString,
  statement: z.string(),
  priority: z.number().int().nullable(),
  group: z.string().nullable(),
  assignee: z.string().nullable(),
  cause: z.string().nullable(),
  workaround: z.string().nullable(),
  fix: z.string().nullable(),
  affectedServices: z.array(z.string()),
  affectedCis: z.array(z.string()),
  linkedIncidents: z.array(z.string()),
  knownError: KnownErrorSchema.nullable(),
  resolutionCode: z.enum(RESOLUTION_CODES).nullable(),
  resolutionNotes: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  resolvedAt: IsoString.nullable(),
  closedAt: IsoString.nullable(),
  reanalysisCount: z.number().int().min(0),
  history: z.array(HistoryEntrySchema).min(1),
});

/** Whether a value is a non-blank text. */
export function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
