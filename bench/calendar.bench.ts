/**
 * Calendar benchmark: itsm-kit beside moment-business-time and dayjs-business-time, in one process and on one
 * seeded workload. Calendar: Mon-Fri 09:00-17:00, America/New_York, US federal holidays 2025-2027.
 *
 * Prints ops/s and ratios for adding business minutes and measuring business time between two instants,
 * how many results agree with each peer (and why the others do not), and first-query latency on new calendars.
 */
import { addBusinessTime, businessTimeBetween, createCalendar, type BusinessCalendar, type CalendarSpec } from '../src/calendar/index.js';
import {
  compare, formatMs, formatNumber, formatRatio, formatTable, heading, median, mulberry32, percentile, randomInt,
  requireBenchHostZone, BENCH_HOST_ZONE, type Measurement, type Rng, type SuiteContext,
} from './harness.js';
import { BENCH_SPEC, ZONE, checkFederalHolidays } from './calendar.fixtures.js';
import { dayjsBusinessTimePeer, momentBusinessTime, type PeerAdapter } from './calendar.peers.js';
import {
  edgeCoverage, kindsLine, newTally, oracleIsOpenMinute, spotCheck, tallyAdd, tallyBetween, type AddCase, type AgreementTally, type BetweenCase,
} from './calendar.agreement.js';

export const title = 'Business calendar: addBusinessTime / businessTimeBetween vs moment-business-time, dayjs-business-time';

const MINUTE = 60_000;
const ADD_COUNT = 20_000;
/** Fewer betweens than adds: the peers walk every day of a span, so each of their calls costs ~1 ms. */
const BETWEEN_COUNT = 12_000;
const MAX_ADD_MINUTES = 2_400;
const MAX_SPAN_MINUTES = 30 * 1440;
const FRESH_CALENDARS = 200;
const FRESH_ZONES = 40;
const CREATE_ONLY = 1_000;
const SPOT_CHECKS = 250;
const TIMING = { minMs: 250, rounds: 5, warmupMs: 250 } as const;

/** 2025-01-01T00:00 and 2027-01-01T00:00 in New York (EST, UTC-05:00). */
const RANGE_FROM = Date.UTC(2025, 0, 1, 5);
const RANGE_TO = Date.UTC(2027, 0, 1, 5);

function randomStart(rng: Rng): number {
  return RANGE_FROM + randomInt(rng, 0, (RANGE_TO - RANGE_FROM) / MINUTE - 1) * MINUTE;
}

