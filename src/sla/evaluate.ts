import { ItsmError, foreignError, validationError, type ValidationIssue } from '../core/errors.js';
import { describeValue, quote } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { calendar24x7 } from '../calendar/calendar.js';
import { isBusinessCalendar, type BusinessCalendar } from '../calendar/engine.js';
import { SlaClock } from './clock.js';
import { planClock, type ClockEnv, type ClockPlan } from './plan.js';
import type { Fields } from '../core/condition.js';
import { compiledSla, type CompiledSla, type SlaDefinition } from './definition.js';
import { prepareEvents, type PreparedEvents, type TicketEvent } from './events.js';
import type { SlaResult } from './result.js';

/**
 * Options of {@link evaluateSla}, {@link evaluateTicket} and {@link evaluateTickets}.
 *
 * @example
 * ```ts
 * const options: EvaluateOptions = { calendars: { support }, now: '2026-03-09T12:00:00Z' };
 * ```
 * @category Evaluation
 */
export interface EvaluateOptions {
  /** Calendars by the keys definitions use; `'24x7'` (UTC) is built in and may be overridden. */
  readonly calendars?: Readonly<Record<string, BusinessCalendar>>;
  /** The instant to evaluate at. Events after it are ignored, so a past `now` replays the clock as it stood then. */
  readonly now: Instant;
  /**
   * Build `segments` (the explanation): default `true` for {@link evaluateSla} and {@link evaluateTicket},
   * `false` for {@link evaluateTickets} (batch jobs usually need the figures; explaining costs most of the speed).
   */
  readonly explain?: boolean;
  /** What a switch of definition within a group does (`evaluateTicket`, `evaluateTickets`): `carry` (default) keeps elapsed and paused time; `restart` starts a new cycle. */
  readonly onSwitch?: 'carry' | 'restart';
}

let builtIn: BusinessCalendar | null = null;
const utc24x7 = (): BusinessCalendar => (builtIn ??= calendar24x7('UTC'));

function readOptions(options: EvaluateOptions | null | undefined, explainByDefault = true): { env: ClockEnv; now: number } {
  if (options === null || typeof options !== 'object') {
    throw new ItsmError('invalid_argument', `options: ${describeValue(options)} is not an object { now, calendars?, explain?, onSwitch? }.`, { details: { field: 'options' } });
  }
  const now = toEpochMs(options.now, 'options.now');
  const calendars = options.calendars === undefined ? {} : options.calendars;
  if (calendars === null || typeof calendars !== 'object') {
    throw new ItsmError('invalid_argument', `options.calendars: ${describeValue(calendars)} is not an object of calendars by key.`, { details: { field: 'options.calendars' } });
  }
  for (const [key, cal] of Object.entries(calendars)) {
    if (!isBusinessCalendar(cal)) {
      throw new ItsmError('invalid_argument', `options.calendars.${key}: expected a BusinessCalendar; build one with createCalendar(spec).`, { details: { field: `options.calendars.${key}` } });
    }
  }
  const onSwitch = options.onSwitch === undefined ? 'carry' : options.onSwitch;
  if (onSwitch !== 'carry' && onSwitch !== 'restart') {
    throw new ItsmError('invalid_argument', `options.onSwitch: ${describeValue(onSwitch)} is not "carry" or "restart".`, { details: { field: 'options.onSwitch' } });
  }
  const explain = options.explain === undefined ? explainByDefault : options.explain;
  if (typeof explain !== 'boolean') {
    throw new ItsmError('invalid_argument', `options.explain: ${describeValue(explain)} is not true or false.`, { details: { field: 'options.explain' } });
  }
  return { env: { calendars, explain, onSwitch }, now };
}

/** Runs clocks over prepared events: the fields are folded once and shared by every clock. */
function run(clocks: readonly SlaClock[], prepared: PreparedEvents): Fields {
  const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const { events, times, count } = prepared;
  for (let i = 0; i < count; i++) {
    const e = events[i]!;
    const set = e.set;
    if (set !== undefined) {
      for (const k in set) {
        if (!Object.prototype.hasOwnProperty.call(set, k)) continue;
        const v = set[k];
        if (v === undefined) delete fields[k];
        else fields[k] = v;
      }
    }
    for (const c of clocks) c.onEvent(i, times[i]!, fields, e.type);
  }
  return fields;
}

