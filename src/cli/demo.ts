// `itsm-kit demo`: the library on the embedded sample (890 real ServiceNow incidents), as readable tables.
import { formatDuration } from '../core/duration.js';
import { toEpochMs } from '../core/instant.js';
import { createCalendar } from '../calendar/calendar.js';
import { addBusinessTime, businessTimeBetween } from '../calendar/arithmetic.js';
import { addBusinessDays } from '../calendar/days.js';
import { formatInstant } from '../calendar/format.js';
import { createSlaDefinition, type SlaDefinition } from '../sla/definition.js';
import { explainSla } from '../sla/explain.js';
import type { SlaResult } from '../sla/result.js';
import { evaluateTicketBatch } from './evaluate.js';
import { readSample } from './sample.js';
import { formatTable } from './table.js';

const H = 3_600_000;
const weekday = ['08:00-18:00'];

/** The sample's calendar: Mon-Fri 08:00-18:00 UTC (the log has no zone). @internal */
export const demoCalendarSpec = { name: 'UTC office', timeZone: 'UTC', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday }, holidays: ['--12-25', '--01-01'] };

const AWAITING = ['Awaiting User Info', 'Awaiting Problem', 'Awaiting Vendor', 'Awaiting Evidence'];
const TARGETS = [[1, 'PT15M', 'PT4H'], [2, 'PT1H', 'PT8H'], [3, 'PT4H', 'PT24H'], [4, 'PT8H', 'PT72H']] as const;

/** The sample's illustrative SLA definitions: a response and a resolution target per priority. @internal */
export function demoDefinitions(): SlaDefinition[] {
  return TARGETS.flatMap(([p, response, resolution]) => [
    createSlaDefinition({ id: `P${p} response`, kind: 'response', target: response, calendar: 'office', appliesTo: { field: 'priority', eq: p }, start: true, stop: { field: 'state', ne: 'New' } }),
    createSlaDefinition({ id: `P${p} resolution`, kind: 'resolution', target: resolution, calendar: 'office', appliesTo: { field: 'priority', eq: p }, start: true, stop: { field: 'state', in: ['Resolved', 'Closed'] }, pause: { field: 'state', in: AWAITING } }),
  ]);
}

/** Runs `itsm-kit demo`, printing with `print`. @internal */
export function runDemo(print: (text: string) => void): number {
  const title = (text: string): void => print(`\n${text}\n${'═'.repeat(text.length)}`);

  const ny = createCalendar({ timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] } });
  const nyTime = (t: Date): string => formatInstant(t, 'America/New_York');
  title('1. Business time: New York, Mon-Fri 09:00-17:00');
  print(formatTable(['question', 'answer', 'why'], [
    ['Fri 2026-03-06 16:00 + 1 business hour', nyTime(addBusinessTime(ny, '2026-03-06T16:00:00-05:00', H)), 'the close, not Monday'],
    ['Fri 2026-03-06 16:00 + 2 business hours', nyTime(addBusinessTime(ny, '2026-03-06T16:00:00-05:00', 2 * H)), 'clocks went forward on Sunday'],
    ['business time Fri 16:00 → Mon 10:00', formatDuration(businessTimeBetween(ny, '2026-03-06T16:00:00-05:00', '2026-03-09T10:00:00-04:00')), 'weekend closed'],
    ['end of next business day after Fri 10:00', nyTime(addBusinessDays(ny, '2026-03-06T10:00:00-05:00', 1)), 'Monday\'s close'],
  ]));

  const { incidents, lastEventAt } = readSample();
  const office = createCalendar(demoCalendarSpec);
  const setup = { definitions: demoDefinitions(), calendars: { office } };
  const started = performance.now();
  const now = toEpochMs(lastEventAt);
  const results: SlaResult[] = [];
  const ids = new Map<SlaResult, string>();
  for (const t of evaluateTicketBatch(setup, incidents.map((i) => ({ id: i.number, events: i.events })), now, false)) {
    if (t.success) for (const r of t.data) results.push(r), ids.set(r, t.id);
  }
  const ms = performance.now() - started;
  title(`2. SLA compliance of ${incidents.length} real ServiceNow incidents (Mon-Fri 08:00-18:00 UTC)`);
  const rows = TARGETS.map(([p, response, resolution]) => {
    const of = (kind: string): SlaResult[] => results.filter((r) => r.slaId === `P${p} ${kind}`);
    const pct = (rs: SlaResult[]): string => (rs.length === 0 ? '-' : `${((100 * rs.filter((r) => !r.breached).length) / rs.length).toFixed(1)}%`);
    const overruns = of('resolution').filter((r) => r.breached).map((r) => -r.remainingMs).sort((a, b) => a - b);
    const median = overruns.length === 0 ? '-' : formatDuration(overruns[Math.floor(overruns.length / 2)]!, { days: false });
    return [`P${p}`, String(of('resolution').length), response, pct(of('response')), resolution, pct(of('resolution')), String(overruns.length), median];
  });
  print(formatTable(['priority', 'tickets', 'response target', 'met', 'resolution target', 'met', 'breached', 'median overrun'], rows));
  print(`(${results.length.toLocaleString('en')} clocks evaluated in ${ms.toFixed(0)} ms; targets are illustrative)`);

  title('3. The five resolution breaches with the largest overrun');
  const worst = results.filter((r) => r.kind === 'resolution' && r.breached).sort((a, b) => a.remainingMs - b.remainingMs).slice(0, 5);
  print(formatTable(['incident', 'SLA', 'started', 'due', 'overrun', 'paused'], worst.map((r) => [
    ids.get(r) ?? '?', r.slaId, formatInstant(r.startedAt!, 'UTC'), formatInstant(r.dueAt!, 'UTC'), formatDuration(-r.remainingMs, { days: false }), formatDuration(r.pausedMs, { days: false }),
  ])));

  const chosen = incidents.find((i) => i.number === 'INC0001312') ?? incidents[0]!;
  title(`4. Why: ${chosen.number}'s resolution clock explained`);
  for (const t of evaluateTicketBatch(setup, [{ id: chosen.number, events: chosen.events }], now, true)) {
    if (t.success) for (const r of t.data.filter((x) => x.kind === 'resolution')) for (const line of explainSla(r)) print(`  ${line}`);
  }
  print('\nThe same with your own data: itsm-kit sla --definitions defs.json --calendars cals.json --tickets tickets.ndjson');
  return 0;
}
