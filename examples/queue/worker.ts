// A worker: evaluates tickets with evaluateTickets, stores the results in Redis, and arms one delayed job at the
// earliest nextChangeAt, where a warning or a breach will happen if nothing else changes. Start as many as you
// like, on as many machines as you like: BullMQ hands each job to one of them, and a job whose worker died is
// handed to another (at least once), which is safe because every write here is idempotent.
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/queue/worker.ts
import { Queue, Worker, type Job } from 'bullmq';
import { toEpochMs } from 'itsm-kit/core';
import { evaluateTickets, type SlaResult } from 'itsm-kit/sla';
import { calendars, definitions, QUEUE, redis, RESULTS, RUNS, timerJobId, type TicketJob } from './shared.js';

// The clock: the real one, or a fixed instant for a reproducible run (SLA_NOW=2026-03-20T00:00:00Z).
const fixedNow = process.env['SLA_NOW'];
const clock = (): number => (fixedNow === undefined ? Date.now() : toEpochMs(fixedNow, 'SLA_NOW'));

const connection = redis();
const store = redis();
const timers = new Queue<TicketJob>(QUEUE, { connection: redis() });

async function evaluate(job: Job<TicketJob>): Promise<void> {
  const ticket = job.data;
  const now = clock();
  const [outcome] = [...evaluateTickets(definitions, [ticket], { calendars, now })];
  if (outcome === undefined || !outcome.success) throw new Error(outcome?.error.message ?? 'no outcome');
  // Results keyed by ticket id: a second run of the same job writes the same value (last write wins, same value).
  await store.multi().hset(RESULTS, ticket.id, JSON.stringify(outcome.data)).hincrby(RUNS, ticket.id, 1).exec();
  const next = earliest(outcome.data);
  if (next !== null) {
    // One timer per ticket and instant: adding a job whose id exists is a no-op, so a re-run arms nothing twice.
    await timers.add('timer', ticket, { jobId: timerJobId(ticket.id, next), delay: Math.max(0, next - now), removeOnComplete: true });
  }
}

function earliest(results: readonly SlaResult[]): number | null {
  let min: number | null = null;
  for (const r of results) if (r.nextChangeAt !== null && (min === null || r.nextChangeAt.getTime() < min)) min = r.nextChangeAt.getTime();
  return min;
}

const worker = new Worker<TicketJob>(QUEUE, evaluate, {
  connection,
  concurrency: Number(process.env['SLA_CONCURRENCY'] ?? 50),
  // How soon a dead worker's jobs go back to the queue (short here so the demo recovers quickly).
  lockDuration: Number(process.env['SLA_LOCK_MS'] ?? 30_000),
  stalledInterval: Number(process.env['SLA_STALLED_MS'] ?? 30_000),
});
worker.on('failed', (job, err) => console.error(`job ${job?.id} failed: ${err.message}`));
worker.on('ready', () => console.log(`worker ${process.pid} ready on "${QUEUE}"`));

const stop = async (): Promise<void> => {
  await worker.close();
  await timers.close();
  store.disconnect();
  connection.disconnect();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
