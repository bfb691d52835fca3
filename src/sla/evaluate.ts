import { ItsmError } from '../core/errors.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { calendar24x7, isBusinessCalendar, type BusinessCalendar } from '../calendar/index.js';
import { SlaClock } from './clock.js';
import { planClock, type ClockEnv, type ClockPlan } from './plan.js';
import type { Fields } from './condition.js';
import { compiledSla, type CompiledSla, type SlaDefinition } from './definition.js';
import { prepareEvents, type PreparedEvents, type TicketEvent } from './events.js';
import type { SlaResult } from './result.js';

/**
 * Options of {@link evaluateSla}, {@link evaluateSlas} and {@link evaluateMany}.
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
   * Build `segments` (the explanation): default `true` for {@link evaluateSla} and {@link evaluateSlas},
   * `false` for {@link evaluateMany} (batch jobs usually need the figures; explaining costs about half the speed).
   */
  readonly explain?: boolean;
  /** What a switch of definition within a group does (`evaluateSlas`): `carry` (default) keeps elapsed and paused time; `restart` starts a new cycle. */
  readonly onSwitch?: 'carry' | 'restart';
}

let builtIn: BusinessCalendar | null = null;
const utc24x7 = (): BusinessCalendar => (builtIn ??= calendar24x7('UTC'));

function readOptions(options: EvaluateOptions, explainByDefault = true): { env: ClockEnv; now: number } {
  if (options === null || typeof options !== 'object') {
    throw new ItsmError('invalid_argument', 'options: expected { now, calendars?, explain?, onSwitch? }.', { details: { field: 'options' } });
  }
  const now = toEpochMs(options.now, 'options.now');
  const calendars = options.calendars ?? {};
  if (calendars === null || typeof calendars !== 'object') {
    throw new ItsmError('invalid_argument', 'options.calendars: expected an object of calendars by key.', { details: { field: 'options.calendars' } });
  }
  for (const [key, cal] of Object.entries(calendars)) {
    if (!isBusinessCalendar(cal)) {
      throw new ItsmError('invalid_argument', `options.calendars.${key}: expected a BusinessCalendar; build one with createCalendar(spec).`, { details: { field: `options.calendars.${key}` } });
    }
  }
  const onSwitch = options.onSwitch ?? 'carry';
  if (onSwitch !== 'carry' && onSwitch !== 'restart') {
    throw new ItsmError('invalid_argument', `options.onSwitch: ${JSON.stringify(onSwitch)} is not "carry" or "restart".`, { details: { field: 'options.onSwitch' } });
  }
  return { env: { calendars, explain: options.explain ?? explainByDefault, onSwitch }, now };
}

/** Runs clocks over prepared events: the fields are folded once and shared by every clock. */
function run(clocks: readonly SlaClock[], prepared: PreparedEvents): Fields {
  const fields: Fields = Object.create(null) as Fields;
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
  const sla = compiledSla(definition);
  const { env, now } = readOptions(options);
  const clock = new SlaClock(planClock([sla], env, utc24x7()), env);
  run([clock], prepareEvents(events, now));
  return clock.finish(now);
}

/** Groups compiled definitions, keeping the order of first appearance. */
function groupsOf(definitions: readonly SlaDefinition[]): CompiledSla[][] {
  if (!Array.isArray(definitions)) {
    throw new ItsmError('invalid_argument', 'definitions: expected an array of SLA definitions.', { details: { field: 'definitions' } });
  }
  const byGroup = new Map<string, CompiledSla[]>();
  const ids = new Set<string>();
  for (const d of definitions) {
    const c = compiledSla(d);
    if (ids.has(c.def.id)) {
      throw new ItsmError('invalid_definition', `definitions: the id "${c.def.id}" is used twice; give every definition its own id.`, { details: { id: c.def.id } });
    }
    ids.add(c.def.id);
    const list = byGroup.get(c.group);
    if (list === undefined) byGroup.set(c.group, [c]);
    else list.push(c);
  }
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
 * @throws {@link core!ItsmError} as {@link evaluateSla}; `invalid_definition` for a duplicate id.
 * @example
 * ```ts
 * const results = evaluateSlas([p1Resolution, p3Resolution, response], history, { calendars, now });
 * ```
 * @category Evaluation
 */
export function evaluateSlas(definitions: readonly SlaDefinition[], events: readonly TicketEvent[], options: EvaluateOptions): SlaResult[] {
  const groups = groupsOf(definitions);
  const { env, now } = readOptions(options);
  return evaluateGroups(groups.map((g) => planClock(g, env, utc24x7())), env, now, events);
}

/**
 * A ticket for {@link evaluateMany}.
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
 * The outcome for one ticket of {@link evaluateMany}: its results, or the error its data caused
 * (one bad ticket does not stop a batch).
 *
 * @example
 * ```ts
 * for (const r of evaluateMany(defs, tickets, options)) if (!r.ok) console.error(r.id, r.error.message);
 * ```
 * @category Evaluation
 */
export type SlaTicketResult =
  | { readonly id: string; readonly ok: true; readonly results: SlaResult[] }
  | { readonly id: string; readonly ok: false; readonly error: ItsmError };

/**
 * Evaluates definitions over many tickets lazily: tickets are read from the iterable one at a time and results
 * are yielded as they are computed, so memory grows with the ticket being evaluated, not with the batch.
 * Definitions and options are checked once, up front (those errors throw); a ticket whose events are invalid
 * yields `{ ok: false, error }` and the batch goes on. Segments are not built unless `explain: true` is passed.
 *
 * @param definitions - The definitions, as for {@link evaluateSlas}.
 * @param tickets - Any iterable of `{ id, events }` (an array, a generator reading a database cursor, ...).
 * @param options - As for {@link evaluateSlas}.
 * @returns A generator of per-ticket outcomes.
 * @throws {@link core!ItsmError} for invalid definitions or options (before the first ticket is read).
 * @example
 * ```ts
 * for (const t of evaluateMany(defs, readTickets(), { calendars, now, explain: false })) {
 *   if (t.ok) save(t.id, t.results);
 * }
 * ```
 * @category Evaluation
 */
export function evaluateMany(definitions: readonly SlaDefinition[], tickets: Iterable<SlaTicket>, options: EvaluateOptions): Generator<SlaTicketResult, void, undefined> {
  const groups = groupsOf(definitions);
  const { env, now } = readOptions(options, false);
  const plans = groups.map((g) => planClock(g, env, utc24x7()));
  if (tickets === null || typeof (tickets as Iterable<SlaTicket>)[Symbol.iterator] !== 'function') {
    throw new ItsmError('invalid_argument', 'tickets: expected an iterable of { id, events }.', { details: { field: 'tickets' } });
  }
  return (function* () {
    for (const ticket of tickets) {
      const id = ticket !== null && typeof ticket === 'object' ? String(ticket.id) : String(ticket);
      try {
        if (ticket === null || typeof ticket !== 'object') throw new ItsmError('invalid_argument', 'tickets: each ticket must be { id, events }.');
        yield { id, ok: true, results: evaluateGroups(plans, env, now, ticket.events) };
      } catch (error) {
        if (!(error instanceof ItsmError)) throw error;
        yield { id, ok: false, error };
      }
    }
  })();
}
