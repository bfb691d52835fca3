// Business-time arithmetic that one module offers another without importing it: a BusinessCalendar carries a
// BusinessClock under a well-known symbol, so the incident module (which may not import calendar) runs its
// timers in business hours when given a calendar. Symbol.for makes the key the same in every copy of the
// library (the ESM and the CJS build loaded side by side).

/**
 * The key under which a value offers its {@link BusinessClock}.
 * @internal
 */
export const BUSINESS_CLOCK: unique symbol = Symbol.for('itsm-kit.businessClock') as never;

/**
 * Business-time arithmetic on epoch milliseconds (inputs already validated, results in the supported range).
 * @internal
 */
export interface BusinessClock {
  /** The instant `ms` of business time after `fromMs` (before it when `ms < 0`); `fromMs` for `0`. */
  addBusinessMs(fromMs: number, ms: number): number;
  /** `ms` itself when it is business time, else the next instant that is. */
  nextBusinessMs(ms: number): number;
}

/**
 * The {@link BusinessClock} a value carries under {@link BUSINESS_CLOCK}, or `null` when it carries none.
 * Never throws (a throwing getter counts as none).
 * @internal
 */
export function businessClockOf(value: unknown): BusinessClock | null {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return null;
  try {
    const clock = (value as { [BUSINESS_CLOCK]?: unknown })[BUSINESS_CLOCK];
    if (typeof clock !== 'object' || clock === null) return null;
    const c = clock as Partial<BusinessClock>;
    return typeof c.addBusinessMs === 'function' && typeof c.nextBusinessMs === 'function' ? (clock as BusinessClock) : null;
  } catch {
    return null;
  }
}
