// The lifecycle kit: from a domain's spec, the machine and every host function (open, advance, restore, replay,
// explain) with one refusal pipeline and one message format. Each domain wraps these in its own documented
// functions (`openIncident`, `advanceProblem`, ...).
import { initialTransition, transition, type EventObject } from 'xstate';
import { z } from 'zod';
import { describeValue, quote } from '../core/describe.js';
import { ItsmError, atBoundary, formatPath, toSafe, validationError, type SafeResult } from '../core/errors.js';
import { toEpochMs } from '../core/instant.js';
import { issuesFromZod } from '../core/schema.js';
import { HistoryEntrySchema, isoOf, storedMs, type LifecycleHistoryEntry } from './history.js';
import { applyAccepted, buildMachine, type LifecycleMachine, type LifecycleSnapshot } from './machine.js';
import type { LifecycleRule, Refusal } from './refusal.js';
import type { LifecycleContextBase, LifecycleEventBase, LifecycleSpec, TransitionTable } from './spec.js';

/**
 * The outcome of sending one event with an `advance…` function: the next snapshot, or the unchanged snapshot and
 * the reason the event was refused.
 *
 * @example
 * ```ts
 * const step = advanceIncident(s, { type: 'CLOSE', at: '2026-03-09T12:00:00Z' });
 * if (!step.accepted) console.log(step.refusal.rule, step.refusal.message);
 * ```
 * @category Lifecycle
 */
export type LifecycleStep<TSnapshot, TRule extends string> =
  | {
      /** The event was accepted. */
      readonly accepted: true;
      /** The next snapshot. */
      readonly snapshot: TSnapshot;
      /** No refusal. */
      readonly refusal: null;
    }
  | {
      /** The event was refused. */
      readonly accepted: false;
      /** The unchanged snapshot. */
      readonly snapshot: TSnapshot;
      /** Which rule refused it and why. */
      readonly refusal: Refusal<TRule>;
    };

/**
 * A snapshot as the pure helpers need it: a live xstate snapshot, or its persisted JSON after a database round trip.
 *
 * @example
 * ```ts
 * const row: LifecycleSnapshotLike<IncidentContext> = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(s)));
 * ```
 * @category Lifecycle
 */
export interface LifecycleSnapshotLike<TContext> {
  /** The state (`snapshot.value`). */
  readonly value: unknown;
  /** The context. */
  readonly context: TContext;
}

/** Everything the kit builds for one lifecycle. @internal */
export interface Lifecycle<TState extends string, TEvent extends LifecycleEventBase & EventObject, TContext extends LifecycleContextBase, TInput, TRule extends string> {
  readonly machine: LifecycleMachine<TContext, TEvent, TInput, TState>;
  readonly transitions: TransitionTable<TState, TEvent['type']>;
  readonly spec: LifecycleSpec<TState, TEvent, TContext, TInput, TRule>;
  refusalOf(state: TState, context: TContext, event: unknown): Refusal<TRule | LifecycleRule> | null;
  stateOf(snapshot: unknown): TState;
  open(input: TInput): LifecycleSnapshot<TContext, TEvent, TInput, TState>;
  safeOpen(input: unknown): SafeResult<LifecycleSnapshot<TContext, TEvent, TInput, TState>>;
  restore(persisted: unknown): LifecycleSnapshot<TContext, TEvent, TInput, TState>;
  safeRestore(persisted: unknown): SafeResult<LifecycleSnapshot<TContext, TEvent, TInput, TState>>;
  live(snapshot: unknown): LifecycleSnapshot<TContext, TEvent, TInput, TState>;
  advance(snapshot: unknown, event: TEvent): LifecycleStep<LifecycleSnapshot<TContext, TEvent, TInput, TState>, TRule | LifecycleRule>;
  explain(snapshot: unknown, event: TEvent): Refusal<TRule | LifecycleRule> | null;
  replay(history: unknown): LifecycleSnapshot<TContext, TEvent, TInput, TState>;
}

