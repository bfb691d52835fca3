// Cycles: a reset (or a switch with `restart`) closes the current cycle into `cycles`, as it stood at that
// instant, and the clock is not started again.
import { SegmentLog } from './segments.js';
import { snapshot } from './snapshot.js';
import type { SlaStage } from './result.js';
import type { ClockState } from './state.js';

/** Closes the current cycle at `t`. */
export function closeCycle(s: ClockState, reason: 'reset' | 'switched', t: number): void {
  const r = snapshot(s, t, false);
  s.cycles.push({
    slaId: s.sla.def.id,
    startedAt: r.startedAt!,
    endedAt: new Date(t),
    endReason: reason,
    stage: r.stage as Exclude<SlaStage, 'not_started'>,
    stoppedAt: r.stoppedAt,
    breached: r.breached,
    breachedAt: r.breachedAt,
    dueAt: r.dueAt,
    targetMs: r.targetMs,
    elapsedMs: r.elapsedMs,
    pausedMs: r.pausedMs,
    segments: r.segments,
  });
  s.stage = 'not_started';
  s.stoppedAt = null;
  s.segments = new SegmentLog();
  s.lastCycleEnd = t;
}