/**
 * Evaluates one SLA definition over a ticket's event history: a pure fold, so evaluating the same inputs
 * always gives the same result and "recalculation" is just evaluating again.
 *
 * Rules, applied after each event (see docs/sla.md): a reset closes the cycle; a cycle starts when `appliesTo`
 * and `start` hold (from the `retroactiveStart` field's instant when set); then `cancel` cancels, else `stop`
 * completes, else the clock pauses while `pause` holds and runs otherwise. Start and stop at one event complete
 * the cycle at once with zero elapsed.
 *
 * @param definition - The SLA definition (validated here unless made by {@link createSlaDefinition}).
 * @param events - The ticket's events in time order (equal instants keep their order); those after `now` are ignored.
 * @param options - `now`, the `calendars` by key, and `explain`.
 * @returns The clock's state at `now` with warnings, breach, `nextChangeAt` and the explanation.
 * @throws {@link core!ItsmError} `invalid_definition`, `unknown_calendar`, `invalid_event`, `events_out_of_order`,
 * `invalid_instant` or `invalid_argument`, each naming the field.
 * @example
 * ```ts
 * const r = evaluateSla(def, [
 *   { at: '2026-03-09T09:00:00Z', type: 'CREATE', set: { state: 'new', priority: 2 } },
 *   { at: '2026-03-09T09:20:00Z', type: 'ASSIGN', set: { state: 'in_progress' } },
 * ], { calendars: { support }, now: '2026-03-09T10:00:00Z' });
 * r.stage; // 'running'
 * ```
 * @category Evaluation
 */
export function evaluateSla(definition: SlaDefinition, events: readonly TicketEvent[], options: EvaluateOptions): SlaResult {
  return guarded('evaluateSla', () => {
    const sla = compiledSla(definition);
    const { env, now } = readOptions(options);
    const clock = new SlaClock(planClock([sla], env, utc24x7()), env);
    run([clock], prepareEvents(events, now));
    return clock.finish(now);
  });
}

/** Compiles the definitions and groups them, keeping the order of first appearance; ids must be unique. */
function groupsOf(definitions: readonly SlaDefinition[]): CompiledSla[][] {
  if (!Array.isArray(definitions)) {
    throw new ItsmError('invalid_argument', `definitions: ${describeValue(definitions)} is not an array of SLA definitions.`, { details: { field: 'definitions' } });
  }
  const byGroup = new Map<string, CompiledSla[]>();
  const firstIndex = new Map<string, number>();
  const duplicates: ValidationIssue[] = [];
  for (let i = 0; i < definitions.length; i++) {
    const c = compiledSla(definitions[i]!);
    const id = c.def.id;
    const first = firstIndex.get(id);
    if (first !== undefined) {
      duplicates.push({ code: 'duplicate_id', path: [i, 'id'], message: `${quote(id)} is used twice (also by definitions[${first}]); give every definition its own id` });
      continue;
    }
    firstIndex.set(id, i);
    const list = byGroup.get(c.group);
    if (list === undefined) byGroup.set(c.group, [c]);
    else list.push(c);
  }
  if (duplicates.length > 0) throw validationError('SLA definitions', duplicates);
  return [...byGroup.values()];
}

function evaluateGroups(plans: readonly ClockPlan[], env: ClockEnv, now: number, events: readonly TicketEvent[]): SlaResult[] {
  const clocks: SlaClock[] = [];
  for (const p of plans) clocks.push(new SlaClock(p, env));
  const fields = run(clocks, prepareEvents(events, now));
  const out: SlaResult[] = [];
  for (const c of clocks) if (c.applies(fields)) out.push(c.finish(now));
  return out;
}

/**
 * Evaluates every applicable definition for one ticket. Definitions of one group (same `group`, or by default
 * the same agreement and kind, such as the P1-P4 resolution SLAs) are alternatives: the first whose `appliesTo`
 * holds when the clock starts runs it, and when a later event makes another one apply (priority raised from P3
 * to P1) the clock switches: `onSwitch: 'carry'` (default) keeps elapsed and paused time under the new target,
 * `'restart'` closes the cycle and starts a new one. A group is reported once its clock has started, or when one
 * of its definitions applies to the ticket's current fields.
 *
 * @param definitions - The definitions (ids must be unique).
 * @param events - The ticket's events in time order.
 * @param options - `now`, `calendars`, `explain`, `onSwitch`.
 * @returns One result per group that applies, in the order of the definitions.
 * @throws {@link core!ItsmError} as {@link evaluateSla}; `invalid_definition` for a duplicate id, with an issue
 * at the duplicate's path (`[2].id`).
 * @example
 * ```ts
 * const results = evaluateTicket([p1Resolution, p3Resolution, response], history, { calendars, now });
 * ```
 * @category Evaluation
 */
export function evaluateTicket(definitions: readonly SlaDefinition[], events: readonly TicketEvent[], options: EvaluateOptions): SlaResult[] {
  return guarded('evaluateTicket', () => {
    const groups = groupsOf(definitions);
    const { env, now } = readOptions(options);
    return evaluateGroups(groups.map((g) => planClock(g, env, utc24x7())), env, now, events);
  });
}

/**
 * A ticket for {@link evaluateTickets}.
 *
 * @example
 * ```ts
 * const t: SlaTicket = { id: 'INC0001', events: history };
 * ```
 * @category Evaluation
 */
export interface SlaTicket {
  readonly id: string;
  readonly events: readonly TicketEvent[];
}

/**
 * The outcome for one ticket of {@link evaluateTickets}, shaped like a {@link core!SafeResult} with the ticket's
 * `id`: its results as `data`, or the `error` its data caused (one bad ticket does not stop a batch).
 *
 * @example
 * ```ts
 * for (const r of evaluateTickets(defs, tickets, options)) if (!r.success) console.error(r.id, r.error.message);
 * ```
 * @category Evaluation
 */
