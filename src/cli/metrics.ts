// `itsm-kit metrics`: CSI metrics over a file of incidents (NDJSON or CSV), or over the output of
// `itsm-kit sla` for SLA compliance, printed as a table or as JSON.
import { parse } from 'csv-parse/sync';
import { formatDuration } from '../core/duration.js';
import { isItsmError } from '../core/errors.js';
import { toEpochMs } from '../core/instant.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import { durationMetrics, type DurationMetrics } from '../metrics/durations.js';
import type { MetricGroup, MetricGroupingOptions, MetricPeriodUnit } from '../metrics/grouping.js';
import type { RateMetric } from '../metrics/rates.js';
import { escalationRate, firstContactResolution, reassignmentRate, reopenRate } from '../metrics/service-desk.js';
import { slaCompliance, type SlaCompliance } from '../metrics/sla-compliance.js';
import type { SlaResult } from '../sla/result.js';
import { calendarsFrom } from './evaluate.js';
import { InputError, UsageError } from './errors.js';
import { readDataFile, readTextFile } from './io.js';
import { formatTable } from './table.js';

type Row = Record<string, unknown>;

/** Options of `itsm-kit metrics`, as commander parses them. @internal */
export interface MetricsCommandOptions {
  readonly input: string;
  readonly metric: string;
  readonly by?: string;
  readonly period?: string;
  readonly calendars?: string;
  readonly calendar?: string;
  readonly now?: string;
  readonly format?: string;
}

interface Context {
  readonly grouping: MetricGroupingOptions<Row>;
  readonly calendar: BusinessCalendar | undefined;
  readonly now: number | undefined;
}

/** One metric the command knows: how to compute it and how to show it. */
interface MetricSpec {
  readonly summary: string;
  readonly compute: (rows: Row[], ctx: Context) => { result: unknown; rows: string[][] };
}

const pct = (v: number | null): string => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);
const dur = (ms: number | null): string => (ms === null ? '-' : formatDuration(Math.round(ms / 60_000) * 60_000, { days: false }));

function groupsOf<R>(result: R & { groups?: readonly MetricGroup<R>[] }): Array<[string, R]> {
  return [['(all)', result], ...(result.groups ?? []).map((g): [string, R] => [g.key, g.result])];
}

const durationRows = (name: string, r: DurationMetrics): string[][] =>
  groupsOf(r).map(([key, m]) => [name, key, String(m.n), String(m.nCensored), dur(m.mean), dur(m.median), dur(m.p90), m.time]);
const rateRows = (name: string, r: RateMetric): string[][] =>
  groupsOf(r).map(([key, m]) => [name, key, String(m.n), String(m.hits), pct(m.value)]);
const complianceRows = (r: SlaCompliance): string[][] =>
  groupsOf(r).map(([key, m]) => ['sla-compliance', key, String(m.n), String(m.met), String(m.breached), String(m.nOpen), pct(m.value)]);

const duration = (name: string, end: string, summary: string): MetricSpec => ({
  summary,
  compute: (rows, ctx) => {
    const r = durationMetrics(rows, { ...ctx.grouping, start: 'openedAt', end, ...(ctx.calendar ? { calendar: ctx.calendar } : {}), ...(ctx.now !== undefined ? { now: ctx.now } : {}) });
    return { result: r, rows: durationRows(name, r) };
  },
});

const METRICS: Record<string, MetricSpec> = {
  mttr: duration('mttr', 'resolvedAt', 'mean time to resolve: openedAt → resolvedAt (open items censored)'),
  mtta: duration('mtta', 'acknowledgedAt', 'mean time to acknowledge: openedAt → acknowledgedAt'),
  'reopen-rate': { summary: 'share of resolved items reopened (fields resolvedAt, reopenCount)', compute: (rows, ctx) => { const r = reopenRate(rows, ctx.grouping); return { result: r, rows: rateRows('reopen-rate', r) }; } },
  'reassignment-rate': { summary: 'share of items reassigned at least once (field reassignmentCount)', compute: (rows, ctx) => { const r = reassignmentRate(rows, ctx.grouping); return { result: r, rows: rateRows('reassignment-rate', r) }; } },
  'escalation-rate': { summary: 'share of items escalated (field escalated)', compute: (rows, ctx) => { const r = escalationRate(rows, ctx.grouping); return { result: r, rows: rateRows('escalation-rate', r) }; } },
  fcr: {
    summary: 'first contact resolution (field resolvedOnFirstContact)',
    compute: (rows) => { const r = firstContactResolution(rows); return { result: r, rows: [['fcr', '(all)', String(r.n), String(r.gross.hits), pct(r.value)]] }; },
  },
  'sla-compliance': {
    summary: 'share of SLA clocks met, over `itsm-kit sla` output (or SlaResult records)',
    compute: (rows, ctx) => {
      const results = rows.flatMap((r) => (Array.isArray(r['results']) ? (r['results'] as Row[]) : 'stage' in r ? [r] : []));
      const c = slaCompliance(results as unknown as SlaResult[], ctx.grouping as unknown as MetricGroupingOptions<SlaResult>);
      return { result: c, rows: complianceRows(c) };
    },
  },
};

