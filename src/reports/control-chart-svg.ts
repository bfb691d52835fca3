import { ItsmError } from '../core/errors.js';
import { optionsNotObjectError } from '../core/messages.js';
import type { XmrChart } from '../metrics/control-chart.js';
import { coord, escapeXml, figure, sizeOption } from './svg.js';

/**
 * Options of {@link renderControlChartSvg}.
 *
 * @example
 * ```ts
 * const options: ControlChartSvgOptions = { title: 'Incidents opened per week', labels: weeks, unit: 'incidents' };
 * ```
 * @category Charts
 */
export interface ControlChartSvgOptions {
  /** Width in SVG units (default 800, at least 240). */
  readonly width?: number;
  /** Height in SVG units (default 280, at least 160). */
  readonly height?: number;
  /** The heading (default `XmR chart`). */
  readonly title?: string;
  /** One label per point (a date, a week), shown under the first, middle and last points and in tooltips. */
  readonly labels?: readonly string[];
  /** The unit of the values, for the tooltips (`h`, `incidents`). */
  readonly unit?: string;
}

const PAD = { left: 56, right: 16, top: 34, bottom: 34 };

/**
 * Draws an XmR chart (from the metrics module's `xmrChart`) as SVG: the individual values as a line with a dot
 * per point, the center line and the natural process limits, and every point that completes a run rule in red
 * with the rules in its tooltip (`data-signals`). A pure function returning a standalone SVG document (no
 * script). A chart with too few points for limits draws the points and says so.
 *
 * @param chart - The XmR chart.
 * @param options - `width`, `height`, `title`, `labels`, `unit`.
 * @returns The SVG markup.
 * @throws {@link core!ItsmError} `invalid_argument` when `chart` is not an XmR chart or the labels do not match its points.
 * @example
 * ```ts
 * const svg = renderControlChartSvg(xmrChart(weeklyCounts), { title: 'Incidents per week', labels: weeks });
 * ```
 * @category Charts
 */
