export type { Refusal } from '../lifecycle/refusal.js';
export type {
  IncidentState, HoldReason, MajorIncidentStatus, IncidentFieldValue, IncidentInput, IncidentHistoryEntry,
  IncidentContext,
} from './types.js';
export type {
  IncidentEventBase, IncidentAssignEvent, IncidentStartEvent, IncidentHoldEvent, IncidentResumeEvent,
  IncidentUpdateEvent, IncidentResolveEvent, IncidentReopenEvent, IncidentCloseEvent, IncidentAutoCloseEvent,
  IncidentCancelEvent, IncidentProposeMajorEvent, IncidentAcceptMajorEvent, IncidentRejectMajorEvent, IncidentEvent,
  IncidentEventType,
} from './events.js';
export {
  PriorityMatrixSchema, serviceNowPriorityMatrix, iTopPriorityMatrix, glpiPriorityMatrix, createPriorityMatrix,
  safeCreatePriorityMatrix, derivePriority,
} from './priority.js';
export type { PriorityMatrix } from './priority.js';
export { incidentMachine } from './machine.js';
export type { IncidentMachine, IncidentSnapshot } from './machine.js';
export { incidentTransitions, explainRefusal } from './rules.js';
export type { IncidentRule, IncidentSnapshotLike, IncidentEventLike } from './rules.js';
export { startIncident, advanceIncident, restoreIncident, replayIncidentHistory } from './lifecycle.js';
export type { IncidentStep, ReplayIncidentOptions } from './lifecycle.js';
export type { BusinessTime } from './business-time.js';
export { autoCloseDueAt } from './auto-close.js';
export type { AutoCloseOptions } from './auto-close.js';
export { EscalationPolicySchema, createEscalationPolicy, safeCreateEscalationPolicy } from './escalation-policy.js';
export type { EscalationPolicy, EscalationLevel, EscalationTrigger, EscalationKind } from './escalation-policy.js';
export { escalationsDue } from './escalation.js';
export type { EscalationSlaProgress, EscalationOptions, EscalationStep, EscalationStatus } from './escalation.js';
