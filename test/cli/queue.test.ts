// The production shape on a real queue: BullMQ on a real redis-server (started here on a free loopback port),
// two worker processes on 10,000 tickets, one killed mid-run. Every ticket must end with exactly its result and
// exactly one timer at its earliest nextChangeAt: nothing lost, nothing counted twice.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateTickets } from 'itsm-kit/sla';
import { calendars, definitions, RESULTS, RUNS, sampleTickets, timerJobId, QUEUE } from '../../examples/queue/shared.js';
import { ROOT } from './helpers.js';

const TICKETS = 10_000;
const NOW = '2026-03-10T15:00:00Z';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let redisServer: ChildProcess;
let url: string;
let client: Redis;

beforeAll(async () => {
  const which = spawnSync('sh', ['-c', 'command -v redis-server']);
  if (which.status !== 0) throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run installs it)');
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  client = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 100 });
  client.on('error', () => undefined); // refused until redis-server is up
  await until('redis-server to answer', async () => { try { await client.connect().catch(() => undefined); return (await client.ping()) === 'PONG'; } catch { return false; } }, 15_000);
});

afterAll(async () => {
  client?.disconnect();
  redisServer?.kill('SIGTERM');
});

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'examples/queue/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: url, SLA_NOW: NOW, SLA_LOCK_MS: '2000', SLA_STALLED_MS: '1000', SLA_CONCURRENCY: '100' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('SLA evaluation on BullMQ and Redis', () => {
  it('gives every one of 10,000 tickets exactly its result and its timer when one of two workers is killed mid-run', async () => {
    const producer = spawnSync(process.execPath, ['--import', 'tsx', 'examples/queue/producer.ts', String(TICKETS)], { cwd: ROOT, env: { ...process.env, REDIS_URL: url }, encoding: 'utf8', timeout: 60_000 });
    expect(producer.status, producer.stderr).toBe(0);
    expect(producer.stdout).toContain(`enqueued ${TICKETS} tickets`);

    const a = startWorker();
    const b = startWorker();
    const exited = new Promise<void>((r) => a.once('exit', () => r()));
    try {
      await until('the first 1,500 results', async () => (await client.hlen(RESULTS)) >= 1_500, 90_000);
      a.kill('SIGKILL');
      await exited;
      const queue = new Queue(QUEUE, { connection: new Redis(url, { maxRetriesPerRequest: null }) });
      try {
        await until('every ticket evaluated and nothing waiting or active', async () => {
          const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
          return (await client.hlen(RESULTS)) === TICKETS && counts['waiting'] === 0 && counts['active'] === 0 && counts['prioritized'] === 0;
        }, 120_000);

        const tickets = sampleTickets(TICKETS);
        const expected = [...evaluateTickets(definitions, tickets, { calendars, now: NOW })];
        const stored = await client.hgetall(RESULTS);
        const expectedTimers = new Set<string>();
        let mismatches = 0;
        for (const e of expected) {
          if (!e.success) throw e.error;
          if (stored[e.id] !== JSON.stringify(e.data)) mismatches++;
          const next = e.data.map((r) => r.nextChangeAt?.getTime()).filter((t): t is number => t !== undefined);
          if (next.length > 0) expectedTimers.add(timerJobId(e.id, Math.min(...next)));
        }
        expect(mismatches).toBe(0);
        expect(Object.keys(stored)).toHaveLength(TICKETS);

        const delayed = (await queue.getDelayed(0, -1)).map((j) => j.id!);
        expect(delayed.length).toBe(new Set(delayed).size);
        expect(new Set(delayed)).toEqual(expectedTimers);
        expect(expectedTimers.size).toBeGreaterThan(300);

        const runs = Object.values(await client.hgetall(RUNS)).map(Number);
        expect(runs).toHaveLength(TICKETS);
        // At-least-once delivery: jobs the killed worker held may run again; idempotent writes make it harmless.
        expect(Math.min(...runs)).toBe(1);
        console.log(`queue: ${runs.filter((r) => r > 1).length} of ${TICKETS} tickets were evaluated again after the kill; results and timers unchanged`);
        expect((await queue.getJobCounts('failed'))['failed']).toBe(0);
      } finally {
        await queue.close();
      }
    } finally {
      a.kill('SIGKILL');
      b.kill('SIGTERM');
      await new Promise<void>((r) => (b.exitCode !== null ? r() : b.once('exit', () => r())));
    }
  });
});
