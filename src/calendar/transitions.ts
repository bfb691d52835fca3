// Openings and closings: the instants where business time starts and stops. A transition "has happened" at its
// own instant (intervals are half-open, so the state at t already reflects a transition at t): the next ones
// are strictly after t, the previous ones at or before t. Stretches that touch (an overnight shift meeting the
// next morning's hours) are one stretch, with no closing or opening where they meet.
import { toEpochMs, type Instant } from '../core/instant.js';
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { nextClosingMs, nextOpeningMs, previousClosingMs, previousOpeningMs } from './kernels.js';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * The first instant strictly after `t` at which the calendar opens (business time starts after a closed stretch).
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The opening, or `null` when there is none within ten years of `t` (a calendar that is always open,
 * or never opens again) or before year 10000.
 * @throws {@link core!ItsmError} `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * nextOpening(cal, '2026-03-06T10:00:00-05:00'); // Monday 2026-03-09 09:00 EDT (Friday is already open)
 * ```
 * @category Transitions
 */
export function nextOpening(cal: BusinessCalendar, t: Instant): Date | null {
  const engine = engineOf(cal);
  return dateOrNull(nextOpeningMs(engine, toEpochMs(t, 't')));
}

/**
 * The first instant strictly after `t` at which the calendar closes: the end of the stretch `t` is in, or of the
 * next one. The timer a host sets to stop an SLA clock.
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The closing, or `null` when there is none within ten years (always open, or never open).
 * @throws {@link core!ItsmError} `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * nextClosing(cal, '2026-03-06T10:00:00-05:00'); // Friday 2026-03-06 17:00 EST
 * ```
 * @category Transitions
 */
export function nextClosing(cal: BusinessCalendar, t: Instant): Date | null {
  const engine = engineOf(cal);
  return dateOrNull(nextClosingMs(engine, toEpochMs(t, 't')));
}

/**
 * The last instant at or before `t` at which the calendar opened (`t` itself when it opens at `t`).
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The opening, or `null` when there is none within the ten years before `t` or after year 0001.
 * @throws {@link core!ItsmError} `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * previousOpening(cal, '2026-03-07T12:00:00-05:00'); // Friday 2026-03-06 09:00 EST
 * ```
 * @category Transitions
 */
export function previousOpening(cal: BusinessCalendar, t: Instant): Date | null {
  const engine = engineOf(cal);
  return dateOrNull(previousOpeningMs(engine, toEpochMs(t, 't')));
}

/**
 * The last instant at or before `t` at which the calendar closed (`t` itself when it closes at `t`).
 *
 * @param cal - The calendar.
 * @param t - The instant.
 * @returns The closing, or `null` when there is none within the ten years before `t`.
 * @throws {@link core!ItsmError} `invalid_instant` / `invalid_argument` for bad input.
 * @example
 * ```ts
 * previousClosing(cal, '2026-03-09T10:00:00-04:00'); // Friday 2026-03-06 17:00 EST
 * ```
 * @category Transitions
 */
export function previousClosing(cal: BusinessCalendar, t: Instant): Date | null {
  const engine = engineOf(cal);
  return dateOrNull(previousClosingMs(engine, toEpochMs(t, 't')));
}
