import { ItsmError, atBoundary } from '../core/errors.js';
import { checkSlaResultShape, obj, str } from './guard.js';
import { optionsNotObjectError } from '../core/messages.js';
import { describeValue } from '../core/describe.js';
import type { SlaResult } from '../sla/result.js';
import { renderControlChartSvg } from './control-chart-svg.js';
import { checkReport, reportHeading, reportTables, showHours } from './markdown.js';
import { renderSlaTimelineSvg } from './sla-timeline.js';
import { formatInstant } from '../calendar/format.js';
import { escapeXml, figure } from './svg.js';
import type { ReportSeries, ServiceReport } from './types.js';

/**
 * Options of {@link renderReportHtml}.
 *
 * @example
 * ```ts
 * const options: ReportHtmlOptions = { title: 'Service desk, March', timelines: [{ label: 'INC0001', result }] };
 * ```
 * @category Reports
 */
export interface ReportHtmlOptions {
  /** The page title and heading (default: the report's period). */
  readonly title?: string;
  /**
   * SLA clocks to draw as timelines under the report (a breached ticket or two, for instance), each with a
   * caption (default: what was counted, paused and outside hours, and when it breached or stopped).
   */
  readonly timelines?: ReadonlyArray<{ readonly label: string; readonly result: SlaResult; readonly caption?: string }>;
  /** Which series to chart, in this order (default: every series of the report, in its order). */
  readonly charts?: ReadonlyArray<ReportSeries['metric']>;
  /** Text added to a control chart's caption, by metric (what the data's context explains). */
  readonly captions?: Partial<Readonly<Record<ReportSeries['metric'], string>>>;
}

const NBSP = '\u00a0';

/** A duration in milliseconds for people (`showHours`), `0 h` for none. @internal */
const showMs = (ms: number): string => showHours(ms / 3_600_000);

/**
 * The "why" of an SLA clock in one or two sentences: counted time against the target, pauses with their
 * causes, time outside business hours, and the breach or stop.
 * @internal
 */
