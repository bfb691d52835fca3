import { ItsmError } from '../core/errors.js';
import { optionsNotObjectError } from '../core/messages.js';
import type { SlaResult } from '../sla/result.js';
import { renderControlChartSvg } from './control-chart-svg.js';
import { checkReport, reportHeading, reportTables } from './markdown.js';
import { renderSlaTimelineSvg } from './sla-timeline.js';
import { escapeXml } from './svg.js';
import type { ServiceReport } from './types.js';

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
  /** SLA clocks to draw as timelines under the report (a breached ticket or two, for instance). */
  readonly timelines?: ReadonlyArray<{ readonly label: string; readonly result: SlaResult }>;
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
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart svg { display: block; width: 100%; min-width: 640px; max-width: 960px; height: auto; }
.empty { color: #4a5568; }
.flag-worse { color: #c53030; font-weight: 600; }
.flag-better { color: #2f855a; font-weight: 600; }
`;

const NUMERIC = /^[-–\d.,% ()h]+$|^\d/;

/**
 * Renders a service report as one self-contained HTML page: inline CSS, the charts as inline SVG (a control
 * chart per series, SLA timelines when given), no script and no external resource, so it can be mailed,
 * archived or served as is. The layout reads on a phone: tables and charts scroll sideways inside their own
 * box (charts keep their natural size, so their text stays legible) and the page itself never does.
 *
 * @param report - A report from {@link serviceReport}.
 * @param options - `title`, `timelines`.
 * @returns The HTML document (XHTML-compatible markup).
 * @throws {@link core!ItsmError} `invalid_argument` when `report` is not a service report or a timeline is not an SLA result.
 * @example
 * ```ts
 * fs.writeFileSync('report.html', renderReportHtml(serviceReport(input), { title: 'Service desk, March' }));
 * ```
 * @category Reports
 */
export function renderReportHtml(report: ServiceReport, options: ReportHtmlOptions = {}): string {
  checkReport(report);
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ title?, timelines? }');
  const title = options.title ?? reportHeading(report);
  const tables = reportTables(report);
  const summary = tables[0]!;
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
    ...summary.rows.map(([label, value]) => `<div class="card"><div class="label">${escapeXml(label!)}</div><div class="value">${escapeXml(value!)}</div></div>`),
    '</div>',
  ];
  out.push('<section><h2>Control charts</h2>');
  for (const s of report.series) {
    out.push(`<div class="chart scroll" data-metric="${s.metric}">${renderControlChartSvg(s.chart, { title: s.title, labels: s.labels, width: 640, height: 260 })}</div>`);
  }
  out.push('</section>');
  for (const t of tables.slice(1)) {
    out.push(`<section><h2>${escapeXml(t.title)}</h2>`);
    if (t.rows.length === 0) out.push(`<p class="empty">${escapeXml(t.empty)}</p>`);
    else {
      out.push('<div class="scroll"><table>', `<thead><tr>${t.head.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
      for (const r of t.rows) {
        out.push(`<tr>${r.map((c, i) => {
          const cls = t.title === 'Trend flags' && i === 2 ? ` class="flag-${c}"` : i > 0 && NUMERIC.test(c) ? ' class="num"' : '';
          return `<td${cls}>${escapeXml(c)}</td>`;
        }).join('')}</tr>`);
      }
      out.push('</tbody></table></div>');
    }
    out.push('</section>');
  }
  const timelines = options.timelines ?? [];
  if (!Array.isArray(timelines)) throw new ItsmError('invalid_argument', 'options.timelines: expected an array of { label, result }.', { details: { field: 'options.timelines' } });
  if (timelines.length > 0) {
    out.push('<section><h2>SLA timelines</h2>');
    for (const t of timelines) {
      out.push(`<div class="chart scroll" data-timeline="${escapeXml(t.label)}">${renderSlaTimelineSvg(t.result, { width: 640, title: `${t.label}: ${t.result.slaId} ${t.result.breached ? '(breached)' : `(${t.result.stage.replace('_', ' ')})`}` })}</div>`);
    }
    out.push('</section>');
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
