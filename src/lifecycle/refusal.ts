/**
 * Why a lifecycle machine refused an event: which rule, in words, and which fields were missing. `TRule` is the
 * module's own rule union (`IncidentRule`, `ProblemRule`, ...), so a `switch` on `rule` is checked by the compiler.
 *
 * xstate leaves a snapshot unchanged when an event is refused; the `explain…Refusal` functions and the `advance…`
 * steps of the lifecycle modules return this record so a host can tell its user what to do instead.
 *
 * @example
 * ```ts
 * const refusal: Refusal<'resolution_needs_code_and_notes'> = {
 *   rule: 'resolution_needs_code_and_notes',
 *   message: 'RESOLVE refused: a resolution needs a code and notes; missing: notes.',
 *   missing: ['notes'],
 * };
 * ```
 * @category Lifecycle
 */
export interface Refusal<TRule extends string = string> {
  /** The stable id of the rule that refused the event (`final_state`, `out_of_order`, ...). */
  readonly rule: TRule;
  /** What was refused and how to fix it, for people: always `"<TYPE> refused: <reason>"`. */
  readonly message: string;
  /** The event fields that are required by the rule and were absent or blank. */
  readonly missing?: readonly string[];
}

/**
 * The rules every lifecycle machine applies before its own guards, in this order: the event is not an object
 * with a `type` (`invalid_event`), its type is unknown (`unknown_event`), the state is final (`final_state`), the
 * state does not accept the type (the module's state rule), the payload is malformed (`invalid_event`), it is
 * older than the last accepted event (`out_of_order`).
 *
 * @example
 * ```ts
 * const rule: LifecycleRule = 'out_of_order';
 * ```
 * @category Lifecycle
 */
export type LifecycleRule = 'invalid_event' | 'unknown_event' | 'final_state' | 'out_of_order';
