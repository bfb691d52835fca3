/**
 * Change schedule benchmark: 100,000 scheduled changes over 10,000 CIs in a 3-level hierarchy (100 sites,
 * 900 clusters, 9,000 hosts), maintenance windows on a tenth of the CIs, a year-end freeze for every CI and a
 * weekend freeze on the sites. Prints the index build time, the median and p99 of one `findChangeConflicts`
 * (every kind, related CIs at depth 1), and the same check by a naive all-pairs scan over every change, in the
 * same run, with the ratio and how many answers agree; also the related-CI variant and one suggestChangeWindows.
 */
import { createCalendar, type BusinessCalendar } from '../src/calendar/index.js';
import { businessMsIntervals } from '../src/calendar/internal.js';
import { createChangeSchedule, findChangeConflicts, suggestChangeWindows, type ChangeBlackout, type ScheduledChange } from '../src/change/index.js';
import { formatMs, formatNumber, formatRatio, formatTable, heading, median, mulberry32, percentile, randomInt, timeOnce, type Rng, type SuiteContext } from './harness.js';

export const title = 'Change schedule: findChangeConflicts on 100,000 changes over 10,000 CIs vs a naive all-pairs scan';

const CHANGES = 100_000;
const SITES = 100, CLUSTERS = 900, HOSTS = 9_000;
const PROBES = 20_000;
const NAIVE_PROBES = 200;
const MINUTE = 60_000;
const YEAR_FROM = Date.UTC(2026, 0, 1);
const YEAR_MINUTES = 365 * 1440;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const nightly = (zone: string, hours: string) => createCalendar({ timeZone: zone, weekly: Object.fromEntries(weekdays.map((d) => [d, [hours]])) });
const MAINTENANCE: readonly BusinessCalendar[] = [
  nightly('America/New_York', '22:00-06:00'), nightly('Europe/Berlin', '23:00-05:00'), nightly('Asia/Kolkata', '01:00-05:00'),
  nightly('UTC', '20:00-08:00'), createCalendar({ timeZone: 'Europe/London', weekly: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] } }),
  createCalendar({ timeZone: 'America/Chicago', weekly: { sun: ['00:00-12:00'], wed: ['02:00-06:00'] } }),
];
/** Every Friday 18:00 to Monday 06:00, New York time. */
const WEEKEND_FREEZE = createCalendar({ timeZone: 'America/New_York', weekly: { fri: ['18:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'], mon: ['00:00-06:00'] } });
/** 20 to 31 December, all day. */
const YEAR_END_FREEZE = createCalendar({
  timeZone: 'UTC', weekly: {},
  overrides: Array.from({ length: 12 }, (_, i) => ({ date: `2026-12-${String(20 + i).padStart(2, '0')}`, hours: ['00:00-24:00'] })),
});

const ciName = (i: number) => (i < SITES ? `site-${i}` : i < SITES + CLUSTERS ? `cluster-${i}` : `host-${i}`);
const parentOf = (i: number) => (i < SITES ? -1 : i < SITES + CLUSTERS ? (i - SITES) % SITES : SITES + ((i - SITES - CLUSTERS) % CLUSTERS));
const TOTAL_CIS = SITES + CLUSTERS + HOSTS;

function randomCi(rng: Rng): number {
  const r = rng();
  return r < 0.05 ? randomInt(rng, 0, SITES - 1) : r < 0.25 ? randomInt(rng, SITES, SITES + CLUSTERS - 1) : randomInt(rng, SITES + CLUSTERS, TOTAL_CIS - 1);
}

function randomChange(rng: Rng, id: string): ScheduledChange {
  const start = YEAR_FROM + randomInt(rng, 0, YEAR_MINUTES / 15) * 15 * MINUTE;
  const end = start + randomInt(rng, 2, 32) * 15 * MINUTE;
  const cis = Array.from({ length: randomInt(rng, 1, 3) }, () => ciName(randomCi(rng)));
  const r = rng();
  const state = r < 0.05 ? 'closed' : r < 0.08 ? 'canceled' : 'scheduled';
  return { id, plannedStart: new Date(start).toISOString(), plannedEnd: new Date(end).toISOString(), cis, assignee: `team-${randomInt(rng, 0, 399)}`, state };
}

