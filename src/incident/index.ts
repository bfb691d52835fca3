export type * from '../lifecycle/public.js';
export type {
  IncidentState, HoldReason, MajorIncidentStatus, IncidentFieldValue, IncidentInput, IncidentContext,
} from './types.js';
export type {
  IncidentEventBase, IncidentAssignEvent, IncidentStartEvent, IncidentHoldEvent, IncidentResumeEvent,
  IncidentUpdateEvent, IncidentResolveEvent, IncidentReopenEvent, IncidentCloseEvent, IncidentAutoCloseEvent,
  IncidentCancelEvent, IncidentProposeMajorEvent, IncidentAcceptMajorEvent, IncidentRejectMajorEvent, IncidentEvent,
  IncidentEventType,
} from './events.js';
export {
  PriorityMatrixSchema, serviceNowPriorityMatrix, iTopPriorityMatrix, glpiPriorityMatrix, createPriorityMatrix,
  safeCreatePriorityMatrix, priorityMatrixJsonSchema, derivePriority,
} from './priority.js';
export type { PriorityMatrix } from './priority.js';
export { incidentMachine } from './machine.js';
export type { IncidentMachine, IncidentSnapshot } from './machine.js';
export { incidentTransitions } from './rules.js';
export type { IncidentRule } from './rules.js';
export {
  openIncident, safeOpenIncident, advanceIncident, restoreIncident, safeRestoreIncident, replayIncidentHistory,
  explainIncidentRefusal,
} from './lifecycle.js';
export type { IncidentStep, IncidentSnapshotLike } from './lifecycle.js';
export type { IncidentCalendar } from './business-time.js';
export { autoCloseDueAt } from './auto-close.js';
export type { AutoCloseOptions } from './auto-close.js';
export {
  EscalationPolicySchema, createEscalationPolicy, safeCreateEscalationPolicy, escalationPolicyJsonSchema,
} from './escalation-policy.js';
export type { EscalationPolicy, EscalationLevel, EscalationTrigger, EscalationKind } from './escalation-policy.js';
export { escalationsDue } from './escalation.js';
export type { EscalationSlaProgress, EscalationOptions, EscalationStep, EscalationStatus } from './escalation.js';
