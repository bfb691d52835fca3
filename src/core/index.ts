export { ItsmError, isItsmError } from './errors.js';
export type { ItsmErrorCode, ValidationIssue, SafeResult } from './errors.js';
export { toEpochMs, isInstant, MIN_SUPPORTED_MS, MAX_SUPPORTED_MS } from './instant.js';
export type { Instant } from './instant.js';
export { parseDuration, parseDurationOrNull, formatDuration } from './duration.js';
export type { FormatDurationOptions } from './duration.js';
export { IsoDurationSchema, InstantSchema } from './schema.js';
export { ConditionSchema, describeCondition, conditionJsonSchema } from './condition.js';
export type { Condition, FieldCondition, ConditionValue } from './condition.js';
