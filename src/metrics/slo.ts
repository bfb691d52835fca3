import { z } from 'zod';
import { ItsmError, toSafe, type SafeResult, atBoundary } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { frozenCopy } from '../core/freeze.js';
import { parseWith } from '../core/schema.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { isKnownTimeZone } from '../calendar/zone.js';
import { optionsNotObjectError } from '../core/messages.js';
import { ZoneReader } from './grouping.js';

const SHORTHAND = /^([1-9]\d*)(m|h|d|w|M|Q|Y)$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, M: 30 * 86_400_000, Q: 90 * 86_400_000, Y: 365 * 86_400_000 };

const DurationShorthandSchema = z.string().regex(SHORTHAND, { message: 'must be an OpenSLO duration shorthand such as "28d", "1w", "1M", "5m"' });

const ObjectiveSchema = z
  .object({
    displayName: z.string().optional(),
    op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
    value: z.number().optional(),
    target: z.number().gt(0).lt(1).optional(),
    targetPercent: z.number().gt(0).lt(100).optional(),
    timeSliceTarget: z.number().gt(0).lte(1).optional(),
    timeSliceWindow: DurationShorthandSchema.optional(),
  })
  .passthrough();

/**
 * Zod schema of an OpenSLO v1 `SLO` document, as decoded from YAML or JSON (the fields itsm-kit reads are
 * checked; others pass through).
 *
 * @example
 * ```ts
 * OpenSloDocumentSchema.safeParse(YAML.parse(text)).success;
 * ```
 * @category SLOs
 */
export const OpenSloDocumentSchema = z
  .object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.literal('SLO'),
    metadata: z.object({ name: z.string().min(1), displayName: z.string().optional() }).passthrough(),
    spec: z
      .object({
        description: z.string().optional(),
        service: z.string().min(1),
        indicatorRef: z.string().min(1).optional(),
        indicator: z
          .object({
            metadata: z.object({ name: z.string().min(1) }).passthrough().optional(),
            spec: z.object({ ratioMetric: z.object({}).passthrough().optional(), thresholdMetric: z.object({}).passthrough().optional() }).passthrough(),
          })
          .passthrough()
          .optional(),
        timeWindow: z
          .array(
            z.object({
              duration: DurationShorthandSchema,
              isRolling: z.boolean(),
              calendar: z.object({ startTime: z.string(), timeZone: z.string() }).optional(),
            }),
          )
          .length(1, { message: 'OpenSLO v1 takes exactly one time window' }),
        budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
        objectives: z.array(ObjectiveSchema).min(1),
      })
      .passthrough(),
  })
  .passthrough()
  .superRefine((doc, ctx) => {
    const spec = doc.spec;
    if ((spec.indicator === undefined) === (spec.indicatorRef === undefined)) ctx.addIssue({ code: 'custom', path: ['spec'], message: 'give exactly one of indicator and indicatorRef' });
    const ind = spec.indicator?.spec;
    if (ind !== undefined && (ind.ratioMetric === undefined) === (ind.thresholdMetric === undefined)) ctx.addIssue({ code: 'custom', path: ['spec', 'indicator', 'spec'], message: 'give exactly one of ratioMetric and thresholdMetric' });
    const w = spec.timeWindow[0]!;
    if (!w.isRolling && w.calendar === undefined) ctx.addIssue({ code: 'custom', path: ['spec', 'timeWindow', 0, 'calendar'], message: 'a calendar-aligned window (isRolling: false) needs calendar { startTime, timeZone }' });
    if (w.calendar !== undefined && !isKnownTimeZone(w.calendar.timeZone)) ctx.addIssue({ code: 'custom', path: ['spec', 'timeWindow', 0, 'calendar', 'timeZone'], message: `${describeValue(w.calendar.timeZone)} is not an IANA time zone` });
    const m = SHORTHAND.exec(w.duration);
    if (m && !w.isRolling && m[1] !== '1') ctx.addIssue({ code: 'custom', path: ['spec', 'timeWindow', 0, 'duration'], message: 'itsm-kit supports calendar windows of one unit ("1d", "1w", "1M", "1Q", "1Y")' });
    if (m && !w.isRolling && (m[2] === 'm' || m[2] === 'h')) ctx.addIssue({ code: 'custom', path: ['spec', 'timeWindow', 0, 'duration'], message: 'a calendar window is a day, week, month, quarter or year' });
    spec.objectives.forEach((o, i) => {
      if ((o.target === undefined) === (o.targetPercent === undefined)) ctx.addIssue({ code: 'custom', path: ['spec', 'objectives', i], message: 'give exactly one of target (0-1) and targetPercent (0-100)' });
      if (spec.budgetingMethod !== 'Occurrences' && (o.timeSliceWindow === undefined || (spec.budgetingMethod === 'Timeslices' && o.timeSliceTarget === undefined))) {
        ctx.addIssue({ code: 'custom', path: ['spec', 'objectives', i], message: `${spec.budgetingMethod} budgeting needs timeSliceWindow${spec.budgetingMethod === 'Timeslices' ? ' and timeSliceTarget' : ''}` });
      }
    });
  });

