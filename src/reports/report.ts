import { ItsmError, atBoundary } from '../core/errors.js';
import { list as checkedList, obj, reviveSlaResult, str } from './guard.js';
import { toEpochMs } from '../core/instant.js';
import { describeValue } from '../core/describe.js';
import { optionsNotObjectError, unknownTimeZoneError } from '../core/messages.js';
import { isKnownTimeZone } from '../calendar/zone.js';
import { quantile } from '../metrics/quantile.js';
import type { SlaResult } from '../sla/result.js';
import { periodBuckets, type Bucket, type ReportInterval } from './period.js';
import { judgeSeries } from './trends.js';
import type {
  ComplianceFigure, ReportIncident, ServiceReport, ServiceReportInput, ServiceReportOptions,
} from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Backlog age bands (upper bounds exclusive), as printed. */
const AGEING: ReadonlyArray<readonly [string, number]> = [
  ['under 1 day', DAY], ['1-3 days', 3 * DAY], ['3-7 days', 7 * DAY], ['7-30 days', 30 * DAY], ['30 days or more', Infinity],
];

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);
const figure = (met: number, breached: number): ComplianceFigure => ({ met, breached, total: met + breached, percent: percent(met, met + breached) });

/**
 * When an SLA result was decided, and how: a completed cycle at its stop (met unless breached), a breached
 * cycle still open at its breach; `null` for cycles not decided (running within target, canceled, not started).
 * @internal
 */
export function slaDecision(r: SlaResult): { at: number; met: boolean } | null {
  if (r.stage === 'canceled' || r.stage === 'not_started') return null;
  if (r.stage === 'completed' && r.stoppedAt !== null) return { at: r.stoppedAt.getTime(), met: !r.breached };
  if (r.breached && r.breachedAt !== null) return { at: r.breachedAt.getTime(), met: false };
  return null;
}

/**
 * The default breach cause, read from the explanation: the SLA, and whether the clock ran out in one go
 * (`no pause before the breach`) or after pauses (`after a pause: <the pause condition>`, the longest pause).
 * @internal
 */
export function defaultBreachCause(r: SlaResult): string {
  const at = r.breachedAt?.getTime() ?? Infinity;
  let longest: { ms: number; cause: string } | null = null;
  for (const s of r.segments) {
    if (s.kind !== 'paused' || s.from.getTime() >= at) continue;
    const ms = s.to.getTime() - s.from.getTime();
    if (longest === null || ms > longest.ms) longest = { ms, cause: s.cause.replace(/^paused: /, '') };
  }
  return longest === null ? `${r.slaId}: no pause before the breach` : `${r.slaId}: after a pause (${longest.cause})`;
}

function checkList(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new ItsmError('invalid_argument', `${field}: ${describeValue(value)} is not an array.`, { details: { field } });
  return value;
}

/**
 * Builds a service report for a period (ISO/IEC 20000-1 9.2 service reporting) from incidents, their SLA
 * results and, optionally, changes, satisfaction surveys and the catalogue. Every figure is defined here:
 *
 * - volumes: incidents opened in `[from, to)`, and resolved in it (by `resolvedAt`), overall and per bucket;
 * - SLA compliance: cycles decided in the period, met / (met + breached) in percent, overall, by service
 *   and by priority (of the ticket's incident). A cycle is decided at its stop when completed, at its breach when
 *   breached and still open; running cycles within target and canceled ones do not count;
 * - MTTR: hours from `openedAt` to `resolvedAt` of the incidents resolved in the period: mean, median and 90th
 *   percentile (R-7 quantiles of the metrics module);
 * - backlog: incidents opened before `to` and not resolved by then, by age at `to`;
 * - breach causes: the breached cycles by cause, most frequent first; by default the SLA id and, from the
 *   explanation, whether the clock ran out without a pause or after one (with the longest pause's condition);
 * - change success: successful / all changes implemented in the period; CSAT: share of scores 4-5 (1-5 scale);
 * - trends: per bucket series (opened, MTTR, SLA %) judged by the metrics module's XmR chart (Western
 *   Electric rules) and Mann-Kendall test; a flag is raised only for a run-rule signal or a significant trend,
 *   on series of at least four buckets with data. Each series carries the range its values can take
 *   (`lowerBound` 0; `upperBound` 100 for SLA %), to draw with `renderControlChartSvg`, and a caption; a
 *   flag's evidence quotes the limits clamped to that range.
 *
 * @param input - The period, time zone, incidents, SLA results and optional changes, surveys and catalogue.
 * @param options - `topCauses`, `alpha`, `breachCause`.
 * @returns The report as data.
 * @throws {@link core!ItsmError} `invalid_instant` naming the offending field, `unknown_time_zone`, or
 * `invalid_argument` for a period that ends before it starts or input lists that are not arrays.
 * @example
 * ```ts
 * const report = serviceReport({ period: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
 *   timeZone: 'UTC', incidents, slaResults });
 * console.log(renderReportMarkdown(report));
 * ```
 * @category Reports
 */
