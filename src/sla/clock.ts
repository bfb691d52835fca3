import { ItsmError } from '../core/errors.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, isInstant, toEpochMs } from '../core/instant.js';

const inSupportedRange = (ms: number): boolean => ms >= MIN_SUPPORTED_MS && ms < MAX_SUPPORTED_MS;
import { addBusinessDays, withTimeZone, type BusinessCalendar } from '../calendar/index.js';
import { addBusinessMs, businessMsBetween } from '../calendar/internal.js';
import { describeConditionOnce, describeHolding, getter, type Fields } from '../core/condition.js';
import { thresholdMs, type CompiledSla } from './definition.js';
import type { SlaCycle, SlaResult, SlaStage, SlaSwitch, SlaWarning } from './result.js';
import type { ClockEnv, ClockPlan } from './plan.js';
import { SegmentLog, type Cause } from './segments.js';



function fieldValue(fields: Fields, path: string): unknown {
  return getter(path)(fields);
}

/**
 * One SLA clock over one ticket: a fold over its events. `candidates` are the definitions it may run under
 * (one for `evaluateSla`; a group's alternatives for `evaluateTicket`).
 */
export class SlaClock {
  private sla: CompiledSla;
  private cal: BusinessCalendar;
  private stage: SlaStage = 'not_started';
  private startedAt = 0;
  /** When the previous cycle was closed: a retroactive start never reaches back before it. */
  private lastCycleEnd = -Infinity;
  private stoppedAt: number | null = null;
  private targetMs = 0;
  private thresholds: readonly number[] = [];
  /** Reached instants of `thresholds` (warnings in order, then the breach). */
  private reached: Array<number | null> = [];
  private elapsed = 0;
  private paused = 0;
  private mark = 0;
  private cause: Cause = { eventIndex: null, text: '' };
  private segments = new SegmentLog();
  private readonly cycles: SlaCycle[] = [];
  private readonly switches: SlaSwitch[] = [];
  /** Pause-condition history (time, holds, description, event index), kept only for retroactive starts. */
  private readonly pauseLog: Array<{ t: number; holds: boolean; text: string; index: number }> = [];
  private readonly candidates: readonly CompiledSla[];

  constructor(
    private readonly plan: ClockPlan,
    private readonly env: ClockEnv,
  ) {
    this.candidates = plan.slas;
    this.sla = plan.slas[0]!;
    this.cal = plan.cals[0]!;
  }

  get started(): boolean {
    return this.stage !== 'not_started' || this.cycles.length > 0;
  }

  /** Applies event `index` at `t`; `fields` already include its `set`. */
  onEvent(index: number, t: number, fields: Fields, type: string): void {
    this.advance(t);
    const sla = this.sla;
    if (this.plan.recordPauses) {
      const pause = sla.pause;
      const holds = pause !== null && pause(fields, type);
      this.pauseLog.push({ t, holds, text: holds && sla.def.pause !== undefined ? describeHolding(sla.def.pause, fields, type) : '', index });
    }
    if (this.stage !== 'not_started' && sla.reset !== null && sla.reset(fields, type)) {
      this.closeCycle('reset', t);
    }
    if ((this.stage === 'running' || this.stage === 'paused') && this.candidates.length > 1 && sla.appliesTo !== null && !sla.appliesTo(fields, type)) {
      for (const c of this.candidates) {
        if (c !== sla && (c.appliesTo === null || c.appliesTo(fields, type))) {
          this.switchTo(c, index, t, fields);
          break;
        }
      }
    }
    if (this.stage === 'not_started') {
      let pick: CompiledSla | null = null;
      for (const c of this.candidates) {
        if ((c.appliesTo === null || c.appliesTo(fields, type)) && c.start(fields, type)) {
          pick = c;
          break;
        }
      }
      if (pick === null) return;
      this.begin(pick, index, t, fields, type);
    }
    if (this.stage === 'running' || this.stage === 'paused') this.settle(index, t, fields, type);
  }

  /** Applies cancel, stop and pause at an event while a cycle is open. */
  private settle(index: number, t: number, fields: Fields, type: string): void {
    const sla = this.sla;
    const def = sla.def;
    if (sla.cancel !== null && sla.cancel(fields, type)) {
      this.stop('canceled', t);
    } else if (sla.stop(fields, type)) {
      this.stop('completed', t);
    } else if (sla.pause !== null && sla.pause(fields, type)) {
      const text = this.env.explain ? `paused: ${describeHolding(def.pause!, fields, type)}` : '';
      if (this.stage !== 'paused' || (this.env.explain && text !== this.cause.text)) {
        this.stage = 'paused';
        this.cause = { eventIndex: index, text };
      }
    } else if (this.stage !== 'running') {
      this.stage = 'running';
      this.cause = { eventIndex: index, text: this.env.explain ? `resumed: ${def.pause === undefined ? 'running' : `not (${describeConditionOnce(def.pause)})`}` : '' };
    }
  }

  private stop(stage: 'completed' | 'canceled', t: number): void {
    this.stage = stage;
    this.stoppedAt = t;
  }

