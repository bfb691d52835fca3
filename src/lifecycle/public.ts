// The kit's public types, re-exported by every lifecycle module (incident, problem, change, catalog's requests).
export type { Refusal, LifecycleRule } from './refusal.js';
export type { LifecycleHistoryEntry } from './history.js';
export type { LifecycleStep, LifecycleSnapshotLike } from './kit.js';
export type { LifecycleMachine, LifecycleSnapshot } from './machine.js';
export type { TransitionTable } from './spec.js';
