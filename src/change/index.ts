export { createChangeSchedule } from './schedule.js';
export type { ScheduledChange, CiRelation, ChangeBlackout, ChangeScheduleInput, ChangeSchedule } from './schedule.js';
export { findChangeConflicts, CHANGE_CONFLICT_KINDS } from './conflicts.js';
export type { ChangeConflict, ChangeConflictKind, FindChangeConflictsOptions } from './conflicts.js';
export { suggestChangeWindows } from './windows.js';
export type { SuggestChangeWindowsOptions, ChangeWindow } from './windows.js';
export { RISK_LEVELS, RiskModelSchema, createRiskModel, safeCreateRiskModel } from './risk-model.js';
export type { RiskLevel, RiskModel } from './risk-model.js';
export { assessChangeRisk } from './risk.js';
export type { RiskAssessment, RiskAnswer, RiskInput, RiskSource } from './risk.js';
export { riskModelJsonSchema, approvalPolicyJsonSchema } from './json-schema.js';
export { CHANGE_MODELS } from './change-model.js';
export type { ChangeModel } from './change-model.js';
export { ApprovalPolicySchema, createApprovalPolicy, safeCreateApprovalPolicy } from './approval-policy.js';
export type { ApprovalPolicy, ApprovalRule } from './approval-policy.js';
export { evaluateApprovals, selectApprovalPolicy } from './approvals.js';
export type {
  ApprovalVote, ApprovalChange, ApprovalDelegation, EvaluateApprovalsOptions, ApprovalStatus, ApprovalGroupResult, ApprovalVoteResult, ApprovalResult,
} from './approvals.js';
export { openChange, safeOpenChange, advanceChange, restoreChange, safeRestoreChange, explainChangeRefusal, replayChangeHistory } from './lifecycle.js';
export type { ChangeSnapshotLike, ChangeStep } from './lifecycle.js';
export { normalChangeMachine, standardChangeMachine, emergencyChangeMachine } from './machines.js';
export type { ChangeMachine, ChangeSnapshot } from './machines.js';
export { changeTransitions } from './lifecycle-rules.js';
export type { ChangeRule, ChangeTransitionTable } from './lifecycle-rules.js';
export type * from '../lifecycle/public.js';
export type {
  ChangeState, ChangeOutcome, ChangeFields, ChangeInput, ChangeContext, StoredChangeVote, ChangeEventBase, ChangeEvent, ChangeEventType,
  ChangeUpdateEvent, ChangeModelEvent, ChangeAssessEvent, ChangeRequestAuthorizationEvent, ChangeVoteEvent, ChangeRejectEvent,
  ChangeScheduleEvent, ChangeImplementEvent, ChangeCompleteEvent, ChangeCloseEvent, ChangeCancelEvent,
} from './lifecycle-types.js';