export function serviceReport(input: ServiceReportInput, options: ServiceReportOptions = {}): ServiceReport {
  return atBoundary(() => buildServiceReport(input, options));
}

function buildServiceReport(input: ServiceReportInput, options: ServiceReportOptions): ServiceReport {
  if (input === null || typeof input !== 'object') throw optionsNotObjectError('input', '{ period, timeZone, incidents, slaResults, changes?, surveys?, catalog? }');
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ topCauses?, alpha?, breachCause? }');
  const period = input.period;
  if (period === null || typeof period !== 'object') throw new ItsmError('invalid_argument', 'period: expected { from, to, interval? }.', { details: { field: 'period' } });
  const from = toEpochMs(period.from, 'period.from'), to = toEpochMs(period.to, 'period.to');
  if (!(to > from)) throw new ItsmError('invalid_argument', 'period: `to` must be after `from`.', { details: { field: 'period' } });
  const interval: ReportInterval = period.interval ?? 'week';
  if (interval !== 'day' && interval !== 'week' && interval !== 'month') {
    throw new ItsmError('invalid_argument', `period.interval: ${describeValue(interval)} is not "day", "week" or "month".`, { details: { field: 'period.interval' } });
  }
  if (!isKnownTimeZone(input.timeZone)) throw unknownTimeZoneError('timeZone', input.timeZone);
  checkedList(input.incidents, 'incidents').forEach((i, k) => {
    const o = obj(i, `incidents[${k}]`);
    str(o.id, `incidents[${k}].id`);
    str(o.service, `incidents[${k}].service`, true);
    if (o.priority !== undefined && o.priority !== null && (typeof o.priority !== 'number' || !Number.isFinite(o.priority))) {
      throw new ItsmError('invalid_argument', `incidents[${k}].priority: ${describeValue(o.priority)} is not a finite number.`, { details: { field: `incidents[${k}].priority` } });
    }
  });
  checkedList(input.slaResults, 'slaResults');
  if (options.topCauses !== undefined && (typeof options.topCauses !== 'number' || Number.isNaN(options.topCauses))) {
    throw new ItsmError('invalid_argument', `options.topCauses: ${describeValue(options.topCauses)} is not a number.`, { details: { field: 'options.topCauses' } });
  }
  if (options.alpha !== undefined && (typeof options.alpha !== 'number' || !(options.alpha > 0 && options.alpha < 1))) {
    throw new ItsmError('invalid_argument', `options.alpha: ${describeValue(options.alpha)} is not a number between 0 and 1.`, { details: { field: 'options.alpha' } });
  }
  if (options.breachCause !== undefined && typeof options.breachCause !== 'function') {
    throw new ItsmError('invalid_argument', `options.breachCause: ${describeValue(options.breachCause)} is not a function.`, { details: { field: 'options.breachCause' } });
  }
  const buckets = periodBuckets(from, to, interval, input.timeZone);
  const bucketOf = (t: number): number => {
    let lo = 0, hi = buckets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (buckets[mid]!.from <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const inPeriod = (t: number): boolean => t >= from && t < to;

  // Incidents.
  const incidents = input.incidents.map((i, k) => ({
    src: i,
    opened: toEpochMs(i.openedAt, `incidents[${k}].openedAt`),
    resolved: i.resolvedAt === undefined || i.resolvedAt === null ? null : toEpochMs(i.resolvedAt, `incidents[${k}].resolvedAt`),
  }));
  const byId = new Map<string, ReportIncident>();
  for (const i of incidents) if (!byId.has(i.src.id)) byId.set(i.src.id, i.src);
  const opened = new Array<number>(buckets.length).fill(0), resolved = new Array<number>(buckets.length).fill(0);
  const ttr: number[][] = buckets.map(() => []);
  const allTtr: number[] = [];
  let openedTotal = 0, resolvedTotal = 0;
  const ageing = AGEING.map(([label]) => ({ label, count: 0 }));
  let oldest: { id: string; ageHours: number } | null = null;
  let backlog = 0;
  for (const i of incidents) {
    if (inPeriod(i.opened)) { opened[bucketOf(i.opened)]!++; openedTotal++; }
    if (i.resolved !== null && inPeriod(i.resolved)) {
      const b = bucketOf(i.resolved);
      resolved[b]!++;
      resolvedTotal++;
      const hours = (i.resolved - i.opened) / HOUR;
      ttr[b]!.push(hours);
      allTtr.push(hours);
    }
    if (i.opened < to && (i.resolved === null || i.resolved >= to)) {
      backlog++;
      const age = to - i.opened;
      ageing[AGEING.findIndex(([, max]) => age < max)]!.count++;
      if (oldest === null || age / HOUR > oldest.ageHours) oldest = { id: i.src.id, ageHours: age / HOUR };
    }
  }

  // SLA results.
  const names = new Map((input.catalog?.services ?? []).map((s) => [s.id, s.name] as const));
  const bucketSla = buckets.map(() => ({ met: 0, breached: 0 }));
  const byService = new Map<string, { met: number; breached: number }>();
  const byPriority = new Map<number | null, { met: number; breached: number }>();
  const causes = new Map<string, number>();
  let met = 0, breached = 0, notEvaluated = 0;
  const causeOf = options.breachCause ?? ((r: SlaResult) => defaultBreachCause(r));
  input.slaResults.forEach((entry, k) => {
    if (entry === null || typeof entry !== 'object') throw new ItsmError('invalid_argument', `slaResults[${k}]: expected { id, success, data }.`, { details: { field: `slaResults[${k}]` } });
    if (typeof entry.success !== 'boolean') throw new ItsmError('invalid_argument', `slaResults[${k}].success: ${describeValue(entry.success)} is not a boolean.`, { details: { field: `slaResults[${k}].success` } });
    if (!entry.success) { notEvaluated++; return; }
    const incident = byId.get(entry.id);
    const data = entry.data === undefined ? [] : checkedList(entry.data, `slaResults[${k}].data`).map((r, j) => reviveSlaResult(r, `slaResults[${k}].data[${j}]`));
    for (const r of data) {
      const d = slaDecision(r);
      if (d === null || !inPeriod(d.at)) continue;
      const tally = (m: Map<unknown, { met: number; breached: number }>, key: unknown): void => {
        const t = m.get(key) ?? { met: 0, breached: 0 };
        if (d.met) t.met++;
        else t.breached++;
        m.set(key, t);
      };
      tally(byService as Map<unknown, { met: number; breached: number }>, incident?.service ?? '(none)');
      tally(byPriority as Map<unknown, { met: number; breached: number }>, incident?.priority ?? null);
      const b = bucketSla[bucketOf(d.at)]!;
      if (d.met) { met++; b.met++; }
      else {
        breached++;
        b.breached++;
        const cause = causeOf(r, incident);
        if (typeof cause !== 'string') throw new ItsmError('invalid_argument', `options.breachCause: returned ${describeValue(cause)}, not a string.`, { details: { field: 'options.breachCause' } });
        causes.set(cause, (causes.get(cause) ?? 0) + 1);
      }
    }
  });

  const topCauses = options.topCauses ?? 5;
  const breachCauses = [...causes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, Math.max(0, topCauses))
    .map(([cause, count]) => ({ cause, count, percent: (100 * count) / breached }));

  const reportBuckets = buckets.map((b: Bucket, k) => ({
    label: b.label, from: new Date(b.from), to: new Date(b.to), opened: opened[k]!, resolved: resolved[k]!,
    mttrHours: ttr[k]!.length === 0 ? null : ttr[k]!.reduce((a, x) => a + x, 0) / ttr[k]!.length,
    sla: figure(bucketSla[k]!.met, bucketSla[k]!.breached),
  }));
  const { series, trends } = judgeSeries(reportBuckets, options.alpha ?? 0.05, interval);

  return {
    period: { from: new Date(from), to: new Date(to), interval, timeZone: input.timeZone },
    buckets: reportBuckets,
    volumes: { opened: openedTotal, resolved: resolvedTotal },
    sla: {
      overall: figure(met, breached),
      byService: [...byService].map(([service, t]) => ({ service, name: names.get(service) ?? service, ...figure(t.met, t.breached) }))
        .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0)),
      byPriority: [...byPriority].map(([priority, t]) => ({ priority, ...figure(t.met, t.breached) }))
        .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity)),
      notEvaluated,
    },
    mttr: {
      count: allTtr.length,
      meanHours: allTtr.length === 0 ? null : allTtr.reduce((a, x) => a + x, 0) / allTtr.length,
      medianHours: quantile(allTtr, 0.5),
      p90Hours: quantile(allTtr, 0.9),
    },
    backlog: { open: backlog, ageing, oldest },
    breachCauses,
    changes: input.changes === undefined ? null : changeFigures(checkList(input.changes, 'changes') as ServiceReportInput['changes'] & object, inPeriod),
    csat: input.surveys === undefined ? null : csatFigures(checkList(input.surveys, 'surveys') as ServiceReportInput['surveys'] & object, inPeriod),
    series,
    trends,
  };
}

