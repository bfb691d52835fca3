/**
 * Catalogue and reports benchmark. (1) `serviceReport` over 50,000 synthetic incidents with their SLA results
 * (90 daily buckets, trend tests included) against the same core figures (daily volumes, MTTR, SLA compliance by
 * priority) computed by arquero's group-by / rollup and by hand-written loops, with the ratios and whether the
 * three agree. (2) `validateCatalog` on a catalogue of 2,000 services with 2,000 agreements, and
 * `slaDefinitionsFor` / `serviceImpact` per ticket.
 */
import * as aq from 'arquero';
import { createCatalog, serviceImpact, slaDefinitionsFor, validateCatalog, type Catalog } from '../src/catalog/index.js';
import { serviceReport, type ReportIncident, type ReportSlaEntry } from '../src/reports/index.js';
import type { SlaResult } from '../src/sla/index.js';
import { formatMs, formatNumber, formatRatio, formatTable, heading, measure, median, mulberry32, randomInt, timeOnce, type SuiteContext } from './harness.js';

export const title = 'Reports: serviceReport on 50,000 incidents vs arquero and plain loops; validateCatalog and slaDefinitionsFor on 2,000 services';

const N = 50_000;
const DAY = 86_400_000, HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 1), TO = FROM + 90 * DAY;

/** A completed SLA result, enough for the report (no explanation segments). */
function result(id: string, started: number, stopped: number, target: number): SlaResult {
  const elapsed = stopped - started;
  const breached = elapsed > target;
  return {
    slaId: id, name: null, kind: 'resolution', agreement: 'SLA', calendar: '24x7', timeZone: 'UTC', stage: 'completed', breached,
    startedAt: new Date(started), stoppedAt: new Date(stopped), dueAt: new Date(started + target), breachedAt: breached ? new Date(started + target) : null,
    targetMs: target, elapsedMs: elapsed, remainingMs: target - elapsed, percent: (100 * elapsed) / target, pausedMs: 0, warnings: [], cycles: [], switches: [],
    segments: [], nextChangeAt: null, evaluatedAt: new Date(TO),
  };
}

function workload(seed: number): { incidents: ReportIncident[]; slaResults: ReportSlaEntry[] } {
  const rng = mulberry32(seed);
  const incidents: ReportIncident[] = [];
  const slaResults: ReportSlaEntry[] = [];
  for (let i = 0; i < N; i++) {
    const opened = FROM + Math.floor(rng() * 88 * DAY);
    const priority = randomInt(rng, 1, 4);
    const resolved = rng() < 0.9 ? opened + Math.floor(rng() * 72 * HOUR) : null;
    const id = `INC${i}`;
    incidents.push({ id, service: `svc-${randomInt(rng, 0, 49)}`, priority, openedAt: opened, resolvedAt: resolved });
    slaResults.push({ id, success: true, data: resolved === null || resolved >= TO ? [] : [result(`p${priority}`, opened, resolved, priority * 8 * HOUR)] });
  }
  return { incidents, slaResults };
}

interface Core { opened: number[]; mttrHours: number; metByPriority: number[]; totalByPriority: number[] }

function byLoops(incidents: readonly ReportIncident[], slaResults: readonly ReportSlaEntry[]): Core {
  const opened = new Array<number>(90).fill(0);
  let sum = 0, count = 0;
  const priority = new Map(incidents.map((i) => [i.id, i.priority!]));
  for (const i of incidents) {
    const o = i.openedAt as number;
    if (o >= FROM && o < TO) opened[Math.floor((o - FROM) / DAY)]!++;
    const r = i.resolvedAt as number | null;
    if (r !== null && r >= FROM && r < TO) { sum += (r - o) / HOUR; count++; }
  }
  const met = [0, 0, 0, 0], total = [0, 0, 0, 0];
  for (const e of slaResults) for (const r of e.data ?? []) {
    const at = r.stoppedAt!.getTime();
    if (at < FROM || at >= TO) continue;
    const p = priority.get(e.id)! - 1;
    total[p]!++;
    if (!r.breached) met[p]!++;
  }
  return { opened, mttrHours: sum / count, metByPriority: met, totalByPriority: total };
}

function byArquero(incidents: readonly ReportIncident[], slaResults: readonly ReportSlaEntry[]): Core {
  const inc = aq.table({
    id: incidents.map((i) => i.id), priority: incidents.map((i) => i.priority!), opened: incidents.map((i) => i.openedAt as number),
    resolved: incidents.map((i) => (i.resolvedAt ?? null) as number | null),
  });
  const perDay = inc.params({ FROM, TO, DAY }).filter((d: any, $: any) => d.opened >= $.FROM && d.opened < $.TO)
    .derive({ day: (d: any, $: any) => aq.op.floor((d.opened - $.FROM) / $.DAY) }).groupby('day').count().objects() as Array<{ day: number; count: number }>;
  const opened = new Array<number>(90).fill(0);
  for (const r of perDay) opened[r.day] = r.count;
  const mttr = inc.params({ FROM, TO, HOUR }).filter((d: any, $: any) => d.resolved !== null && d.resolved >= $.FROM && d.resolved < $.TO)
    .rollup({ m: (d: any) => aq.op.mean(d.resolved - d.opened) }).objects()[0] as { m: number };
  const rows = slaResults.flatMap((e) => (e.data ?? []).map((r) => ({ id: e.id, at: r.stoppedAt!.getTime(), met: r.breached ? 0 : 1 })));
  const sla = aq.from(rows).params({ FROM, TO }).filter((d: any, $: any) => d.at >= $.FROM && d.at < $.TO).join(inc.select('id', 'priority'), 'id')
    .groupby('priority').rollup({ met: (d: any) => aq.op.sum(d.met), total: aq.op.count() }).objects() as Array<{ priority: number; met: number; total: number }>;
  const met = [0, 0, 0, 0], total = [0, 0, 0, 0];
  for (const r of sla) { met[r.priority - 1] = r.met; total[r.priority - 1] = r.total; }
  return { opened, mttrHours: mttr.m / HOUR, metByPriority: met, totalByPriority: total };
}

