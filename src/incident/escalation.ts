import { ItsmError, atBoundary } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { clockOption, isSupportedMs, type IncidentCalendar } from './business-time.js';
import { optionsNotObjectError } from '../core/messages.js';
import { checkedPolicy, type EscalationKind, type EscalationPolicy } from './escalation-policy.js';

/**
 * The SLA clock as escalation needs it. `SlaResult` from `itsm-kit/sla` satisfies this type, so pass the
 * result of `evaluateSla` directly. Pass it only while the clock runs or is paused, not once it has stopped.
 *
 * @example
 * ```ts
 * const sla: EscalationSlaProgress = { startedAt: new Date('2026-03-09T08:00:00Z'), dueAt: new Date('2026-03-09T12:00:00Z'), targetMs: 4 * 3_600_000 };
 * ```
 * @category Escalation
 */
export interface EscalationSlaProgress {
  /** When the clock started, `null` if it has not. */
  readonly startedAt: Instant | null;
  /**
   * When the target will be reached if the clock keeps running. Ignored while `stage` is `paused`: an
   * `SlaResult`'s `dueAt` is then only a projection "if it resumed now".
   */
  readonly dueAt: Instant | null;
  /** The clock's stage (`SlaResult.stage`); a `paused` clock places no SLA-percent step in time. */
  readonly stage?: string;
  /** The target, in (business) milliseconds. */
  readonly targetMs: number;
  /** Time counted so far; used to tell whether a percentage was reached while `dueAt` is unknown. */
  readonly elapsedMs?: number;
}

/**
 * Options of {@link escalationsDue}.
 *
 * @example
 * ```ts
 * const options: EscalationOptions = { acknowledgedAt: null, calendar: support };
 * ```
 * @category Escalation
 */
export interface EscalationOptions {
  /** When someone acknowledged; no level fires at or after it. */
  readonly acknowledgedAt?: Instant | null;
  /** The SLA clock, required when a level uses `slaPercent`. */
  readonly sla?: EscalationSlaProgress;
  /** Count durations in business time and fire only inside business hours: a calendar from `itsm-kit/calendar`. */
  readonly calendar?: IncidentCalendar;
}

/**
 * One firing of one level in one pass.
 *
 * @example
 * ```ts
 * const step: EscalationStep = { level: 1, loop: 0, kind: 'functional', targets: ['l2'], at: new Date('2026-03-09T08:15:00Z') };
 * ```
 * @category Escalation
 */
export interface EscalationStep {
  /** Index of the level in `policy.levels`. */
  readonly level: number;
  /** The pass: 0 for the first, up to `policy.loops`. */
  readonly loop: number;
  /** The level's label. */
  readonly name?: string;
  /** The level's kind. */
  readonly kind: EscalationKind;
  /** Who to notify. */
  readonly targets: readonly string[];
  /**
   * When it fires (fired). `null` only for an SLA-percent level whose percentage was reached while the clock
   * is paused (`sla.dueAt` unknown): it is due, at an instant the SLA result does not tell.
   */
  readonly at: Date | null;
}

/**
 * The result of {@link escalationsDue}.
 *
 * @example
 * ```ts
 * const { due, nextEscalationAt } = escalationsDue(policy, triggeredAt, now);
 * ```
 * @category Escalation
 */
export interface EscalationStatus {
  /** Every step due by `now` (and before the acknowledgement), in firing order. Dedupe by `loop` + `level`. */
  readonly due: readonly EscalationStep[];
  /** The next step to fire, or `null` when none will (acknowledged, policy exhausted, or unknown while the SLA is paused). */
  readonly next: EscalationStep | null;
  /** `next.at`: when the host should call again (deliver a timer). */
  readonly nextEscalationAt: Date | null;
  /** Whether the incident was acknowledged by `now`. */
  readonly acknowledged: boolean;
}

