import { ItsmError, atBoundary } from '../core/errors.js';
import { checkChartShape, str } from './guard.js';
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
  /**
   * The least value the series can take (0 for counts, durations and rates). A lower natural process limit
   * below it is drawn and labelled at the bound instead (Wheeler's convention: no negative count is "in control").
   */
  readonly lowerBound?: number;
  /** The greatest value the series can take (100 for a percentage); an upper limit above it is clamped likewise. */
  readonly upperBound?: number;
}

/** Short names of the Western Electric rules, for the legend (the tooltips give the full description). */
const RULE_NAMES: Record<number, string> = { 1: 'beyond limits', 2: '2 of 3 beyond 2σ', 3: '4 of 5 beyond 1σ', 4: '8 on one side' };
/** Marker style per rule: filled red for rule 1, rings for the run rules (a point takes its lowest rule). */
const RULE_STYLE: Record<number, { fill: string; stroke: string; r: number }> = {
  1: { fill: '#c53030', stroke: '#c53030', r: 5.5 },
  2: { fill: '#ffffff', stroke: '#c53030', r: 5 },
  3: { fill: '#ffffff', stroke: '#dd6b20', r: 5 },
  4: { fill: '#ffffff', stroke: '#b7791f', r: 5 },
};

/**
 * The limits as drawn: the chart's limits clamped to the series' possible range, and whether each was clamped.
 * @internal
 */
export function clampedLimits(chart: Pick<XmrChart, 'lowerLimit' | 'upperLimit'>, bounds: { lowerBound?: number | null; upperBound?: number | null }): { lower: number | null; upper: number | null; lowerClamped: boolean; upperClamped: boolean } {
  const lb = bounds.lowerBound ?? null, ub = bounds.upperBound ?? null;
  const lowerClamped = chart.lowerLimit !== null && lb !== null && chart.lowerLimit < lb;
  const upperClamped = chart.upperLimit !== null && ub !== null && chart.upperLimit > ub;
  return {
    lower: lowerClamped ? lb : chart.lowerLimit, upper: upperClamped ? ub : chart.upperLimit, lowerClamped, upperClamped,
  };
}

const PAD = { left: 56, right: 16, top: 52, bottom: 34 };
/** Average width of a character of the 11-unit legend text (system sans-serif), to place the markers. */
const CHAR_W = 5.6;

/**
 * Draws an XmR chart (from the metrics module's `xmrChart`) as SVG: the individual values as a line with a dot
 * per point, the center line and the natural process limits, and every point that completes a run rule marked
 * by its lowest rule (filled red for rule 1, a ring for the run rules) with all its rules in its tooltip
 * (`data-signals`). A legend names the rules that mark a point and how many; a chart without a signal says so.
 * A pure function returning a standalone SVG document (no script). A chart with too few points for limits
 * draws the points and says so.
 *
 * For a series that cannot be negative (counts, durations, rates) pass `lowerBound: 0`: a computed lower
 * limit below 0 is drawn at 0, labelled `(floor)`, and marked `data-clamped` with the computed value in
 * `data-computed` (Wheeler's convention; the chart's data is not changed). `upperBound` does the same on top
 * (100 for a percentage).
 *
 * @param chart - The XmR chart.
 * @param options - `width`, `height`, `title`, `labels`, `unit`, `lowerBound`, `upperBound`.
 * @returns The SVG markup.
 * @throws {@link core!ItsmError} `invalid_argument` when `chart` is not an XmR chart, the labels do not match its points or a bound is not a finite number.
 * @example
 * ```ts
 * const svg = renderControlChartSvg(xmrChart(weeklyCounts), { title: 'Incidents per week', labels: weeks, lowerBound: 0 });
 * ```
 * @category Charts
 */
export function renderControlChartSvg(chart: XmrChart, options: ControlChartSvgOptions = {}): string {
  return atBoundary(() => controlChartSvg(chart, options));
}

