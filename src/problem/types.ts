import type { Instant } from '../core/instant.js';
import type { LifecycleHistoryEntry } from '../lifecycle/history.js';
import type { KnownError } from './known-error.js';

/**
 * The states of {@link problemMachine} (ServiceNow's problem model). `closed` and `canceled` are final.
 *
 * @example
 * ```ts
 * const s: ProblemState = 'root_cause_analysis';
 * ```
 * @category Problem
 */
export type ProblemState = 'new' | 'assess' | 'root_cause_analysis' | 'fix_in_progress' | 'resolved' | 'closed' | 'canceled';

/**
 * How a problem ended: a fix was applied, the risk was accepted, it duplicates another problem, or it was
 * canceled.
 *
 * @example
 * ```ts
 * const code: ProblemResolutionCode = 'risk_accepted';
 * ```
 * @category Problem
 */
export type ProblemResolutionCode = 'fix_applied' | 'risk_accepted' | 'duplicate' | 'canceled';

/**
 * What a host passes to create a problem (the machine's `input`).
 *
 * @example
 * ```ts
 * const input: ProblemInput = { at: '2026-03-09T10:00:00Z', statement: 'VPN drops every hour', linkedIncidents: ['INC0042'] };
 * ```
 * @category Problem
 */
export interface ProblemInput {
  /** When the problem was opened. */
  readonly at: Instant;
  /** The problem number. */
  readonly id?: string;
  /** The problem statement: the symptom as users see it. */
  readonly statement: string;
  /** The priority, if the host sets one. */
  readonly priority?: number | null;
  /** The problem management group. */
  readonly group?: string | null;
  /** The problem coordinator. */
  readonly assignee?: string | null;
  /** The root cause, if already known. */
  readonly cause?: string | null;
  /** A workaround, if already known. */
  readonly workaround?: string | null;
  /** Ids of the services affected. */
  readonly affectedServices?: readonly string[];
  /** Ids of the configuration items affected. */
  readonly affectedCis?: readonly string[];
  /** Ids of the incidents caused by this problem. */
  readonly linkedIncidents?: readonly string[];
}

/**
 * The context of {@link problemMachine}: plain JSON, instants as ISO 8601 UTC strings.
 *
 * @example
 * ```ts
 * const ctx: ProblemContext = openProblem({ at: '2026-03-09T10:00:00Z', statement: 'VPN drops' }).context;
 * ```
 * @category Problem
 */
export interface ProblemContext {
  /** The problem number, if given. */
  readonly id: string | null;
  /** When the problem was opened. */
  readonly openedAt: string;
  /** The instant of the last accepted event. */
  readonly updatedAt: string;
  /** The problem statement (symptom). */
  readonly statement: string;
  /** The priority, if set. */
  readonly priority: number | null;
  /** The assignment group. */
  readonly group: string | null;
  /** The coordinator. */
  readonly assignee: string | null;
  /** The root cause, once known. */
  readonly cause: string | null;
  /** The workaround, once known. */
  readonly workaround: string | null;
  /** The planned or applied fix. */
  readonly fix: string | null;
  /** Ids of the services affected. */
  readonly affectedServices: readonly string[];
  /** Ids of the configuration items affected. */
  readonly affectedCis: readonly string[];
  /** Ids of the linked incidents (no duplicates). */
  readonly linkedIncidents: readonly string[];
  /** The published known-error record, if any. */
  readonly knownError: KnownError | null;
  /** How it ended; `null` while open or re-analysed. */
  readonly resolutionCode: ProblemResolutionCode | null;
  /** Fix notes, risk-acceptance or cancellation reason. */
  readonly resolutionNotes: string | null;
  /** The original problem when resolved as a duplicate. */
  readonly duplicateOf: string | null;
  /** When it was last resolved. */
  readonly resolvedAt: string | null;
  /** When it was closed or canceled. */
  readonly closedAt: string | null;
  /** How many times the problem went back from resolved to root-cause analysis. */
  readonly reanalysisCount: number;
  /** One entry per accepted event, creation first. */
  readonly history: readonly LifecycleHistoryEntry[];
}