export async function run(ctx: SuiteContext): Promise<void> {
  // The peers compute in the host's zone, so it must be the calendar's.
  if (ZONE !== BENCH_HOST_ZONE) throw new Error(`the calendar zone ${ZONE} must be the bench host zone ${BENCH_HOST_ZONE}`);
  requireBenchHostZone();

  // (a) Before anything else touches itsm-kit or Intl: the first query of the process on a new calendar.
  const coldStart = Date.UTC(2026, 2, 6, 21); // Fri 2026-03-06 16:00 EST
  const c0 = performance.now();
  const coldCal = createCalendar(BENCH_SPEC);
  const c1 = performance.now();
  addBusinessTime(coldCal, coldStart, 60 * MINUTE);
  const c2 = performance.now();

  checkFederalHolidays();
  const rng = mulberry32(ctx.seed);
  const fresh = freshCalendarLatency(rng);
  const freshZone = freshZoneLatency(rng);
  const createOnly = createCalendarCost();

  const adds: AddCase[] = Array.from({ length: ADD_COUNT }, () => ({ start: randomStart(rng), minutes: randomInt(rng, 1, MAX_ADD_MINUTES) }));
  const betweens: BetweenCase[] = Array.from({ length: BETWEEN_COUNT }, () => {
    const from = randomStart(rng);
    return { from, to: from + randomInt(rng, 0, MAX_SPAN_MINUTES) * MINUTE };
  });

  console.log(heading(title));
  console.log(`calendar: ${BENCH_SPEC.name}, ${ZONE}, ${BENCH_SPEC.holidays?.length} US federal holidays 2025-2027 (observed dates)`);
  console.log(`workload (seed ${ctx.seed}): ${describeWorkload(adds, betweens)}`);

  console.log(heading('First-query latency (createCalendar -> first addBusinessTime result)'));
  const firstLabel = ctx.firstInProcess ? '(a) first query in this process, cold [1]' : `(a) first query of this suite, NOT process-cold (${ctx.index} suite(s) ran before)`;
  console.log(formatTable(['measurement', 'total', 'createCalendar', 'first query'], [
    [firstLabel, formatMs(c2 - c0), formatMs(c1 - c0), formatMs(c2 - c1)],
    [`(b) new calendar, warm process, median of ${FRESH_CALENDARS} [2]`, formatMs(median(fresh.total)), formatMs(median(fresh.create)), formatMs(median(fresh.query))],
    [`    same ${FRESH_CALENDARS}, p95 / max`, `${formatMs(percentile(fresh.total, 95))} / ${formatMs(Math.max(...fresh.total))}`, '', ''],
    [`(c) createCalendar alone, median of ${formatNumber(CREATE_ONLY)} distinct specs (after (b), (d): JIT-warm)`, '', formatMs(median(createOnly)), ''],
    [`(d) new calendar in a zone not used before, median of ${freshZone.total.length} zones [3]`, formatMs(median(freshZone.total)), formatMs(median(freshZone.create)), formatMs(median(freshZone.query))],
  ], ['left', 'right', 'right', 'right']));
  console.log(`[1] modules already imported; includes JIT-cold code, the first zod parse and the first Intl.DateTimeFormat for ${ZONE} (the TZ check before it only read Date offsets)`);
  console.log(`[2] each with its own holiday list; what it shares with earlier calendars: warm JIT and itsm-kit's per-zone Intl formatter and offset cache; the query compiles one year table. p95 / max include GC pauses and preemption on this shared machine`);
  console.log('[3] adds creating an Intl formatter and searching DST transitions for the new zone');

  const cal = createCalendar(BENCH_SPEC);
  const peers = [momentBusinessTime(), dayjsBusinessTimePeer()];
  console.log(heading(`Throughput on a warm calendar (same time budget per library: ${TIMING.rounds} interleaved rounds of ${TIMING.minMs} ms, median)`));
  console.log('inputs are epoch ms; each peer call builds its own moment / dayjs objects from them, as a caller holding timestamps would');
  const t0 = performance.now();
  const addRuns = compare(adds, [
    { name: 'itsm-kit', fn: (c: AddCase) => addBusinessTime(cal, c.start, c.minutes * MINUTE) },
    ...peers.map((p) => ({ name: p.name, fn: (c: AddCase) => p.addRaw(c.start, c.minutes) })),
  ], TIMING);
  const betweenRuns = compare(betweens, [
    { name: 'itsm-kit', fn: (c: BetweenCase) => businessTimeBetween(cal, c.from, c.to) },
    ...peers.map((p) => ({ name: p.name, fn: (c: BetweenCase) => p.betweenRaw(c.from, c.to) })),
  ], TIMING);
  const t1 = performance.now();
  console.log(throughputTable([['addBusinessTime (1-2,400 min)', addRuns], ['businessTimeBetween (spans 0-30 days)', betweenRuns]]));

  console.log(heading(`Agreement with itsm-kit (every item of both workloads: ${formatNumber(ADD_COUNT)} adds, ${formatNumber(BETWEEN_COUNT)} betweens)`));
  console.log('add: same instant to the minute; between: same whole minutes. Every disagreement is settled against a naive minute-stepping oracle.');
  const tallies = agreement(cal, peers, adds, betweens);
  const t2 = performance.now();
  console.log(formatTable(['peer', 'operation', 'agreement', 'disagreement kinds'], tallies.map((t) => [t.peer, t.op, `agree ${formatNumber(t.agree)} / ${formatNumber(t.total)}`, kindsLine(t)])));
  for (const t of tallies) for (const [kind, example] of t.examples) console.log(`  e.g. ${t.peer} ${t.op} [${kind}]: ${example}`);
  console.log(`edge cases in the workload: ${edgeCoverage(adds, adds.map((c) => addBusinessTime(cal, c.start, c.minutes * MINUTE).getTime()), betweens)}`);

  const spot = spotCheck(cal, adds.slice(0, SPOT_CHECKS), betweens.slice(0, SPOT_CHECKS));
  console.log(`oracle spot check of itsm-kit alone: ${2 * SPOT_CHECKS - spot.length} / ${2 * SPOT_CHECKS} match (first ${SPOT_CHECKS} adds and ${SPOT_CHECKS} betweens)`);
  const suspects = [...spot, ...tallies.flatMap((t) => t.suspects)];
  if (suspects.length > 0) {
    console.log(`\nSUSPECTED itsm-kit issues (itsm-kit differs from the DESIGN.md oracle), ${suspects.length}:`);
    for (const s of suspects.slice(0, 20)) console.log(`  ${s}`);
  } else {
    console.log('no case where itsm-kit differs from the oracle');
  }
  console.log(`(time spent: throughput ${((t1 - t0) / 1000).toFixed(1)} s, agreement pass ${((t2 - t1) / 1000).toFixed(1)} s, checks ${((performance.now() - t2) / 1000).toFixed(1)} s)`);
}