  private resolveCalendar(sla: CompiledSla, index: number, fields: Fields): BusinessCalendar {
    const base = this.plan.cals[this.candidates.indexOf(sla)]!;
    const tzField = sla.def.timeZoneField;
    if (tzField === undefined) return base;
    const zone = fieldValue(fields, tzField);
    if (zone === undefined || zone === null || zone === '') return base;
    try {
      return withTimeZone(base, String(zone));
    } catch {
      throw new ItsmError('invalid_event', `events[${index}]: field ${JSON.stringify(tzField)} (the timeZoneField of SLA "${sla.def.id}") holds ${JSON.stringify(zone)}, which is not an IANA time zone; use a name such as "Europe/Paris".`, { details: { index, field: tzField, value: zone } });
    }
  }

  private setTarget(sla: CompiledSla): void {
    if (sla.relative !== null) {
      const due = addBusinessDays(this.cal, this.startedAt, sla.relative.businessDays, sla.relative.at === undefined ? {} : { at: sla.relative.at });
      this.targetMs = businessMsBetween(this.cal, this.startedAt, due.getTime());
      this.thresholds = [...sla.warnAt.map((f) => thresholdMs(f, this.targetMs)), this.targetMs];
    } else {
      this.targetMs = sla.targetMs!;
      this.thresholds = sla.thresholds!;
    }
    this.reached = new Array<number | null>(this.thresholds.length).fill(null);
  }

  private begin(sla: CompiledSla, index: number, t: number, fields: Fields, type: string): void {
    this.sla = sla;
    this.cal = this.resolveCalendar(sla, index, fields);
    let start = t;
    const retroField = sla.def.retroactiveStart;
    if (retroField !== undefined) {
      const v = fieldValue(fields, retroField);
      if (v !== undefined && v !== null) {
        if (!isInstant(v) || !inSupportedRange(toEpochMs(v as never))) {
          throw new ItsmError('invalid_event', `events[${index}]: field ${JSON.stringify(retroField)} (the retroactiveStart of SLA "${sla.def.id}") holds ${JSON.stringify(v)}, which is not an instant in years 0001 to 9999; use an ISO 8601 string with an offset, epoch ms or a Date.`, { details: { index, field: retroField, value: v } });
        }
        start = Math.max(Math.min(toEpochMs(v as never), t), this.lastCycleEnd);
      }
    }
    this.startedAt = start;
    this.stoppedAt = null;
    this.elapsed = 0;
    this.paused = 0;
    this.mark = start;
    this.segments = new SegmentLog();
    this.stage = 'running';
    this.setTarget(sla);
    if (start < t) {
      this.cause = { eventIndex: null, text: `started retroactively from field ${retroField}` };
      this.replayPauses(start, t, index);
    } else {
      this.cause = { eventIndex: index, text: this.env.explain ? `started: ${describeHolding(sla.def.start, fields, type)}` : '' };
    }
  }

  /** Re-runs `[from, to)` of a retroactive start with the pause states recorded at earlier events. */
  private replayPauses(from: number, to: number, startIndex: number): void {
    const log = this.pauseLog;
    let i = 0;
    let state: { holds: boolean; text: string; index: number } | null = null;
    while (i < log.length && log[i]!.t <= from && log[i]!.index < startIndex) state = log[i++]!;
    const apply = (s: { holds: boolean; text: string; index: number } | null): void => {
      const holds = s !== null && s.holds;
      if (holds && (this.stage !== 'paused' || `paused: ${s.text}` !== this.cause.text)) {
        this.stage = 'paused';
        this.cause = { eventIndex: s.index, text: `paused: ${s.text}` };
      } else if (!holds && this.stage !== 'running') {
        this.stage = 'running';
        this.cause = { eventIndex: s === null ? null : s.index, text: 'resumed' };
      }
    };
    apply(state);
    for (; i < log.length && log[i]!.t < to && log[i]!.index < startIndex; i++) {
      this.advance(log[i]!.t);
      apply(log[i]!);
    }
    this.advance(to);
  }

  private switchTo(next: CompiledSla, index: number, t: number, fields: Fields): void {
    const from = this.sla;
    const policy = this.env.onSwitch;
    this.switches.push({ at: new Date(t), eventIndex: index, fromId: from.def.id, toId: next.def.id, policy });
    if (policy === 'restart') {
      this.closeCycle('switched', t);
      return;
    }
    // carry: elapsed and paused time stay; the new target (and calendar, from now on) apply. A threshold the
    // clock is already at or past is reached at the switch, whatever the stage: raising the priority of a
    // ticket that has used more than the new target must not leave it "met".
    this.sla = next;
    this.cal = this.resolveCalendar(next, index, fields);
    this.setTarget(next);
    for (let k = 0; k < this.thresholds.length; k++) if (this.elapsed >= this.thresholds[k]!) this.reached[k] = t;
  }