/**
 * An OpenSLO v1 document as decoded from YAML (see {@link OpenSloDocumentSchema}).
 *
 * @example
 * ```ts
 * const doc: OpenSloDocument = YAML.parse(text);
 * ```
 * @category SLOs
 */
export type OpenSloDocument = z.input<typeof OpenSloDocumentSchema>;

/**
 * An SLO objective, normalised.
 *
 * @example
 * ```ts
 * const o: SloObjective = { name: 'availability', target: 0.999, op: null, value: null, timeSliceTarget: null, timeSliceWindowMs: null };
 * ```
 * @category SLOs
 */
export interface SloObjective {
  readonly name: string | null;
  /** The target as a fraction (`targetPercent / 100` when given in percent). */
  readonly target: number;
  /** Threshold comparison of a threshold indicator. */
  readonly op: 'lte' | 'gte' | 'lt' | 'gt' | null;
  readonly value: number | null;
  readonly timeSliceTarget: number | null;
  readonly timeSliceWindowMs: number | null;
}

/**
 * An SLO as itsm-kit computes with it (from {@link parseOpenSlo}).
 *
 * @example
 * ```ts
 * const slo: OpenSlo = parseOpenSlo(doc);
 * slo.window.periodMs; // 2419200000 for "28d"
 * ```
 * @category SLOs
 */
export interface OpenSlo {
  readonly name: string;
  readonly displayName: string | null;
  readonly service: string;
  readonly description: string | null;
  readonly indicator: { readonly kind: 'ratio' | 'threshold' | 'reference'; readonly name: string | null };
  readonly window: {
    readonly duration: string;
    /** Nominal length: m, h, d, w exact; M = 30 d, Q = 90 d, Y = 365 d (the burn-rate factor uses this). */
    readonly periodMs: number;
    readonly unit: 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';
    readonly rolling: boolean;
    readonly calendar: { readonly startTime: string; readonly timeZone: string } | null;
  };
  readonly budgetingMethod: 'occurrences' | 'timeslices' | 'ratioTimeslices';
  readonly objectives: readonly SloObjective[];
}