export type SlaTicketResult =
  | { readonly id: string; readonly success: true; readonly data: SlaResult[] }
  | { readonly id: string; readonly success: false; readonly error: ItsmError };

/** A ticket's id for its result: a string or number as given, else its position in the batch (`#3`). */
function ticketId(ticket: unknown, position: number): string {
  try {
    const id = ticket !== null && typeof ticket === 'object' ? (ticket as { id?: unknown }).id : undefined;
    if (typeof id === 'string') return id;
    if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  } catch {
    // a throwing getter: fall back to the position
  }
  return `#${position}`;
}

/**
 * The error for input that threw while it was read (a getter or proxy trap in user data, or a stack overflow on
 * absurdly deep data): bad input, reported with the thrown value as `cause`, never a crash of the caller.
 */
function unreadable(where: string, error: unknown): ItsmError {
  if (error instanceof ItsmError) return error;
  return new ItsmError('invalid_argument', `${where}: reading the input threw ${describeValue(error)} (a getter or proxy in the data?); see the error's cause.`, { cause: error });
}

/** Runs an evaluation, turning anything user data throws into an {@link ItsmError}. */
function guarded<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw unreadable(where, error);
  }
}

function evaluateOne(plans: readonly ClockPlan[], env: ClockEnv, now: number, ticket: unknown, position: number): SlaTicketResult {
  const id = ticketId(ticket, position);
  try {
    if (ticket === null || typeof ticket !== 'object') {
      throw new ItsmError('invalid_argument', `tickets[${position}]: ${describeValue(ticket)} is not a ticket { id, events }.`, { details: { index: position } });
    }
    return { id, success: true, data: evaluateGroups(plans, env, now, (ticket as SlaTicket).events) };
  } catch (error) {
    if (error instanceof ItsmError) return { id, success: false, error };
    // A getter or proxy in the ticket's data that throws (or a stack overflow on absurdly deep data) is bad input
    // of this ticket alone: it is reported with the original error as `cause`, and the batch goes on.
    return { id, success: false, error: unreadable(`tickets[${position}] (id ${quote(id)})`, error) };
  }
}

/**
 * Evaluates definitions over many tickets lazily: tickets are read from the iterable one at a time and results
 * are yielded as they are computed, so memory grows with the ticket being evaluated, not with the batch.
 * Definitions and options are checked once, up front (those errors throw); a ticket that is not an object, or
 * whose events are invalid, yields `{ id, success: false, error }` and the batch goes on. `id` is the ticket's
 * own when it is a string or a number, else its position (`#3`). Segments are not built unless `explain: true`.
 *
 * @param definitions - The definitions, as for {@link evaluateTicket}.
 * @param tickets - Any iterable of `{ id, events }` (an array, a generator reading a database cursor, ...).
 * @param options - As for {@link evaluateTicket}.
 * @returns A generator of per-ticket outcomes.
 * @throws {@link core!ItsmError} for invalid definitions or options (before the first ticket is read). An error
 * thrown by the iterable itself (a database cursor failing) is the host's and propagates from the generator.
 * @example
 * ```ts
 * for (const t of evaluateTickets(defs, readTickets(), { calendars, now, explain: false })) {
 *   if (t.success) save(t.id, t.data);
 * }
 * ```
 * @category Evaluation
 */
export function evaluateTickets(definitions: readonly SlaDefinition[], tickets: Iterable<SlaTicket>, options: EvaluateOptions): Generator<SlaTicketResult, void, undefined> {
  const { env, now, plans } = guarded('evaluateTickets', () => {
    const groups = groupsOf(definitions);
    const { env, now } = readOptions(options, false);
    const plans = groups.map((g) => planClock(g, env, utc24x7()));
    if (tickets === null || typeof tickets !== 'object' || typeof (tickets as Iterable<SlaTicket>)[Symbol.iterator] !== 'function') {
      throw new ItsmError('invalid_argument', `tickets: ${describeValue(tickets)} is not an iterable of { id, events }.`, { details: { field: 'tickets' } });
    }
    return { env, now, plans };
  });
  return (function* () {
    // The caller's iterable (a database cursor, say) may itself fail: that ends the batch, as an ItsmError that
    // says where, with the cursor's error as its cause. A bad ticket, by contrast, is one failed result.
    let position = 0;
    let iterator: Iterator<unknown>;
    try {
      iterator = (tickets as Iterable<unknown>)[Symbol.iterator]();
    } catch (error) {
      throw foreignError(error, 'tickets (its iterator)');
    }
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = iterator.next();
        if (step === null || typeof step !== 'object') throw new TypeError('the iterator returned a non-object');
      } catch (error) {
        throw foreignError(error, `tickets (reading ticket ${position})`);
      }
      if (step.done) return;
      yield evaluateOne(plans, env, now, step.value, position++);
    }
  })();
}
