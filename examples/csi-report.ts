// A CSI report on 890 real incidents (the ServiceNow event log, data/README.md): MTTR per priority in elapsed and
// in business time, resolution-SLA compliance per priority, an XmR chart of the daily median time to resolve,
// and the trend test on it.
//
// Run: npx tsx examples/csi-report.ts
//
// The business hours (Mon-Fri 08:00-18:00 UTC) and the SLA targets are illustrative: the log says neither.
import { readFileSync } from 'node:fs';
import { calendar24x7, createCalendar } from 'itsm-kit/calendar';
import { createSlaDefinition, evaluateSla } from 'itsm-kit/sla';
import { durationMetrics, mannKendall, reassignmentRate, reopenRate, slaCompliance, theilSen, xmrChart } from 'itsm-kit/metrics';
import { readIncidentLog } from './lib/servicenow.js';

const LOG = new URL('../data/servicenow-incident-event-log.csv', import.meta.url);
const HOUR = 3_600_000;

/** `DD-MM-YYYY HH:MM` read as UTC, `?` as missing. */
function logTime(text: string): number | null {
  const m = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  return m ? Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5])) : null;
}

/** One record per incident from its last row (every row restates the incident's fields). */
function readIncidents(): Array<{ number: string; priority: number; openedAt: number; resolvedAt: number | null; reopenCount: number; reassignmentCount: number }> {
  const [head, ...lines] = readFileSync(LOG, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = head!.split(',');
  const col = (name: string): number => header.indexOf(name);
  const last = new Map<string, string[]>();
  for (const line of lines) {
    const f = line.split(',');
    const prev = last.get(f[col('number')]!);
    if (prev === undefined || logTime(f[col('sys_updated_at')]!)! >= logTime(prev[col('sys_updated_at')]!)!) last.set(f[col('number')]!, f);
  }
  return [...last.values()].map((f) => ({
    number: f[col('number')]!,
    priority: Number(f[col('priority')]!.slice(0, 1)),
    openedAt: logTime(f[col('opened_at')]!)!,
    resolvedAt: logTime(f[col('resolved_at')]!),
    reopenCount: Number(f[col('reopen_count')]),
    reassignmentCount: Number(f[col('reassignment_count')]),
  }));
}

const incidents = readIncidents();
const weekday = ['08:00-18:00'];
const business = createCalendar({ timeZone: 'UTC', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } });
const hours = (ms: number | null): string => (ms === null ? '-' : (ms / HOUR).toFixed(1).padStart(6));

console.log(`${incidents.length} incidents\n`);
console.log('MTTR (opened -> resolved), hours; open items censored, never dropped');
console.log('priority   n  open    mean  median     p90 | business: mean  median     p90');
const elapsed = durationMetrics(incidents, { by: 'priority' });
const inHours = durationMetrics(incidents, { by: 'priority', calendar: business });
elapsed.groups!.forEach((g, k) => {
  const b = inHours.groups![k]!.result;
  const r = g.result;
  console.log(`P${g.key}      ${String(r.n).padStart(4)}  ${String(r.nCensored).padStart(4)}  ${hours(r.mean)}  ${hours(r.median)}  ${hours(r.p90)} |         ${hours(b.mean)}  ${hours(b.median)}  ${hours(b.p90)}`);
});
console.log(`all     ${String(elapsed.n).padStart(4)}  ${String(elapsed.nCensored).padStart(4)}  ${hours(elapsed.mean)}  ${hours(elapsed.median)}  ${hours(elapsed.p90)}`);
console.log(`reopen rate ${(reopenRate(incidents).value! * 100).toFixed(1)} %, reassignment rate ${(reassignmentRate(incidents).value! * 100).toFixed(1)} %\n`);

// Resolution SLA per priority, paused while awaiting someone outside the desk, evaluated by itsm-kit/sla.
const targets: Record<number, string> = { 1: 'PT4H', 2: 'PT8H', 3: 'P1D', 4: 'P3D' };
const definitions = Object.fromEntries(Object.entries(targets).map(([p, target]) => [p, createSlaDefinition({
  id: `P${p} resolution`, kind: 'resolution', target, calendar: 'business',
  start: true, stop: { field: 'state', in: ['Resolved', 'Closed'] },
  pause: { field: 'state', in: ['Awaiting User Info', 'Awaiting Problem', 'Awaiting Vendor', 'Awaiting Evidence'] },
})]));
const { incidents: logIncidents, lastEventAt } = readIncidentLog(LOG);
const results = logIncidents.map((inc) => {
  const priority = Number(inc.events.at(-1)!.set!['priority']);
  return { priority, ...evaluateSla(definitions[priority]!, inc.events, { calendars: { business, '24x7': calendar24x7() }, now: lastEventAt }) };
});
const compliance = slaCompliance(results, { by: 'priority', attributeBy: 'pauseReason' });
console.log('Resolution SLA compliance (business hours): met / (met + breached)');
for (const g of compliance.groups!) console.log(`P${g.key}  ${(g.result.value! * 100).toFixed(1).padStart(5)} %  of ${g.result.n} (${g.result.nOpen} open, ${g.result.nCanceled} canceled)`);
console.log(`all ${(compliance.value! * 100).toFixed(1).padStart(5)} %; breaches by pause: ${compliance.attribution!.slice(0, 3).map((a) => `${a.key} ${a.breached}`).join(', ')}\n`);

// The log's incidents were all opened over three days (2016-02-29 .. 03-02) and resolved over the weeks after:
// the median time to resolve of the incidents resolved each day (days with at least 5), as a process behaviour
// chart and a trend. It must rise (later resolutions are the longer ones): the test should say so.
const weekly = durationMetrics(incidents, { period: 'day', periodBy: 'resolvedAt' }).groups!.filter((g) => g.result.n >= 5);
const series = weekly.map((g) => g.result.median! / HOUR);
const chart = xmrChart(series);
console.log(`XmR chart of the daily median time to resolve, by day of resolution (h): center ${chart.center!.toFixed(1)}, limits ${chart.lowerLimit!.toFixed(1)} .. ${chart.upperLimit!.toFixed(1)}, mR limit ${chart.upperRangeLimit!.toFixed(1)}`);
for (const p of chart.points) console.log(`  ${weekly[p.index]!.period}  ${p.value.toFixed(1).padStart(6)}  n=${String(weekly[p.index]!.result.n).padStart(3)}${p.signals.length ? `  signals: rule ${p.signals.join(', ')}` : ''}`);
const mk = mannKendall(series);
const ts = theilSen(series);
console.log(`Mann-Kendall: S = ${mk.s}, z = ${mk.z.toFixed(2)}, p = ${mk.p.toFixed(3)}: ${mk.trend}; Theil-Sen slope ${ts.slope?.toFixed(2) ?? '-'} h per point`);
