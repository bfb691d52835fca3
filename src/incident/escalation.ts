import { ItsmError } from '../core/errors.js';
import { parseDuration } from '../core/duration.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { ROUND_THE_CLOCK, type BusinessTime } from './business-time.js';
import type { EscalationKind, EscalationPolicy } from './escalation-policy.js';

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
 * const options: EscalationOptions = { triggeredAt: '2026-03-09T08:00:00Z', now: '2026-03-09T08:20:00Z' };
 * ```
 * @category Escalation
 */
export interface EscalationOptions {
  /** When escalation started (the incident was opened or assigned). */
  readonly triggeredAt: Instant;
  /** The host's current instant. */
  readonly now: Instant;
  /** When someone acknowledged; no level fires at or after it. */
  readonly acknowledgedAt?: Instant | null;
  /** The SLA clock, required when a level uses `slaPercent`. */
  readonly sla?: EscalationSlaProgress;
  /** Count durations in business time and fire only inside business hours (see {@link BusinessTime}). */
  readonly businessTime?: BusinessTime;
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
 * const { due, nextEscalationAt } = escalationsDue(policy, { triggeredAt, now });
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
 * are business time and every firing instant is moved to the next business instant.
 *
 * @param policy - A validated policy (see {@link createEscalationPolicy}).
 * @param options - Trigger, now, acknowledgement, SLA clock, business time.
 * @returns The due steps, the next step and its instant.
 * @throws {@link core!ItsmError} `invalid_instant` for a bad instant; `invalid_argument` when a level uses
 * `slaPercent` and `sla` is missing or its `targetMs` is not positive.
 * @example
 * ```ts
 * const r = escalationsDue(policy, { triggeredAt: '2026-03-09T08:00:00Z', now: '2026-03-09T08:20:00Z' });
 * r.due.map((s) => s.targets);   // [['on-call'], ['network-l2']]
 * r.nextEscalationAt;            // 2026-03-09T09:00:00.000Z (second pass), or the 75 % SLA instant if earlier
 * ```
 * @category Escalation
 */
export function escalationsDue(policy: EscalationPolicy, options: EscalationOptions): EscalationStatus {
  const t0 = toEpochMs(options.triggeredAt, 'triggeredAt');
  const now = toEpochMs(options.now, 'now');
  const ack = options.acknowledgedAt == null ? Infinity : toEpochMs(options.acknowledgedAt, 'acknowledgedAt');
  const bt = options.businessTime ?? ROUND_THE_CLOCK;
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
  const acknowledged = ack <= now;
  const due: EscalationStep[] = [];
  let next: EscalationStep | null = null;
  for (let loop = 0; loop <= loops; loop++) {
    policy.levels.forEach((level, index) => {
      const base = { level: index, loop, ...(level.name !== undefined ? { name: level.name } : {}), kind: level.kind, targets: level.targets };
      let at: number | null;
      if (typeof level.after === 'string') {
        const offset = parseDuration(level.after, `levels[${index}].after`) + loop * repeatMs;
        at = bt.next(bt.add(new Date(t0), offset)).getTime();
      } else {
        const threshold = (level.after.slaPercent / 100) * sla!.targetMs;
        if (dueAtMs !== null) {
          const point = bt.add(new Date(dueAtMs), -(sla!.targetMs - threshold));
          at = bt.next(loop > 0 ? bt.add(point, loop * repeatMs) : point).getTime();
        } else {
          // Paused clock: reached or not is known from elapsedMs, the instant is not (and later passes cannot be placed).
          if (loop === 0 && !acknowledged && sla!.elapsedMs !== undefined && sla!.elapsedMs >= threshold) due.push({ ...base, at: null });
          return;
        }
      }
      if (at >= ack) return;
      if (at <= now) due.push({ ...base, at: new Date(at) });
      else if (next === null || at < next.at!.getTime()) next = { ...base, at: new Date(at) };
    });
  }
  due.sort((a, b) => (a.at?.getTime() ?? now) - (b.at?.getTime() ?? now) || a.loop - b.loop || a.level - b.level);
  const nextStep = next as EscalationStep | null;
  return { due, next: nextStep, nextEscalationAt: nextStep?.at ?? null, acknowledged };
}
