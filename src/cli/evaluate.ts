// The SLA side of the command and the service: loading definitions and calendars, and evaluating tickets.
// `evaluateTicketBatch` is the one place that calls the library's batch evaluation, so a rename there is one edit.
import { isItsmError } from '../core/errors.js';
import { toEpochMs } from '../core/instant.js';
import { safeCreateCalendar } from '../calendar/calendar.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import type { CalendarSpec } from '../calendar/spec.js';
import { safeCreateSlaDefinition, type SlaDefinition } from '../sla/definition.js';
import { evaluateTickets, type SlaTicket, type SlaTicketResult } from '../sla/evaluate.js';
import { explainSla } from '../sla/explain.js';
import type { SlaResult } from '../sla/result.js';
import { InputError, issueLines, shortMessage } from './errors.js';

/** The outcome for one ticket, as the library's `evaluateTickets` yields it. @internal */
export type TicketOutcome = SlaTicketResult;

/** What every evaluation needs, checked once. @internal */
export interface SlaSetup {
  readonly definitions: readonly SlaDefinition[];
  readonly calendars: Readonly<Record<string, BusinessCalendar>>;
}

/**
 * THE adapter to the library's batch evaluation: every ticket evaluated by the command and the service goes
 * through here.
 * @internal
 */
export function evaluateTicketBatch(setup: SlaSetup, tickets: Iterable<SlaTicket>, now: number, explain: boolean): Generator<TicketOutcome> {
  return evaluateTickets(setup.definitions, tickets, { calendars: setup.calendars, now, explain });
}

/** The definitions of a definitions file: a list, or `{ definitions: [...] }`, or one definition. @internal */
export function definitionsFrom(json: unknown, where: string): SlaDefinition[] {
  const list = Array.isArray(json) ? json
    : json !== null && typeof json === 'object' && Array.isArray((json as { definitions?: unknown }).definitions) ? (json as { definitions: unknown[] }).definitions
    : json !== null && typeof json === 'object' ? [json] : null;
  if (list === null) throw new InputError(`${where}: expected a list of SLA definitions (or { "definitions": [...] })`);
  const out: SlaDefinition[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  list.forEach((d, i) => {
    const r = safeCreateSlaDefinition(d);
    if (r.success) {
      if (ids.has(r.data.id)) problems.push(`${where}: [${i}].id: "${r.data.id}" is used twice; give every definition its own id`);
      ids.add(r.data.id);
      out.push(r.data);
    } else {
      problems.push(...issueLines(`${where}: [${i}]`, r.error).map((l) => l.replace(/^(.*?: \[\d+\]): /, '$1.')));
    }
  });
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return out;
}

/** The calendars of a calendars file: `{ key: spec, ... }`, built. @internal */
export function calendarsFrom(json: unknown, where: string): Record<string, BusinessCalendar> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError(`${where}: expected an object of calendar specs by key ({ "support": { "timeZone": ..., "weekly": ... } })`);
  }
  const out: Record<string, BusinessCalendar> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(json as Record<string, CalendarSpec>)) {
    const r = safeCreateCalendar(spec);
    if (r.success) out[key] = r.data;
    else problems.push(...issueLines(`${where}: ${key}`, r.error).map((l) => l.replace(new RegExp(`^(${escape(where)}: ${escape(key)}): `), '$1.')));
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return out;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Checks that every calendar a definition names is there (or is the built-in `24x7`). @internal */
export function checkCalendarKeys(setup: SlaSetup, where: string): void {
  const missing = setup.definitions.filter((d) => d.calendar !== '24x7' && !(d.calendar in setup.calendars));
  if (missing.length > 0) {
    throw new InputError(missing.map((d) => `${where}: definition "${d.id}" uses calendar "${d.calendar}", which is not in the calendars (${Object.keys(setup.calendars).join(', ') || 'none given'})`).join('\n'));
  }
}

/** Epoch ms of a `--now` value; an invalid one is an input error. @internal */
export function readNow(text: string | undefined, option: string, clock: () => number): number {
  if (text === undefined) return clock();
  try {
    return toEpochMs(text, option);
  } catch (e) {
    if (isItsmError(e)) throw new InputError(e.message);
    throw e;
  }
}

/** One input line's outcome: the NDJSON line for the output and, for a bad line, the message for stderr. @internal */
export interface LineOutcome {
  readonly output: string;
  readonly problem: string | null;
}

/** A result as JSON: dates as ISO strings, the readable explanation added when asked for. */
function resultJson(r: SlaResult, explain: boolean): unknown {
  return explain ? { ...r, explanation: explainSla(r) } : r;
}

/**
 * Evaluates a batch of NDJSON lines (one ticket `{ id, events }` each). A line that is not a ticket, or whose
 * events are invalid, gives an error record and a message `file:line: id: field: message`; the others go on.
 * @internal
 */
export function evaluateLines(setup: SlaSetup, lines: ReadonlyArray<{ readonly n: number; readonly text: string }>, now: number, explain: boolean, source: string): LineOutcome[] {
  const out: (LineOutcome | null)[] = new Array(lines.length).fill(null);
  const tickets: SlaTicket[] = [];
  const slots: number[] = [];
  lines.forEach(({ n, text }, i) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      out[i] = bad(n, null, 'invalid_json', `not valid JSON (${(e as Error).message})`, source);
      return;
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      out[i] = bad(n, null, 'invalid_ticket', 'expected a ticket { "id": ..., "events": [...] }', source);
      return;
    }
    const t = json as { id?: unknown; events?: unknown };
    if (typeof t.id !== 'string' && typeof t.id !== 'number') {
      out[i] = bad(n, null, 'invalid_ticket', 'id: expected a string or a number', source);
      return;
    }
    if (!Array.isArray(t.events)) {
      out[i] = bad(n, String(t.id), 'invalid_ticket', 'events: expected a list of { at, type, set? } events', source);
      return;
    }
    tickets.push({ id: String(t.id), events: t.events });
    slots.push(i);
  });
  let k = 0;
  for (const r of evaluateTicketBatch(setup, tickets, now, explain)) {
    const i = slots[k++]!;
    out[i] = r.success
      ? { output: JSON.stringify({ id: r.id, results: r.data.map((x) => resultJson(x, explain)) }), problem: null }
      : bad(lines[i]!.n, r.id, r.error.code, shortMessage(r.error), source);
  }
  return out as LineOutcome[];
}

function bad(n: number, id: string | null, code: string, message: string, source: string): LineOutcome {
  return {
    output: JSON.stringify({ id, line: n, error: { code, message } }),
    problem: `${source}:${n}: ${id === null ? '' : `ticket ${id}: `}${message}`,
  };
}
