/**
 * Metrics benchmark: 1,000,000 incident records, MTTR mean / median / p90 (with the Kaplan-Meier median over the
 * open ones, censored at `now`) plus SLA compliance, grouped by priority, with itsm-kit's `durationMetrics` and
 * `slaCompliance` on the plain JS records. Beside it the same aggregation in the same process with DuckDB
 * (`@duckdb/node-api`; the data loaded first with an appender, only the query timed, with 1 and with all
 * threads) and arquero 7 (the table built first, only derive + groupby + rollup timed). Prints the times,
 * the ratios, whether the figures agree, and the memory itsm-kit allocates next to the size of the input.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { DuckDBInstance } from '@duckdb/node-api';
import * as aq from 'arquero';
import { durationMetrics, slaCompliance } from '../src/metrics/index.js';
import { formatMs, formatNumber, formatRatio, formatTable, heading, median, mulberry32, randomInt, type SuiteContext } from './harness.js';

export const title = 'Metrics: MTTR mean/median/p90 + SLA compliance by priority over 1,000,000 incidents vs DuckDB and arquero';

const N = 1_000_000;
const ROUNDS = 5;
const HOUR = 3_600_000;
const NOW = Date.UTC(2027, 0, 1);
const STAGES = ['completed', 'running', 'paused', 'canceled', 'not_started'] as const;
type Stage = (typeof STAGES)[number];

interface Incident {
  readonly priority: number;
  readonly openedAt: number;
  readonly resolvedAt: number | null;
  readonly stage: Stage;
  readonly breached: boolean;
}

function workload(seed: number): Incident[] {
  const rng = mulberry32(seed);
  const out: Incident[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const priority = randomInt(rng, 1, 4);
    const openedAt = NOW - randomInt(rng, 1, 365 * 24 * 60) * 60_000;
    const open = rng() < 0.04;
    // log-normal-ish repair times, longer for lower priorities
    const hours = Math.exp(rng() * 3 + priority * 0.5) * (0.5 + rng());
    const resolvedAt = open ? null : Math.min(NOW, openedAt + Math.round(hours * HOUR));
    const u = rng();
    const stage: Stage = open ? (u < 0.7 ? 'running' : 'paused') : u < 0.97 ? 'completed' : u < 0.99 ? 'canceled' : 'not_started';
    out[i] = { priority, openedAt, resolvedAt, stage, breached: rng() < 0.08 * priority };
  }
  return out;
}

interface Row { priority: number; mean: number; median: number; p90: number; n: number; censored: number; compliance: number }

function itsmKit(records: readonly Incident[]): Row[] {
  const d = durationMetrics(records, { by: 'priority', now: NOW });
  const s = slaCompliance(records, { by: 'priority' });
  return d.groups!.map((g, k) => ({ priority: g.values[0] as number, mean: g.result.mean!, median: g.result.median!, p90: g.result.p90!, n: g.result.n, censored: g.result.nCensored, compliance: s.groups![k]!.result.value! }));
}

const SQL = `
SELECT priority,
  avg(resolved_at - opened_at) AS mean,
  median(resolved_at - opened_at) AS median,
  quantile_cont(resolved_at - opened_at, 0.9) AS p90,
  count(resolved_at) AS n,
  count(*) - count(resolved_at) AS censored,
  sum(CASE WHEN stage = 0 AND NOT breached THEN 1 ELSE 0 END)
    / sum(CASE WHEN stage = 0 OR (stage IN (1, 2) AND breached) THEN 1 ELSE 0 END) AS compliance
FROM incidents GROUP BY priority ORDER BY priority`;

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function agree(a: readonly Row[], b: readonly Row[]): string {
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const ok = a.length === b.length && a.every((r, i) => {
    const o = b[i]!;
    return r.priority === o.priority && r.n === o.n && r.censored === o.censored && close(r.mean, o.mean) && close(r.median, o.median) && close(r.p90, o.p90) && close(r.compliance, o.compliance);
  });
  return ok ? 'yes' : 'NO';
}

export async function run(ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const before = heapAfterGc(gc);
  const records = workload(ctx.seed);
  const inputBytes = heapAfterGc(gc) - before;

  // itsm-kit: on the records as they are
  const kitTimes: number[] = [];
  const kitCpu: number[] = [];
  let kitRows: Row[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    kitRows = itsmKit(records);
    const c = process.cpuUsage(c0);
    if (r > 0) {
      kitTimes.push(performance.now() - t0); // round 0 warms up
      kitCpu.push((c.user + c.system) / 1000);
    }
  }
  // memory: what one call allocates (heap + typed arrays), measured without a GC during the call
  gc();
  gc();
  const m0 = process.memoryUsage();
  itsmKit(records);
  const m1 = process.memoryUsage();
  const allocated = m1.heapUsed + m1.arrayBuffers - (m0.heapUsed + m0.arrayBuffers);

  // DuckDB: load with an appender (not timed), time the query only
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  await con.run('CREATE TABLE incidents (priority INTEGER, opened_at DOUBLE, resolved_at DOUBLE, stage TINYINT, breached BOOLEAN)');
  const loadT0 = performance.now();
  const app = await con.createAppender('incidents');
  for (const x of records) {
    app.appendInteger(x.priority);
    app.appendDouble(x.openedAt);
    if (x.resolvedAt === null) app.appendNull();
    else app.appendDouble(x.resolvedAt);
    app.appendTinyInt(STAGES.indexOf(x.stage));
    app.appendBoolean(x.breached);
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
  const duckLoad = performance.now() - loadT0;
  const duck = async (threads: number | null): Promise<{ times: number[]; cpu: number[]; rows: Row[] }> => {
    await con.run(threads === null ? 'RESET threads' : `SET threads = ${threads}`);
    const times: number[] = [];
    const cpu: number[] = [];
    let rows: Row[] = [];
    for (let r = 0; r < ROUNDS + 1; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const reader = await con.runAndReadAll(SQL);
      const objs = reader.getRowObjectsJS() as Array<Record<string, unknown>>;
      const c = process.cpuUsage(c0);
      if (r > 0) {
        times.push(performance.now() - t0);
        cpu.push((c.user + c.system) / 1000);
      }
      rows = objs.map((o) => ({ priority: Number(o['priority']), mean: Number(o['mean']), median: Number(o['median']), p90: Number(o['p90']), n: Number(o['n']), censored: Number(o['censored']), compliance: Number(o['compliance']) }));
    }
    return { times, cpu, rows };
  };
  const duck1 = await duck(1);
  const duckAll = await duck(null);
  const threadsAll = Number((await (await con.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS())[0]!['t']);
  con.closeSync();
  instance.closeSync();

  // arquero: build the columnar table (not timed), time derive + groupby + rollup
  const aqT0 = performance.now();
  const table = aq.table({
    priority: Int32Array.from(records, (x) => x.priority),
    opened: Float64Array.from(records, (x) => x.openedAt),
    resolved: Float64Array.from(records, (x) => (x.resolvedAt === null ? Number.NaN : x.resolvedAt)),
    stage: Int8Array.from(records, (x) => STAGES.indexOf(x.stage)),
    breached: Uint8Array.from(records, (x) => (x.breached ? 1 : 0)),
  });
  const aqLoad = performance.now() - aqT0;
  const aqTimes: number[] = [];
  const aqCpu: number[] = [];
  let aqRows: Row[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = table
      .derive({
        dur: (d: any) => d.resolved - d.opened,
        met: (d: any) => (d.stage === 0 && !d.breached ? 1 : 0),
        counted: (d: any) => (d.stage === 0 || ((d.stage === 1 || d.stage === 2) && d.breached) ? 1 : 0),
      })
      .groupby('priority')
      .rollup({
        mean: aq.op.mean('dur'),
        median: aq.op.median('dur'),
        p90: aq.op.quantile('dur', 0.9),
        n: aq.op.valid('dur'),
        all: aq.op.count(),
        met: aq.op.sum('met'),
        counted: aq.op.sum('counted'),
      })
      .orderby('priority')
      .objects() as Array<Record<string, number>>;
    const c = process.cpuUsage(c0);
    if (r > 0) {
      aqTimes.push(performance.now() - t0);
      aqCpu.push((c.user + c.system) / 1000);
    }
    aqRows = out.map((o) => ({ priority: o['priority']!, mean: o['mean']!, median: o['median']!, p90: o['p90']!, n: o['n']!, censored: o['all']! - o['n']!, compliance: o['met']! / o['counted']! }));
  }

  const kit = median(kitTimes);
  const kitC = median(kitCpu);
  const line = (name: string, times: number[], cpu: number[], load: string, same: string): string[] => [
    name, formatMs(median(times)), formatRatio(median(times) / kit), formatMs(median(cpu)), formatRatio(median(cpu) / kitC), load, same,
  ];
  const rows = [
    line('itsm-kit (durationMetrics + slaCompliance, records as given)', kitTimes, kitCpu, '-', 'reference'),
    line('DuckDB, 1 thread (query only)', duck1.times, duck1.cpu, formatMs(duckLoad), agree(kitRows, duck1.rows)),
    line(`DuckDB, ${threadsAll} threads (query only)`, duckAll.times, duckAll.cpu, formatMs(duckLoad), agree(kitRows, duckAll.rows)),
    line('arquero 7 (derive + groupby + rollup)', aqTimes, aqCpu, formatMs(aqLoad), agree(kitRows, aqRows)),
  ];
  console.log(`${formatNumber(N)} incidents, 4 priorities, ~4 % open (censored at now); median of ${ROUNDS} rounds after a warm-up`);
  console.log(formatTable(['candidate', 'wall', 'wall / itsm-kit', 'CPU', 'CPU / itsm-kit', 'load (untimed)', 'same figures'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'left']));
  console.log('(CPU = user + system time of the process during the call, all threads: steadier than wall time on a busy machine)');
  console.log(`\nitsm-kit also returns the Kaplan-Meier median per priority (the peers' queries do not): ${kitRows.map((r) => `P${r.priority} n=${formatNumber(r.n)} open=${formatNumber(r.censored)}`).join(', ')}`);
  console.log(`memory: input records ${formatNumber(inputBytes / 1024 / 1024, 1)} MiB on the heap; one itsm-kit call allocates ${formatNumber(allocated / 1024 / 1024, 1)} MiB (typed arrays and results), ${formatRatio(allocated / inputBytes)} the input`);
}
