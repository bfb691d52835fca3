// `itsm-kit sla`: tickets in (NDJSON, one `{ id, events }` a line), one result line per ticket out, in input
// order, in constant memory; `--workers N` spreads batches over worker threads.
import type { createWriteStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { evaluateLines, calendarsFrom, checkCalendarKeys, definitionsFrom, readNow, type LineOutcome, type SlaSetup } from './evaluate.js';
import { fileSize, openInput, openOutput, readDataFile, readLines, writeText } from './io.js';
import { UsageError } from './errors.js';

/** Options of `itsm-kit sla`, as commander parses them. @internal */
export interface SlaCommandOptions {
  readonly definitions: string;
  readonly calendars?: string;
  readonly tickets: string;
  readonly now?: string;
  readonly explain?: boolean;
  readonly workers?: string;
  readonly out?: string;
  readonly failFast?: boolean;
  readonly batch?: string;
}

/** What a worker thread needs to rebuild the setup: the files' JSON as read. @internal */
export interface WorkerInit {
  readonly definitions: unknown;
  readonly calendars: unknown;
  readonly now: number;
  readonly explain: boolean;
  readonly source: string;
}

/** A batch of lines sent to a worker, and what comes back. @internal */
export interface WorkerJob {
  readonly seq: number;
  readonly lines: ReadonlyArray<{ readonly n: number; readonly text: string }>;
}

/** Builds the setup from the files' JSON (the main thread and every worker do this). @internal */
export function setupFrom(init: Pick<WorkerInit, 'definitions' | 'calendars'>, where: { definitions: string; calendars: string }): SlaSetup {
  const setup = {
    definitions: definitionsFrom(init.definitions, where.definitions),
    calendars: init.calendars === undefined ? {} : calendarsFrom(init.calendars, where.calendars),
  };
  checkCalendarKeys(setup, where.definitions);
  return setup;
}

function positiveInt(text: string | undefined, option: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${option}: expected a whole number from 1 to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

/** A pool of worker threads evaluating batches; results come back by sequence number. */
class Pool {
  private readonly workers: Worker[] = [];
  /** Batches sent to each worker and not answered yet. */
  private readonly busy: number[] = [];
  private readonly waiting = new Map<number, (r: LineOutcome[]) => void>();
  private failure: Error | null = null;

  constructor(size: number, init: WorkerInit, entry: URL) {
    for (let i = 0; i < size; i++) {
      const w = entry.pathname.endsWith('.ts')
        // Run from the sources (tests, `node --import tsx`): the worker needs tsx's loader registered first.
        ? new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(entry.href)}));`, { eval: true, workerData: { itsmKitSlaWorker: init } })
        : new Worker(entry, { workerData: { itsmKitSlaWorker: init } });
      const index = i;
      w.on('message', (m: { seq: number; outcomes: LineOutcome[] }) => {
        this.busy[index]!--;
        this.waiting.get(m.seq)?.(m.outcomes);
        this.waiting.delete(m.seq);
      });
      w.on('error', (e) => { this.failure = e; for (const r of this.waiting.values()) r([]); });
      this.workers.push(w);
      this.busy.push(0);
    }
  }

  run(job: WorkerJob): Promise<LineOutcome[]> {
    return new Promise((resolve) => {
      this.waiting.set(job.seq, resolve);
      // To the least busy worker: a worker the scheduler starves does not hold up the batches behind it.
      let pick = 0;
      for (let i = 1; i < this.busy.length; i++) if (this.busy[i]! < this.busy[pick]!) pick = i;
      this.busy[pick]!++;
      this.workers[pick]!.postMessage(job);
    });
  }

  check(): void {
    if (this.failure !== null) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Runs `itsm-kit sla`; resolves to the exit status (0, or 1 when a line was bad). @internal */
export async function runSla(options: SlaCommandOptions, env: { stdout: Writable; stderr: NodeJS.WriteStream; clock: () => number; entry: URL }): Promise<number> {
  const workers = positiveInt(options.workers, '--workers', 0, 64);
  const batchSize = positiveInt(options.batch, '--batch', 256, 100_000);
  const definitionsJson = readDataFile(options.definitions, '--definitions');
  const calendarsJson = options.calendars === undefined ? undefined : readDataFile(options.calendars, '--calendars');
  const now = readNow(options.now, '--now', env.clock);
  const source = options.tickets === '-' ? 'stdin' : options.tickets;
  const setup = setupFrom({ definitions: definitionsJson, calendars: calendarsJson }, { definitions: options.definitions, calendars: options.calendars ?? '--calendars' });
  const input = openInput(options.tickets, '--tickets');
  const out: Writable = options.out === undefined ? env.stdout : openOutput(options.out, '--out');
  const explain = options.explain === true;

  const total = fileSize(options.tickets);
  const bar = env.stderr.isTTY === true
    ? new cliProgress.SingleBar({ stream: env.stderr, format: '{bar} {percentage}% | {tickets} tickets | {bad} bad', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
    : null;
  let read = 0, done = 0, badLines = 0;
  bar?.start(total ?? 1, 0, { tickets: 0, bad: 0 });

  const pool = workers > 0 ? new Pool(workers, { definitions: definitionsJson, calendars: calendarsJson, now, explain, source }, env.entry) : null;
  const pending: Array<Promise<LineOutcome[]>> = [];
  const maxInFlight = Math.max(2, workers * 4);
  let stop = false;

  // Writes finished batches in order; stops at the first bad line with --fail-fast.
  const flush = async (outcomes: LineOutcome[]): Promise<void> => {
    let text = '';
    for (const o of outcomes) {
      text += `${o.output}\n`;
      done++;
      if (o.problem !== null) {
        badLines++;
        if (bar !== null) env.stderr.write('\n');
        env.stderr.write(`${o.problem}\n`);
        if (options.failFast === true) {
          stop = true;
          break;
        }
      }
    }
    // One write per batch: fewer waits for the stream to drain.
    if (text !== '') await writeText(out, text);
    bar?.update(total === null ? 0 : read, { tickets: done, bad: badLines });
  };

  let seq = 0;
  let lines: Array<{ n: number; text: string }> = [];
  const submit = async (): Promise<void> => {
    const job = { seq: seq++, lines };
    lines = [];
    if (pool === null) {
      await flush(evaluateLines(setup, job.lines, now, explain, source));
      return;
    }
    pending.push(pool.run(job));
    while (pending.length >= maxInFlight && !stop) {
      await flush(await pending.shift()!);
      pool.check();
    }
  };

  try {
    let n = 0;
    for await (const text of readLines(input, (bytes) => { read += bytes; })) {
      n++;
      if (text.trim() === '') continue;
      lines.push({ n, text });
      if (lines.length >= batchSize) await submit();
      if (stop) break;
    }
    if (lines.length > 0 && !stop) await submit();
    while (pending.length > 0 && !stop) {
      await flush(await pending.shift()!);
      pool?.check();
    }
  } finally {
    await pool?.close();
    bar?.stop();
    if (input !== process.stdin) input.destroy();
  }
  if (out !== env.stdout) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
  if (badLines > 0) env.stderr.write(`${badLines} of ${done} ticket line(s) had errors${stop ? ' (stopped at the first: --fail-fast)' : ''}\n`);
  return badLines > 0 ? 1 : 0;
}
