// The mutable state of one SLA clock, shared by the files that each do one job on it: `clock.ts` (the fold over
// events), `accounting.ts` (elapsed and paused time, threshold crossings, segments), `thresholds.ts` (targets and
// projections), `retroactive.ts` (starts from a field's instant), `switching.ts` (definition switches),
// `cycles.ts` (resets) and `snapshot.ts` (the result). One object per clock per ticket, updated in place: the
// fold allocates nothing per event beyond the explanation it was asked for.
import type { BusinessCalendar } from '../calendar/engine.js';
import type { CompiledSla } from './definition.js';
import type { ClockEnv, ClockPlan } from './plan.js';
import type { SlaCycle, SlaStage, SlaSwitch } from './result.js';
import { SegmentLog, type Cause } from './segments.js';

/** The pause condition's state at one event, kept only for retroactive starts. */
export interface PauseRecord {
  readonly t: number;
  readonly holds: boolean;
  /** The part of the pause condition that held (empty when it did not). */
  readonly text: string;
  readonly index: number;
}

/** Everything a clock knows; each field is written by the one file named beside it. */
export class ClockState {
  /** The definition the clock runs under (switching.ts). */
  sla: CompiledSla;
  /** Its calendar, re-zoned by `timeZoneField` (switching.ts). */
  cal: BusinessCalendar;
  stage: SlaStage = 'not_started';
  startedAt = 0;
  /** When the previous cycle was closed: a retroactive start never reaches back before it (cycles.ts). */
  lastCycleEnd = -Infinity;
  stoppedAt: number | null = null;
  /** Target and thresholds in business ms: warnings in order, then the target (thresholds.ts). */
  targetMs = 0;
  thresholds: readonly number[] = [];
  /** Reached instants of `thresholds` (accounting.ts, thresholds.ts). */
  reached: Array<number | null> = [];
  /** Business ms counted and paused in the current cycle, up to `mark` (accounting.ts). */
  elapsed = 0;
  paused = 0;
  mark = 0;
  /** Why the clock is in its stage: the explanation's cause (clock.ts, retroactive.ts). */
  cause: Cause = { eventIndex: null, text: '' };
  segments = new SegmentLog();
  readonly cycles: SlaCycle[] = [];
  readonly switches: SlaSwitch[] = [];
  readonly pauseLog: PauseRecord[] = [];
  readonly candidates: readonly CompiledSla[];

  constructor(
    readonly plan: ClockPlan,
    readonly env: ClockEnv,
  ) {
    this.candidates = plan.slas;
    this.sla = plan.slas[0]!;
    this.cal = plan.cals[0]!;
  }
}
