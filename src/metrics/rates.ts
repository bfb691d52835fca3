import { ItsmError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { groupRecords, recordAt, withGroups, type MetricGroup, type MetricGroupingOptions } from './grouping.js';

/**
 * A share of records: `hits / n`.
 *
 * @example
 * ```ts
 * const r: RateMetric = reassignmentRate(incidents);
 * r.value; // 0.31
 * ```
 * @category Service desk
 */
export interface RateMetric {
  /** hits / n from 0 to 1; `null` when n = 0. */
  readonly value: number | null;
  /** Records in the denominator. */
  readonly n: number;
  /** Records in the numerator. */
  readonly hits: number;
  /** Records left out of the denominator (not eligible, not in the window, no data), counted. */
  readonly nExcluded: number;
  readonly reason?: 'insufficient_data';
  readonly groups?: readonly MetricGroup<RateMetric>[];
}

/** Per-record classification: 1 hit, 0 miss, -1 excluded. @internal */
export function rateOf<T>(records: readonly T[], options: MetricGroupingOptions<T>, classify: (r: T, i: number) => 1 | 0 | -1, defaultPeriodBy: ((r: T, i: number) => unknown) | null, field = 'records'): RateMetric {
  const n = records.length;
  const cls = new Int8Array(n);
  for (let i = 0; i < n; i++) cls[i] = classify(recordAt(records, i, field), i);
  const tally = (of: Int32Array, count: number): RateMetric[] => {
    const hits = new Int32Array(count), tot = new Int32Array(count), exc = new Int32Array(count);
    for (let i = 0; i < n; i++) {
      const g = of[i]!;
      if (g < 0) continue;
      if (cls[i]! < 0) exc[g]!++;
      else {
        tot[g]!++;
        hits[g]! += cls[i]!;
      }
    }
    return Array.from({ length: count }, (_, g) => {
      const r = { value: tot[g]! > 0 ? hits[g]! / tot[g]! : null, n: tot[g]!, hits: hits[g]!, nExcluded: exc[g]! };
      return tot[g]! > 0 ? r : { ...r, reason: 'insufficient_data' as const };
    });
  };
  const index = groupRecords(records, options, defaultPeriodBy);
  const overall = tally(new Int32Array(n), 1)[0]!;
  return index.grouped ? withGroups(overall, index, tally(index.of, index.count)) : overall;
}

/** Reads a yes/no field: booleans, or counts (> 0 is yes); null / undefined is "no data". @internal */
export function flagValue(v: unknown, field: string, i: number): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v > 0;
  throw new ItsmError('invalid_argument', `records[${i}].${field}: ${describeValue(v)} is not a boolean or a count.`, { details: { field, index: i } });
}