function controlChartSvg(chart: XmrChart, options: ControlChartSvgOptions): string {
  if (chart === null || typeof chart !== 'object' || !Array.isArray(chart.points)) {
    throw new ItsmError('invalid_argument', 'chart: expected an XmR chart from xmrChart(values).', { details: { field: 'chart' } });
  }
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ width?, height?, title?, labels?, unit?, lowerBound?, upperBound? }');
  checkChartShape(chart);
  str(options.title, 'options.title', true);
  str(options.unit, 'options.unit', true);
  if (Array.isArray(options.labels)) options.labels.forEach((l, k) => str(l, `options.labels[${k}]`));
  for (const key of ['lowerBound', 'upperBound'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new ItsmError('invalid_argument', `options.${key}: expected a finite number.`, { details: { field: `options.${key}` } });
    }
  }
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
  const limits = clampedLimits(chart, options);
  const lines = [chart.center, limits.upper, limits.lower].filter((v): v is number => v !== null);
  let lo = Math.min(...values, ...lines), hi = Math.max(...values, ...lines);
  if (hi === lo) { hi += 1; lo -= 1; }
  const padY = (hi - lo) * 0.08;
  // Never pad below a bound the series cannot cross: the axis of a count starts at 0.
  lo = options.lowerBound !== undefined && lo >= options.lowerBound ? Math.max(options.lowerBound, lo - padY) : lo - padY;
  hi = options.upperBound !== undefined && hi <= options.upperBound ? Math.min(options.upperBound, hi + padY) : hi + padY;
  if (hi === lo) hi = lo + 1;
  const plotW = width - PAD.left - PAD.right, plotH = height - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (pts.length === 1 ? plotW / 2 : (i / (pts.length - 1)) * plotW);
  const y = (v: number): number => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH;

  out.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${coord(plotW)}" height="${coord(plotH)}" fill="#ffffff" stroke="#e2e8f0"/>`);
  // Grid lines at round values, then the center line and the limits (labelled in the legend, valued on the axis).
  for (const v of niceTicks(lo, hi, 4)) {
    out.push(`<line x1="${PAD.left}" y1="${coord(y(v))}" x2="${coord(PAD.left + plotW)}" y2="${coord(y(v))}" stroke="#edf2f7"/>` +
      `<text x="${PAD.left - 6}" y="${coord(y(v) + 4)}" text-anchor="end" fill="#718096" font-size="11">${escapeXml(figure(v))}</text>`);
  }
  const hline = (v: number, role: string, color: string, dash: boolean, extra: string, tip: string): void => {
    out.push(`<g data-role="${role}" data-value="${v}"${extra}><title>${escapeXml(tip)}</title><line x1="${PAD.left}" y1="${coord(y(v))}" x2="${coord(PAD.left + plotW)}" y2="${coord(y(v))}" stroke="${color}" stroke-width="1.5"${dash ? ' stroke-dasharray="6 4"' : ''}/></g>`);
  };
  if (chart.center !== null) hline(chart.center, 'center', '#2f855a', false, '', `mean: ${figure(chart.center, 2)}${unit}`);
  if (limits.upper !== null) {
    hline(limits.upper, 'upper-limit', '#c53030', true, limits.upperClamped ? ` data-clamped="true" data-computed="${chart.upperLimit}"` : '',
      `upper natural process limit: ${figure(limits.upper, 2)}${unit}${limits.upperClamped ? ` (computed ${figure(chart.upperLimit!, 2)}, clamped at the largest possible value)` : ''}`);
  }
  if (limits.lower !== null) {
    hline(limits.lower, 'lower-limit', '#c53030', true, limits.lowerClamped ? ` data-clamped="true" data-computed="${chart.lowerLimit}"` : '',
      `lower natural process limit: ${figure(limits.lower, 2)}${unit}${limits.lowerClamped ? ` (computed ${figure(chart.lowerLimit!, 2)}, clamped at the least possible value)` : ''}`);
  }
  const parts: string[] = [];
  if (chart.center !== null) parts.push(`mean ${figure(chart.center)}`);
  if (limits.upper !== null && limits.lower !== null) {
    parts.push(`limits ${figure(limits.lower)}${limits.lowerClamped ? ' (floor)' : ''} to ${figure(limits.upper)}${limits.upperClamped ? ' (ceiling)' : ''}`);
  }
  out.push(`<text x="${PAD.left}" y="38" fill="#4a5568" font-size="11">${escapeXml(parts.join(' · '))}</text>`);
  out.push(`<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="${pts.map((p) => `${coord(x(p.index))},${coord(y(p.value))}`).join(' ')}"/>`);
  const used = new Map<number, number>();
  for (const p of pts) {
    const signal = p.signals.length > 0;
    const rules = p.signals.map((r: number) => chart.signals.find((s) => s.rule === r)?.description ?? `rule ${r}`);
    const label = labels?.[p.index] ?? `point ${p.index + 1}`;
    const tip = `${label}: ${figure(p.value, 2)}${unit}${signal ? ` — signal: ${rules.join('; ')}` : ''}`;
    const first = signal ? Math.min(...p.signals) : 0;
    const style = signal ? RULE_STYLE[first] ?? RULE_STYLE[1]! : { fill: '#2b6cb0', stroke: '#2b6cb0', r: 3.5 };
    if (signal) used.set(first, (used.get(first) ?? 0) + 1);
    out.push(`<circle cx="${coord(x(p.index))}" cy="${coord(y(p.value))}" r="${style.r}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="2" data-index="${p.index}" data-value="${p.value}" data-signals="${p.signals.join(' ')}"><title>${escapeXml(tip)}</title></circle>`);
  }
  // The legend names only the rules that mark a point, with how many points each marks.
  let lx = width - PAD.right;
  const entries = [...used].sort((a, b) => b[0] - a[0]);
  if (entries.length === 0 && chart.center !== null && chart.reason !== 'insufficient_data') {
    out.push(`<text x="${coord(lx)}" y="38" text-anchor="end" fill="#2f855a" font-size="11" data-role="legend">no signal</text>`);
  }
  for (const [rule, count] of entries) {
    const name = chart.rules === 'western-electric' ? RULE_NAMES[rule] ?? `rule ${rule}` : chart.signals.find((g) => g.rule === rule)?.description ?? `rule ${rule}`;
    const text = `rule ${rule}: ${name} (${count})`;
    const st = RULE_STYLE[rule] ?? RULE_STYLE[1]!;
    out.push(`<g data-role="legend" data-rule="${rule}"><text x="${coord(lx)}" y="38" text-anchor="end" fill="#2d3748" font-size="11">${escapeXml(text)}</text>` +
      `<path d="M${coord(lx - text.length * CHAR_W - 13)},34 a4.5,4.5 0 1,0 9,0 a4.5,4.5 0 1,0 -9,0" fill="${st.fill}" stroke="${st.stroke}" stroke-width="2"/></g>`);
    lx -= text.length * CHAR_W + 26;
  }
  if (labels !== undefined) {
    // As many labels as fit without touching (the first and last always, anchored inwards), else fewer.
    const w = (i: number): number => labels[i]!.length * CHAR_W + 10;
    const span = (i: number): [number, number] => {
      const a = pts.length === 1 ? 'middle' : i === 0 ? 'start' : i === pts.length - 1 ? 'end' : 'middle';
      return a === 'start' ? [x(i), x(i) + w(i)] : a === 'end' ? [x(i) - w(i), x(i)] : [x(i) - w(i) / 2, x(i) + w(i) / 2];
    };
    const last = pts.length - 1;
    const pick = (step: number): number[] => {
      const kept = [0];
      for (let i = step; i < last; i += step) if (span(i)[0] >= span(kept.at(-1)!)[1] && span(i)[1] <= span(last)[0]) kept.push(i);
      if (last > 0) kept.push(last);
      return kept;
    };
    // Every label if they all fit; else every k-th (even gaps read better than a greedy packing).
    let shown = [0];
    for (let k = 1; k <= Math.max(1, last); k++) {
      shown = pick(k);
      if (last === 0 || shown.length === 2 + Math.floor((last - 1) / k)) break;
    }
    for (const i of shown) {
      const a = pts.length === 1 ? 'middle' : i === 0 ? 'start' : i === last ? 'end' : 'middle';
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
