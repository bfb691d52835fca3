// The result: the clock's figures at `now`, each threshold reached or projected on the clock's current course.
import type { SlaResult, SlaWarning } from './result.js';
import type { ClockState } from './state.js';
import { projectedAt, reachPassed } from './thresholds.js';

/** The result at `now`; `atNow` applies the "reached at this instant" rule of a running clock. */
export function snapshot(s: ClockState, now: number, atNow: boolean): SlaResult {
  const stage = s.stage;
  const started = stage !== 'not_started';
  // At `now` itself: a running clock at or past a threshold has reached it now.
  if (stage === 'running' && atNow) reachPassed(s, now);
  const point = stage === 'completed' || stage === 'canceled' ? s.stoppedAt! : now;
  // Each threshold's instant: reached, or projected on the clock's current course.
  const nb = s.thresholds.length - 1;
  const projected: Array<number | null> = new Array<number | null>(nb + 1);
  let next: number | null = null;
  for (let k = 0; k <= nb; k++) {
    const r = started ? s.reached[k] ?? null : null;
    if (r !== null || !started) {
      projected[k] = r;
      continue;
    }
    const at = projectedAt(s, point, Math.max(s.thresholds[k]! - s.elapsed, 0));
    projected[k] = at;
    if (stage === 'running' && at !== null && at > now && (next === null || at < next)) next = at;
  }
  const breachedAt = started ? s.reached[nb] ?? null : null;
  const dueAt = started ? projected[nb]! : null;
  const warnings: SlaWarning[] = [];
  if (!started) for (const fraction of s.sla.warnAt) warnings.push({ fraction, dueAt: null, reachedAt: null });
  else for (let k = 0; k < nb; k++) {
    const at = projected[k]!;
    const r = s.reached[k] ?? null;
    warnings.push({ fraction: s.sla.warnAt[k]!, dueAt: at === null ? null : new Date(at), reachedAt: r === null ? null : new Date(r) });
  }
  const def = s.sla.def;
  const target = started ? s.targetMs : s.sla.targetMs ?? 0;
  const elapsed = started ? s.elapsed : 0;
  return {
    slaId: def.id,
    name: def.name ?? null,
    kind: def.kind ?? 'custom',
    agreement: def.agreement ?? 'SLA',
    calendar: def.calendar,
    timeZone: s.cal.timeZone,
    stage,
    breached: breachedAt !== null,
    startedAt: started ? new Date(s.startedAt) : null,
    stoppedAt: s.stoppedAt === null ? null : new Date(s.stoppedAt),
    dueAt: dueAt === null ? null : new Date(dueAt),
    breachedAt: breachedAt === null ? null : new Date(breachedAt),
    targetMs: target,
    elapsedMs: elapsed,
    remainingMs: target - elapsed,
    percent: target > 0 ? (elapsed / target) * 100 : started ? 100 : 0,
    pausedMs: started ? s.paused : 0,
    warnings,
    cycles: [...s.cycles],
    switches: [...s.switches],
    segments: started ? s.segments.toResult() : [],
    nextChangeAt: next === null ? null : new Date(next),
    evaluatedAt: new Date(now),
  };
}
