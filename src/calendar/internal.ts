/**
 * Numeric fast paths for other itsm-kit modules (not part of the public API): epoch milliseconds in and out,
 * no argument checking, no `Date` allocation. Callers pass already validated instants in the supported range.
 */
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { addBackward, addForward, intervalsMs, measure } from './kernels.js';

/** Business ms in `[a, b)` (negative when `b < a`). */
export function businessMsBetween(cal: BusinessCalendar, a: number, b: number): number {
  if (a === b) return 0;
  const engine = engineOf(cal);
  return a < b ? measure(engine, a, b) : 0 - measure(engine, b, a); // 0 - x, not -x: never -0
}

/** `addBusinessTime` on epoch ms. */
export function addBusinessMs(cal: BusinessCalendar, t: number, ms: number): number {
  if (ms === 0) return t;
  const engine = engineOf(cal);
  return ms > 0 ? addForward(engine, t, ms, 'addBusinessTime') : addBackward(engine, t, -ms, 'addBusinessTime');
}

/** The open stretches within `[a, b)` as a flat list `[s0, e0, s1, e1, ...]`, touching ones merged (no cap). */
export function businessMsIntervals(cal: BusinessCalendar, a: number, b: number): number[] {
  return intervalsMs(engineOf(cal), a, b, Infinity)!;
}
