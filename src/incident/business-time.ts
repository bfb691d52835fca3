/**
 * Business-time arithmetic supplied by the host, so that incident timers can run in business hours without
 * this module depending on a calendar implementation. With `itsm-kit/calendar`:
 *
 * ```ts
 * import { createCalendar, addBusinessTime, nextBusinessTime } from 'itsm-kit/calendar';
 * const cal = createCalendar({ timeZone: 'Europe/Paris', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'] } });
 * const businessTime: BusinessTime = {
 *   add: (t, ms) => addBusinessTime(cal, t, ms),
 *   next: (t) => nextBusinessTime(cal, t),
 * };
 * ```
 *
 * @example
 * ```ts
 * // Round-the-clock time (what the functions do when no businessTime is given):
 * const always: BusinessTime = { add: (t, ms) => new Date(t.getTime() + ms), next: (t) => t };
 * ```
 * @category Incident
 */
export interface BusinessTime {
  /** `t` plus `ms` of business time (`ms` may be negative: business time before `t`). */
  add(t: Date, ms: number): Date;
  /** `t` itself when it is business time, else the next instant that is. */
  next(t: Date): Date;
}

/** Wall-clock arithmetic, used when no business time is given. @internal */
export const ROUND_THE_CLOCK: BusinessTime = Object.freeze({
  add: (t: Date, ms: number) => new Date(t.getTime() + ms),
  next: (t: Date) => t,
});