function refusal<TRule extends string>(rule: TRule, message: string, missing?: readonly string[]): Refusal<TRule> {
  return missing && missing.length > 0 ? { rule, message, missing: [...missing] } : { rule, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** Builds the machine and the host functions of a lifecycle. @internal */
export function defineLifecycle<
  TState extends string,
  TEvent extends LifecycleEventBase & EventObject,
  TContext extends LifecycleContextBase,
  TInput,
  TRule extends string,
>(spec: LifecycleSpec<TState, TEvent, TContext, TInput, TRule>): Lifecycle<TState, TEvent, TContext, TInput, TRule> {
  type Snapshot = LifecycleSnapshot<TContext, TEvent, TInput, TState>;
  type AnyRule = TRule | LifecycleRule;
  const { noun } = spec;
  const article = /^[aeiou]/i.test(noun) ? 'an' : 'a';
  const states = new Set<string>(spec.states);
  const finals = new Set<string>(spec.finalStates);
  const types = new Set<string>(spec.eventTypes);
  const PersistedSchema = z.object({ value: z.enum(spec.states as [TState, ...TState[]]), context: spec.contextSchema });

  function refusalOf(state: TState, context: TContext, event: unknown): Refusal<AnyRule> | null {
    if (!isObject(event) || typeof event['type'] !== 'string') {
      return refusal('invalid_event', `Event refused: ${article} ${noun} event is an object with a string \`type\` and an instant \`at\`; got ${describeValue(isObject(event) ? event['type'] : event)}${isObject(event) ? ' as its type' : ''}.`, ['type']);
    }
    const type = event['type'];
    if (!types.has(type)) {
      return refusal('unknown_event', `Event ${quote(type)} refused: it is not ${article} ${noun} event; use one of ${spec.eventTypes.join(', ')}.`);
    }
    const t = type as TEvent['type'];
    if (finals.has(state)) {
      const extra = spec.finalReason?.(state, t);
      return refusal('final_state', `${t} refused: the ${noun} is ${state}, which is final.${extra ? ` ${extra}` : ''}`);
    }
    if (spec.transitions[state][t] === undefined) {
      const from = spec.states.filter((s) => spec.transitions[s][t] !== undefined);
      const r = spec.stateRefusal(state, t);
      return refusal(r.rule, `${t} refused: ${r.reason} (the ${noun} is ${state}; ${t} is accepted in ${from.join(', ')}).`, r.missing);
    }
    const parsed = spec.eventSchemas[t].safeParse(event);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error);
      const missing = [...new Set(issues.filter((i) => i.path.length === 1 && event[i.path[0] as string] === undefined).map((i) => String(i.path[0])))];
      const text = issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
      return refusal('invalid_event', `${t} refused: malformed event (${text}).`, missing);
    }
    const clean = { ...(parsed.data as object), type: t } as TEvent;
    const at = toEpochMs(clean.at as never);
    if (at < storedMs(context.updatedAt)) {
      return refusal('out_of_order', `${t} refused: it happened at ${isoOf(at)}, before the last accepted event (${context.updatedAt}); events must arrive in time order.`);
    }
    const g = spec.guard(state, context, clean);
    return g === null ? null : refusal(g.rule, `${t} refused: ${g.reason}`, g.missing);
  }

  const isoAt = (event: LifecycleEventBase): string => isoOf(toEpochMs(event.at as never, 'at'));
  // The effect is applied to the parsed event, never to the caller's object: unknown keys are gone, and a
  // hostile key (`__proto__`) cannot reach `Object.assign`.
  const cleanEvent = (event: LifecycleEventBase): TEvent => ({ ...(spec.eventSchemas[event.type as TEvent['type']].parse(event) as object), type: event.type }) as TEvent;
  const machine = buildMachine(spec as never, (state, context, event) => refusalOf(state as TState, context as TContext, event) === null, isoAt, cleanEvent as never) as unknown as LifecycleMachine<TContext, TEvent, TInput, TState>;

  function stateOf(snapshot: unknown): TState {
    if (!isObject(snapshot)) {
      throw new ItsmError('invalid_argument', `snapshot: ${describeValue(snapshot)} is not ${article} ${noun} snapshot; pass a snapshot of the ${noun} machine (live or persisted).`, { details: { field: 'snapshot' } });
    }
    const v = snapshot['value'];
    if (typeof v === 'string' && states.has(v)) return v as TState;
    throw new ItsmError('invalid_argument', `snapshot.value: ${describeValue(v)} is not ${article} ${noun} state; pass a snapshot of the ${noun} machine (live or persisted).`, { details: { field: 'snapshot.value' } });
  }

  function open(input: TInput): Snapshot {
    const [snapshot] = initialTransition(machine, input);
    if (snapshot.status === 'error') {
      const error = snapshot.error;
      if (error instanceof ItsmError) throw error;
      throw new ItsmError('invalid_argument', `Could not create the ${noun}: ${error instanceof Error ? error.message : describeValue(error)}`, { cause: error });
    }
    return snapshot;
  }

  function restore(persisted: unknown): Snapshot {
    const r = PersistedSchema.safeParse(persisted);
    if (!r.success) {
      const issues = issuesFromZod(r.error);
      throw new ItsmError('invalid_argument', validationError(`persisted ${noun} snapshot`, issues).message, { issues });
    }
    // Fresh objects: zod drops unknown keys, and the clone detaches values the schema passes through (history sets).
    let context: TContext;
    try {
      context = structuredClone(r.data.context) as TContext;
    } catch (error) {
      throw new ItsmError('invalid_argument', `persisted ${noun} snapshot: the context holds a value that is not plain data (${error instanceof Error ? error.message : 'not cloneable'}).`, { cause: error });
    }
    return machine.resolveState({ value: r.data.value, context } as never) as Snapshot;
  }

  function live(snapshot: unknown): Snapshot {
    if (isObject(snapshot) && (snapshot as { machine?: unknown }).machine === machine) return snapshot as unknown as Snapshot;
    stateOf(snapshot);
    return restore(snapshot);
  }

  function advance(snapshot: unknown, event: TEvent): LifecycleStep<Snapshot, AnyRule> {
    const s = live(snapshot);
    const r = refusalOf(s.value as TState, s.context, event);
    if (r) return { accepted: false, snapshot: s, refusal: r };
    const [next] = transition(machine, s, event);
    return { accepted: true, snapshot: next, refusal: null };
  }

  function explain(snapshot: unknown, event: TEvent): Refusal<AnyRule> | null {
    const state = stateOf(snapshot);
    const context = (snapshot as { context?: unknown }).context;
    if (!isObject(context) || typeof (context as { updatedAt?: unknown }).updatedAt !== 'string') return refusalOf(state, live(snapshot).context, event);
    return refusalOf(state, context as TContext, event);
  }

  function replay(history: unknown): Snapshot {
    if (!Array.isArray(history)) {
      throw new ItsmError('invalid_argument', `history: ${describeValue(history)} is not a history; pass the \`context.history\` array of ${article} ${noun}.`, { details: { field: 'history' } });
    }
    const entry = (i: number): LifecycleHistoryEntry => {
      const r = HistoryEntrySchema.safeParse(history[i]);
      if (!r.success) {
        const issues = issuesFromZod(r.error).map((x) => ({ ...x, path: [i, ...x.path] }));
        throw new ItsmError('invalid_event', validationError(`history entry ${i}`, issues).message, { issues, details: { field: `history[${i}]` } });
      }
      return r.data as LifecycleHistoryEntry;
    };
    if (history.length === 0 || entry(0).type !== 'CREATE') {
      throw new ItsmError('invalid_event', `history[0] must be the CREATE entry of the ${noun}.`, { details: { field: 'history[0]' } });
    }
    const first = open(spec.inputFromCreate(entry(0)));
    let state = first.value as TState;
    let context = first.context;
    const log = [...context.history];
    // One fold without xstate in the loop and one growing history array: linear in the length of the history.
    for (let i = 1; i < history.length; i++) {
      const e = entry(i);
      const event = spec.eventFromEntry(e);
      const r = refusalOf(state, context, event);
      if (r) {
        throw new ItsmError('refused_transition', `history[${i}] (${e.type} at ${e.at}) is refused: ${r.message}`, { details: { index: i, refusal: r } });
      }
      const to = spec.transitions[state][event.type as TEvent['type']]!;
      context = applyAccepted(spec as never, context, state, to, event, isoAt(event), log);
      state = to;
    }
    return machine.resolveState({ value: state, context: { ...context, history: log } } as never) as Snapshot;
  }

  // Only ItsmError leaves a host function: a getter or Proxy trap of the caller's value that throws, or a stack
  // overflow on a very deep one, becomes invalid_argument (with the original as `cause`).
  return {
    machine,
    transitions: spec.transitions,
    spec,
    refusalOf,
    stateOf,
    open: (input) => atBoundary(() => open(input)),
    safeOpen: (input) => toSafe(() => open(input as TInput)),
    restore: (persisted) => atBoundary(() => restore(persisted)),
    safeRestore: (persisted) => toSafe(() => restore(persisted)),
    live: (snapshot) => atBoundary(() => live(snapshot), 'snapshot'),
    advance: (snapshot, event) => atBoundary(() => advance(snapshot, event)),
    explain: (snapshot, event) => atBoundary(() => explain(snapshot, event)),
    replay: (history) => atBoundary(() => replay(history), 'history'),
  };
}
