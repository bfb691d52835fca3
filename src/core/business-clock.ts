// How modules that may not import the calendar (incident, problem) still compute in business time: every
// BusinessCalendar carries its millisecond kernels under a well-known symbol, so a calendar can be passed wherever
// business time is asked for, and the incident module never loads the calendar engine itself.

/**
 * The key under which a calendar exposes its {@link BusinessClock}. `Symbol.for`, so that a calendar built by the
 * CJS build works with the ESM build of the incident module. @internal
 */
export const BUSINESS_CLOCK: unique symbol = Symbol.for('itsm-kit.businessClock') as never;

/**
 * Business-time arithmetic on epoch milliseconds, as a calendar provides it. @internal
 */
export interface BusinessClock {
  /** `fromMs` plus `ms` of business time (`ms` may be negative), as `addBusinessTime`. */
  addBusinessMs(fromMs: number, ms: number): number;
  /** `ms` itself when it is business time, else the next instant that is, as `nextBusinessTime`. */
  nextBusinessMs(ms: number): number;
}

/** The business clock of a calendar (or of anything carrying one), or `null`. @internal */
export function businessClockOf(value: unknown): BusinessClock | null {
  if (value === null || typeof value !== 'object') return null;
  const clock = (value as { [BUSINESS_CLOCK]?: unknown })[BUSINESS_CLOCK];
  if (clock === null || typeof clock !== 'object') return null;
  const c = clock as Partial<BusinessClock>;
  return typeof c.addBusinessMs === 'function' && typeof c.nextBusinessMs === 'function' ? (c as BusinessClock) : null;
}
