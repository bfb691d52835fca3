export type { Refusal } from '../lifecycle/refusal.js';
export type {
  ProblemState, ProblemResolutionCode, ProblemInput, ProblemHistoryEntry, ProblemContext,
} from './types.js';
export type {
  ProblemEventBase, ProblemAssessEvent, ProblemConfirmEvent, ProblemStartFixEvent, ProblemResolveEvent,
  ProblemAcceptRiskEvent, ProblemMarkDuplicateEvent, ProblemCancelEvent, ProblemReanalyzeEvent, ProblemCloseEvent,
  ProblemUpdateEvent, ProblemPublishKnownErrorEvent, ProblemLinkIncidentEvent, ProblemUnlinkIncidentEvent,
  ProblemEvent, ProblemEventType,
} from './events.js';
export { KnownErrorSchema, createKnownError, safeCreateKnownError, knownErrorFromProblem } from './known-error.js';
export type { KnownError } from './known-error.js';
export { problemMachine } from './machine.js';
export type { ProblemMachine, ProblemSnapshot } from './machine.js';
export { problemTransitions, explainProblemRefusal } from './rules.js';
export type { ProblemRule, ProblemSnapshotLike, ProblemEventLike } from './rules.js';
export { startProblem, advanceProblem, restoreProblem, replayProblemHistory } from './lifecycle.js';
export type { ProblemStep } from './lifecycle.js';
export { linkedIncidentEvents } from './cascade.js';
export type {
  LinkedIncidentStatus, LinkedIncidentEvent, LinkedIncidentCommand, LinkedIncidentOptions,
} from './cascade.js';
