// What a domain gives the kit: its table, guards, effects on the context, replay inverse and input. Everything
// else (the machine, the refusal pipeline, open / advance / restore / replay, persistence) is the kit's.
import type { z } from 'zod';
import type { LifecycleHistoryEntry } from './history.js';

/** An event of a lifecycle machine: a `type` and the instant it happened. @internal */
export interface LifecycleEventBase {
  readonly type: string;
  readonly at: unknown;
}

/** The context fields the kit maintains for every machine. @internal */
export interface LifecycleContextBase {
  /** The instant of the last accepted event (creation included). */
  readonly updatedAt: string;
  /** One entry per accepted event, creation first. */
  readonly history: readonly LifecycleHistoryEntry[];
}

/**
 * A lifecycle's documented transitions: for each state, the event types it accepts and the state each one leads
 * to (a guard may still refuse the event). A type missing from a state's row is refused in that state.
 *
 * @example
 * ```ts
 * const table: TransitionTable<'open' | 'done', 'FINISH'> = { open: { FINISH: 'done' }, done: {} };
 * ```
 * @category Lifecycle
 */
export type TransitionTable<TState extends string, TType extends string> = Readonly<Record<TState, Readonly<Partial<Record<TType, TState>>>>>;

/** A domain guard's refusal: the rule, the reason (the kit prefixes `"<TYPE> refused: "`), missing fields. @internal */
export interface GuardRefusal<TRule extends string> {
  readonly rule: TRule;
  readonly reason: string;
  readonly missing?: readonly string[];
}

/** What applying an accepted event changes: context fields, and the fields recorded in the history entry. @internal */
export interface EventEffect<TContext> {
  readonly changes: Partial<TContext>;
  readonly set: Record<string, unknown>;
}

/** The description of one lifecycle from which the kit builds the machine and its host functions. @internal */
export interface LifecycleSpec<
  TState extends string,
  TEvent extends LifecycleEventBase,
  TContext extends LifecycleContextBase,
  TInput,
  TRule extends string,
> {
  /** The xstate machine id (`incident`). */
  readonly id: string;
  /** The noun used in messages (`incident`, `problem`, `normal change`). */
  readonly noun: string;
  /** Every state; the first is the initial state. */
  readonly states: readonly TState[];
  /** The final states (they accept nothing). */
  readonly finalStates: readonly TState[];
  /** Every event type. */
  readonly eventTypes: readonly TEvent['type'][];
  /** The documented transitions. */
  readonly transitions: TransitionTable<TState, TEvent['type']>;
  /** The payload schema of each event type (fields a guard requires are optional here, so the guard can name them). */
  readonly eventSchemas: Readonly<Record<TEvent['type'], z.ZodType>>;
  /** The schema of a persisted context. */
  readonly contextSchema: z.ZodType<TContext>;
  /** Validates the input and builds the initial context; throws `ItsmError` `invalid_argument` with every issue. */
  createContext(input: unknown): TContext;
  /** The rule and reason when `state` does not accept `type` (the table has no entry). */
  stateRefusal(state: TState, type: TEvent['type']): GuardRefusal<TRule>;
  /** More to say when a final state refuses `type` (`"a closed incident cannot be reopened"`), if anything. */
  finalReason?(state: TState, type: TEvent['type']): string | undefined;
  /** The event's own guard, after the payload and the time order were checked; `null` accepts it. */
  guard(state: TState, context: TContext, event: TEvent): GuardRefusal<TRule> | null;
  /** The effect of an accepted event (the kit adds `state` to `set`, `updatedAt`, and the history entry). */
  apply(context: TContext, from: TState, to: TState, event: TEvent, at: string): EventEffect<TContext>;
  /** The event a history entry records (the inverse of `apply` for replay). */
  eventFromEntry(entry: LifecycleHistoryEntry): TEvent;
  /** The input a `CREATE` entry records. */
  inputFromCreate(entry: LifecycleHistoryEntry): TInput;
}
