export { ConditionSchema, describeCondition } from './condition.js';
export type { Condition, FieldCondition, ConditionValue } from './condition.js';
export { SlaDefinitionSchema, createSlaDefinition, safeCreateSlaDefinition } from './definition.js';
export type { SlaDefinition } from './definition.js';
export type { TicketEvent } from './events.js';
export type { SlaResult, SlaStage, SlaWarning, SlaSegment, SlaCycle, SlaSwitch } from './result.js';
export { evaluateSla, evaluateSlas, evaluateMany } from './evaluate.js';
export type { EvaluateOptions, SlaTicket, SlaTicketResult } from './evaluate.js';
export { explainSla } from './explain.js';