/** The metric names, for help. @internal */
export const metricNames = (): string[] => Object.keys(METRICS);
/** `name: summary` lines, for help. @internal */
export const metricHelp = (): string => Object.entries(METRICS).map(([k, m]) => `  ${k.padEnd(18)} ${m.summary}`).join('\n');

/** CSV cells typed: numbers, booleans, empty or `?` as missing. */
function castCell(value: string): unknown {
  if (value === '' || value === '?') return null;
  if (value === 'true' || value === 'TRUE') return true;
  if (value === 'false' || value === 'FALSE') return false;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** Reads the records: NDJSON (one object a line) or CSV with a header; bad lines reported, the rest kept. */
function readRecords(path: string, err: (line: string) => void): { rows: Row[]; bad: number } {
  const text = readTextFile(path, '--input');
  const source = path === '-' ? 'stdin' : path;
  if (/\.csv$/i.test(path)) {
    try {
      const rows = parse(text, { columns: true, skip_empty_lines: true, cast: (v: string) => castCell(v) }) as Row[];
      return { rows, bad: 0 };
    } catch (e) {
      throw new InputError(`${source}: not valid CSV (${(e as Error).message})`);
    }
  }
  const rows: Row[] = [];
  let bad = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const v = JSON.parse(line) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected an object');
      rows.push(v as Row);
    } catch (e) {
      bad++;
      err(`${source}:${i + 1}: ${(e as Error).message.startsWith('expected') ? (e as Error).message : `not valid JSON (${(e as Error).message})`}`);
    }
  });
  return { rows, bad };
}

const PERIODS = ['day', 'week', 'month', 'quarter', 'year'];

/** Runs `itsm-kit metrics`; resolves to the exit status. @internal */
export function runMetrics(options: MetricsCommandOptions, out: (text: string) => void, err: (line: string) => void): number {
  const names = options.metric.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in METRICS));
  if (names.length === 0 || unknown.length > 0) throw new UsageError(`--metric: ${unknown.length > 0 ? `"${unknown.join('", "')}" unknown` : 'none given'}; use ${metricNames().join(', ')}`);
  if (options.period !== undefined && !PERIODS.includes(options.period)) throw new UsageError(`--period: "${options.period}" is not one of ${PERIODS.join(', ')}`);
  const format = options.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format: "${format}" is not table or json`);
  let calendar: BusinessCalendar | undefined;
  if (options.calendar !== undefined) {
    if (options.calendars === undefined) throw new UsageError('--calendar needs --calendars <file> holding it');
    const cals = calendarsFrom(readDataFile(options.calendars, '--calendars'), options.calendars);
    calendar = cals[options.calendar];
    if (calendar === undefined) throw new UsageError(`--calendar: "${options.calendar}" is not in ${options.calendars} (${Object.keys(cals).join(', ')})`);
  }
  let now: number | undefined;
  try {
    now = options.now === undefined ? undefined : toEpochMs(options.now, '--now');
  } catch (e) {
    if (isItsmError(e)) throw new InputError(e.message);
    throw e;
  }
  const { rows, bad } = readRecords(options.input, err);
  const by = options.by?.split(',').map((s) => s.trim()).filter(Boolean);
  const grouping: MetricGroupingOptions<Row> = {
    ...(by && by.length > 0 ? { by: by.length === 1 ? by[0]! : by } : {}),
    ...(options.period ? { period: options.period as MetricPeriodUnit } : {}),
  };
  const results: Record<string, unknown> = {};
  const table: string[][] = [];
  for (const name of names) {
    try {
      const r = METRICS[name]!.compute(rows, { grouping, calendar, now });
      results[name] = r.result;
      table.push(...r.rows);
    } catch (e) {
      if (isItsmError(e)) throw new InputError(`${name}: ${e.message}`);
      throw e;
    }
  }
  if (format === 'json') out(JSON.stringify(results, null, 2));
  else {
    const durations = table.filter((r) => r.length === 8);
    const rates = table.filter((r) => r.length === 5);
    const compliance = table.filter((r) => r.length === 7);
    const parts: string[] = [];
    if (durations.length > 0) parts.push(formatTable(['metric', 'group', 'n', 'open', 'mean', 'median', 'p90', 'time'], durations));
    if (rates.length > 0) parts.push(formatTable(['metric', 'group', 'n', 'hits', 'rate'], rates));
    if (compliance.length > 0) parts.push(formatTable(['metric', 'group', 'clocks', 'met', 'breached', 'running', 'compliance'], compliance));
    out(`${parts.join('\n\n')}\n(${rows.length} records from ${options.input === '-' ? 'stdin' : options.input})`);
  }
  if (bad > 0) err(`${bad} line(s) of the input had errors and were left out`);
  return bad > 0 ? 1 : 0;
}
