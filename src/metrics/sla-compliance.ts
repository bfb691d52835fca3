import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import type { SlaResult } from '../sla/result.js';
import { optionsArg } from './durations.js';
import { accessorFn, groupRecords, recordsArg, withGroups, type MetricAccessor, type MetricGroup, type MetricGroupingOptions } from './grouping.js';

/**
 * What {@link slaCompliance} reads of an SLA result: its stage and breach flag (and, for attribution by pause
 * reason, its segments). A full `SlaResult` fits.
 *
 * @example
 * ```ts
 * const r: SlaComplianceInput = { stage: 'completed', breached: false };
 * ```
 * @category SLA compliance
 */
export type SlaComplianceInput = Pick<SlaResult, 'stage' | 'breached'> & Partial<Pick<SlaResult, 'segments'>>;

/**
 * Options of {@link slaCompliance}.
 *
 * @example
 * ```ts
 * const o: SlaComplianceOptions<SlaResult> = { by: 'slaId', attributeBy: 'pauseReason' };
 * ```
 * @category SLA compliance
 */
export interface SlaComplianceOptions<T> extends MetricGroupingOptions<T> {
  /**
   * Attribute breaches: `'pauseReason'` counts each breach once per distinct cause of its paused segments
   * (`'(never paused)'` if none); an accessor counts breaches per its value (assignment group, ...).
   */
  readonly attributeBy?: 'pauseReason' | MetricAccessor<T, unknown>;
}

/**
 * SLA compliance: met / (met + breached).
 *
 * @example
 * ```ts
 * const c: SlaCompliance = slaCompliance(results);
 * console.log(`${(c.value ?? 0) * 100} % of ${c.n}`);
 * ```
 * @category SLA compliance
 */
export interface SlaCompliance {
  /** met / (met + breached), from 0 to 1; `null` without any. */
  readonly value: number | null;
  /** met + breached. */
  readonly n: number;
  readonly met: number;
  /** Completed breached, plus open clocks already past due. */
  readonly breached: number;
  /** Of `breached`, clocks still running or paused (open past due). */
  readonly breachedOpen: number;
  /** Running or paused and not yet due: excluded (their outcome is unknown), counted. */
  readonly nOpen: number;
  /** Canceled clocks: excluded, counted. */
  readonly nCanceled: number;
  /** Clocks that never started: excluded, counted. */
  readonly nNotStarted: number;
  /** Breaches per attribution key, most first, with `attributeBy`. */
  readonly attribution?: ReadonlyArray<{ readonly key: string; readonly breached: number }>;
  readonly reason?: 'insufficient_data';
  readonly groups?: readonly MetricGroup<SlaCompliance>[];
}

const STAGE_CODE: Record<string, number> = { completed: 0, running: 1, paused: 1, canceled: 2, not_started: 3 };

function tally(stage: Uint8Array, breached: Uint8Array, of: Int32Array, count: number): SlaCompliance[] {
  const met = new Int32Array(count), br = new Int32Array(count), brOpen = new Int32Array(count), open = new Int32Array(count), canc = new Int32Array(count), ns = new Int32Array(count);
  for (let i = 0; i < stage.length; i++) {
    const g = of[i]!;
    if (g < 0) continue;
    const s = stage[i]!;
    if (s === 0) {
      if (breached[i]) br[g]!++;
      else met[g]!++;
    } else if (s === 1) {
      if (breached[i]) {
        br[g]!++;
        brOpen[g]!++;
      } else open[g]!++;
    } else if (s === 2) canc[g]!++;
    else ns[g]!++;
  }
  const out: SlaCompliance[] = [];
  for (let g = 0; g < count; g++) {
    const n = met[g]! + br[g]!;
    const r: SlaCompliance = { value: n > 0 ? met[g]! / n : null, n, met: met[g]!, breached: br[g]!, breachedOpen: brOpen[g]!, nOpen: open[g]!, nCanceled: canc[g]!, nNotStarted: ns[g]! };
    out.push(n > 0 ? r : { ...r, reason: 'insufficient_data' });
  }
  return out;
}

/**
 * SLA compliance from SLA results (`evaluateSla` / `evaluateTicket`): met / (met + breached). A completed
 * clock counts by its breach flag; a running or paused clock already past due counts as breached (it cannot be
 * met any more); one not yet due is open and excluded; canceled and not-started clocks are excluded. Every
 * excluded clock is counted, never silently dropped.
 *
 * @param results - SLA results (or anything with `stage` and `breached`); not mutated.
 * @param options - Grouping (`by: 'slaId'`, periods with `periodBy`) and breach attribution.
 * @returns Compliance overall and per group.
 * @throws {@link core!ItsmError} `invalid_argument` for a result without a known stage.
 * @example
 * ```ts
 * slaCompliance([{ stage: 'completed', breached: false }, { stage: 'running', breached: true }]).value; // 0.5
 * ```
 * @category SLA compliance
 */
export function slaCompliance<T extends SlaComplianceInput>(results: readonly T[], options?: SlaComplianceOptions<T>): SlaCompliance {
  return atBoundary(() => {
    recordsArg(results, 'results');
    const o = optionsArg(options, "{ by: 'slaId' }");
    const n = results.length;
    const stage = new Uint8Array(n);
    const breached = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = results[i]!;
      const code = r === null || typeof r !== 'object' ? undefined : STAGE_CODE[r.stage];
      if (code === undefined) throw new ItsmError('invalid_argument', `results[${i}].stage: ${describeValue((r as { stage?: unknown } | null)?.stage)} is not an SLA stage ('not_started', 'running', 'paused', 'completed', 'canceled').`, { details: { field: 'results', index: i } });
      stage[i] = code;
      breached[i] = r.breached === true ? 1 : 0;
    }
    const index = groupRecords(results, o, null);
    let overall = tally(stage, breached, new Int32Array(n), 1)[0]!;
    if (o.attributeBy !== undefined) {
      const counts = new Map<string, number>();
      const add = (k: string): void => void counts.set(k, (counts.get(k) ?? 0) + 1);
      const f = o.attributeBy === 'pauseReason' ? null : accessorFn(o.attributeBy, 'options.attributeBy');
      for (let i = 0; i < n; i++) {
        if (!breached[i] || stage[i]! > 1) continue;
        if (f !== null) add(String(f(results[i]!, i)));
        else {
          const causes = new Set((results[i]!.segments ?? []).filter((s) => s.kind === 'paused').map((s) => s.cause));
          if (causes.size === 0) add('(never paused)');
          for (const c of causes) add(c);
        }
      }
      const attribution = [...counts].map(([key, b]) => ({ key, breached: b })).sort((a, b) => b.breached - a.breached || (a.key < b.key ? -1 : 1));
      overall = { ...overall, attribution };
    }
    if (!index.grouped) return overall;
    return withGroups(overall, index, tally(stage, breached, index.of, index.count));
  });
}
