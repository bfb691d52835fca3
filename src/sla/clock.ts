// The SLA clock: a pure fold over one ticket's events. After each event, in the order of docs/sla.md: a reset
// closes the cycle, a switch changes the definition, a start opens a cycle, then cancel / stop / pause settle
// its stage. The jobs live in their own files (see state.ts); this file is the order they run in.
import { describeHolding, type Fields } from '../core/condition.js';
import { advance } from './accounting.js';
import { pausedCause, resumedCause, retroactiveCause, startedCause } from './causes.js';
import { closeCycle } from './cycles.js';
import type { CompiledSla } from './definition.js';
import type { SlaResult } from './result.js';
import { recordPause, replayPauses, retroactiveStartOf } from './retroactive.js';
import { SegmentLog } from './segments.js';
import { snapshot } from './snapshot.js';
import { ClockState } from './state.js';
import { resolveCalendar, startingCandidate, switchCandidate, switchTo } from './switching.js';
import { setTarget } from './thresholds.js';

/**
 * One SLA clock over one ticket. `plan.slas` are the definitions it may run under (one for `evaluateSla`; a
 * group's alternatives for `evaluateTicket`).
 */
export class SlaClock extends ClockState {
  get started(): boolean {
    return this.stage !== 'not_started' || this.cycles.length > 0;
  }

  /** Applies event `index` at `t`; `fields` already include its `set`. */
  onEvent(index: number, t: number, fields: Fields, type: string): void {
    advance(this, t);
    if (this.plan.recordPauses) recordPause(this, index, t, fields, type);
    if (this.stage !== 'not_started' && this.sla.reset !== null && this.sla.reset(fields, type)) closeCycle(this, 'reset', t);
    if (this.stage === 'running' || this.stage === 'paused') {
      const next = switchCandidate(this, fields, type);
      if (next !== null) switchTo(this, next, index, t, fields);
    }
    if (this.stage === 'not_started') {
      const pick = startingCandidate(this, fields, type);
      if (pick === null) return;
      this.begin(pick, index, t, fields, type);
    }
    if (this.stage === 'running' || this.stage === 'paused') this.settle(index, t, fields, type);
  }

  /** Opens a cycle of `sla` at event `index` (from the retroactive start's instant when there is one). */
  private begin(sla: CompiledSla, index: number, t: number, fields: Fields, type: string): void {
    this.sla = sla;
    this.cal = resolveCalendar(this, sla, index, fields);
    const start = retroactiveStartOf(this, sla, index, t, fields);
    this.startedAt = start;
    this.stoppedAt = null;
    this.elapsed = 0;
    this.paused = 0;
    this.mark = start;
    this.segments = new SegmentLog();
    this.stage = 'running';
    setTarget(this, sla);
    if (start < t) {
      this.cause = { eventIndex: null, text: retroactiveCause(sla.def.retroactiveStart!) };
      replayPauses(this, start, t, index);
    } else {
      this.cause = { eventIndex: index, text: this.env.explain ? startedCause(sla.def, fields, type) : '' };
    }
  }

  /** Applies cancel, stop and pause at an event while a cycle is open. */
  private settle(index: number, t: number, fields: Fields, type: string): void {
    const sla = this.sla;
    if (sla.cancel !== null && sla.cancel(fields, type)) {
      this.stage = 'canceled';
      this.stoppedAt = t;
    } else if (sla.stop(fields, type)) {
      this.stage = 'completed';
      this.stoppedAt = t;
    } else if (sla.pause !== null && sla.pause(fields, type)) {
      const text = this.env.explain ? pausedCause(describeHolding(sla.def.pause!, fields, type)) : '';
      if (this.stage !== 'paused' || (this.env.explain && text !== this.cause.text)) {
        this.stage = 'paused';
        this.cause = { eventIndex: index, text };
      }
    } else if (this.stage !== 'running') {
      this.stage = 'running';
      this.cause = { eventIndex: index, text: this.env.explain ? resumedCause(sla.def) : '' };
    }
  }

  /** The result at `now` (all events up to `now` applied). */
  finish(now: number): SlaResult {
    advance(this, now);
    return snapshot(this, now, true);
  }

  /**
   * Chooses, for a clock that has not started, the first candidate that applies to `fields`; returns whether
   * one does (a group none of whose definitions applies is not reported).
   */
  applies(fields: Fields): boolean {
    if (this.started) return true;
    for (let i = 0; i < this.candidates.length; i++) {
      const c = this.candidates[i]!;
      if (c.appliesTo === null || c.appliesTo(fields, '')) {
        this.sla = c;
        this.cal = this.plan.cals[i]!;
        return true;
      }
    }
    return false;
  }
}
