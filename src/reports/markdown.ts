import { ItsmError, atBoundary } from '../core/errors.js';
import { checkReportShape } from './guard.js';
import { formatInstant } from '../calendar/format.js';
import type { ComplianceFigure, ServiceReport } from './types.js';

/** A figure for people: at most one decimal; `–` for none. @internal */
export function show(v: number | null, digits = 1, suffix = ''): string {
  if (v === null) return '–';
  const r = Number(v.toFixed(digits));
  return `${Object.is(r, -0) ? 0 : r}${suffix}`;
}

/** Hours for people: `51 h` under two days, `5.4 d` from there (no-break space before the unit). @internal */
export function showHours(hours: number): string {
  const r = (v: number, d: number): string => { const x = Number(v.toFixed(d)); return String(Object.is(x, -0) ? 0 : x); };
  return hours < 48 ? `${r(hours, hours < 10 ? 1 : 0)}\u00a0h` : `${r(hours / 24, hours < 240 ? 1 : 0)}\u00a0d`;
}

/** `90% (45 of 50)`. @internal */
export function showCompliance(c: ComplianceFigure): string {
  return c.total === 0 ? '–' : `${show(c.percent, 1, '%')} (${c.met} of ${c.total})`;
}

/** The report's sections as plain rows, shared by the Markdown and HTML renderers. @internal */
export interface ReportTable {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Printed instead of an empty table. */
  readonly empty: string;
}

/** The report's heading line. @internal */
export function reportHeading(report: ServiceReport): string {
  const p = report.period;
  const day = (d: Date) => formatInstant(d, p.timeZone).slice(0, 10);
  const last = new Date(p.to.getTime() - 1);
  return `Service report ${day(p.from)} to ${day(last)} (${p.timeZone}, by ${p.interval})`;
}

/** The report as tables, in reading order. @internal */
export function reportTables(report: ServiceReport): ReportTable[] {
  const t: ReportTable[] = [];
  const m = report.mttr;
  t.push({
    title: 'Summary',
    head: ['Figure', 'Value'],
    rows: [
      ['Incidents opened', String(report.volumes.opened)],
      ['Incidents resolved', String(report.volumes.resolved)],
      ['SLA met', showCompliance(report.sla.overall)],
      ['MTTR (mean / median / 90th percentile)', m.count === 0 || m.meanHours === null || m.medianHours === null || m.p90Hours === null ? '–' : `${showHours(m.meanHours)} / ${showHours(m.medianHours)} / ${showHours(m.p90Hours)}`],
      ['Backlog at period end', String(report.backlog.open)],
      ...(report.changes === null ? [] : [['Change success rate', report.changes.total === 0 ? '–' : `${show(report.changes.successPercent, 1, '%')} (${report.changes.successful} of ${report.changes.total})`]]),
      ...(report.csat === null ? [] : [['CSAT (scores 4-5)', report.csat.responses === 0 ? '–' : `${show(report.csat.percent, 1, '%')} of ${report.csat.responses} responses`]]),
      ...(report.sla.notEvaluated > 0 ? [['Tickets whose SLAs could not be evaluated', String(report.sla.notEvaluated)]] : []),
    ],
    empty: '',
  });
  t.push({
    title: `Volumes by ${report.period.interval}`,
    head: [report.period.interval === 'month' ? 'Month' : report.period.interval === 'week' ? 'Week of' : 'Day', 'Opened', 'Resolved', 'MTTR', 'SLA met'],
    rows: report.buckets.map((b) => [b.label, String(b.opened), String(b.resolved), b.mttrHours === null ? '–' : showHours(b.mttrHours), showCompliance(b.sla)]),
    empty: 'No buckets.',
  });
  t.push({
    title: 'Trend flags',
    head: ['Metric', 'Direction', 'Assessment', 'Evidence', 'Buckets'],
    rows: report.trends.map((f) => [f.metric, f.direction, f.assessment, f.evidence, f.buckets.length > 4 ? `${f.buckets[0]} … ${f.buckets.at(-1)} (${f.buckets.length})` : f.buckets.join(', ')]),
    empty: 'No signal: no control-chart rule fired and no trend is significant.',
  });
  t.push({
    title: 'SLA compliance by service',
    head: ['Service', 'Met', 'Breached', 'Met %'],
    rows: report.sla.byService.map((s) => [s.name, String(s.met), String(s.breached), show(s.percent, 1, '%')]),
    empty: 'No SLA decided in the period.',
  });
  t.push({
    title: 'SLA compliance by priority',
    head: ['Priority', 'Met', 'Breached', 'Met %'],
    rows: report.sla.byPriority.map((s) => [s.priority === null ? '(none)' : `P${s.priority}`, String(s.met), String(s.breached), show(s.percent, 1, '%')]),
    empty: 'No SLA decided in the period.',
  });
  t.push({
    title: 'Top breach causes',
    head: ['Cause', 'Breaches', 'Share'],
    rows: report.breachCauses.map((c) => [c.cause, String(c.count), show(c.percent, 1, '%')]),
    empty: 'No breach in the period.',
  });
  t.push({
    title: 'Backlog ageing at period end',
    head: ['Age', 'Open incidents'],
    rows: report.backlog.ageing.map((a) => [a.label, String(a.count)]),
    empty: '',
  });
  return t;
}

const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * Renders a service report as Markdown (GitHub-flavoured tables): a summary, volumes per bucket, trend flags
 * with their evidence, SLA compliance by service and priority, top breach causes and backlog ageing.
 *
 * @param report - A report from {@link serviceReport}.
 * @returns The Markdown text.
 * @throws {@link core!ItsmError} `invalid_argument` when `report` is not a service report.
 * @example
 * ```ts
 * fs.writeFileSync('report.md', renderReportMarkdown(serviceReport(input)));
 * ```
 * @category Reports
 */
export function renderReportMarkdown(report: ServiceReport): string {
  return atBoundary(() => markdown(report));
}

function markdown(report: ServiceReport): string {
  checkReport(report);
  const out = [`# ${reportHeading(report)}`, ''];
  for (const t of reportTables(report)) {
    out.push(`## ${t.title}`, '');
    if (t.rows.length === 0) {
      out.push(t.empty, '');
      continue;
    }
    out.push(`| ${t.head.map(cell).join(' | ')} |`, `|${t.head.map(() => ' --- ').join('|')}|`);
    for (const r of t.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
    out.push('');
  }
  if (report.backlog.oldest !== null) out.push(`Oldest open incident: ${report.backlog.oldest.id}, ${show(report.backlog.oldest.ageHours / 24, 1)} days.`, '');
  return out.join('\n');
}

/** @internal */
export function checkReport(report: ServiceReport): void {
  if (report === null || typeof report !== 'object' || !Array.isArray(report.buckets) || report.period === undefined) {
    throw new ItsmError('invalid_argument', 'report: expected a report from serviceReport(input).', { details: { field: 'report' } });
  }
  checkReportShape(report);
}
