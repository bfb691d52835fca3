/**
 * Where an SLA clock stands.
 *
 * - `not_started`: the start condition has not held yet (or a reset closed the last cycle).
 * - `running`: counting business time.
 * - `paused`: the pause condition holds; business time passing now is pause time.
 * - `completed`: the stop condition held; the cycle is over (met or breached).
 * - `canceled`: the cancel condition held; the cycle does not count toward compliance.
 *
 * @example
 * ```ts
 * const stage: SlaStage = 'paused';
 * ```
 * @category Evaluation
 */
export type SlaStage = 'not_started' | 'running' | 'paused' | 'completed' | 'canceled';

/**
 * A warning threshold: the instant the clock reached (`reachedAt`) or will reach (`dueAt`) a fraction of its target.
 *
 * @example
 * ```ts
 * const w: SlaWarning = { fraction: 0.75, dueAt: new Date('2026-03-09T16:00:00Z'), reachedAt: null };
 * ```
 * @category Evaluation
 */
export interface SlaWarning {
  readonly fraction: number;
  /** When the threshold is (or was) reached if the clock keeps its current course; `null` before the start. */
  readonly dueAt: Date | null;
  /** When it was actually reached, or `null`. */
  readonly reachedAt: Date | null;
}

/**
 * One stretch of the explanation of a clock: counting, paused, or running but outside business hours. A running
 * stretch longer than 366 days between two events (or up to `now`) ends with one summary `counting` segment whose
 * span includes the closed hours; its `businessMs` is still the business time it holds.
 *
 * @example
 * ```ts
 * const s: SlaSegment = { from: new Date('2026-03-09T14:00:00Z'), to: new Date('2026-03-09T16:10:00Z'),
 *   kind: 'paused', cause: 'state = on_hold', eventIndex: 3, businessMs: 7_800_000 };
 * ```
 * @category Evaluation
 */
export interface SlaSegment {
  readonly from: Date;
  readonly to: Date;
  readonly kind: 'counting' | 'paused' | 'outside_hours';
  /** Why the clock was in this state: the condition that held, or the calendar that was closed. */
  readonly cause: string;
  /** The event that put the clock in this state (`null` for a retroactive start or for hours of the calendar). */
  readonly eventIndex: number | null;
  /** Business milliseconds in the stretch (0 for `outside_hours`). */
  readonly businessMs: number;
}

/**
 * An earlier cycle of the clock, closed by the reset condition or by a definition switch with `restart`.
 *
 * @example
 * ```ts
 * for (const c of result.cycles) console.log(c.endReason, c.breached, c.elapsedMs);
 * ```
 * @category Evaluation
 */
export interface SlaCycle {
  readonly slaId: string;
  readonly startedAt: Date;
  /** When the cycle was closed (by the reset or switch event). */
  readonly endedAt: Date;
  readonly endReason: 'reset' | 'switched';
  /** The stage the cycle was in when it was closed. */
  readonly stage: Exclude<SlaStage, 'not_started'>;
  readonly stoppedAt: Date | null;
  readonly breached: boolean;
  readonly breachedAt: Date | null;
  readonly dueAt: Date | null;
  readonly targetMs: number;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly segments: readonly SlaSegment[];
}

/**
 * A change of definition mid-life (for example priority raised from P3 to P1), recorded by `evaluateTicket`.
 *
 * @example
 * ```ts
 * const s: SlaSwitch = { at: new Date('2026-03-09T15:00:00Z'), eventIndex: 4, fromId: 'p3-resolution', toId: 'p1-resolution', policy: 'carry' };
 * ```
 * @category Evaluation
 */
export interface SlaSwitch {
  readonly at: Date;
  readonly eventIndex: number;
  readonly fromId: string;
  readonly toId: string;
  readonly policy: 'carry' | 'restart';
}

/**
 * The state of one SLA clock for one ticket at `now`, with its full explanation.
 * Durations are business milliseconds of the definition's calendar.
 *
 * @example
 * ```ts
 * const r: SlaResult = evaluateSla(def, events, { calendars, now });
 * if (r.nextChangeAt) scheduleTimer(r.nextChangeAt);
 * ```
 * @category Evaluation
 */
export interface SlaResult {
  readonly slaId: string;
  readonly name: string | null;
  readonly kind: 'response' | 'resolution' | 'update' | 'custom';
  readonly agreement: 'SLA' | 'OLA' | 'UC';
  /** The calendar key of the definition and the zone its hours were read in. */
  readonly calendar: string;
  readonly timeZone: string;
  readonly stage: SlaStage;
  readonly breached: boolean;
  readonly startedAt: Date | null;
  readonly stoppedAt: Date | null;
  /**
   * The (projected) breach instant: the breach if it happened, else when the clock reaches its target on its
   * current course: running on from now, resumed now if paused, or as it stood when it stopped.
   */
  readonly dueAt: Date | null;
  readonly breachedAt: Date | null;
  readonly targetMs: number;
  readonly elapsedMs: number;
  /** `targetMs - elapsedMs`; `<= 0` once breached. */
  readonly remainingMs: number;
  /** `elapsedMs / targetMs` as a percentage (may exceed 100). */
  readonly percent: number;
  readonly pausedMs: number;
  readonly warnings: readonly SlaWarning[];
  /** Earlier cycles of this clock (closed by reset or by a definition switch with `restart`). */
  readonly cycles: readonly SlaCycle[];
  /** Definition switches (from `evaluateTicket`); empty for `evaluateSla`. */
  readonly switches: readonly SlaSwitch[];
  /** The explanation of the current cycle: every counted, paused and outside-hours stretch up to `now`. */
  readonly segments: readonly SlaSegment[];
  /**
   * The next instant at which a warning or the breach happens if no event arrives first: arm one timer for it
   * and re-evaluate when it fires or when an event arrives. `null` when the clock is not running.
   * For a business-hours SLA it is always inside business hours or exactly at a closing time.
   */
  readonly nextChangeAt: Date | null;
  /** The `now` the result was computed for. */
  readonly evaluatedAt: Date;
}