function shorthandMs(text: string): number {
  const m = SHORTHAND.exec(text)!;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/**
 * Reads an OpenSLO v1 `SLO` document (the object YAML or JSON decoding gives): ratio or threshold indicators,
 * inline or by `indicatorRef`, rolling or calendar-aligned windows, Occurrences, Timeslices or RatioTimeslices
 * budgeting. Every problem is reported with its path.
 *
 * @param doc - The decoded document.
 * @returns The SLO, deep-frozen.
 * @throws {@link core!ItsmError} `invalid_definition` listing every issue.
 * @example
 * ```ts
 * const slo = parseOpenSlo({
 *   apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'api-availability' },
 *   spec: { service: 'api', indicatorRef: 'api-errors', budgetingMethod: 'Occurrences',
 *     timeWindow: [{ duration: '30d', isRolling: true }], objectives: [{ target: 0.999 }] },
 * });
 * ```
 * @category SLOs
 */
export function parseOpenSlo(doc: unknown): OpenSlo {
  return atBoundary(() => {
    const r = parseWith(OpenSloDocumentSchema, doc, 'OpenSLO document');
    if (!r.success) throw r.error;
    const d = r.data;
    const w = d.spec.timeWindow[0]!;
    const unit = SHORTHAND.exec(w.duration)![2] as OpenSlo['window']['unit'];
    const ind = d.spec.indicator;
    return frozenCopy<OpenSlo>({
      name: d.metadata.name,
      displayName: d.metadata.displayName ?? null,
      service: d.spec.service,
      description: d.spec.description ?? null,
      indicator: ind === undefined ? { kind: 'reference', name: d.spec.indicatorRef ?? null } : { kind: ind.spec.ratioMetric !== undefined ? 'ratio' : 'threshold', name: ind.metadata?.name ?? null },
      window: { duration: w.duration, periodMs: shorthandMs(w.duration), unit, rolling: w.isRolling, calendar: w.calendar ?? null },
      budgetingMethod: d.spec.budgetingMethod === 'Occurrences' ? 'occurrences' : d.spec.budgetingMethod === 'Timeslices' ? 'timeslices' : 'ratioTimeslices',
      objectives: d.spec.objectives.map((o) => ({
        name: o.displayName ?? null,
        target: o.target ?? o.targetPercent! / 100,
        op: o.op ?? null,
        value: o.value ?? null,
        timeSliceTarget: o.timeSliceTarget ?? null,
        timeSliceWindowMs: o.timeSliceWindow === undefined ? null : shorthandMs(o.timeSliceWindow),
      })),
    });
  });
}

/**
 * {@link parseOpenSlo} without throwing.
 *
 * @param doc - The decoded document.
 * @returns The SLO or the `invalid_definition` error.
 * @example
 * ```ts
 * const r = safeParseOpenSlo(doc);
 * if (!r.success) console.log(r.error.issues);
 * ```
 * @category SLOs
 */
export function safeParseOpenSlo(doc: unknown): SafeResult<OpenSlo> {
  return toSafe(() => parseOpenSlo(doc));
}

/**
 * The JSON Schema (draft 2020-12) of the OpenSLO documents {@link parseOpenSlo} accepts (structure only; the
 * cross-field rules are checked by {@link OpenSloDocumentSchema}).
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('openslo.schema.json', JSON.stringify(openSloJsonSchema(), null, 2));
 * ```
 * @category SLOs
 */
export function openSloJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(OpenSloDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema['title'] = 'OpenSLO v1 SLO (as read by itsm-kit)';
  return schema;
}

/**
 * One interval of an SLI series: good and total events (or, for a timeslice budget, one timeslice).
 *
 * @example
 * ```ts
 * const s: SloSample = { at: '2026-03-02T10:00:00Z', good: 9_990, total: 10_000 };
 * ```
 * @category SLOs
 */
export interface SloSample {
  /** The start of the interval; a sample is in a window `[now − w, now)` when its start is. */
  readonly at: Instant;
  readonly good: number;
  readonly total: number;
}

/**
 * An SLO to compute with: a parsed OpenSLO document (its first objective unless told), or a plain target and period.
 *
 * @example
 * ```ts
 * const s: SloInput = { target: 0.999, periodMs: 30 * 86_400_000 };
 * ```
 * @category SLOs
 */
export type SloInput = OpenSlo | { readonly target: number; readonly periodMs: number };

interface Resolved {
  readonly target: number;
  readonly periodMs: number;
  readonly method: OpenSlo['budgetingMethod'];
  readonly sliceTarget: number | null;
  readonly sliceMs: number | null;
  readonly slo: OpenSlo | null;
}

/** The longest SLO period accepted (100 years): windows stay real dates and factors finite. */
const MAX_PERIOD_MS = 36_525 * 86_400_000;

/** Checks the options object of the SLO functions. */
function sloOptionsArg<O extends SloOptions>(options: O | undefined): O {
  if (options === undefined) return {} as O;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw optionsNotObjectError('options', "an object such as { now: '2026-03-31T00:00:00Z' }");
  return options;
}

function checkedPeriod(periodMs: unknown, field: string): number {
  if (typeof periodMs !== 'number' || !(periodMs > 0) || !(periodMs <= MAX_PERIOD_MS)) {
    throw new ItsmError('invalid_argument', `${field}: ${describeValue(periodMs)} is not a positive number of ms of at most 100 years.`, { details: { field } });
  }
  return periodMs;
}

function checkedTarget(target: unknown, field: string): number {
  if (typeof target !== 'number' || !(target > 0 && target < 1)) throw new ItsmError('invalid_argument', `${field}: ${describeValue(target)} is not a fraction between 0 and 1 (0.999 for 99.9 %).`, { details: { field } });
  return target;
}

function resolve(slo: SloInput, objectiveArg: unknown): Resolved {
  if (objectiveArg !== undefined && !(typeof objectiveArg === 'number' && Number.isInteger(objectiveArg) && objectiveArg >= 0)) {
    throw new ItsmError('invalid_argument', `options.objective: ${describeValue(objectiveArg)} is not an objective index (0, 1, ...).`, { details: { field: 'options.objective' } });
  }
  const objective = (objectiveArg as number | undefined) ?? 0;
  if (slo === null || typeof slo !== 'object') throw new ItsmError('invalid_argument', `slo: ${describeValue(slo)} is not a parsed OpenSLO or { target, periodMs }.`, { details: { field: 'slo' } });
  if ('objectives' in slo) {
    if (!Array.isArray(slo.objectives)) throw new ItsmError('invalid_argument', `slo.objectives: ${describeValue(slo.objectives)} is not a list; pass the result of parseOpenSlo.`, { details: { field: 'slo.objectives' } });
    const o = slo.objectives[objective];
    if (o === undefined) throw new ItsmError('invalid_argument', `options.objective: the SLO has no objective ${objective}.`, { details: { field: 'options.objective' } });
    if (o === null || typeof o !== 'object') throw new ItsmError('invalid_argument', `slo.objectives[${objective}]: ${describeValue(o)} is not an objective; pass the result of parseOpenSlo.`, { details: { field: `slo.objectives[${objective}]` } });
    const w = slo.window;
    if (w === null || typeof w !== 'object') throw new ItsmError('invalid_argument', `slo.window: ${describeValue(w)} is not a window; pass the result of parseOpenSlo.`, { details: { field: 'slo.window' } });
    const method = slo.budgetingMethod;
    if (method !== 'occurrences' && method !== 'timeslices' && method !== 'ratioTimeslices') throw new ItsmError('invalid_argument', `slo.budgetingMethod: ${describeValue(method)} is not a budgeting method; pass the result of parseOpenSlo.`, { details: { field: 'slo.budgetingMethod' } });
    const periodMs = checkedPeriod(w.periodMs, 'slo.window.periodMs');
    let sliceTarget: number | null = null, sliceMs: number | null = null;
    if (method !== 'occurrences') {
      sliceMs = checkedPeriod(o.timeSliceWindowMs, `slo.objectives[${objective}].timeSliceWindowMs`);
      if (method === 'timeslices') sliceTarget = checkedTarget(o.timeSliceTarget, `slo.objectives[${objective}].timeSliceTarget`);
    }
    return { target: checkedTarget(o.target, `slo.objectives[${objective}].target`), periodMs, method, sliceTarget, sliceMs, slo };
  }
  const { target, periodMs } = slo;
  return { target: checkedTarget(target, 'slo.target'), periodMs: checkedPeriod(periodMs, 'slo.periodMs'), method: 'occurrences', sliceTarget: null, sliceMs: null, slo: null };
}

type Sample = { t: number; good: number; total: number };

function samplesArg(series: unknown): Sample[] {
  if (!Array.isArray(series)) throw new ItsmError('invalid_argument', `series: ${describeValue(series)} is not a list of { at, good, total }.`, { details: { field: 'series' } });
  const out: Sample[] = new Array(series.length);
  for (let i = 0; i < series.length; i++) {
    const s = series[i] as SloSample | null | undefined;
    if (s === null || typeof s !== 'object') throw new ItsmError('invalid_argument', `series[${i}]: ${describeValue(s)} is not a sample { at, good, total }.`, { details: { field: 'series', index: i } });
    const good = s.good, total = s.total;
    if (typeof good !== 'number' || typeof total !== 'number' || !(good >= 0) || !(total >= good) || !(total <= Number.MAX_SAFE_INTEGER)) {
      throw new ItsmError('invalid_argument', `series[${i}]: good ${describeValue(good)} and total ${describeValue(total)} must be counts with 0 <= good <= total <= 2^53.`, { details: { field: 'series', index: i } });
    }
    out[i] = { t: toEpochMs(s.at, `series[${i}].at`), good, total };
  }
  return out;
}

/** Bad-event share in [from, to): events for occurrences, slices for timeslices. */
function errorShare(r: Resolved, samples: readonly Sample[], from: number, to: number): { bad: number; total: number; n: number } {
  let bad = 0, total = 0, n = 0;
  for (const s of samples) {
    if (s.t < from || s.t >= to) continue;
    n++;
    if (r.method === 'occurrences') {
      bad += s.total - s.good;
      total += s.total;
    } else {
      const ratio = s.total === 0 ? 1 : s.good / s.total; // a slice without traffic is good
      bad += r.method === 'timeslices' ? (ratio >= r.sliceTarget! ? 0 : 1) : 1 - ratio;
      total += 1;
    }
  }
  return { bad, total, n };
}

/** The window of the SLO holding `now`: rolling, or the calendar day / week / month / quarter / year. */
function windowAt(r: Resolved, now: number): { from: number; to: number } {
  const w = r.slo?.window;
  if (w === undefined || w.rolling || w.calendar === null) return { from: now - r.periodMs, to: now };
  const zone = new ZoneReader(w.calendar.timeZone);
  const local = new Date(zone.local(now));
  const y = local.getUTCFullYear();
  let m = local.getUTCMonth(), d = local.getUTCDate();
  if (w.unit === 'w') d -= (local.getUTCDay() + 6) % 7; // ISO week: Monday
  if (w.unit === 'M' || w.unit === 'Q' || w.unit === 'Y') d = 1;
  if (w.unit === 'Q') m -= m % 3;
  if (w.unit === 'Y') m = 0;
  const start = new Date(0);
  start.setUTCFullYear(y, m, d);
  const ls = start.getTime();
  let t = ls - (zone.local(now) - now);
  t = ls - (zone.local(t) - t); // the offset in force at the window's start
  const next = new Date(0);
  if (w.unit === 'd') next.setUTCFullYear(y, m, d + 1);
  else if (w.unit === 'w') next.setUTCFullYear(y, m, d + 7);
  else if (w.unit === 'M') next.setUTCFullYear(y, m + 1, 1);
  else if (w.unit === 'Q') next.setUTCFullYear(y, m + 3, 1);
  else next.setUTCFullYear(y + 1, 0, 1);
  let e = next.getTime() - (zone.local(now) - now);
  e = next.getTime() - (zone.local(e) - e);
  return { from: t, to: Math.min(now, e) };
}

/**
 * Options of {@link errorBudget} and {@link burnRate}.
 *
 * @example
 * ```ts
 * const o: SloOptions = { now: '2026-03-31T00:00:00Z' };
 * ```
 * @category SLOs
 */
export interface SloOptions {
  /** The instant to evaluate at (default: the end of the last sample). */
  readonly now?: Instant;
  /** Which objective of an OpenSLO document (default 0). */
  readonly objective?: number;
}

/**
 * The error budget of an SLO at an instant.
 *
 * @example
 * ```ts
 * const b: ErrorBudget = errorBudget(slo, series, { now });
 * b.remainingFraction; // 0.42
 * ```
 * @category SLOs
 */
export interface ErrorBudget {
  /** The remaining share of the budget (1 untouched, 0 spent, negative overspent); `null` without events. */
  readonly value: number | null;
  /** Samples in the window. */
  readonly n: number;
  readonly target: number;
  /** Allowed bad events (or slices) in the window: (1 − target) × total (× slices of the whole window for timeslices). */
  readonly budget: number;
  /** Bad events (or slices) so far. */
  readonly consumed: number;
  /** budget − consumed. */
  readonly remaining: number;
  readonly remainingFraction: number | null;
  /** The SLI over the window: 1 − bad / total. */
  readonly sli: number | null;
  /** Average burn rate so far: error share / (1 − target). */
  readonly burnRate: number | null;
  /** At the average rate so far, ms until the budget is spent (0 when already spent; `null` with nothing spent). */
  readonly timeToExhaustionMs: number | null;
  readonly window: { readonly from: Date; readonly to: Date };
  readonly reason?: 'insufficient_data';
}

function nowOf(samples: readonly Sample[], now: Instant | undefined): number {
  if (now !== undefined) return toEpochMs(now, 'options.now');
  if (samples.length === 0) throw new ItsmError('invalid_argument', 'options.now: required when the series is empty.', { details: { field: 'options.now' } });
  let last = -Infinity;
  for (const s of samples) if (s.t > last) last = s.t;
  return last + 1;
}

/**
 * Error budget, remaining budget, SLI, average burn rate and time to exhaustion over the SLO's window holding
 * `now` (rolling: `[now − period, now)`; calendar-aligned: from the start of the current day / ISO week /
 * month / quarter / year in the calendar's zone). For Occurrences budgeting the budget is (1 − target) × events
 * seen; for Timeslices it is (1 − target) × the slices in the whole period, and a slice is bad when its good
 * ratio is below `timeSliceTarget`; for RatioTimeslices each slice spends 1 − its ratio.
 *
 * @param slo - A parsed OpenSLO or `{ target, periodMs }`.
 * @param series - Good / total counts per interval (not mutated).
 * @param options - `now` and the objective.
 * @returns The budget figures.
 * @throws {@link core!ItsmError} `invalid_argument` for counts that are not `0 <= good <= total <= 2^53`, options that are not an object, or an SLO whose period is not positive and at most 100 years.
 * @example
 * ```ts
 * errorBudget({ target: 0.99, periodMs: 30 * 86_400_000 }, [{ at: '2026-03-01T00:00:00Z', good: 995, total: 1000 }], { now: '2026-03-02T00:00:00Z' }).remainingFraction; // 0.5
 * ```
 * @category SLOs
 */
export function errorBudget(slo: SloInput, series: readonly SloSample[], options?: SloOptions): ErrorBudget {
  return atBoundary(() => {
    const o = sloOptionsArg(options);
    const r = resolve(slo, o.objective);
    const samples = samplesArg(series);
    const now = nowOf(samples, o.now);
    const win = windowAt(r, now);
    const { bad, total, n } = errorShare(r, samples, win.from, win.to);
    const allowed = 1 - r.target;
    const budget = r.method === 'occurrences' ? allowed * total : allowed * (r.periodMs / r.sliceMs!);
    const remaining = budget - bad;
    const elapsed = win.to - win.from;
    const share = total > 0 ? bad / total : null;
    const out: ErrorBudget = {
      value: total > 0 && budget > 0 ? remaining / budget : null,
      n,
      target: r.target,
      budget,
      consumed: bad,
      remaining,
      remainingFraction: total > 0 && budget > 0 ? remaining / budget : null,
      sli: share === null ? null : 1 - share,
      burnRate: share === null ? null : share / allowed,
      timeToExhaustionMs: remaining <= 0 && total > 0 ? 0 : bad > 0 && elapsed > 0 ? remaining / (bad / elapsed) : null,
      window: { from: new Date(win.from), to: new Date(win.to) },
    };
    return total > 0 ? out : { ...out, reason: 'insufficient_data' };
  });
}

/**
 * A burn rate over one window.
 *
 * @example
 * ```ts
 * const b: BurnRate = burnRate(slo, series, 3_600_000, { now });
 * b.value; // 14.4 means the budget would be gone in period / 14.4
 * ```
 * @category SLOs
 */
export interface BurnRate {
  /** error share / (1 − target); `null` without events in the window. */
  readonly value: number | null;
  readonly n: number;
  readonly bad: number;
  readonly total: number;
  readonly reason?: 'insufficient_data';
}

/**
 * The burn rate over `[now − windowMs, now)`: the error share in the window divided by the error share the
 * SLO allows (1 − target). A burn rate of 1 spends exactly the budget over the SLO period.
 *
 * @param slo - A parsed OpenSLO or `{ target, periodMs }`.
 * @param series - Good / total counts per interval.
 * @param windowMs - The window length.
 * @param options - `now` and the objective.
 * @returns The rate and its counts.
 * @throws {@link core!ItsmError} `invalid_argument` for a window that is not positive, options that are not an object, or an SLO period that is not positive and at most 100 years.
 * @example
 * ```ts
 * burnRate({ target: 0.999, periodMs: 30 * 86_400_000 }, series, 3_600_000, { now }).value;
 * ```
 * @category SLOs
 */
export function burnRate(slo: SloInput, series: readonly SloSample[], windowMs: number, options?: SloOptions): BurnRate {
  return atBoundary(() => {
    const o = sloOptionsArg(options);
    const r = resolve(slo, o.objective);
    if (typeof windowMs !== 'number' || !(windowMs > 0)) throw new ItsmError('invalid_argument', `windowMs: ${describeValue(windowMs)} is not a positive number of ms.`, { details: { field: 'windowMs' } });
    const samples = samplesArg(series);
    const now = nowOf(samples, o.now);
    return burnOf(r, samples, now, windowMs);
  });
}

function burnOf(r: Resolved, samples: readonly Sample[], now: number, windowMs: number): BurnRate {
  const { bad, total, n } = errorShare(r, samples, now - windowMs, now);
  const out = { value: total > 0 ? bad / total / (1 - r.target) : null, n, bad, total };
  return total > 0 ? out : { ...out, reason: 'insufficient_data' };
}

/**
 * One multiwindow burn-rate alert rule.
 *
 * @example
 * ```ts
 * const w: BurnRateWindow = { severity: 'page', budgetShare: 0.02, longWindowMs: 3_600_000, shortWindowMs: 300_000 };
 * ```
 * @category SLOs
 */
export interface BurnRateWindow {
  readonly severity: 'page' | 'ticket';
  /** The share of the period's budget this alert is about (0.02 = 2 %). */
  readonly budgetShare: number;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
}

/**
 * Sloth's default alert windows for a 30-day SLO (the Google SRE workbook's table): page on 2 % of the budget in
 * 1 h (short window 5 min) or 5 % in 6 h (30 min); ticket on 10 % in 1 d (2 h) or 10 % in 3 d (6 h).
 *
 * @example
 * ```ts
 * evaluateBurnRateAlerts(slo, series, { now, windows: SLOTH_DEFAULT_WINDOWS.filter((w) => w.severity === 'page') });
 * ```
 * @category SLOs
 */
export const SLOTH_DEFAULT_WINDOWS: readonly BurnRateWindow[] = Object.freeze([
  Object.freeze({ severity: 'page', budgetShare: 0.02, longWindowMs: 3_600_000, shortWindowMs: 300_000 }),
  Object.freeze({ severity: 'page', budgetShare: 0.05, longWindowMs: 6 * 3_600_000, shortWindowMs: 1_800_000 }),
  Object.freeze({ severity: 'ticket', budgetShare: 0.1, longWindowMs: 86_400_000, shortWindowMs: 2 * 3_600_000 }),
  Object.freeze({ severity: 'ticket', budgetShare: 0.1, longWindowMs: 3 * 86_400_000, shortWindowMs: 6 * 3_600_000 }),
] as const);

/**
 * Options of {@link evaluateBurnRateAlerts}.
 *
 * @example
 * ```ts
 * const o: BurnRateAlertOptions = { now: '2026-03-02T10:00:00Z' };
 * ```
 * @category SLOs
 */
export interface BurnRateAlertOptions extends SloOptions {
  /** The alert rules (default {@link SLOTH_DEFAULT_WINDOWS}). */
  readonly windows?: readonly BurnRateWindow[];
}

/**
 * One evaluated alert rule.
 *
 * @example
 * ```ts
 * const a: BurnRateAlert = evaluateBurnRateAlerts(slo, series, { now }).alerts[0]!;
 * a.firing; a.factor; // 14.4 for a 30-day SLO
 * ```
 * @category SLOs
 */
export interface BurnRateAlert extends BurnRateWindow {
  /** budgetShare × period / long window: the burn rate both windows must exceed. */
  readonly factor: number;
  readonly longBurnRate: number | null;
  readonly shortBurnRate: number | null;
  readonly firing: boolean;
}

/**
 * What {@link evaluateBurnRateAlerts} found.
 *
 * @example
 * ```ts
 * const r: BurnRateAlertReport = evaluateBurnRateAlerts(slo, series, { now });
 * if (r.severity === 'page') page(r.alerts.filter((a) => a.firing));
 * ```
 * @category SLOs
 */
export interface BurnRateAlertReport {
  readonly firing: boolean;
  /** `'page'` if any page rule fires, else `'ticket'` if any ticket rule does, else `null`. */
  readonly severity: 'page' | 'ticket' | null;
  readonly alerts: readonly BurnRateAlert[];
}

/**
 * Multiwindow, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs", approach 6): a rule fires when
 * the burn rate over its long window **and** over its short window both exceed its factor,
 * `budgetShare × SLO period / long window` (14.4, 6, 3 and 1 for Sloth's defaults on a 30-day SLO; another
 * period scales them). The short window makes the alert stop soon after the burn does.
 *
 * @param slo - A parsed OpenSLO or `{ target, periodMs }`.
 * @param series - Good / total counts per interval (or per timeslice).
 * @param options - `now` and the rules.
 * @returns Every rule with its factor, the two burn rates and whether it fires.
 * @throws {@link core!ItsmError} `invalid_argument` for a rule whose windows are not finite and at least 1 ms or whose share is not in (0, 1], options that are not an object, or an SLO period that is not positive and at most 100 years.
 * @example
 * ```ts
 * evaluateBurnRateAlerts({ target: 0.999, periodMs: 30 * 86_400_000 }, series, { now: '2026-03-02T10:00:00Z' }).severity;
 * ```
 * @category SLOs
 */
export function evaluateBurnRateAlerts(slo: SloInput, series: readonly SloSample[], options?: BurnRateAlertOptions): BurnRateAlertReport {
  return atBoundary(() => {
    const o = sloOptionsArg(options);
    const r = resolve(slo, o.objective);
    const samples = samplesArg(series);
    const now = nowOf(samples, o.now);
    const windows = o.windows ?? SLOTH_DEFAULT_WINDOWS;
    if (!Array.isArray(windows)) throw new ItsmError('invalid_argument', `options.windows: ${describeValue(windows)} is not a list of alert rules.`, { details: { field: 'options.windows' } });
    const alerts = Array.from(windows as readonly BurnRateWindow[], (w, i): BurnRateAlert => {
      if (!(w?.longWindowMs >= 1 && w.shortWindowMs >= 1 && Number.isFinite(w.longWindowMs) && Number.isFinite(w.shortWindowMs) && w.budgetShare > 0 && w.budgetShare <= 1) || (w.severity !== 'page' && w.severity !== 'ticket')) {
        throw new ItsmError('invalid_argument', `options.windows[${i}]: ${describeValue(w)} is not { severity: 'page' | 'ticket', budgetShare, longWindowMs, shortWindowMs } with positive values.`, { details: { field: 'options.windows', index: i } });
      }
      const factor = (w.budgetShare * r.periodMs) / w.longWindowMs;
      const long = burnOf(r, samples, now, w.longWindowMs).value;
      const short = burnOf(r, samples, now, w.shortWindowMs).value;
      return { severity: w.severity, budgetShare: w.budgetShare, longWindowMs: w.longWindowMs, shortWindowMs: w.shortWindowMs, factor, longBurnRate: long, shortBurnRate: short, firing: long !== null && short !== null && long > factor && short > factor };
    });
    const severity = alerts.some((a) => a.firing && a.severity === 'page') ? 'page' : alerts.some((a) => a.firing) ? 'ticket' : null;
    return { firing: severity !== null, severity, alerts };
  });
}
