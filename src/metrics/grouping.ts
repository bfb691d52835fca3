// Grouping (`by`) and periods (`period` in `timeZone`), shared by every metric that has them.
import { ItsmError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { unknownTimeZoneError } from '../core/messages.js';
import { isKnownTimeZone, zoneSegments, type ZoneSegment } from '../calendar/zone.js';
import { MAX_SUPPORTED_MS, MIN_SUPPORTED_MS, utcYearStart } from '../core/instant.js';

/**
 * How a metric reads a value from a record: a field name, or a function of the record (and its index).
 *
 * @example
 * ```ts
 * const a: MetricAccessor<{ opened: string }, string> = 'opened';
 * const b: MetricAccessor<{ opened: string }, string> = (r) => r.opened;
 * ```
 * @category Grouping
 */
export type MetricAccessor<T, V> = (keyof T & string) | ((record: T, index: number) => V);

/**
 * The grouping of a metric: one accessor, or several (one group per distinct combination).
 *
 * @example
 * ```ts
 * const by: MetricGroupBy<{ priority: number; service: string }> = ['service', 'priority'];
 * ```
 * @category Grouping
 */
export type MetricGroupBy<T> = MetricAccessor<T, unknown> | readonly MetricAccessor<T, unknown>[];

/**
 * A reporting period: a local calendar day, an ISO 8601 week (Monday to Sunday, `2026-W01` holds the year's
 * first Thursday), a month or a quarter, read in an IANA time zone.
 *
 * @example
 * ```ts
 * const unit: MetricPeriodUnit = 'week';
 * ```
 * @category Grouping
 */
export type MetricPeriodUnit = 'day' | 'week' | 'month' | 'quarter';

/**
 * The grouping options every grouped metric accepts.
 *
 * @example
 * ```ts
 * const o: MetricGroupingOptions<{ priority: number; openedAt: string }> = { by: 'priority', period: 'month', timeZone: 'Europe/Paris' };
 * ```
 * @category Grouping
 */
export interface MetricGroupingOptions<T> {
  /** Group by one accessor or several. */
  readonly by?: MetricGroupBy<T>;
  /** Also group by the period holding each record's instant (which instant: see the metric). */
  readonly period?: MetricPeriodUnit;
  /** The zone in which periods are read (default `'UTC'`). */
  readonly timeZone?: string;
  /** The instant that places a record in a period (each metric documents its default). */
  readonly periodBy?: MetricAccessor<T, Instant>;
}

/**
 * One group of a grouped metric.
 *
 * @example
 * ```ts
 * for (const g of durationMetrics(incidents, { by: 'priority' }).groups ?? []) console.log(g.key, g.result.median);
 * ```
 * @category Grouping
 */
export interface MetricGroup<R> {
  /** The group's values and period joined with `' | '` (`'P1 | 2026-03'`). */
  readonly key: string;
  /** The values of the `by` accessors, in order. */
  readonly values: readonly unknown[];
  /** The period key (`2026-03-09`, `2026-W11`, `2026-03`, `2026-Q1`), or `null` without `period`. */
  readonly period: string | null;
  readonly result: R;
}

/** Reads an accessor. @internal */
export function accessorFn<T, V>(a: MetricAccessor<T, V>, field: string): (r: T, i: number) => V {
  if (typeof a === 'function') return a;
  if (typeof a === 'string') return (r: T) => (r as Record<string, unknown>)[a] as V;
  throw new ItsmError('invalid_argument', `${field}: ${describeValue(a)} is not a field name or a function of the record.`, { details: { field } });
}

/** An instant from a record, `null` when the field is null, undefined or empty. @internal */
export function readInstant(v: unknown, field: string, index: number): number | null {
  if (v === null || v === undefined || v === '') return null;
  // fast path for epoch ms in the supported range (years 0001-9999); anything else gets toEpochMs's checks and errors
  if (typeof v === 'number' && v >= MIN_SUPPORTED_MS && v < MAX_SUPPORTED_MS) return v;
  return toEpochMs(v as Instant, `records[${index}].${field}`);
}

/** Checks a list argument. @internal */
export function recordsArg(records: unknown, field = 'records'): readonly unknown[] {
  if (!Array.isArray(records)) throw new ItsmError('invalid_argument', `${field}: ${describeValue(records)} is not a list.`, { details: { field } });
  return records;
}

/**
 * The error for an entry of a list of records that is not an object (`null`, a number, a hole of a sparse array).
 * @internal
 */
export function notRecordError(value: unknown, field: string, index: number): ItsmError {
  return new ItsmError('invalid_argument', `${field}[${index}]: ${describeValue(value)} is not a record; pass an object for each entry (no holes, no nulls).`, {
    details: { field: `${field}[${index}]`, index },
  });
}

/** `records[i]` when it is an object; otherwise {@link notRecordError}. @internal */
export function recordAt<T>(records: readonly T[], i: number, field = 'records'): T {
  const r = records[i];
  if (typeof r !== 'object' || r === null) throw notRecordError(r, field, i);
  return r;
}

/** Checks a zone name. @internal */
export function zoneArg(zone: unknown, field: string): string {
  if (zone === undefined) return 'UTC';
  if (typeof zone !== 'string' || !isKnownTimeZone(zone)) throw unknownTimeZoneError(field, zone);
  return zone;
}

const PERIODS: readonly MetricPeriodUnit[] = ['day', 'week', 'month', 'quarter'];

/** Checks a period unit. @internal */
export function periodArg(p: unknown, field: string): MetricPeriodUnit | undefined {
  if (p === undefined) return undefined;
  if (typeof p === 'string' && (PERIODS as readonly string[]).includes(p)) return p as MetricPeriodUnit;
  throw new ItsmError('invalid_argument', `${field}: ${describeValue(p)} is not a period; use 'day', 'week', 'month' or 'quarter'.`, { details: { field } });
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local readings in a zone, one cached offset table per UTC year. @internal */
export class ZoneReader {
  private readonly years = new Map<number, readonly ZoneSegment[]>();
  constructor(readonly zone: string) {}

  /** `instant + offset`: the local wall-clock reading as if it were UTC. */
  local(t: number): number {
    if (this.zone === 'UTC') return t;
    const y = new Date(t).getUTCFullYear();
    let segs = this.years.get(y);
    if (segs === undefined) {
      segs = zoneSegments(this.zone, utcYearStart(y), utcYearStart(y + 1));
      this.years.set(y, segs);
    }
    for (let i = segs.length - 1; i >= 0; i--) if (t >= segs[i]!.from) return t + segs[i]!.offset;
    return t + segs[0]!.offset;
  }

  /** The period key holding instant t. */
  periodKey(t: number, unit: MetricPeriodUnit): string {
    const d = new Date(this.local(t));
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    if (unit === 'month') return `${pad(y, 4)}-${pad(m + 1)}`;
    if (unit === 'quarter') return `${pad(y, 4)}-Q${Math.floor(m / 3) + 1}`;
    if (unit === 'day') return `${pad(y, 4)}-${pad(m + 1)}-${pad(d.getUTCDate())}`;
    return isoWeekKey(y, m, d.getUTCDate());
  }
}

/** ISO 8601 week key of a calendar date: the week belongs to the year of its Thursday. @internal */
export function isoWeekKey(y: number, m: number, day: number): string {
  const date = new Date(0);
  date.setUTCFullYear(y, m, day);
  const dow = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - dow) * 86_400_000);
  const ty = thursday.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(ty, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
  return `${pad(ty, 4)}-W${pad(week)}`;
}

function keyText(v: unknown): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  return String(v);
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = keyText(a);
  const y = keyText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The groups of a record list: a group index per record (-1 for none) and each group's values and period. @internal */
export interface GroupIndex {
  readonly count: number;
  readonly of: Int32Array;
  readonly groups: ReadonlyArray<{ readonly values: readonly unknown[]; readonly period: string | null }>;
  /** Whether grouping was asked for at all. */
  readonly grouped: boolean;
}

/**
 * Assigns each record to its group. `defaultPeriodBy` gives a record's instant when `periodBy` is not set
 * (a record without that instant is in no period group: index -1).
 * @internal
 */
export function groupRecords<T>(
  records: readonly T[],
  options: MetricGroupingOptions<T>,
  defaultPeriodBy: ((r: T, i: number) => unknown) | null,
): GroupIndex {
  const n = records.length;
  const of = new Int32Array(n);
  const unit = periodArg(options.period, 'options.period');
  const byList = options.by === undefined ? [] : Array.isArray(options.by) ? options.by : [options.by as MetricAccessor<T, unknown>];
  const by = byList.map((a, k) => accessorFn(a as MetricAccessor<T, unknown>, byList.length > 1 ? `options.by[${k}]` : 'options.by'));
  if (by.length === 0 && unit === undefined) return { count: 1, of, groups: [{ values: [], period: null }], grouped: false };
  const zone = new ZoneReader(zoneArg(options.timeZone, 'options.timeZone'));
  const periodFn = unit === undefined ? null : options.periodBy !== undefined ? accessorFn(options.periodBy, 'options.periodBy') : defaultPeriodBy;
  if (unit !== undefined && periodFn === null) throw new ItsmError('invalid_argument', 'options.periodBy: this metric needs periodBy to place records in periods.', { details: { field: 'options.periodBy' } });
  const groups: Array<{ values: unknown[]; period: string | null }> = [];
  if (by.length === 1 && unit === undefined) {
    // the common case: one key, no period; a Map on the raw value
    const f = by[0]!;
    const key = typeof byList[0] === 'string' ? (byList[0] as string) : null;
    const map = new Map<unknown, number>();
    const objectKeys = new Map<string, number>();
    const small = new Int32Array(256).fill(-1); // small non-negative integer keys (priorities) skip the Map
    for (let i = 0; i < n; i++) {
      const v = key !== null ? (records[i] as Record<string, unknown>)[key] : f(records[i]!, i);
      if (typeof v === 'number' && v >= 0 && v < 256 && (v | 0) === v && !Object.is(v, -0)) {
        const g0 = small[v]!;
        if (g0 >= 0) {
          of[i] = g0;
          continue;
        }
      }
      // objects (a Date, say) group by their text, not by identity: two equal Dates are one group
      const mk = typeof v === 'object' && v !== null ? objectKeys.get(keyText(v)) : map.get(v);
      let g = mk;
      if (g === undefined) {
        g = groups.length;
        if (typeof v === 'object' && v !== null) objectKeys.set(keyText(v), g);
        else map.set(v, g);
        groups.push({ values: [v], period: null });
        if (typeof v === 'number' && v >= 0 && v < 256 && (v | 0) === v && !Object.is(v, -0)) small[v] = g;
      }
      of[i] = g;
    }
  } else {
    const map = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const r = records[i]!;
      const values = by.map((f) => f(r, i));
      let period: string | null = null;
      if (unit !== undefined) {
        const t = readInstant(periodFn!(r, i), 'periodBy', i);
        if (t === null) {
          of[i] = -1;
          continue;
        }
        period = zone.periodKey(t, unit);
      }
      const key = JSON.stringify([values.map(keyText), period]);
      let g = map.get(key);
      if (g === undefined) {
        g = groups.length;
        map.set(key, g);
        groups.push({ values, period });
      }
      of[i] = g;
    }
  }
  // deterministic order: by values, then period
  const order = groups.map((_, i) => i).sort((a, b) => {
    const ga = groups[a]!, gb = groups[b]!;
    for (let k = 0; k < ga.values.length; k++) {
      const c = compareValues(ga.values[k], gb.values[k]);
      if (c !== 0) return c;
    }
    return (ga.period ?? '') < (gb.period ?? '') ? -1 : (ga.period ?? '') > (gb.period ?? '') ? 1 : 0;
  });
  const rank = new Int32Array(groups.length);
  order.forEach((g, r) => (rank[g] = r));
  for (let i = 0; i < n; i++) if (of[i]! >= 0) of[i] = rank[of[i]!]!;
  return { count: groups.length, of, groups: order.map((g) => groups[g]!), grouped: true };
}

/** The key text of a group. @internal */
export function groupKey(values: readonly unknown[], period: string | null): string {
  const parts = values.map(keyText);
  if (period !== null) parts.push(period);
  return parts.join(' | ');
}

/** Builds `{ ...overall, groups }` from per-group results. @internal */
export function withGroups<R extends object>(overall: R, index: GroupIndex, results: readonly R[]): R & { readonly groups?: readonly MetricGroup<R>[] } {
  if (!index.grouped) return overall;
  const groups = index.groups.map((g, i) => ({ key: groupKey(g.values, g.period), values: g.values, period: g.period, result: results[i]! }));
  return { ...overall, groups };
}
