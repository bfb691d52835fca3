// Accounting: between two instants the clock's stage does not change, so `[mark, t)` is counted (running) or
// paused time, thresholds crossed on the way are reached at the exact business instant, and the explanation
// gets its segments.
import { addBusinessMs, businessMsBetween } from '../calendar/internal.js';
import type { ClockState } from './state.js';

/** Accounts `[mark, t)` in the current stage and moves the mark to `t`. */
export function advance(s: ClockState, t: number): void {
  if (t <= s.mark) return;
  const from = s.mark;
  s.mark = t;
  if (s.stage === 'running') {
    const counted = businessMsBetween(s.cal, from, t);
    const e0 = s.elapsed;
    const thresholds = s.thresholds;
    for (let k = 0; k < thresholds.length; k++) {
      if (s.reached[k] !== null) continue;
      const thr = thresholds[k]!;
      if (e0 >= thr) s.reached[k] = from;
      else if (e0 + counted >= thr) {
        const u = addBusinessMs(s.cal, from, thr - e0);
        if (u < t) s.reached[k] = u;
      }
    }
    s.elapsed = e0 + counted;
    if (s.env.explain) s.segments.running(s.cal, from, t, counted, s.cause, `outside the hours of calendar "${s.sla.def.calendar}"`);
  } else if (s.stage === 'paused') {
    const p = businessMsBetween(s.cal, from, t);
    s.paused += p;
    if (s.env.explain) s.segments.push(from, t, 'paused', s.cause.text, s.cause.eventIndex, p);
  }
}