/** The naive check: every stored change against the probe, CI by CI; calendars per probe as the index does. */
interface Plain { id: string; start: number; end: number; cis: string[]; assignee: string | undefined; active: boolean }

function naiveCheck(all: readonly Plain[], parents: Map<string, string[]>, children: Map<string, string[]>, blackouts: readonly ChangeBlackout[],
  maintenance: Record<string, BusinessCalendar>, probe: Plain): number {
  const related = new Set<string>();
  for (const c of probe.cis) for (const x of [...(parents.get(c) ?? []), ...(children.get(c) ?? [])]) related.add(x);
  let found = 0;
  for (const x of all) {
    if (!x.active || x.id === probe.id || x.start >= probe.end || x.end <= probe.start) continue;
    for (const c of x.cis) {
      if (probe.cis.includes(c)) found++;
      else if (related.has(c)) for (const p of probe.cis) if ((parents.get(p) ?? []).includes(c) || (children.get(p) ?? []).includes(c)) found++;
    }
    if (x.assignee === probe.assignee) found++;
  }
  for (const b of blackouts) {
    const applies = b.cis === undefined ? 1 : probe.cis.filter((c) => b.cis!.includes(c)).length;
    if (applies > 0 && businessMsIntervals(b.calendar, probe.start, probe.end).length > 0) found += applies;
  }
  for (const c of probe.cis) {
    const cal = maintenance[c];
    if (cal === undefined) continue;
    const flat = businessMsIntervals(cal, probe.start, probe.end);
    if (!(flat.length === 2 && flat[0] === probe.start && flat[1] === probe.end)) found++;
  }
  return found;
}