function changeFigures(changes: NonNullable<ServiceReportInput['changes']>, inPeriod: (t: number) => boolean): NonNullable<ServiceReport['changes']> {
  let successful = 0, failed = 0, backedOut = 0;
  changes.forEach((c, k) => {
    if (!inPeriod(toEpochMs(c.at, `changes[${k}].at`))) return;
    if (c.outcome === 'successful') successful++;
    else if (c.outcome === 'failed') failed++;
    else if (c.outcome === 'backed_out') backedOut++;
    else throw new ItsmError('invalid_argument', `changes[${k}].outcome: ${describeValue(c.outcome)} is not "successful", "failed" or "backed_out".`, { details: { field: `changes[${k}].outcome` } });
  });
  const total = successful + failed + backedOut;
  return { total, successful, failed, backedOut, successPercent: percent(successful, total) };
}

function csatFigures(surveys: NonNullable<ServiceReportInput['surveys']>, inPeriod: (t: number) => boolean): NonNullable<ServiceReport['csat']> {
  let responses = 0, satisfied = 0, sum = 0;
  surveys.forEach((s, k) => {
    if (!inPeriod(toEpochMs(s.at, `surveys[${k}].at`))) return;
    if (!Number.isInteger(s.score) || s.score < 1 || s.score > 5) {
      throw new ItsmError('invalid_argument', `surveys[${k}].score: ${describeValue(s.score)} is not a score from 1 to 5.`, { details: { field: `surveys[${k}].score` } });
    }
    responses++;
    sum += s.score;
    if (s.score >= 4) satisfied++;
  });
  return { responses, satisfied, percent: percent(satisfied, responses), meanScore: responses === 0 ? null : sum / responses };
}
