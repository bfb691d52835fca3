export type * from '../lifecycle/public.js';
export type {
  ProblemState, ProblemResolutionCode, ProblemInput, ProblemContext,
} from './types.js';
export type {
  ProblemEventBase, ProblemAssessEvent, ProblemConfirmEvent, ProblemStartFixEvent, ProblemResolveEvent,
  ProblemAcceptRiskEvent, ProblemMarkDuplicateEvent, ProblemCancelEvent, ProblemReanalyzeEvent, ProblemCloseEvent,
  ProblemUpdateEvent, ProblemPublishKnownErrorEvent, ProblemLinkIncidentEvent, ProblemUnlinkIncidentEvent,
  ProblemEvent, ProblemEventType,
} from './events.js';
export {
  KnownErrorSchema, createKnownError, safeCreateKnownError, knownErrorJsonSchema, knownErrorFromProblem,
} from './known-error.js';
export type { KnownError } from './known-error.js';
export { problemMachine } from './machine.js';
export type { ProblemMachine, ProblemSnapshot } from './machine.js';
export { problemTransitions } from './rules.js';
export type { ProblemRule } from './rules.js';
export {
  openProblem, safeOpenProblem, advanceProblem, restoreProblem, safeRestoreProblem, replayProblemHistory,
  explainProblemRefusal,
} from './lifecycle.js';
export type { ProblemStep, ProblemSnapshotLike } from './lifecycle.js';
export { linkedIncidentEvents } from './cascade.js';
export type {
  LinkedIncidentStatus, LinkedIncidentEvent, LinkedIncidentCommand, LinkedIncidentOptions,
} from './cascade.js';
