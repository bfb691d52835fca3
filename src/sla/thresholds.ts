// Targets and thresholds: the business ms of the target (fixed, or relative to the start), the warning
// thresholds before it, and where each one is reached or projected.
import { ItsmError } from '../core/errors.js';
import { addBusinessDays } from '../calendar/days.js';
import { addBusinessMs, businessMsBetween } from '../calendar/internal.js';
import { thresholdMs, type CompiledSla } from './definition.js';
import type { ClockState } from './state.js';

/** Sets the target and thresholds of `sla` for a cycle started at `s.startedAt`; none is reached yet. */
export function setTarget(s: ClockState, sla: CompiledSla): void {
  if (sla.relative !== null) {
    const due = addBusinessDays(s.cal, s.startedAt, sla.relative.businessDays, sla.relative.at === undefined ? {} : { at: sla.relative.at });
    s.targetMs = businessMsBetween(s.cal, s.startedAt, due.getTime());
    s.thresholds = [...sla.warnAt.map((f) => thresholdMs(f, s.targetMs)), s.targetMs];
  } else {
    s.targetMs = sla.targetMs!;
    s.thresholds = sla.thresholds!;
  }
  s.reached = new Array<number | null>(s.thresholds.length).fill(null);
}

/** Marks every threshold the clock is at or past as reached at `t` (a switch, or `now` for a running clock). */
export function reachPassed(s: ClockState, t: number): void {
  for (let k = 0; k < s.thresholds.length; k++) if (s.reached[k] === null && s.elapsed >= s.thresholds[k]!) s.reached[k] = t;
}

/**
 * The instant `ms` business ms after `from`, or `null` when it lies beyond year 9999 or the calendar has no
 * business time left to reach it: a projection that cannot happen is "never", not an error.
 */
export function projectedAt(s: ClockState, from: number, ms: number): number | null {
  try {
    return addBusinessMs(s.cal, from, ms);
  } catch (error) {
    if (error instanceof ItsmError) return null;
    throw error;
  }
}
