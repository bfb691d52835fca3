// Definitions and switching: which of a group's candidates a clock runs under, its calendar (re-zoned by the
// definition's `timeZoneField`), and the switch to another candidate when a later event makes it apply.
import { ItsmError } from '../core/errors.js';
import { describeValue, quote } from '../core/describe.js';
import { getter, type Fields } from '../core/condition.js';
import { withTimeZone } from '../calendar/retime.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import type { CompiledSla } from './definition.js';
import { closeCycle } from './cycles.js';
import type { ClockState } from './state.js';
import { setTarget } from './thresholds.js';

/** The value of a field, or of a dotted path, in the ticket's fields. */
export function fieldValue(fields: Fields, path: string): unknown {
  return getter(path)(fields);
}

/** The first candidate whose `appliesTo` and `start` hold at this event, or `null`. */
export function startingCandidate(s: ClockState, fields: Fields, type: string): CompiledSla | null {
  for (const c of s.candidates) if ((c.appliesTo === null || c.appliesTo(fields, type)) && c.start(fields, type)) return c;
  return null;
}

/** For a running or paused clock whose definition stopped applying: the first other candidate that applies. */
export function switchCandidate(s: ClockState, fields: Fields, type: string): CompiledSla | null {
  const sla = s.sla;
  if (s.candidates.length < 2 || sla.appliesTo === null || sla.appliesTo(fields, type)) return null;
  for (const c of s.candidates) if (c !== sla && (c.appliesTo === null || c.appliesTo(fields, type))) return c;
  return null;
}

/** The calendar of `sla` for a cycle starting at event `index`: its own, or read in the ticket's zone. */
export function resolveCalendar(s: ClockState, sla: CompiledSla, index: number, fields: Fields): BusinessCalendar {
  const base = s.plan.cals[s.candidates.indexOf(sla)]!;
  const tzField = sla.def.timeZoneField;
  if (tzField === undefined) return base;
  const zone = fieldValue(fields, tzField);
  if (zone === undefined || zone === null || zone === '') return base;
  if (typeof zone === 'string') {
    try {
      return withTimeZone(base, zone);
    } catch {
      // reported below
    }
  }
  throw new ItsmError('invalid_event', `events[${index}]: field ${quote(tzField)} (the timeZoneField of SLA ${quote(sla.def.id)}) holds ${describeValue(zone)}, which is not an IANA time zone; use a name such as "Europe/Paris".`, { details: { index, field: tzField } });
}

/**
 * Switches a running or paused clock to `next` at event `index`. `restart` closes the cycle (the new definition
 * starts afresh if its start holds); `carry` keeps elapsed and paused time under the new target and calendar.
 */
export function switchTo(s: ClockState, next: CompiledSla, index: number, t: number, fields: Fields): void {
  const policy = s.env.onSwitch;
  s.switches.push({ at: new Date(t), eventIndex: index, fromId: s.sla.def.id, toId: next.def.id, policy });
  if (policy === 'restart') {
    closeCycle(s, 'switched', t);
    return;
  }
  // A threshold the clock is already at or past is reached at the switch, whatever the stage: raising the
  // priority of a ticket that has used more than the new target must not leave it "met".
  s.sla = next;
  s.cal = resolveCalendar(s, next, index, fields);
  setTarget(s, next);
  for (let k = 0; k < s.thresholds.length; k++) if (s.elapsed >= s.thresholds[k]!) s.reached[k] = t;
}