export async function run(ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  const rng = mulberry32(ctx.seed);
  const changes = Array.from({ length: CHANGES }, (_, i) => randomChange(rng, `CHG${i}`));
  const ciRelations = Array.from({ length: TOTAL_CIS - SITES }, (_, k) => ({ parent: ciName(parentOf(k + SITES)), child: ciName(k + SITES) }));
  const maintenanceWindows: Record<string, BusinessCalendar> = {};
  for (let i = 0; i < TOTAL_CIS; i += 10) maintenanceWindows[ciName(i)] = MAINTENANCE[i % MAINTENANCE.length]!;
  const blackouts: ChangeBlackout[] = [
    { id: 'year-end', calendar: YEAR_END_FREEZE },
    { id: 'weekend', calendar: WEEKEND_FREEZE, cis: Array.from({ length: SITES }, (_, i) => ciName(i)) },
  ];
  const input = { changes, ciRelations, blackouts, maintenanceWindows };

  // Build from ISO 8601 strings and from Dates (what a host reading a database has); wall and CPU time, since a
  // loaded machine stretches wall time.
  const withDates = { ...input, changes: changes.map((c) => ({ ...c, plannedStart: new Date(c.plannedStart as string), plannedEnd: new Date(c.plannedEnd as string) })) };
  const timeBuild = (what: typeof input) => {
    const wall: number[] = [], cpu: number[] = [];
    let built = createChangeSchedule(what);
    for (let k = 0; k < 5; k++) {
      const c0 = process.cpuUsage();
      const t = timeOnce(() => createChangeSchedule(what));
      const c1 = process.cpuUsage(c0);
      wall.push(t.ms);
      cpu.push((c1.user + c1.system) / 1000);
      built = t.value;
    }
    return { built, wall, cpu };
  };
  const fromStrings = timeBuild(input);
  const fromDates = timeBuild(withDates);
  const schedule = fromDates.built;

  const probes = Array.from({ length: PROBES }, (_, i) => randomChange(rng, `NEW${i}`));
  // Warm up, then time each call on its own.
  for (let i = 0; i < 2_000; i++) findChangeConflicts(schedule, probes[i]!);
  const times: number[] = [];
  let conflicts = 0;
  for (const p of probes) {
    const t0 = performance.now();
    const r = findChangeConflicts(schedule, p);
    times.push(performance.now() - t0);
    conflicts += r.length;
  }

  // The heavier variant: blackouts and maintenance windows of related CIs too, two steps up and down.
  const relatedTimes: number[] = [];
  for (const p of probes.slice(0, 5_000)) {
    const t0 = performance.now();
    findChangeConflicts(schedule, p, { related: true, depth: 2 });
    relatedTimes.push(performance.now() - t0);
  }

  // The earliest windows: three conflict-free windows within 14 days of the planned start.
  const suggestTimes: number[] = [];
  let windows = 0;
  for (const p of probes.slice(0, 2_000)) {
    const t0 = performance.now();
    windows += suggestChangeWindows(schedule, p, { within: 'P14D', limit: 3 }).length;
    suggestTimes.push(performance.now() - t0);
  }

  const plain: Plain[] = changes.map((c) => ({
    id: c.id, start: new Date(c.plannedStart as string).getTime(), end: new Date(c.plannedEnd as string).getTime(), cis: [...new Set(c.cis)],
    assignee: c.assignee, active: c.state !== 'closed' && c.state !== 'canceled',
  }));
  const parents = new Map<string, string[]>(), children = new Map<string, string[]>();
  for (const r of ciRelations) {
    parents.set(r.child, [...(parents.get(r.child) ?? []), r.parent]);
    children.set(r.parent, [...(children.get(r.parent) ?? []), r.child]);
  }
  const naiveTimes: number[] = [];
  let agree = 0;
  for (let i = 0; i < NAIVE_PROBES; i++) {
    const p = probes[i]!;
    const pp: Plain = { id: p.id, start: new Date(p.plannedStart as string).getTime(), end: new Date(p.plannedEnd as string).getTime(), cis: [...new Set(p.cis)], assignee: p.assignee, active: true };
    const t0 = performance.now();
    const n = naiveCheck(plain, parents, children, blackouts, maintenanceWindows, pp);
    naiveTimes.push(performance.now() - t0);
    if (n === findChangeConflicts(schedule, p).length) agree++;
  }

  const med = median(times), p99 = percentile(times, 99), naiveMed = median(naiveTimes);
  console.log(`\n${formatNumber(CHANGES)} changes (${formatNumber(schedule.activeChanges)} active), ${formatNumber(TOTAL_CIS)} CIs in 3 levels, ` +
    `${formatNumber(Object.keys(maintenanceWindows).length)} with maintenance windows, 2 blackouts`);
  console.log(formatTable(
    ['index build (createChangeSchedule, validation included)', 'wall, median of 5', 'CPU, median of 5', 'wall, first'],
    [['instants as Dates', formatMs(median(fromDates.wall)), formatMs(median(fromDates.cpu)), formatMs(fromDates.wall[0]!)],
      ['instants as ISO 8601 strings', formatMs(median(fromStrings.wall)), formatMs(median(fromStrings.cpu)), formatMs(fromStrings.wall[0]!)]],
    ['left', 'right', 'right', 'right'],
  ));
  console.log(formatTable(
    ['one call (findChangeConflicts: all kinds, depth 1)', 'median', 'p99', 'calls', 'naive / itsm-kit (median)'],
    [
      ['findChangeConflicts (interval index)', formatMs(med), formatMs(p99), formatNumber(PROBES), ''],
      ['findChangeConflicts, related: true, depth 2', formatMs(median(relatedTimes)), formatMs(percentile(relatedTimes, 99)), formatNumber(relatedTimes.length), ''],
      ['suggestChangeWindows (P14D, limit 3)', formatMs(median(suggestTimes)), formatMs(percentile(suggestTimes, 99)), formatNumber(suggestTimes.length), ''],
      ['findChangeConflicts by a naive all-pairs scan', formatMs(naiveMed), formatMs(percentile(naiveTimes, 99)), formatNumber(NAIVE_PROBES), formatRatio(naiveMed / med)],
    ],
    ['left', 'right', 'right', 'right', 'right'],
  ));
  console.log(`${(windows / suggestTimes.length).toFixed(2)} windows per suggestion on average`);
  console.log(`${(conflicts / PROBES).toFixed(2)} conflicts per check on average; conflict counts agree with the naive scan on ${agree} / ${NAIVE_PROBES} probes`);
}