export function describeSlaClock(r: SlaResult): string {
  const sum = (kind: string): number => r.segments.filter((s) => s.kind === kind).reduce((a, s) => a + (s.to.getTime() - s.from.getTime()), 0);
  const counted = r.segments.filter((s) => s.kind === 'counting').reduce((a, s) => a + s.businessMs, 0);
  const paused = sum('paused'), outside = sum('outside_hours');
  const causes = [...new Set(r.segments.filter((s) => s.kind === 'paused').map((s) => s.cause.replace(/^paused: /, '')))].filter((c) => c !== '');
  const when = (d: Date): string => formatInstant(d, r.timeZone);
  const parts = [`Blue: ${showMs(counted)} counted against the ${showMs(r.targetMs)} target.`];
  parts.push(paused > 0 ? `Amber: ${showMs(paused)} paused${causes.length > 0 ? ` (${causes.join('; ')})` : ''}, not counted.` : 'The clock never paused.');
  parts.push(outside > 0 ? `Grey: ${showMs(outside)} outside business hours, not counted.` : `No time outside business hours: the ${r.calendar} calendar counts around the clock.`);
  for (const w of r.switches ?? []) {
    parts.push(`At ${when(w.at)} the clock switched from ${w.fromId} to ${w.toId} (the ticket's priority changed), ${w.policy === 'carry' ? 'carrying the time counted so far' : 'starting again from zero'}; warnings already passed under the new target fire at the switch.`);
  }
  if (r.breachedAt !== null) {
    const before = r.segments.filter((s) => s.kind === 'paused' && s.from.getTime() < r.breachedAt!.getTime()).length;
    const firstPause = r.segments.find((s) => s.kind === 'paused');
    const early = firstPause === undefined ? 0 : r.segments.filter((s) => s.kind === 'counting' && s.to.getTime() <= firstPause.from.getTime()).reduce((a, s) => a + s.businessMs, 0);
    parts.push(`It breached at ${when(r.breachedAt)}, when the counted time reached the target${before === 0
      ? ', before any pause: pausing later could not help'
      : `: ${showMs(early)} had run before the first pause, and the rest of the target ran out after work resumed (${before} pause${before === 1 ? '' : 's'} before the breach)`}.`);
  } else if (r.stage === 'completed') parts.push('It met its target.');
  if (r.stoppedAt !== null) parts.push(`The clock stopped at ${when(r.stoppedAt)}.`);
  return parts.join(' ');
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c; background: #f7fafc; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
section { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 12px; }
.card .label { font-size: 0.85rem; color: #4a5568; }
.card .value { font-size: 1.35rem; font-weight: 600; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
th { background: #edf2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date, th { white-space: nowrap; }
td.long { min-width: 16rem; }
.chart svg { display: block; width: 100%; min-width: 640px; max-width: 960px; height: auto; }
figure { margin: 16px 0 24px; }
figcaption { color: #4a5568; font-size: 0.9rem; max-width: 60rem; margin-top: 4px; }
.card .sub { font-size: 0.85rem; color: #4a5568; }
.tall { max-height: 26rem; overflow-y: auto; }
.tall th { position: sticky; top: 0; }
.empty { color: #4a5568; }
.flag-worse { color: #c53030; font-weight: 600; }
.flag-better { color: #2f855a; font-weight: 600; }
`;

const NUMERIC = /^[-–\d.,% ()h]+$|^\d/;
const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

/**
 * Renders a service report as one self-contained HTML page: inline CSS, the charts as inline SVG (a control
 * chart per series, then the SLA timelines when given, then the tables), no script and no external resource, so it can be mailed,
 * archived or served as is. The layout reads on a phone: tables and charts scroll sideways inside their own
 * box (charts keep their natural size, so their text stays legible) and the page itself never does.
 *
 * @param report - A report from {@link serviceReport}.
 * @param options - `title`, `timelines` (each with an optional `caption`), `charts` (which series, in which order),
 * `captions` (added to the control charts' captions).
 * @returns The HTML document (XHTML-compatible markup).
 * @throws {@link core!ItsmError} `invalid_argument` when `report` is not a service report, a timeline is not an SLA
 * result or `charts` names a series the report does not have.
 * @example
 * ```ts
 * fs.writeFileSync('report.html', renderReportHtml(serviceReport(input), { title: 'Service desk, March' }));
 * ```
 * @category Reports
 */
export function renderReportHtml(report: ServiceReport, options: ReportHtmlOptions = {}): string {
  return atBoundary(() => html(report, options));
}

function html(report: ServiceReport, options: ReportHtmlOptions): string {
  checkReport(report);
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ title?, timelines?, charts?, captions? }');
  str(options.title, 'options.title', true);
  if (Array.isArray(options.timelines)) {
    options.timelines.forEach((t, k) => {
      const o = obj(t, `options.timelines[${k}]`);
      str(o.label, `options.timelines[${k}].label`);
      str(o.caption, `options.timelines[${k}].caption`, true);
      checkSlaResultShape(o.result, `options.timelines[${k}].result`);
    });
  }
  const title = options.title ?? reportHeading(report);
  const tables = reportTables(report);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en" xmlns="http://www.w3.org/1999/xhtml">',
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${escapeXml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeXml(title)}</h1>`,
    `<p class="empty">${escapeXml(reportHeading(report))}</p>`,
    '<div class="cards">',
    ...summaryCards(report).map(([label, value, sub]) => `<div class="card"><div class="label">${escapeXml(label)}</div><div class="value">${escapeXml(value)}</div>${sub === '' ? '' : `<div class="sub">${escapeXml(sub)}</div>`}</div>`),
    '</div>',
  ];
  const captions = options.captions ?? {};
  if (captions === null || typeof captions !== 'object') throw optionsNotObjectError('options.captions', '{ opened?, mttr_hours?, sla_percent? }');
  const order = options.charts ?? report.series.map((s) => s.metric);
  if (!Array.isArray(order)) throw new ItsmError('invalid_argument', 'options.charts: expected an array of series metrics.', { details: { field: 'options.charts' } });
  const charted = order.map((m, k) => {
    const s = report.series.find((x) => x.metric === m);
    if (s === undefined) throw new ItsmError('invalid_argument', `options.charts[${k}]: the report has no series ${describeValue(m)}; use ${report.series.map((x) => `'${x.metric}'`).join(', ')}.`, { details: { field: `options.charts[${k}]` } });
    return s;
  });
  out.push('<section><h2>Control charts</h2>');
  for (const s of charted) {
    const bounds = { lowerBound: s.lowerBound ?? 0, ...(s.upperBound === null || s.upperBound === undefined ? {} : { upperBound: s.upperBound }) };
    const extra = captions[s.metric];
    out.push(`<figure class="chart" data-metric="${s.metric}"><div class="scroll">${renderControlChartSvg(s.chart, { title: s.title, labels: s.labels, width: 640, height: 260, ...bounds })}</div>` +
      `<figcaption>${escapeXml(s.caption ?? '')}${typeof extra === 'string' && extra !== '' ? ` ${escapeXml(extra)}` : ''}</figcaption></figure>`);
  }
  out.push('</section>');
  const timelines = options.timelines ?? [];
  if (!Array.isArray(timelines)) throw new ItsmError('invalid_argument', 'options.timelines: expected an array of { label, result }.', { details: { field: 'options.timelines' } });
  if (timelines.length > 0) {
    out.push('<section><h2>SLA timelines</h2>');
    for (const t of timelines) {
      const caption = typeof t.caption === 'string' ? t.caption : describeSlaClock(t.result);
      out.push(`<figure class="chart" data-timeline="${escapeXml(t.label)}"><div class="scroll">${renderSlaTimelineSvg(t.result, { width: 640, title: `${t.label}: ${t.result.slaId} ${t.result.breached ? '(breached)' : `(${t.result.stage.replace('_', ' ')})`}` })}</div>` +
        `<figcaption>${escapeXml(caption)}</figcaption></figure>`);
    }
    out.push('</section>');
  }
  for (const t of tables.slice(1)) {
    out.push(`<section><h2>${escapeXml(t.title)}</h2>`);
    if (t.rows.length === 0) out.push(`<p class="empty">${escapeXml(t.empty)}</p>`);
    else {
      out.push(`<div class="scroll${t.rows.length > 12 ? ' tall' : ''}"><table>`, `<thead><tr>${t.head.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
      for (const r of t.rows) {
        out.push(`<tr>${r.map((c, i) => {
          const cls = t.title === 'Trend flags' && i === 2 ? ` class="flag-${c}"` : i > 0 && NUMERIC.test(c) ? ' class="num"' : DATE.test(c) ? ' class="date"' : c.length > 40 ? ' class="long"' : '';
          return `<td${cls}>${escapeXml(c)}</td>`;
        }).join('')}</tr>`);
      }
      out.push('</tbody></table></div>');
    }
    out.push('</section>');
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

/** The summary as cards: label, value for people, and the detail under it. */
function summaryCards(report: ServiceReport): Array<[string, string, string]> {
  const pct = (v: number | null): string => (v === null ? '–' : `${figure(v, 0)}${NBSP}%`);
  const o = report.sla.overall, m = report.mttr;
  const cards: Array<[string, string, string]> = [
    ['Incidents opened', String(report.volumes.opened), ''],
    ['Incidents resolved', String(report.volumes.resolved), ''],
    ['SLA met', o.total === 0 ? '–' : pct(o.percent), o.total === 0 ? 'no SLA decided' : `${o.met} of ${o.total} cycles`],
    ['Mean time to resolve', m.meanHours === null ? '–' : showHours(m.meanHours),
      m.medianHours === null || m.p90Hours === null ? '' : `median ${showHours(m.medianHours)} · 90th pct ${showHours(m.p90Hours)}`],
    ['Backlog at period end', String(report.backlog.open), report.backlog.oldest === null ? '' : `oldest ${showHours(report.backlog.oldest.ageHours)}`],
  ];
  if (report.changes !== null) cards.push(['Change success', report.changes.total === 0 ? '–' : pct(report.changes.successPercent), `${report.changes.successful} of ${report.changes.total} changes`]);
  if (report.csat !== null) cards.push(['CSAT (scores 4-5)', report.csat.responses === 0 ? '–' : pct(report.csat.percent), `${report.csat.responses} responses`]);
  if (report.sla.notEvaluated > 0) cards.push(['SLA not evaluated', String(report.sla.notEvaluated), 'tickets']);
  return cards;
}