/** New calendars in the benchmark zone, each with its own holiday list: create, then first query. */
/** Times `createCalendar(spec)` and the first `addBusinessTime` on it, for each spec. */
function firstQueryLatency(specs: readonly CalendarSpec[], rng: Rng): { create: number[]; query: number[]; total: number[] } {
  const create: number[] = [], query: number[] = [], total: number[] = [];
  for (const spec of specs) {
    const start = randomStart(rng), minutes = randomInt(rng, 1, MAX_ADD_MINUTES);
    const t0 = performance.now();
    const c = createCalendar(spec);
    const t1 = performance.now();
    addBusinessTime(c, start, minutes * MINUTE);
    const t2 = performance.now();
    create.push(t1 - t0);
    query.push(t2 - t1);
    total.push(t2 - t0);
  }
  return { create, query, total };
}

function freshCalendarLatency(rng: Rng): { create: number[]; query: number[]; total: number[] } {
  // One extra, distinct holiday per calendar (2030 onwards), so no two calendars share a holiday list.
  const specs = Array.from({ length: FRESH_CALENDARS }, (_, i) => ({
    ...BENCH_SPEC,
    holidays: [...(BENCH_SPEC.holidays ?? []), new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10)],
  }));
  return firstQueryLatency(specs, rng);
}

/** createCalendar alone (validation and setup; tables are compiled lazily by the first query). */
function createCalendarCost(): number[] {
  const out: number[] = [];
  for (let i = 0; i < CREATE_ONLY; i++) {
    const spec = { ...BENCH_SPEC, holidays: [...(BENCH_SPEC.holidays ?? []), new Date(Date.UTC(2040, 0, 1 + i)).toISOString().slice(0, 10)] };
    const t0 = performance.now();
    createCalendar(spec);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Like {@link freshCalendarLatency}, but each calendar is in a zone no calendar of this process has used. */
function freshZoneLatency(rng: Rng): { create: number[]; query: number[]; total: number[] } {
  const zones = Intl.supportedValuesOf('timeZone').filter((z) => z !== ZONE && !z.startsWith('Etc/') && z !== 'UTC');
  const specs: CalendarSpec[] = [];
  for (let i = 0; i < FRESH_ZONES && zones.length > 0; i++) {
    specs.push({ ...BENCH_SPEC, timeZone: zones.splice(randomInt(rng, 0, zones.length - 1), 1)[0]! });
  }
  return firstQueryLatency(specs, rng);
}

function describeWorkload(adds: readonly AddCase[], betweens: readonly BetweenCase[]): string {
  const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;
  const outside = adds.filter((c) => !oracleIsOpenMinute(c.start)).length + betweens.filter((c) => !oracleIsOpenMinute(c.from)).length;
  const dst = betweens.filter((c) => new Date(c.from).getTimezoneOffset() !== new Date(c.to).getTimezoneOffset()).length;
  return `${formatNumber(adds.length)} adds of 1-${formatNumber(MAX_ADD_MINUTES)} business minutes and ${formatNumber(betweens.length)} betweens over 0-30 days, ` +
    `starts at whole minutes across 2025-2026 (${pct(outside, adds.length + betweens.length)} outside business hours; ${pct(dst, betweens.length)} of between spans cross a DST change)`;
}

function throughputTable(groups: ReadonlyArray<readonly [string, readonly Measurement[]]>): string {
  const rows: string[][] = [];
  for (const [op, runs] of groups) {
    const ours = runs[0]!;
    runs.forEach((m, i) => {
      rows.push([
        i === 0 ? op : '',
        m.name,
        formatNumber(m.opsPerSec),
        `${formatNumber(m.minOpsPerSec)} .. ${formatNumber(m.maxOpsPerSec)}`,
        formatNumber(m.ops),
        i === 0 ? '' : formatRatio(ours.opsPerSec / m.opsPerSec),
      ]);
    });
  }
  return formatTable(['operation', 'library', 'ops/s (median)', 'rounds min .. max', 'timed calls', 'itsm-kit / peer'], rows, ['left', 'left', 'right', 'right', 'right', 'right']);
}

function agreement(cal: BusinessCalendar, peers: readonly PeerAdapter[], adds: readonly AddCase[], betweens: readonly BetweenCase[]): AgreementTally[] {
  const ourAdds = adds.map((c) => addBusinessTime(cal, c.start, c.minutes * MINUTE).getTime());
  const ourBetweens = betweens.map((c) => businessTimeBetween(cal, c.from, c.to) / MINUTE);
  const out: AgreementTally[] = [];
  for (const p of peers) {
    const ta = newTally(p.name, 'add');
    adds.forEach((c, i) => tallyAdd(ta, cal, c, ourAdds[i]!, p.add(c.start, c.minutes)));
    const tb = newTally(p.name, 'between');
    betweens.forEach((c, i) => tallyBetween(tb, cal, c, ourBetweens[i]!, p.between(c.from, c.to)));
    out.push(ta, tb);
  }
  return out;
}
