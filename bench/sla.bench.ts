/**
 * SLA benchmark: 100,000 synthetic tickets of about 8 events, two definitions each (response, and resolution
 * with pause), on a business calendar (Mon-Fri 09-17 New York with US federal holidays), evaluated with
 * `evaluateTickets`. Beside it, the same clocks written by hand on dayjs-business-time (what a team would write
 * with the peer library: sum business minutes over the running stretches, add the remainder for the due date)
 * on a sample, with the ratio and how many figures agree. Also: memory while streaming the whole batch.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import dayjs from 'dayjs';
import { createCalendar } from '../src/calendar/index.js';
import { createSlaDefinition, evaluateSla, evaluateTickets, evaluateTicket, explainSla, type SlaTicket, type TicketEvent } from '../src/sla/index.js';
import { BENCH_SPEC } from './calendar.fixtures.js';
import { dayjsBusinessTimePeer } from './calendar.peers.js';
import { compare, formatMs, formatNumber, formatRatio, formatTable, heading, median, mulberry32, randomInt, timeOnce, type Rng, type SuiteContext } from './harness.js';

export const title = 'SLA evaluation: evaluateTickets over 100,000 tickets (response + resolution with pause) vs hand-written clocks on dayjs-business-time';

const TICKETS = 100_000;
const PEER_SAMPLE = 2_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2027, 0, 1, 5);
const RANGE_FROM = Date.UTC(2025, 0, 1, 5);
const RANGE_MINUTES = 700 * 1440;

const response = createSlaDefinition({
  id: 'response', kind: 'response', target: 'PT1H', calendar: 'office',
  start: true, stop: { field: 'state', ne: 'new' },
});
const resolution = createSlaDefinition({
  id: 'resolution', kind: 'resolution', target: 'PT8H', calendar: 'office',
  start: true, stop: { field: 'state', in: ['resolved', 'closed'] }, pause: { field: 'state', eq: 'on_hold' },
  cancel: { field: 'state', eq: 'canceled' },
});

/** A plausible life: new → in progress → holds and resumes → resolved → closed, some left open at `now`. */
function ticket(rng: Rng, i: number): SlaTicket {
  let t = RANGE_FROM + randomInt(rng, 0, RANGE_MINUTES) * MINUTE;
  const priority = randomInt(rng, 1, 4);
  const events: TicketEvent[] = [{ at: t, type: 'CREATE', set: { state: 'new', priority } }];
  const steps = ['in_progress', 'on_hold', 'in_progress', 'on_hold', 'in_progress', 'resolved', 'closed'];
  const length = randomInt(rng, 5, 7);
  for (let k = 0; k < length; k++) {
    t += randomInt(rng, 1, 24 * 60) * MINUTE;
    events.push({ at: t, type: 'UPDATE', set: { state: steps[k]! } });
  }
  return { id: `T${i}`, events };
}

function* tickets(seed: number, count: number): Generator<SlaTicket> {
  const rng = mulberry32(seed);
  for (let i = 0; i < count; i++) yield ticket(rng, i);
}

