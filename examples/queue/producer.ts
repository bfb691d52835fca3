// The producer: a ticketing backend that enqueues a ticket every time it changes.
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/queue/producer.ts 10000
import { Queue } from 'bullmq';
import { evaluateJobId, QUEUE, redis, sampleTickets, type TicketJob } from './shared.js';

const count = Number(process.argv[2] ?? 1000);
const connection = redis();
const queue = new Queue<TicketJob>(QUEUE, { connection });
const tickets = sampleTickets(count);
for (let i = 0; i < tickets.length; i += 500) {
  // Idempotent ids: a retry of this loop (or a second producer) adds nothing twice.
  await queue.addBulk(tickets.slice(i, i + 500).map((t) => ({ name: 'evaluate', data: t, opts: { jobId: evaluateJobId(t), removeOnComplete: true, removeOnFail: 1000 } })));
}
console.log(`enqueued ${tickets.length} tickets on "${QUEUE}"`);
await queue.close();
connection.disconnect();
