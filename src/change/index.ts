export { createChangeSchedule } from './schedule.js';
export type { ScheduledChange, CiRelation, ChangeBlackout, ChangeScheduleInput, ChangeSchedule } from './schedule.js';
export { findChangeConflicts, CHANGE_CONFLICT_KINDS } from './conflicts.js';
export type { ChangeConflict, ChangeConflictKind, FindChangeConflictsOptions } from './conflicts.js';
export { suggestChangeWindows } from './windows.js';
export type { SuggestChangeWindowsOptions, ChangeWindow } from './windows.js';
