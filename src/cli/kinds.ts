// The registry of stored definition kinds: what `itsm-kit validate`, `POST /v1/validate/{kind}`, the OpenAPI
// document and `npm run schemas` know about. A new kind (risk model, approval policy, catalogue) is one
// `registerKind` call here; every surface picks it up.
import { z } from 'zod';
import { validationError, type SafeResult, type ValidationIssue } from '../core/errors.js';
import { CalendarSpecSchema } from '../calendar/spec.js';
import { safeCreateCalendar } from '../calendar/calendar.js';
import { calendarSpecJsonSchema } from '../calendar/json-schema.js';
import { SlaDefinitionSchema, safeCreateSlaDefinition } from '../sla/definition.js';
import { slaDefinitionJsonSchema } from '../sla/json-schema.js';
import { PriorityMatrixSchema, safeCreatePriorityMatrix } from '../incident/priority.js';
import { EscalationPolicySchema, safeCreateEscalationPolicy } from '../incident/escalation-policy.js';
import { KnownErrorSchema, safeCreateKnownError } from '../problem/known-error.js';
import { RiskModelSchema, safeCreateRiskModel } from '../change/risk-model.js';
import { ApprovalPolicySchema, safeCreateApprovalPolicy } from '../change/approval-policy.js';
import { approvalPolicyJsonSchema, riskModelJsonSchema } from '../change/json-schema.js';
import { CatalogSchema } from '../catalog/schema.js';
import { safeCreateCatalog } from '../catalog/catalog.js';
import { catalogJsonSchema } from '../catalog/json-schema.js';
import { RiskRegisterSchema, riskRegisterJsonSchema, safeCreateRiskRegister } from '../catalog/risk.js';
import { OpenSloDocumentSchema, openSloJsonSchema, safeParseOpenSlo } from '../metrics/slo.js';
import { CsiRegisterEntrySchema, csiRegisterEntryJsonSchema, safeCreateCsiRegisterEntry } from '../metrics/csi.js';

/** One kind of stored definition. @internal */
export interface DefinitionKind {
  /** The name used on the command line and in URLs (`calendar`, `sla`, `priority-matrix`). */
  readonly name: string;
  /** What people call it, for messages ("calendar spec"). */
  readonly title: string;
  /** The zod schema (for the OpenAPI document). */
  readonly schema: z.ZodType;
  /** The library's own non-throwing constructor: every check, not only the schema's. */
  readonly validate: (input: unknown) => SafeResult<unknown>;
  /** The JSON Schema shipped as `schemas/<name>.json`. */
  readonly jsonSchema: () => Record<string, unknown>;
  /** Whether a value has this kind's telltale keys (to guess the kind of a file). */
  readonly looksLike: (value: Record<string, unknown>) => boolean;
}

const kinds = new Map<string, DefinitionKind>();

/** Adds a kind to the registry (names are unique). @internal */
export function registerKind(kind: DefinitionKind): void {
  if (kinds.has(kind.name)) throw new Error(`definition kind "${kind.name}" is registered twice`);
  kinds.set(kind.name, kind);
}

/** Every registered kind, in registration order. @internal */
export function definitionKinds(): DefinitionKind[] {
  return [...kinds.values()];
}

/** The kind called `name`, or `undefined`. @internal */
export function kindNamed(name: string): DefinitionKind | undefined {
  return kinds.get(name);
}

/** A schema without its `$schema` key, to nest inside another. */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _, ...rest } = schema;
  return rest;
}

/** A JSON Schema from a zod schema, with a title; parts JSON Schema cannot say (refinements) are left to the library. */
function fromZod(schema: z.ZodType, title: string): () => Record<string, unknown> {
  return () => ({ ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>), title });
}

