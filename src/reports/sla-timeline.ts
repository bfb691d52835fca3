import { ItsmError, atBoundary } from '../core/errors.js';
import { checkSlaResultShape, str } from './guard.js';
import { optionsNotObjectError } from '../core/messages.js';
import { isDateLike } from '../core/describe.js';
import { formatDuration } from '../core/duration.js';
import { formatInstant } from '../calendar/format.js';
import type { SlaResult, SlaSegment } from '../sla/result.js';
import { coord, escapeXml, figure, sizeOption } from './svg.js';

/**
 * Options of {@link renderSlaTimelineSvg}.
 *
 * @example
 * ```ts
 * const options: SlaTimelineOptions = { width: 640, title: 'INC0001 resolution' };
 * ```
 * @category Charts
 */
export interface SlaTimelineOptions {
  /** Width of the drawing in SVG units (default 800, at least 200). */
  readonly width?: number;
  /** The heading (default: agreement, SLA id, stage and percentage used). */
  readonly title?: string;
}

const COLORS = { counting: '#2b6cb0', paused: '#b7791f', outside_hours: '#cbd5e0' } as const;
const LABELS = { counting: 'counting', paused: 'paused', outside_hours: 'outside business hours' } as const;

const BAR_Y = 44, BAR_H = 26, MARGIN = 16;

/**
 * Draws an SLA clock as a timeline (ServiceNow's SLA timeline, portable): one bar across the cycle with its
 * counted, paused and outside-hours stretches, and markers for each warning, each switch to another
 * definition (a priority change), the breach, the due instant and `now`. The horizontal axis is wall-clock time, so each stretch's width is proportional to its duration;
 * every stretch carries `data-kind`, `data-from`, `data-to` and a `<title>` with its cause (a tooltip).
 * A pure function returning a standalone SVG document (no script, no external reference).
 *
 * The axis runs from the start of the cycle to the latest of `now`, the last stretch, the breach and the stop
 * (for a completed or canceled clock, `now` is left out: the axis ends at the stop, and `now` is marked only
 * when it falls within); for an open clock the due instant is included when it lies within three times that span (a long pause can
 * push it far out). Each marker is listed with its local time (in the zone the calendar was read in) in a key
 * under the bar.
 *
 * @param result - An SLA result, evaluated with `explain` on (the default of `evaluateSla`).
 * @param options - `width`, `title`.
 * @returns The SVG markup.
 * @throws {@link core!ItsmError} `invalid_argument` when `result` is not an SLA result or the options are not an object.
 * @example
 * ```ts
 * fs.writeFileSync('sla.svg', renderSlaTimelineSvg(evaluateSla(def, events, { calendars, now })));
 * ```
 * @category Charts
 */
export function renderSlaTimelineSvg(result: SlaResult, options: SlaTimelineOptions = {}): string {
  return atBoundary(() => slaTimelineSvg(result, options));
}

