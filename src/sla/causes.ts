// The causes written into the explanation, one function per kind: the same state reads the same whichever path
// put the clock there (an event, or the replay of a retroactive start).
import { describeConditionOnce, describeHolding, type Fields } from '../core/condition.js';
import type { SlaDefinition } from './definition.js';

/** `started: <the part of start that held>`. */
export function startedCause(def: SlaDefinition, fields: Fields, type: string): string {
  return `started: ${describeHolding(def.start, fields, type)}`;
}

/** `started retroactively from field <name>`. */
export function retroactiveCause(field: string): string {
  return `started retroactively from field ${field}`;
}

/** `paused: <the part of the pause condition that held>`, from that part's description. */
export function pausedCause(holding: string): string {
  return `paused: ${holding}`;
}

/** `resumed: not (<pause>)`, or `resumed: running` for a definition without a pause condition. */
export function resumedCause(def: SlaDefinition): string {
  return `resumed: ${def.pause === undefined ? 'running' : `not (${describeConditionOnce(def.pause)})`}`;
}
