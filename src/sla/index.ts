export { SlaDefinitionSchema, createSlaDefinition, safeCreateSlaDefinition } from './definition.js';
export type { SlaDefinition } from './definition.js';
export type { TicketEvent } from './events.js';
export type { SlaResult, SlaStage, SlaWarning, SlaSegment, SlaCycle, SlaSwitch } from './result.js';
export { evaluateSla, evaluateTicket, evaluateTickets } from './evaluate.js';
export type { EvaluateOptions, SlaTicket, SlaTicketResult } from './evaluate.js';
export { explainSla } from './explain.js';
export { slaDefinitionJsonSchema } from './json-schema.js';