export function renderControlChartSvg(chart: XmrChart, options: ControlChartSvgOptions = {}): string {
  if (chart === null || typeof chart !== 'object' || !Array.isArray(chart.points)) {
    throw new ItsmError('invalid_argument', 'chart: expected an XmR chart from xmrChart(values).', { details: { field: 'chart' } });
  }
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ width?, height?, title?, labels?, unit? }');
  const labels = options.labels;
  if (labels !== undefined && (!Array.isArray(labels) || labels.length !== chart.points.length)) {
    throw new ItsmError('invalid_argument', `options.labels: expected one label per point (${chart.points.length}).`, { details: { field: 'options.labels' } });
  }
  const width = sizeOption(options.width, 800, 240), height = sizeOption(options.height, 280, 160);
  const title = options.title ?? 'XmR chart';
  const unit = options.unit === undefined ? '' : ` ${options.unit}`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${coord(width)} ${coord(height)}" width="${coord(width)}" height="${coord(height)}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="${PAD.left}" y="20" font-size="14" font-weight="600" fill="#1a202c">${escapeXml(title)}</text>`,
  ];
  const pts = chart.points;
  if (pts.length === 0) {
    out.push(`<text x="${PAD.left}" y="${coord(height / 2)}" fill="#4a5568">No data.</text>`, '</svg>');
    return out.join('\n');
  }
  const values = pts.map((p) => p.value);
  const lines = [chart.center, chart.upperLimit, chart.lowerLimit].filter((v): v is number => v !== null);
  let lo = Math.min(...values, ...lines), hi = Math.max(...values, ...lines);
  if (hi === lo) { hi += 1; lo -= 1; }
  const padY = (hi - lo) * 0.08;
  lo -= padY; hi += padY;
  const plotW = width - PAD.left - PAD.right, plotH = height - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (pts.length === 1 ? plotW / 2 : (i / (pts.length - 1)) * plotW);
  const y = (v: number): number => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH;

  out.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${coord(plotW)}" height="${coord(plotH)}" fill="#ffffff" stroke="#e2e8f0"/>`);
  // Grid lines at round values, then the center line and the limits (labelled in the legend, valued on the axis).
  for (const v of niceTicks(lo, hi, 4)) {
    out.push(`<line x1="${PAD.left}" y1="${coord(y(v))}" x2="${coord(PAD.left + plotW)}" y2="${coord(y(v))}" stroke="#edf2f7"/>` +
      `<text x="${PAD.left - 6}" y="${coord(y(v) + 4)}" text-anchor="end" fill="#718096" font-size="11">${escapeXml(figure(v))}</text>`);
  }
  const hline = (v: number, role: string, color: string, dash: boolean): void => {
    out.push(`<g data-role="${role}" data-value="${v}"><title>${escapeXml(`${role.replace('-', ' ')}: ${figure(v, 2)}${unit}`)}</title><line x1="${PAD.left}" y1="${coord(y(v))}" x2="${coord(PAD.left + plotW)}" y2="${coord(y(v))}" stroke="${color}" stroke-width="1.5"${dash ? ' stroke-dasharray="6 4"' : ''}/></g>`);
  };
  if (chart.center !== null) hline(chart.center, 'center', '#2f855a', false);
  if (chart.upperLimit !== null) hline(chart.upperLimit, 'upper-limit', '#c53030', true);
  if (chart.lowerLimit !== null) hline(chart.lowerLimit, 'lower-limit', '#c53030', true);
  const legend = chart.center === null ? '' : `mean ${figure(chart.center)}` + (chart.upperLimit === null ? '' : ` · limits ${figure(chart.lowerLimit!)} to ${figure(chart.upperLimit)}`);
  out.push(`<text x="${coord(width - PAD.right)}" y="20" text-anchor="end" fill="#4a5568" font-size="11">${escapeXml(legend)}${legend === '' ? '' : ' · '}<tspan fill="#c53030">● signal</tspan></text>`);
  out.push(`<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="${pts.map((p) => `${coord(x(p.index))},${coord(y(p.value))}`).join(' ')}"/>`);
  for (const p of pts) {
    const signal = p.signals.length > 0;
    const rules = p.signals.map((r: number) => chart.signals.find((s) => s.rule === r)?.description ?? `rule ${r}`);
    const label = labels?.[p.index] ?? `point ${p.index + 1}`;
    const tip = `${label}: ${figure(p.value, 2)}${unit}${signal ? ` — signal: ${rules.join('; ')}` : ''}`;
    out.push(`<circle cx="${coord(x(p.index))}" cy="${coord(y(p.value))}" r="${signal ? 5 : 3.5}" fill="${signal ? '#c53030' : '#2b6cb0'}" data-index="${p.index}" data-value="${p.value}" data-signals="${p.signals.join(' ')}"><title>${escapeXml(tip)}</title></circle>`);
  }
  if (labels !== undefined) {
    const shown = [...new Set([0, Math.floor((pts.length - 1) / 2), pts.length - 1])];
    for (const i of shown) {
      const a = pts.length === 1 ? 'middle' : i === 0 ? 'start' : i === pts.length - 1 ? 'end' : 'middle';
      out.push(`<text x="${coord(x(i))}" y="${coord(height - 12)}" text-anchor="${a}" fill="#4a5568" font-size="11">${escapeXml(labels[i]!)}</text>`);
    }
  }
  if (chart.reason === 'insufficient_data') {
    out.push(`<text x="${coord(PAD.left + 8)}" y="${coord(PAD.top + 16)}" fill="#4a5568" font-size="11">too few points for process limits</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

/** About `count` round values (1, 2 or 5 times a power of ten apart) within [lo, hi]. */
function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi && out.length < 20; v += step) out.push(Math.round(v / step) * step);
  return out;
}
