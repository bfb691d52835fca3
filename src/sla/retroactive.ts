// Retroactive starts: a definition's `retroactiveStart` field holds the instant its cycle starts from (say the
// ticket's opening time), and the stretch from there to the starting event is replayed with the pause states
// recorded at the earlier events.
import { ItsmError } from '../core/errors.js';
import { describeValue, quote } from '../core/describe.js';
import { describeHolding, type Fields } from '../core/condition.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, isInstant, toEpochMs } from '../core/instant.js';
import { advance } from './accounting.js';
import { pausedCause, resumedCause } from './causes.js';
import type { CompiledSla } from './definition.js';
import type { ClockState, PauseRecord } from './state.js';
import { fieldValue } from './switching.js';

/** Records whether the pause condition of the current definition holds at event `index` (for later replays). */
export function recordPause(s: ClockState, index: number, t: number, fields: Fields, type: string): void {
  const sla = s.sla;
  const holds = sla.pause !== null && sla.pause(fields, type);
  s.pauseLog.push({ t, holds, text: holds && sla.def.pause !== undefined ? describeHolding(sla.def.pause, fields, type) : '', index });
}

/**
 * The instant a cycle of `sla` starting at event `index` (at `t`) starts from: the `retroactiveStart` field's
 * instant when set and earlier, but never before the previous cycle was closed.
 */
export function retroactiveStartOf(s: ClockState, sla: CompiledSla, index: number, t: number, fields: Fields): number {
  const field = sla.def.retroactiveStart;
  if (field === undefined) return t;
  const v = fieldValue(fields, field);
  if (v === undefined || v === null) return t;
  const ms = isInstant(v) ? toEpochMs(v) : NaN;
  if (!(ms >= MIN_SUPPORTED_MS && ms < MAX_SUPPORTED_MS)) {
    throw new ItsmError('invalid_event', `events[${index}]: field ${quote(field)} (the retroactiveStart of SLA ${quote(sla.def.id)}) holds ${describeValue(v)}, which is not an instant in years 0001 to 9999; use an ISO 8601 string with an offset, epoch ms or a Date.`, { details: { index, field } });
  }
  return Math.max(Math.min(ms, t), s.lastCycleEnd);
}

/** Puts the clock in the stage a recorded pause state implies (`null`: before any event, running). */
function applyRecord(s: ClockState, r: PauseRecord | null): void {
  if (r !== null && r.holds) {
    const text = pausedCause(r.text);
    if (s.stage !== 'paused' || text !== s.cause.text) {
      s.stage = 'paused';
      s.cause = { eventIndex: r.index, text };
    }
  } else if (s.stage !== 'running') {
    s.stage = 'running';
    s.cause = { eventIndex: r === null ? null : r.index, text: resumedCause(s.sla.def) };
  }
}

/** Re-runs `[from, to)` of a retroactive start with the pause states recorded before event `startIndex`. */
export function replayPauses(s: ClockState, from: number, to: number, startIndex: number): void {
  const log = s.pauseLog;
  let i = 0;
  let state: PauseRecord | null = null;
  while (i < log.length && log[i]!.t <= from && log[i]!.index < startIndex) state = log[i++]!;
  applyRecord(s, state);
  for (; i < log.length && log[i]!.t < to && log[i]!.index < startIndex; i++) {
    advance(s, log[i]!.t);
    applyRecord(s, log[i]!);
  }
  advance(s, to);
}