function bigCatalog(): Catalog {
  const services = Array.from({ length: 2000 }, (_, i) => ({
    id: `s${i}`, name: `Service ${i}`, lifecycle: 'live' as const, criticality: 'medium' as const,
    dependsOn: i === 0 ? [] : [`s${Math.floor(i / 3)}`, ...(i > 10 ? [`s${i - 7}`] : [])],
  }));
  const def = (id: string, target: string, agreement: 'SLA' | 'OLA' = 'SLA') => ({ id, kind: 'resolution' as const, agreement, target, calendar: '24x7', start: true, stop: { field: 'state', eq: 'resolved' } });
  return createCatalog({
    services,
    slaDefinitions: [def('p1', 'PT4H'), def('p2', 'PT8H'), def('p3', 'PT24H'), def('ola-p1', 'PT2H', 'OLA')],
    agreements: services.flatMap((s, i) => [
      { id: `sla-${i}`, type: 'SLA' as const, name: `SLA ${i}`, status: 'active' as const, services: [s.id], parties: [`c${i % 20}`],
        targets: [{ definition: 'p1', priority: 1 }, { definition: 'p2', priority: 2 }, { definition: 'p3' }] },
      ...(i % 2 === 0 ? [{ id: `ola-${i}`, type: 'OLA' as const, name: `OLA ${i}`, status: 'active' as const, services: [s.id], parties: ['ops'], underpins: [`sla-${i}`], targets: [{ definition: 'ola-p1', priority: 1 }] }] : []),
    ]),
  });
}

export async function run(ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  const { incidents, slaResults } = workload(ctx.seed);
  const input = { period: { from: FROM, to: TO, interval: 'day' as const }, timeZone: 'UTC', incidents, slaResults };
  const runs = (fn: () => unknown) => median(Array.from({ length: 5 }, () => timeOnce(fn).ms));
  serviceReport(input); byArquero(incidents, slaResults); byLoops(incidents, slaResults);
  const tReport = runs(() => serviceReport(input));
  const tArquero = runs(() => byArquero(incidents, slaResults));
  const tLoops = runs(() => byLoops(incidents, slaResults));
  const r = serviceReport(input), a = byArquero(incidents, slaResults), l = byLoops(incidents, slaResults);
  const agree = JSON.stringify(r.buckets.map((b) => b.opened)) === JSON.stringify(a.opened) && JSON.stringify(a.opened) === JSON.stringify(l.opened)
    && Math.abs(r.mttr.meanHours! - a.mttrHours) < 1e-9 && Math.abs(a.mttrHours - l.mttrHours) < 1e-9
    && JSON.stringify(r.sla.byPriority.map((p) => [p.met, p.total])) === JSON.stringify(l.metByPriority.map((m, i) => [m, l.totalByPriority[i]]))
    && JSON.stringify(a.metByPriority) === JSON.stringify(l.metByPriority);
  console.log(formatTable(['computation (50,000 incidents, 90 days)', 'median of 5', 'vs serviceReport'], [
    ['serviceReport (every figure, XmR + Mann-Kendall)', formatMs(tReport), '1.00x'],
    ['arquero: daily volumes, MTTR, SLA by priority', formatMs(tArquero), formatRatio(tReport / tArquero)],
    ['plain loops: the same three figures', formatMs(tLoops), formatRatio(tReport / tLoops)],
  ], ['left', 'right', 'right']));
  console.log(`the three agree on volumes, MTTR and SLA by priority: ${agree ? 'yes' : 'NO'}`);

  const catalog = bigCatalog();
  const v = timeOnce(() => validateCatalog(catalog));
  console.log(`validateCatalog, 2,000 services / 3,000 agreements: ${formatMs(v.ms)} (${v.value.length} findings)`);
  const rng = mulberry32(ctx.seed + 1);
  const tickets = Array.from({ length: 10_000 }, () => ({ service: `s${randomInt(rng, 0, 1999)}`, customer: `c${randomInt(rng, 0, 19)}`, group: 'ops', priority: randomInt(rng, 1, 3) }));
  const m = measure('slaDefinitionsFor', tickets, (t) => slaDefinitionsFor(catalog, t), { minMs: 200, rounds: 3 });
  const imp = measure('serviceImpact', tickets, (t) => serviceImpact(catalog, t.service), { minMs: 200, rounds: 3 });
  console.log(`slaDefinitionsFor: ${formatNumber(m.opsPerSec)} tickets/s; serviceImpact: ${formatNumber(imp.opsPerSec)} walks/s (a walk lists every dependent: up to 1,999 services)`);
}
