/**
 * A tiny benchmark harness shared by every `bench/*.bench.ts` suite.
 *
 * - {@link measure} / {@link compare}: run functions over a pre-generated workload for a time budget, several
 *   rounds, and report the median ops/s. {@link compare} interleaves the rounds of its candidates, so a noisy
 *   neighbour on a shared machine slows every candidate alike and the ratios stay meaningful.
 * - {@link mulberry32}: a seeded PRNG, so a workload is identical on every run.
 * - {@link formatTable} and number formatters for the printed report.
 *
 * A benchmark measures; it never asserts a time.
 */
import { cpus, loadavg } from 'node:os';

// ---------------------------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------------------------

/** A seeded PRNG returning floats in `[0, 1)` (mulberry32: 32-bit state, fast, good enough for workloads). */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uniform integer in `[min, max]` (both inclusive). */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** The default seed; override with `BENCH_SEED=<uint32>` to try another workload. */
export const DEFAULT_SEED = 20_260_101;

export function benchSeed(): number {
  const text = process.env['BENCH_SEED'];
  if (text === undefined || text === '') return DEFAULT_SEED;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`BENCH_SEED=${text} is not an unsigned 32-bit integer`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------------------------

export interface MeasureOptions {
  /** Time budget of one round, in ms (default 300). Every candidate gets the same budget, not the same count. */
  minMs?: number;
  /** Number of timed rounds (default 5); the reported figure is the median round. */
  rounds?: number;
  /** Untimed warm-up before the first round, in ms (default `minMs`). */
  warmupMs?: number;
}

export interface Measurement {
  readonly name: string;
  /** Median over rounds of ops per second. */
  readonly opsPerSec: number;
  readonly minOpsPerSec: number;
  readonly maxOpsPerSec: number;
  /** ops/s of each round, in the order they ran. */
  readonly rounds: readonly number[];
  /** Total timed operations over all rounds. */
  readonly ops: number;
}

export interface Candidate<T> {
  readonly name: string;
  readonly fn: (item: T) => unknown;
}

/** Results land here so that the engine cannot drop a call whose value is unused. */
let sink: unknown;
/** Reads the sink (keeps it observable; call it once at the end of a suite if you like). */
export function blackhole(): unknown {
  return sink;
}

/** Longest stretch between two clock reads inside a round, in ms. */
const BATCH_TARGET_MS = 2;

/** Runs `fn` over `workload` from `cursor` for `budgetMs`; returns ops done, elapsed ms and the new cursor. */
function runFor<T>(workload: readonly T[], fn: (item: T) => unknown, cursor: number, budgetMs: number): { ops: number; ms: number; cursor: number } {
  const n = workload.length;
  let i = cursor;
  let ops = 0;
  let batch = 1;
  const t0 = performance.now();
  let elapsed = 0;
  for (;;) {
    const b0 = performance.now();
    for (let k = 0; k < batch; k++) {
      sink = fn(workload[i]!);
      if (++i === n) i = 0;
    }
    ops += batch;
    const now = performance.now();
    elapsed = now - t0;
    if (elapsed >= budgetMs) break;
    // Grow the batch while it is short, so that reading the clock costs nothing next to fast functions.
    if (now - b0 < BATCH_TARGET_MS / 2) batch *= 2;
  }
  return { ops, ms: elapsed, cursor: i };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The `p`-th percentile (0-100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank]!;
}

/**
 * Measures several candidates on the same workload with the same time budget. Rounds are interleaved
 * (round 1 of every candidate, then round 2, ...); each candidate continues through the workload where its
 * previous round stopped, so slow candidates still see many different items.
 */
export function compare<T>(workload: readonly T[], candidates: readonly Candidate<T>[], options: MeasureOptions = {}): Measurement[] {
  if (workload.length === 0) throw new Error('compare: the workload is empty');
  const minMs = options.minMs ?? 300;
  const rounds = options.rounds ?? 5;
  const warmupMs = options.warmupMs ?? minMs;
  const state = candidates.map(() => ({ cursor: 0, ops: 0, rounds: [] as number[] }));
  candidates.forEach((c, k) => {
    const w = runFor(workload, c.fn, 0, warmupMs);
    state[k]!.cursor = w.cursor;
  });
  for (let r = 0; r < rounds; r++) {
    candidates.forEach((c, k) => {
      const st = state[k]!;
      const res = runFor(workload, c.fn, st.cursor, minMs);
      st.cursor = res.cursor;
      st.ops += res.ops;
      st.rounds.push((res.ops / res.ms) * 1000);
    });
  }
  return candidates.map((c, k) => {
    const st = state[k]!;
    return {
      name: c.name,
      opsPerSec: median(st.rounds),
      minOpsPerSec: Math.min(...st.rounds),
      maxOpsPerSec: Math.max(...st.rounds),
      rounds: st.rounds,
      ops: st.ops,
    };
  });
}

/** Measures one function over a workload (see {@link compare}). */
export function measure<T>(name: string, workload: readonly T[], fn: (item: T) => unknown, options: MeasureOptions = {}): Measurement {
  return compare(workload, [{ name, fn }], options)[0]!;
}

/** Wall time of one call, in ms, with its result. */
export function timeOnce<R>(fn: () => R): { ms: number; value: R } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Suites
// ---------------------------------------------------------------------------------------------------------------

/** What `bench/index.ts` passes to each suite's `run`. */
export interface SuiteContext {
  /** Seed for the suite's workload PRNG (printed by the runner). */
  readonly seed: number;
  /** Position of the suite in this run (0 = first). */
  readonly index: number;
  /** Whether no other suite ran before this one in the process (cold-start figures are only cold then). */
  readonly firstInProcess: boolean;
}

/** The shape of a `bench/*.bench.ts` module. */
export interface BenchSuite {
  /** One line naming what the suite measures. */
  readonly title: string;
  run(ctx: SuiteContext): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Host checks
// ---------------------------------------------------------------------------------------------------------------

/**
 * Stops the run when the process's zone is not `zone`, judged by `Date#getTimezoneOffset` at the given instants
 * (peer libraries that compute in the host's local zone need it). Reads no `Intl` data, so it does not warm the
 * zone for first-query measurements.
 */
export function requireHostZone(zone: string, expected: ReadonlyArray<readonly [instant: string, offsetMinutes: number]>): void {
  const wrong = expected.filter(([at, off]) => new Date(at).getTimezoneOffset() !== off);
  if (wrong.length > 0) {
    const seen = wrong.map(([at, off]) => `${at}: offset ${new Date(at).getTimezoneOffset()} min, expected ${off}`).join('; ');
    throw new HostZoneError(
      `This benchmark must run with the host zone ${zone} (the peer libraries compute in the host's local zone), ` +
        `but TZ=${process.env['TZ'] ?? '(unset)'} gives ${seen}. Run it with \`npm run bench\`, or TZ=${zone} npx tsx bench/index.ts.`,
    );
  }
}

export class HostZoneError extends Error {
  override readonly name = 'HostZoneError';
}

/** The zone `npm run bench` gives the process (TZ=America/New_York in package.json). */
export const BENCH_HOST_ZONE = 'America/New_York';

/** {@link requireHostZone} for {@link BENCH_HOST_ZONE}: EST in winter, EDT in summer, both sides of 2026-03-08 07:00Z. */
export function requireBenchHostZone(): void {
  requireHostZone(BENCH_HOST_ZONE, [
    ['2026-01-15T12:00:00Z', 300], ['2026-07-15T12:00:00Z', 240], ['2026-03-08T06:59:00Z', 300], ['2026-03-08T07:00:00Z', 240],
  ]);
}

/** One line describing the machine and its load, printed above results (the load explains noisy figures). */
export function machineLine(): string {
  const cpu = cpus();
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  return `node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load average ${load}, TZ=${process.env['TZ'] ?? '(unset)'}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------------------------

/**
 * `1,234,567` or, with `digits` decimals, `1,234.57`. Written by hand rather than with `toLocaleString`, so that
 * printing never touches `Intl` (which would warm ICU before a first-query measurement).
 */
export function formatNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = Math.abs(n).toFixed(digits).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A ratio such as `1,234x` or `0.85x`. */
export function formatRatio(r: number): string {
  return `${formatNumber(r, r >= 100 ? 0 : r >= 10 ? 1 : 2)}x`;
}

/** Milliseconds with a unit that keeps three significant digits (`412 µs`, `1.23 ms`). */
export function formatMs(ms: number): string {
  if (ms < 1) return `${formatNumber(ms * 1000, ms < 0.01 ? 2 : ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 1000) return `${formatNumber(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
  return `${formatNumber(ms / 1000, 2)} s`;
}

export type Align = 'left' | 'right';

/**
 * A plain-text table: a header row, a rule, then the rows. Columns are left-aligned unless `align` says
 * otherwise; cells may be empty strings.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly Align[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A section heading. */
export function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`;
}
