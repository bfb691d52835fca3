/**
 * Numeric fast paths for other itsm-kit modules (not part of the public API): epoch milliseconds in and out,
 * no argument checking, no `Date` allocation. Callers pass already validated instants in the supported range.
 */
import type { BusinessCalendar } from './engine.js';
import { engineOf } from './engine.js';
import { addBackward, addForward, measure } from './arithmetic.js';
import { lastStartAtOrBefore } from './table.js';

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

/** The open stretches within `[a, b)` as a flat list `[s0, e0, s1, e1, ...]`, touching ones merged. */
export function businessMsIntervals(cal: BusinessCalendar, a: number, b: number): number[] {
  const engine = engineOf(cal);
  const out: number[] = [];
  for (let t = a; t < b; ) {
    const table = engine.tableAt(t);
    let i = lastStartAtOrBefore(table, t);
    if (i < 0) i = 0;
    for (; i < table.starts.length && table.starts[i]! < b; i++) {
      const s = Math.max(table.starts[i]!, a);
      const e = Math.min(table.ends[i]!, b);
      if (e <= s) continue;
      if (out.length > 0 && out[out.length - 1] === s) out[out.length - 1] = e;
      else out.push(s, e);
    }
    t = table.to;
  }
  return out;
}