  /** Accounts `[mark, t)` in the current stage. */
  private advance(t: number): void {
    if (t <= this.mark) return;
    const from = this.mark;
    this.mark = t;
    if (this.stage === 'running') {
      const counted = businessMsBetween(this.cal, from, t);
      const e0 = this.elapsed;
      for (let k = 0; k < this.thresholds.length; k++) {
        if (this.reached[k] !== null) continue;
        const thr = this.thresholds[k]!;
        if (e0 >= thr) this.reached[k] = from;
        else if (e0 + counted >= thr) {
          const u = addBusinessMs(this.cal, from, thr - e0);
          if (u < t) this.reached[k] = u;
        }
      }
      this.elapsed = e0 + counted;
      if (this.env.explain) this.segments.running(this.cal, from, t, this.cause, `outside the hours of calendar "${this.sla.def.calendar}"`);
    } else if (this.stage === 'paused') {
      const p = businessMsBetween(this.cal, from, t);
      this.paused += p;
      if (this.env.explain) this.segments.push(from, t, 'paused', this.cause.text, this.cause.eventIndex, p);
    }
  }

  private closeCycle(reason: 'reset' | 'switched', t: number): void {
    const r = this.snapshot(t, false);
    this.cycles.push({
      slaId: this.sla.def.id,
      startedAt: r.startedAt!,
      endedAt: new Date(t),
      endReason: reason,
      stage: r.stage as Exclude<SlaStage, 'not_started'>,
      stoppedAt: r.stoppedAt,
      breached: r.breached,
      breachedAt: r.breachedAt,
      dueAt: r.dueAt,
      targetMs: r.targetMs,
      elapsedMs: r.elapsedMs,
      pausedMs: r.pausedMs,
      segments: r.segments,
    });
    this.stage = 'not_started';
    this.stoppedAt = null;
    this.segments = new SegmentLog();
    this.lastCycleEnd = t;
  }

  /** The result at `now` (all events up to `now` applied). */
  finish(now: number): SlaResult {
    this.advance(now);
    return this.snapshot(now, true);
  }

  /**
   * Chooses, for a clock that has not started, the first candidate that applies to `fields`;
   * returns whether one does (a group none of whose definitions applies is not reported).
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

  /** The result at `now`; `atNow` applies the "reached at this instant" rule of a running clock. */
  private snapshot(now: number, atNow: boolean): SlaResult {
    const stage = this.stage;
    const started = stage !== 'not_started';
    if (stage === 'running' && atNow) {
      // At `now` itself: a running clock at or past a threshold has reached it now.
      for (let k = 0; k < this.thresholds.length; k++) if (this.reached[k] === null && this.elapsed >= this.thresholds[k]!) this.reached[k] = now;
    }
    const point = stage === 'completed' || stage === 'canceled' ? this.stoppedAt! : now;
    // Each threshold's instant: reached, or projected on the clock's current course.
    const nb = this.thresholds.length - 1;
    const projected: Array<number | null> = new Array<number | null>(nb + 1);
    let next: number | null = null;
    for (let k = 0; k <= nb; k++) {
      const r = started ? this.reached[k] ?? null : null;
      if (r !== null || !started) {
        projected[k] = r;
        continue;
      }
      const at = addBusinessMs(this.cal, point, Math.max(this.thresholds[k]! - this.elapsed, 0));
      projected[k] = at;
      if (stage === 'running' && at > now && (next === null || at < next)) next = at;
    }
    const breachedAt = started ? this.reached[nb] ?? null : null;
    const dueAt = started ? projected[nb]! : null;
    const warnings: SlaWarning[] = [];
    if (!started) for (const fraction of this.sla.warnAt) warnings.push({ fraction, dueAt: null, reachedAt: null });
    else for (let k = 0; k < nb; k++) {
      const at = projected[k]!;
      const r = started ? this.reached[k] ?? null : null;
      warnings.push({ fraction: this.sla.warnAt[k]!, dueAt: at === null ? null : new Date(at), reachedAt: r === null ? null : new Date(r) });
    }
    const def = this.sla.def;
    const target = started ? this.targetMs : this.sla.targetMs ?? 0;
    const elapsed = started ? this.elapsed : 0;
    return {
      slaId: def.id,
      name: def.name ?? null,
      kind: def.kind ?? 'custom',
      agreement: def.agreement ?? 'SLA',
      calendar: def.calendar,
      timeZone: this.cal.timeZone,
      stage,
      breached: breachedAt !== null,
      startedAt: started ? new Date(this.startedAt) : null,
      stoppedAt: this.stoppedAt === null ? null : new Date(this.stoppedAt),
      dueAt: dueAt === null ? null : new Date(dueAt),
      breachedAt: breachedAt === null ? null : new Date(breachedAt),
      targetMs: target,
      elapsedMs: elapsed,
      remainingMs: target - elapsed,
      percent: target > 0 ? (elapsed / target) * 100 : started ? 100 : 0,
      pausedMs: started ? this.paused : 0,
      warnings,
      cycles: [...this.cycles],
      switches: [...this.switches],
      segments: started ? this.segments.toResult() : [],
      nextChangeAt: next === null ? null : new Date(next),
      evaluatedAt: new Date(now),
    };
  }
}
