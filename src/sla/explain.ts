import { formatDuration } from '../core/duration.js';
import { formatInstant } from '../calendar/format.js';
import { ItsmError } from '../core/errors.js';
import { argumentError } from '../core/messages.js';
import type { SlaResult, SlaSegment } from './result.js';

/** Whether a value has the shape explainSla reads (a result of this library, not a hand-made or parsed one). */
function isResultLike(r: unknown): r is SlaResult {
  if (r === null || typeof r !== 'object') return false;
  try {
    const o = r as Partial<Record<keyof SlaResult, unknown>>;
    return typeof o.slaId === 'string' && typeof o.timeZone === 'string' && typeof o.stage === 'string' && typeof o.targetMs === 'number'
      && Array.isArray(o.segments) && Array.isArray(o.cycles) && Array.isArray(o.switches) && Array.isArray(o.warnings);
  } catch {
    return false;
  }
}

/**
 * Explains a result in readable lines: what the clock measures, each run of counting (with the time outside
 * business hours), each pause with the condition and event that caused it, warnings, the breach or the margin,
 * and what happens next. Times are shown in the zone the calendar's hours were read in.
 *
 * @param result - A result of `evaluateSla` / `evaluateTicket` / `evaluateTickets` (evaluated with `explain` on, the default).
 * @returns One line per fact, ready to print.
 * @throws {@link core!ItsmError} `invalid_argument` when `result` is not an {@link SlaResult}.
 * @example
 * ```ts
 * console.log(explainSla(evaluateSla(def, events, { calendars, now })).join('\n'));
 * // SLA "p2-resolution": resolution, target 8 h, calendar "support" in America/New_York — running, 81.3% used
 * // counted 1 h 40 min 2026-03-09 09:20 -04:00 → 2026-03-09 11:00 -04:00 (started: state ≠ new, event 1)
 * // paused 2 h 10 min while state = on_hold, from event 2 (…)
 * // ...
 * ```
 * @category Explanation
 */
export function explainSla(result: SlaResult): string[] {
  if (!isResultLike(result)) throw argumentError('result', result, 'an SlaResult (the value evaluateSla returns)');
  try {
    return explainResult(result);
  } catch (error) {
    if (error instanceof ItsmError) throw error;
    // A hand-made or parsed "result" whose parts are not what evaluateSla returns (strings for Dates, say).
    throw new ItsmError('invalid_argument', 'result: its parts are not those of an SlaResult (Dates, numbers, segments) as evaluateSla returns it; explain the result itself, not a JSON copy.', { cause: error });
  }
}

function explainResult(result: SlaResult): string[] {
  const tz = result.timeZone;
  const at = (d: Date) => formatInstant(d, tz);
  // Business durations in hours: a 24-hour "day" of business time means nothing.
  const d = (ms: number) => formatDuration(ms, { days: false });
  const wallClock = formatDuration;
  const lines: string[] = [];
  const label = result.name === null ? `"${result.slaId}"` : `"${result.slaId}" (${result.name})`;
  const outcome = result.stage === 'not_started' ? 'not started'
    : result.stage === 'completed' ? (result.breached ? 'completed, breached' : 'completed, met')
    : result.stage === 'canceled' ? 'canceled'
    : `${result.stage}${result.breached ? ', breached' : ''}, ${result.percent.toFixed(1)}% used`;
  lines.push(`${result.agreement} ${label}: ${result.kind}, target ${d(result.targetMs)}, calendar "${result.calendar}" in ${tz} — ${outcome}`);
  for (const c of result.cycles) {
    lines.push(`earlier cycle under "${c.slaId}" ${at(c.startedAt)} → ${at(c.endedAt)} closed by ${c.endReason}: ${c.stage}${c.breached ? ', breached' : ''}, ${d(c.elapsedMs)} of ${d(c.targetMs)} used, ${d(c.pausedMs)} paused`);
  }
  if (result.startedAt === null) return lines;
  for (const s of result.switches) {
    lines.push(`switched from "${s.fromId}" to "${s.toId}" at ${at(s.at)} (event ${s.eventIndex}, ${s.policy === 'carry' ? 'elapsed and paused time carried over' : 'clock restarted'})`);
  }
  lines.push(`started ${at(result.startedAt)}`);
  const source = (s: SlaSegment) => (s.eventIndex === null ? '' : `, event ${s.eventIndex}`);
  const segs = result.segments;
  for (let i = 0; i < segs.length; ) {
    const s = segs[i]!;
    if (s.kind === 'paused') {
      const wall = s.to.getTime() - s.from.getTime();
      lines.push(`paused ${d(s.businessMs)} while ${s.cause.replace(/^paused: /, '')}${source(s).replace(',', ', from')} (${at(s.from)} → ${at(s.to)}, ${wallClock(wall)} wall-clock)`);
      i++;
      continue;
    }
    // A run: consecutive counting / outside-hours stretches under one cause (the first counting stretch's).
    // Each segment is looked at a bounded number of times, so the explanation is linear in the segments.
    let cause: SlaSegment = s;
    for (let k = i; k < segs.length && segs[k]!.kind !== 'paused'; k++) {
      if (segs[k]!.kind === 'counting') {
        cause = segs[k]!;
        break;
      }
    }
    let counted = 0, j = i;
    for (; j < segs.length && segs[j]!.kind !== 'paused' && (segs[j]!.kind === 'outside_hours' || (segs[j]!.cause === cause.cause && segs[j]!.eventIndex === cause.eventIndex)); j++) {
      if (segs[j]!.kind === 'counting') counted += segs[j]!.businessMs;
    }
    // Wall-clock time of the run not counted (outside-hours segments, and the closed hours inside a summary segment).
    const outside = segs[j - 1]!.to.getTime() - s.from.getTime() - counted;
    const why = cause.kind === 'counting' ? ` (${cause.cause}${source(cause)})` : '';
    const closed = outside > 0 ? `, not counted ${wallClock(outside)} outside business hours` : '';
    lines.push(`counted ${d(counted)} ${at(s.from)} → ${at(segs[j - 1]!.to)}${why}${closed}`);
    i = j;
  }
  for (const w of result.warnings) {
    if (w.reachedAt !== null) lines.push(`warning at ${Math.round(w.fraction * 100)}% reached ${at(w.reachedAt)}`);
  }
  if (result.breachedAt !== null) lines.push(`breached ${at(result.breachedAt)}: the target of ${d(result.targetMs)} was used up while the clock was running`);
  if (result.stage === 'completed' || result.stage === 'canceled') {
    const stopped = `${result.stage} ${at(result.stoppedAt!)} after ${d(result.elapsedMs)} counted and ${d(result.pausedMs)} paused`;
    lines.push(result.breached || result.stage === 'canceled' ? stopped : `${stopped}, ${d(result.remainingMs)} to spare`);
  } else if (result.dueAt !== null && !result.breached) {
    lines.push(`${d(result.remainingMs)} left: due ${at(result.dueAt)}${result.stage === 'paused' ? ' if resumed now' : ''}`);
  }
  if (result.nextChangeAt !== null) lines.push(`next change ${at(result.nextChangeAt)} (arm a timer for it)`);
  return lines;
}