/**
 * Which escalation levels are due, and when the next one fires. Pure: call it when the incident is
 * triggered, at `nextEscalationAt`, and after events that change the SLA clock; notify the targets of the
 * steps you have not notified yet.
 *
 * Duration levels fire `after` since `triggeredAt` (plus `loop × repeatEvery`); SLA-percent levels fire when
 * the clock reaches that share of the target, computed back from `sla.dueAt`. With `businessTime`, durations
 * are business time and every firing instant is moved to the next business instant. A step that would fire
 * after year 9999 never fires.
 *
 * @param policy - A validated policy (see {@link createEscalationPolicy}).
 * @param triggeredAt - When escalation started (the incident was opened or assigned).
 * @param now - The host's current instant.
 * @param options - Acknowledgement, SLA clock, business calendar.
 * @returns The due steps, the next step and its instant.
 * @throws {@link core!ItsmError} `invalid_instant` for a bad instant; `invalid_argument` when a level uses
 * `slaPercent` and `sla` is missing or its `targetMs` is not positive, or when an argument has the wrong shape.
 * @example
 * ```ts
 * const r = escalationsDue(policy, '2026-03-09T08:00:00Z', '2026-03-09T08:20:00Z');
 * r.due.map((s) => s.targets);   // [['on-call'], ['network-l2']]
 * r.nextEscalationAt;            // 2026-03-09T09:00:00.000Z (second pass), or the 75 % SLA instant if earlier
 * ```
 * @category Escalation
 */
export function escalationsDue(policy: EscalationPolicy, triggeredAt: Instant, now: Instant, options: EscalationOptions = {}): EscalationStatus {
  return atBoundary(() => due(policy, triggeredAt, now, options));
}

function due(policy: EscalationPolicy, triggeredAt: Instant, now: Instant, options: EscalationOptions): EscalationStatus {
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ acknowledgedAt?, sla?, calendar? }');
  policy = checkedPolicy(policy);
  const t0 = toEpochMs(triggeredAt, 'triggeredAt');
  const nowMs = toEpochMs(now, 'now');
  const ack = options.acknowledgedAt == null ? Infinity : toEpochMs(options.acknowledgedAt, 'acknowledgedAt');
  const bt = clockOption(options.calendar, 'options.calendar');
  const loops = policy.loops ?? 0;
  const repeatMs = loops > 0 && policy.repeatEvery !== undefined ? parseDuration(policy.repeatEvery, 'repeatEvery') : 0;
  const sla = options.sla;
  const usesSla = policy.levels.some((l) => typeof l.after !== 'string');
  let dueAtMs: number | null = null;
  if (usesSla) {
    if (!sla) {
      throw new ItsmError('invalid_argument', 'sla: the policy has slaPercent levels; pass the SLA clock (the result of evaluateSla) as options.sla.', { details: { field: 'sla' } });
    }
    if (!(typeof sla.targetMs === 'number' && Number.isFinite(sla.targetMs) && sla.targetMs > 0)) {
      throw new ItsmError('invalid_argument', `sla.targetMs: ${String(sla.targetMs)} must be a positive number of milliseconds.`, { details: { field: 'sla.targetMs', value: sla.targetMs } });
    }
    dueAtMs = sla.dueAt == null || sla.stage === 'paused' ? null : toEpochMs(sla.dueAt, 'sla.dueAt');
  }
  const acknowledged = ack <= nowMs;
  const due: EscalationStep[] = [];
  let next: EscalationStep | null = null;
  for (let loop = 0; loop <= loops; loop++) {
    policy.levels.forEach((level, index) => {
      const base = { level: index, loop, ...(level.name !== undefined ? { name: level.name } : {}), kind: level.kind, targets: level.targets };
      let at: number | null;
      if (typeof level.after === 'string') {
        const offset = parseDuration(level.after, `levels[${index}].after`) + loop * repeatMs;
        at = bt.nextBusinessMs(bt.addBusinessMs(t0, offset));
      } else {
        const threshold = (level.after.slaPercent / 100) * sla!.targetMs;
        if (dueAtMs !== null) {
          const point = bt.addBusinessMs(dueAtMs, -(sla!.targetMs - threshold));
          at = bt.nextBusinessMs(loop > 0 ? bt.addBusinessMs(point, loop * repeatMs) : point);
        } else {
          // Paused clock: reached or not is known from elapsedMs, the instant is not (and later passes cannot be placed).
          if (loop === 0 && !acknowledged && sla!.elapsedMs !== undefined && sla!.elapsedMs >= threshold) due.push({ ...base, at: null });
          return;
        }
      }
      if (at >= ack || !isSupportedMs(at)) return;
      if (at <= nowMs) due.push({ ...base, at: new Date(at) });
      else if (next === null || at < next.at!.getTime()) next = { ...base, at: new Date(at) };
    });
  }
  due.sort((a, b) => (a.at?.getTime() ?? nowMs) - (b.at?.getTime() ?? nowMs) || a.loop - b.loop || a.level - b.level);
  const nextStep = next as EscalationStep | null;
  return { due, next: nextStep, nextEscalationAt: nextStep?.at ?? null, acknowledged };
}