const has = (...keys: string[]) => (v: Record<string, unknown>): boolean => keys.some((k) => k in v);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Calendars by key (the `--calendars` file of `itsm-kit sla`): every value a calendar spec. */
function safeCreateCalendars(input: unknown): SafeResult<unknown> {
  if (!isObject(input)) return { success: false, error: validationError('calendars', [{ code: 'invalid_type', path: [], message: 'expected an object of calendar specs by key' }]) };
  const issues: ValidationIssue[] = [];
  for (const [key, spec] of Object.entries(input)) {
    const r = safeCreateCalendar(spec);
    if (!r.success) issues.push(...(r.error.issues.length > 0 ? r.error.issues : [{ code: r.error.code, path: [], message: r.error.message }]).map((i) => ({ ...i, path: [key, ...i.path] })));
  }
  return issues.length > 0 ? { success: false, error: validationError('calendars', issues) } : { success: true, data: input };
}

registerKind({ name: 'calendar', title: 'calendar spec', schema: CalendarSpecSchema, validate: safeCreateCalendar, jsonSchema: calendarSpecJsonSchema, looksLike: has('timeZone', 'weekly') });
registerKind({
  name: 'calendars', title: 'calendars by key', schema: z.record(z.string(), CalendarSpecSchema), validate: safeCreateCalendars,
  jsonSchema: () => ({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'itsm-kit calendars by key', type: 'object', additionalProperties: withoutDialect(calendarSpecJsonSchema()) }),
  looksLike: (v) => Object.keys(v).length > 0 && Object.values(v).every((x) => isObject(x) && ('timeZone' in x || 'weekly' in x)),
});
registerKind({ name: 'sla', title: 'SLA definition', schema: SlaDefinitionSchema, validate: safeCreateSlaDefinition, jsonSchema: slaDefinitionJsonSchema, looksLike: (v) => 'target' in v && ('start' in v || 'stop' in v || 'calendar' in v) });
registerKind({ name: 'priority-matrix', title: 'priority matrix', schema: PriorityMatrixSchema, validate: safeCreatePriorityMatrix, jsonSchema: fromZod(PriorityMatrixSchema, 'itsm-kit priority matrix'), looksLike: has('priorities') });
registerKind({ name: 'escalation-policy', title: 'escalation policy', schema: EscalationPolicySchema, validate: safeCreateEscalationPolicy, jsonSchema: fromZod(EscalationPolicySchema, 'itsm-kit escalation policy'), looksLike: has('levels') });
registerKind({ name: 'risk-model', title: 'change risk model', schema: RiskModelSchema, validate: safeCreateRiskModel, jsonSchema: riskModelJsonSchema, looksLike: has('conditions', 'questionnaire', 'defaultRisk') });
registerKind({ name: 'approval-policy', title: 'change approval policy', schema: ApprovalPolicySchema, validate: safeCreateApprovalPolicy, jsonSchema: approvalPolicyJsonSchema, looksLike: has('groups') });
registerKind({ name: 'catalog', title: 'service catalogue', schema: CatalogSchema, validate: safeCreateCatalog, jsonSchema: catalogJsonSchema, looksLike: has('services') });
registerKind({ name: 'risk-register', title: 'risk register', schema: RiskRegisterSchema, validate: safeCreateRiskRegister, jsonSchema: riskRegisterJsonSchema, looksLike: has('risks') });
registerKind({ name: 'openslo', title: 'OpenSLO document', schema: OpenSloDocumentSchema, validate: safeParseOpenSlo, jsonSchema: openSloJsonSchema, looksLike: (v) => typeof v['apiVersion'] === 'string' && v['apiVersion'].startsWith('openslo') });
registerKind({ name: 'csi-entry', title: 'CSI register entry', schema: CsiRegisterEntrySchema, validate: safeCreateCsiRegisterEntry, jsonSchema: csiRegisterEntryJsonSchema, looksLike: has('baseline') });
registerKind({ name: 'known-error', title: 'known error', schema: KnownErrorSchema, validate: safeCreateKnownError, jsonSchema: fromZod(KnownErrorSchema, 'itsm-kit known error'), looksLike: has('symptom', 'workaround') });

/** The text of a kind's JSON Schema file (`schemas/<name>.json`): stable, two-space JSON and a newline. @internal */
export function schemaText(kind: DefinitionKind): string {
  return `${JSON.stringify(kind.jsonSchema(), null, 2)}\n`;
}