/** The peer version: the same two clocks by hand on dayjs-business-time (host zone = America/New_York). */
function peerEvaluate(t: SlaTicket, peer: ReturnType<typeof dayjsBusinessTimePeer>): [number, number] {
  const ev = t.events;
  const at = (k: number) => ev[k]!.at as number;
  // response: from creation to the first state other than new
  const firstMove = ev.findIndex((e) => e.set?.['state'] !== 'new');
  const responseElapsed = peer.between(at(0), firstMove < 0 ? NOW : Math.min(at(firstMove), NOW)) * MINUTE;
  // resolution: running except on hold, until resolved or closed
  let elapsed = 0;
  let state = 'new';
  for (let k = 0; k < ev.length; k++) {
    const to = k + 1 < ev.length ? at(k + 1) : NOW;
    state = String(ev[k]!.set?.['state'] ?? state);
    if (state === 'resolved' || state === 'closed') break;
    if (state !== 'on_hold') elapsed += peer.between(at(k), Math.min(to, NOW)) * MINUTE;
  }
  if (state !== 'resolved' && state !== 'closed' && elapsed < 8 * 60 * MINUTE) {
    dayjs(peer.add(NOW, (8 * 60 * MINUTE - elapsed) / MINUTE)); // the due date, as a host would compute it
  }
  return [responseElapsed, elapsed];
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function run(ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  const office = createCalendar(BENCH_SPEC);
  const options = { calendars: { office }, now: NOW };
  const definitions = [response, resolution];

  // Throughput: whole-batch passes over the same 100,000 tickets, streamed from an array.
  const batch = [...tickets(ctx.seed, TICKETS)];
  const evaluations = (explain: boolean) => {
    let n = 0;
    for (const r of evaluateTickets(definitions, batch, { ...options, explain })) if (r.success) n += r.data.length;
    return n;
  };
  evaluations(false); // warm-up
  const passes: Array<{ explain: boolean; perSec: number }> = [];
  for (let round = 0; round < 3; round++) {
    for (const explain of [false, true]) {
      const t0 = performance.now();
      const n = evaluations(explain);
      passes.push({ explain, perSec: (n / (performance.now() - t0)) * 1000 });
    }
  }
  const best = (explain: boolean) => passes.filter((p) => p.explain === explain).map((p) => p.perSec).sort((a, b) => a - b);
  const rows = [false, true].map((explain) => {
    const s = best(explain);
    return [explain ? 'explain: true (segments built)' : 'explain: false (figures only)', formatNumber(s[1]!), `${formatNumber(s[0]!)} .. ${formatNumber(s[2]!)}`];
  });
  let segments = 0, results = 0, open = 0;
  for (const r of evaluateTickets(definitions, batch, { ...options, explain: true })) {
    if (!r.success) continue;
    for (const x of r.data) { results++; segments += x.segments.length; if (x.stage === 'running' || x.stage === 'paused') open++; }
  }
  console.log(`\n${formatNumber(TICKETS)} tickets × 2 definitions = ${formatNumber(2 * TICKETS)} ticket-SLA evaluations per pass, 3 passes each`);
  console.log(`(${formatNumber(open)} clocks still open at now = 2027-01-01, so their explanation runs for months: ${(segments / results).toFixed(1)} segments per evaluation on average)`);
  console.log(formatTable(['evaluateTickets', 'evaluations/s (median pass)', 'min .. max'], rows, ['left', 'right', 'right']));

  // Side by side with the peer on a sample (the peer is thousands of times slower; same time budget each).
  const peer = dayjsBusinessTimePeer();
  const sample = batch.slice(0, PEER_SAMPLE);
  const ours = compare(sample, [
    { name: 'itsm-kit evaluateTicket (explain: false)', fn: (t) => evaluateTicket(definitions, t.events, { ...options, explain: false }) },
    { name: 'dayjs-business-time by hand', fn: (t) => peerEvaluate(t, peer) },
  ], { minMs: 400, rounds: 3, warmupMs: 200 });
  console.log('\nper ticket (2 clocks), same time budget, interleaved rounds:');
  console.log(formatTable(['candidate', 'tickets/s (median)', 'itsm-kit / peer'], ours.map((m, k) => [m.name, formatNumber(m.opsPerSec), k === 0 ? '' : formatRatio(ours[0]!.opsPerSec / m.opsPerSec)]), ['left', 'right', 'right']));
  let agree = 0;
  const checked = Math.min(500, sample.length);
  for (let k = 0; k < checked; k++) {
    const t = sample[k]!;
    const [peerResponse, peerResolution] = peerEvaluate(t, peer);
    const [resp, reso] = evaluateTicket(definitions, t.events, { ...options, explain: false });
    if (resp!.elapsedMs === peerResponse && reso!.elapsedMs === peerResolution) agree++;
  }
  console.log(`elapsed figures agree with the hand-written peer clocks on ${agree} / ${checked} tickets`);

  // Memory: stream the batch from a generator (no array); the heap should not grow with the number of tickets.
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const base = heapAfterGc(gc);
  const marks: string[][] = [];
  let seen = 0;
  for (const r of evaluateTickets(definitions, tickets(ctx.seed + 1, TICKETS), { ...options, explain: true })) {
    if (!r.success) throw r.error;
    seen++;
    if (seen % 25_000 === 0) marks.push([formatNumber(seen), `${((heapAfterGc(gc) - base) / 1024 / 1024).toFixed(2)} MiB`]);
  }
  console.log('\nstreaming a generator of tickets through evaluateTickets (explain on): heap above the start, after GC');
  console.log(formatTable(['tickets evaluated', 'heap growth'], marks, ['right', 'right']));

  costLaws(office);
}

/** Median wall time of `fn` over rounds within a small budget (at least 3 runs). */
function medianMs(fn: () => unknown, budgetMs = 300): number {
  const times: number[] = [];
  const t0 = performance.now();
  while (times.length < 3 || (performance.now() - t0 < budgetMs && times.length < 200)) times.push(timeOnce(fn).ms);
  return median(times);
}

/**
 * Cost laws (printed, not asserted): the cost of evaluating and explaining grows with the events (and the segments
 * they create), not with the span of time between them; explaining is linear in the history's length.
 */
function costLaws(office: ReturnType<typeof createCalendar>): void {
  const DAY = 86_400_000;
  const calendars = { office };
  const opened = Date.UTC(2026, 2, 9, 14);
  const history: TicketEvent[] = [
    { at: opened, type: 'CREATE', set: { state: 'new' } },
    { at: opened + 20 * MINUTE, type: 'ASSIGN', set: { state: 'in_progress' } },
  ];
  const lastSupported = Date.UTC(9999, 11, 31, 23, 59, 59);
  const spans: Array<[string, number]> = [['1 day', DAY], ['1 month', 30 * DAY], ['1 year', 365 * DAY], ['10 years', 3652 * DAY], ['100 years', 36_524 * DAY], ['1,000 years', 365_242 * DAY], ['to 9999-12-31', lastSupported - opened]];
  console.log('\ncost law 1: one open ticket (2 events) on office hours, evaluated at now = last event + span');
  const rows: string[][] = [];
  let base: number[] | null = null;
  for (const [label, span] of spans) {
    const now = Math.min(opened + 20 * MINUTE + span, lastSupported);
    const figures = medianMs(() => evaluateSla(resolution, history, { calendars, now, explain: false }));
    const explained = medianMs(() => evaluateSla(resolution, history, { calendars, now, explain: true }));
    const result = evaluateSla(resolution, history, { calendars, now, explain: true });
    const lines = medianMs(() => explainSla(result));
    base ??= [figures, explained, lines];
    rows.push([label, formatMs(figures), formatMs(explained), formatMs(lines), formatNumber(result.segments.length),
      formatRatio(figures / base[0]!), formatRatio(explained / base[1]!)]);
  }
  console.log(formatTable(['span', 'evaluate (explain: false)', 'evaluate (explain: true)', 'explainSla', 'segments', 'false vs 1 day', 'true vs 1 day'], rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right']));

  console.log('\ncost law 2: explanation against history length (a hold and a resume every 2 h, 24x7 clock)');
  const around = createSlaDefinition({ id: 'law', target: 'P3660D', calendar: '24x7', start: true, stop: false, pause: { field: 'state', eq: 'on_hold' } });
  const rows2: string[][] = [];
  let perEvent0: number | null = null;
  evaluateSla(around, [{ at: opened, type: 'E' }], { calendars, now: opened + 1 }); // warm-up
  for (const n of [1_000, 10_000, 50_000]) {
    const events: TicketEvent[] = [];
    for (let i = 0; i < n; i++) events.push({ at: opened + i * 3_600_000, type: 'E', set: { state: i % 2 === 1 ? 'on_hold' : 'in_progress' } });
    const now = opened + n * 3_600_000;
    const evaluate = medianMs(() => evaluateSla(around, events, { calendars, now }), 200);
    const result = evaluateSla(around, events, { calendars, now });
    const explain = medianMs(() => explainSla(result), 200);
    const perEvent = (evaluate + explain) / n;
    perEvent0 ??= perEvent;
    rows2.push([formatNumber(n), formatNumber(result.segments.length), formatMs(evaluate), formatMs(explain), `${(perEvent * 1000).toFixed(2)} µs`, formatRatio(perEvent / perEvent0)]);
  }
  console.log(formatTable(['events', 'segments', 'evaluateSla (explain)', 'explainSla', 'per event', 'vs 1,000 events'], rows2, ['right', 'right', 'right', 'right', 'right', 'right']));
}
