/**
 * Why a lifecycle machine refused an event: which rule, in words, and which fields were missing.
 *
 * xstate leaves a snapshot unchanged when an event is refused; the `explain…` functions of the lifecycle
 * modules return this record so a host can tell its user what to do instead.
 *
 * @example
 * ```ts
 * const refusal: Refusal = {
 *   rule: 'resolution_needs_code_and_notes',
 *   message: 'RESOLVE needs a resolution code and resolution notes; missing: notes',
 *   missing: ['notes'],
 * };
 * ```
 * @category Lifecycle
 */
export interface Refusal {
  /** The stable id of the rule that refused the event (`final_state`, `wrong_state`, `out_of_order`, ...). */
  readonly rule: string;
  /** What was refused and how to fix it, for people. */
  readonly message: string;
  /** The event fields that are required by the rule and were absent or blank. */
  readonly missing?: readonly string[];
}
