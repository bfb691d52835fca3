/**
 * Numeric fast paths for other itsm-kit modules (not part of the public API): epoch milliseconds in and out,
 * no argument checking, no `Date` allocation. Callers pass already validated instants in the supported range.
 */
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { addBackward, addForward, measure } from './arithmetic.js';

/** Business ms in `[a, b)` (negative when `b < a`). */
export function businessMsBetween(cal: BusinessCalendar, a: number, b: number): number {
  if (a === b) return 0;
  const engine = engineOf(cal);
  return a < b ? measure(engine, a, b) : -measure(engine, b, a);
}

/** `addBusinessTime` on epoch ms. */
export function addBusinessMs(cal: BusinessCalendar, t: number, ms: number): number {
  if (ms === 0) return t;
  const engine = engineOf(cal);
  return ms > 0 ? addForward(engine, t, ms, 'addBusinessTime') : addBackward(engine, t, -ms, 'addBusinessTime');
}
