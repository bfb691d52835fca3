import { ItsmError, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import { businessMsIntervals } from '../calendar/internal.js';
import { calendarArg } from './durations.js';
import { groupKey, recordsArg, type MetricGroup } from './grouping.js';
import { intersectIntervals, measureIntervals, subtractIntervals, unionIntervals } from './intervals.js';

/**
 * A stretch of unavailability (or of planned maintenance) of a service.
 *
 * @example
 * ```ts
 * const o: AvailabilityOutage = { service: 'mail', start: '2026-03-02T10:00:00Z', end: '2026-03-02T10:45:00Z' };
 * ```
 * @category Availability
 */
export interface AvailabilityOutage {
  readonly start: Instant;
  /** `null` or missing: still ongoing at `to`. */
  readonly end?: Instant | null;
  /** The service affected (default: the one service measured). */
  readonly service?: string;
}

/**
 * What {@link availability} measures.
 *
 * @example
 * ```ts
 * const input: AvailabilityInput = { agreed: calendar24x7(), from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z', outages: [] };
 * ```
 * @category Availability
 */
export interface AvailabilityInput {
  /** The agreed service time, as a calendar (`calendar24x7()` for round the clock). */
  readonly agreed: BusinessCalendar;
  readonly from: Instant;
  readonly to: Instant;
  readonly outages: readonly AvailabilityOutage[];
  /** Planned maintenance windows. */
  readonly maintenance?: readonly AvailabilityOutage[];
  /**
   * `'exclude'` (default): maintenance inside agreed time is taken out of the agreed service time and is not
   * downtime; `'downtime'`: it counts as downtime like an outage.
   */
  readonly maintenancePolicy?: 'exclude' | 'downtime';
  /** Services to report even if they had no outage. */
  readonly services?: readonly string[];
}

/**
 * Availability of one service, or overall.
 *
 * @example
 * ```ts
 * const a: AvailabilityResult = availability(input);
 * a.value; // 0.9993
 * ```
 * @category Availability
 */
export interface AvailabilityResult {
  /** (agreed − downtime) / agreed, from 0 to 1; `null` when there is no agreed time. */
  readonly value: number | null;
  /** Outages given (counted before they are merged). */
  readonly n: number;
  /** Outages still ongoing at `to`. */
  readonly nOngoing: number;
  /** Agreed service time in ms (after excluding maintenance under `'exclude'`). */
  readonly agreedMs: number;
  /** Downtime in ms: the union of outages, clipped to agreed time. */
  readonly downtimeMs: number;
  /** Maintenance inside agreed time, in ms. */
  readonly maintenanceMs: number;
  readonly reason?: 'insufficient_data';
  /** Per service (overall: the sums over services). */
  readonly groups?: readonly MetricGroup<AvailabilityResult>[];
}

function spans(list: readonly AvailabilityOutage[] | undefined, field: string, from: number, to: number): Map<string, { pairs: Array<[number, number]>; n: number; ongoing: number }> {
  const out = new Map<string, { pairs: Array<[number, number]>; n: number; ongoing: number }>();
  const rows = recordsArg(list ?? [], field);
  for (let i = 0; i < rows.length; i++) {
    const o = rows[i] as AvailabilityOutage;
    if (o === null || typeof o !== 'object') throw new ItsmError('invalid_argument', `${field}[${i}]: ${describeValue(o)} is not { start, end?, service? }.`, { details: { field, index: i } });
    const s = toEpochMs(o.start, `${field}[${i}].start`);
    const e = o.end === null || o.end === undefined ? null : toEpochMs(o.end, `${field}[${i}].end`);
    if (e !== null && e < s) throw new ItsmError('invalid_argument', `${field}[${i}]: end is before start.`, { details: { field, index: i } });
    const key = o.service ?? '';
    const entry = out.get(key) ?? { pairs: [], n: 0, ongoing: 0 };
    entry.n++;
    if (e === null) entry.ongoing++;
    entry.pairs.push([Math.max(s, from), Math.min(e ?? to, to)]);
    out.set(key, entry);
  }
  return out;
}

/**
 * Availability over agreed service time: (agreed service time − downtime) / agreed service time (ITIL 4,
 * Service Level Management; ISO/IEC 20000-1 availability). The agreed service time is a calendar's business
 * time in `[from, to)`; outages of a service are merged as a union of intervals (two overlapping outages are
 * not counted twice) and clipped to agreed time; planned maintenance is excluded from the agreed time or counted
 * as downtime (`maintenancePolicy`). Maintenance without a service applies to every service.
 *
 * @param input - Calendar, range, outages, maintenance and policy.
 * @returns Overall (sums over services) and, when outages name services, per service.
 * @throws {@link core!ItsmError} `invalid_argument` for malformed outages, `invalid_instant` for unreadable instants.
 * @example
 * ```ts
 * availability({ agreed: calendar24x7(), from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z',
 *   outages: [{ start: '2026-03-01T10:00:00Z', end: '2026-03-01T10:36:00Z' }] }).value; // 0.975
 * ```
 * @category Availability
 */
export function availability(input: AvailabilityInput): AvailabilityResult {
  return atBoundary(() => {
    if (input === null || typeof input !== 'object') throw new ItsmError('invalid_argument', `input: ${describeValue(input)} is not { agreed, from, to, outages }.`, { details: { field: 'input' } });
    const cal = calendarArg(input.agreed, 'input.agreed');
    if (cal === undefined) throw new ItsmError('invalid_argument', 'input.agreed: the agreed service time is required; pass calendar24x7() for round the clock.', { details: { field: 'input.agreed' } });
    const from = toEpochMs(input.from, 'input.from');
    const to = toEpochMs(input.to, 'input.to');
    if (to < from) throw new ItsmError('invalid_argument', 'input.to is before input.from.', { details: { field: 'input.to' } });
    const policy = input.maintenancePolicy ?? 'exclude';
    if (policy !== 'exclude' && policy !== 'downtime') throw new ItsmError('invalid_argument', `input.maintenancePolicy: ${describeValue(policy)} is not 'exclude' or 'downtime'.`, { details: { field: 'input.maintenancePolicy' } });
    const agreed = businessMsIntervals(cal, from, to);
    const outages = spans(input.outages, 'input.outages', from, to);
    const maint = spans(input.maintenance, 'input.maintenance', from, to);
    const services = new Set<string>([...outages.keys(), ...(input.services ?? [])]);
    for (const k of maint.keys()) if (k !== '') services.add(k);
    if (services.size === 0) services.add('');
    const shared = maint.get('')?.pairs ?? [];
    const per = [...services].sort().map((service): [string, AvailabilityResult] => {
      const o = outages.get(service);
      const m = unionIntervals([...shared, ...(service === '' ? [] : maint.get(service)?.pairs ?? [])]);
      const mIn = intersectIntervals(m, agreed);
      const down0 = intersectIntervals(unionIntervals(o?.pairs ?? []), agreed);
      const ast = policy === 'exclude' ? subtractIntervals(agreed, mIn) : agreed;
      const down = policy === 'exclude' ? subtractIntervals(down0, mIn) : unionIntervals(pairsOf([...down0, ...mIn]));
      return [service, result(measureIntervals(ast), measureIntervals(down), measureIntervals(mIn), o?.n ?? 0, o?.ongoing ?? 0)];
    });
    const sum = (f: (r: AvailabilityResult) => number): number => per.reduce((acc, [, r]) => acc + f(r), 0);
    const overall = result(sum((r) => r.agreedMs), sum((r) => r.downtimeMs), sum((r) => r.maintenanceMs), sum((r) => r.n), sum((r) => r.nOngoing));
    if (per.length === 1 && per[0]![0] === '') return overall;
    return { ...overall, groups: per.map(([service, r]) => ({ key: groupKey([service], null), values: [service], period: null, result: r })) };
  });
}

function pairsOf(flat: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

function result(agreedMs: number, downtimeMs: number, maintenanceMs: number, n: number, nOngoing: number): AvailabilityResult {
  const r = { value: agreedMs > 0 ? (agreedMs - downtimeMs) / agreedMs : null, n, nOngoing, agreedMs, downtimeMs, maintenanceMs };
  return agreedMs > 0 ? r : { ...r, reason: 'insufficient_data' };
}