function slaTimelineSvg(result: SlaResult, options: SlaTimelineOptions): string {
  if (result === null || typeof result !== 'object' || !Array.isArray(result.segments) || !isDateLike(result.evaluatedAt)) {
    throw new ItsmError('invalid_argument', 'result: expected an SLA result from evaluateSla or evaluateTicket.', { details: { field: 'result' } });
  }
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ width?, title? }');
  checkSlaResultShape(result);
  str(options.title, 'options.title', true);
  const width = sizeOption(options.width, 800, 200);
  const tz = result.timeZone;
  const title = options.title ?? `${result.agreement} ${result.slaId}: ${result.stage.replace('_', ' ')}${result.breached ? ', breached' : ''}${result.startedAt === null ? '' : `, ${figure(result.percent)}% of ${formatDuration(result.targetMs, { days: false })} used`}`;
  const segs = result.segments;
  const svg = (height: number, body: string[]): string => [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${coord(width)} ${height}" width="${coord(width)}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="${MARGIN}" y="20" font-size="14" font-weight="600" fill="#1a202c">${escapeXml(title)}</text>`,
    ...body, '</svg>',
  ].join('\n');
  if (result.startedAt === null && segs.length === 0) {
    return svg(80, [`<text x="${MARGIN}" y="${BAR_Y + 18}" fill="#4a5568">The clock has not started.</text>`]);
  }
  const closed = result.stage === 'completed' || result.stage === 'canceled';
  const t0 = Math.min(result.startedAt?.getTime() ?? Infinity, segs[0]?.from.getTime() ?? Infinity);
  // A closed clock ends at its stop: `now` (often months later in a report) would squash the cycle to a sliver.
  let t1 = Math.max(closed ? t0 : result.evaluatedAt.getTime(), segs.at(-1)?.to.getTime() ?? t0, result.breachedAt?.getTime() ?? t0, result.stoppedAt?.getTime() ?? t0);
  const due = closed ? null : result.dueAt?.getTime() ?? null;
  if (due !== null && due > t1 && due - t0 <= 3 * Math.max(1, t1 - t0)) t1 = due;
  const span = Math.max(1, t1 - t0);
  const inner = width - 2 * MARGIN;
  const x = (t: number): number => MARGIN + ((t - t0) / span) * inner;

  const body: string[] = [`<rect x="${MARGIN}" y="${BAR_Y}" width="${coord(inner)}" height="${BAR_H}" fill="#f7fafc" stroke="#a0aec0" data-role="track"/>`];
  for (const s of segs) body.push(segmentRect(s, x, tz));

  // Markers: a line across the bar, and a line of text in the key below (two columns), so labels never collide.
  const marks: Array<{ t: number; color: string; label: string; role: string; dash: boolean }> = [];
  for (const w of result.warnings) {
    const at = w.reachedAt ?? (closed ? null : w.dueAt);
    if (at !== null && at.getTime() >= t0 && at.getTime() <= t1) marks.push({ t: at.getTime(), color: '#dd6b20', label: `${Math.round(w.fraction * 100)}% ${w.reachedAt === null ? 'due' : 'reached'}`, role: 'warning', dash: w.reachedAt === null });
  }
  for (const w of result.switches ?? []) {
    if (w.at.getTime() >= t0 && w.at.getTime() <= t1) marks.push({ t: w.at.getTime(), color: '#6b46c1', label: `switch to ${w.toId}`, role: 'switch', dash: true });
  }
  if (result.breachedAt !== null) marks.push({ t: result.breachedAt.getTime(), color: '#c53030', label: 'breach', role: 'breach', dash: false });
  else if (due !== null && due <= t1) marks.push({ t: due, color: '#c53030', label: 'due', role: 'due', dash: true });
  if (result.stoppedAt !== null) marks.push({ t: result.stoppedAt.getTime(), color: '#2f855a', label: result.stage === 'canceled' ? 'canceled' : 'stopped', role: 'stop', dash: false });
  if (result.evaluatedAt.getTime() <= t1) marks.push({ t: result.evaluatedAt.getTime(), color: '#1a202c', label: 'now', role: 'now', dash: false });
  const keyTop = BAR_Y + BAR_H + 22;
  // Two columns; an entry too long for its half takes a whole row.
  let row = 0, col = 0;
  marks.forEach((m) => {
    const px = coord(x(m.t));
    const text = `${m.label} ${formatInstant(m.t, tz)}`;
    const wide = 20 + text.length * 6.2 > inner / 2 - 8;
    if (wide && col === 1) { row++; col = 0; }
    const kx = MARGIN + col * (inner / 2), ky = keyTop + row * 16;
    if (wide || col === 1) { row++; col = 0; }
    else col = 1;
    body.push(`<g data-role="${m.role}" data-at="${new Date(m.t).toISOString()}"><title>${escapeXml(text)}</title>` +
      `<line x1="${px}" y1="${BAR_Y - 5}" x2="${px}" y2="${BAR_Y + BAR_H + 5}" stroke="${m.color}" stroke-width="2"${m.dash ? ' stroke-dasharray="4 3"' : ''}/>` +
      `<line x1="${coord(kx)}" y1="${ky - 4}" x2="${coord(kx + 14)}" y2="${ky - 4}" stroke="${m.color}" stroke-width="2"${m.dash ? ' stroke-dasharray="4 3"' : ''}/>` +
      `<text x="${coord(kx + 20)}" y="${ky}" fill="${m.color}" font-size="11">${escapeXml(text)}</text></g>`);
  });
  const legendY = keyTop + (row + col) * 16 + 4;

  body.push(`<text x="${MARGIN}" y="${BAR_Y - 9}" fill="#4a5568" font-size="11">${escapeXml(formatInstant(t0, tz))}</text>`);
  body.push(`<text x="${coord(width - MARGIN)}" y="${BAR_Y - 9}" fill="#4a5568" font-size="11" text-anchor="end">${escapeXml(formatInstant(t1, tz))}</text>`);
  let lx = MARGIN;
  for (const kind of ['counting', 'paused', 'outside_hours'] as const) {
    if (!segs.some((s) => s.kind === kind)) continue;
    body.push(`<rect x="${coord(lx)}" y="${legendY - 9}" width="10" height="10" fill="${COLORS[kind]}"/><text x="${coord(lx + 14)}" y="${legendY}" fill="#2d3748" font-size="11">${LABELS[kind]}</text>`);
    lx += 14 + LABELS[kind].length * 6.2 + 16;
  }
  return svg(legendY + 10, body);
}

function segmentRect(s: SlaSegment, x: (t: number) => number, tz: string): string {
  const from = s.from.getTime(), to = s.to.getTime();
  const tip = `${LABELS[s.kind]} ${formatInstant(from, tz)} → ${formatInstant(to, tz)}${s.kind === 'outside_hours' ? '' : ` (${formatDuration(s.businessMs, { days: false })} business time)`}${s.cause === '' ? '' : `: ${s.cause}`}`;
  return `<rect x="${coord(x(from))}" y="${BAR_Y}" width="${coord(x(to) - x(from))}" height="${BAR_H}" fill="${COLORS[s.kind]}" data-kind="${s.kind}" data-from="${s.from.toISOString()}" data-to="${s.to.toISOString()}" data-business-ms="${s.businessMs}"><title>${escapeXml(tip)}</title></rect>`;
}
