/**
 * `itsm-kit serve` under load: the real service (Hono on @hono/node-server) on 127.0.0.1 with an ephemeral port,
 * driven by an in-process load loop (node:http with a keep-alive agent) at a few concurrencies; each level is
 * bounded by a request count and a time limit. Prints requests per second and latency percentiles for one
 * ticket per request, and for batches of 100.
 */
import { request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createServiceApp } from '../src/cli/serve/app.js';
import { setupFrom } from '../src/cli/sla.js';
import { formatMs, formatNumber, formatTable, heading, mulberry32, percentile, randomInt, type SuiteContext } from './harness.js';

export const title = 'itsm-kit serve: requests per second and latency on loopback at concurrency 1, 8 and 32';

const fixtures = new URL('../test/cli/fixtures/', import.meta.url);
const MAX_REQUESTS = 3_000;
const MAX_MS = 3_000;

function ticket(rng: () => number, i: number): unknown {
  let t = Date.UTC(2026, 0, 5) + randomInt(rng, 0, 120 * 24 * 60) * 60_000;
  const events = [{ at: new Date(t).toISOString(), type: 'CREATE', set: { state: 'new', priority: randomInt(rng, 1, 2) } }];
  for (const state of ['in_progress', 'on_hold', 'in_progress', 'resolved'].slice(0, randomInt(rng, 0, 4))) {
    t += randomInt(rng, 1, 600) * 60_000;
    events.push({ at: new Date(t).toISOString(), type: 'STATE', set: { state } as never });
  }
  return { id: `INC${i}`, events };
}

function post(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/sla/evaluate', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function level(port: number, concurrency: number, bodies: readonly string[]): Promise<{ rps: number; p50: number; p99: number; count: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0, errors = 0;
  const t0 = performance.now();
  const loop = async (): Promise<void> => {
    while (next < MAX_REQUESTS && performance.now() - t0 < MAX_MS) {
      const body = bodies[next++ % bodies.length]!;
      const s = performance.now();
      const status = await post(agent, port, body);
      latencies.push(performance.now() - s);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const ms = performance.now() - t0;
  agent.destroy();
  return { rps: latencies.length / (ms / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, errors };
}

export async function run(ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  const setup = setupFrom({
    definitions: JSON.parse(readFileSync(new URL('defs.json', fixtures), 'utf8')),
    calendars: JSON.parse(readFileSync(new URL('cals.json', fixtures), 'utf8')),
  }, { definitions: 'defs.json', calendars: 'cals.json' });
  const app = createServiceApp({ setup, bodyLimit: 10_000_000, timeBudgetMs: 10_000, clock: () => Date.UTC(2026, 5, 1), version: 'bench' });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const port = (server.address() as AddressInfo).port;
  const rng = mulberry32(ctx.seed);
  const single = Array.from({ length: 500 }, (_, i) => JSON.stringify({ ticket: ticket(rng, i), now: '2026-06-01T00:00:00Z' }));
  const batches = Array.from({ length: 20 }, (_, b) => JSON.stringify({ tickets: Array.from({ length: 100 }, (_, i) => ticket(rng, b * 100 + i)), now: '2026-06-01T00:00:00Z' }));
  const rows: string[][] = [];
  try {
    await level(port, 4, single); // warm-up
    for (const [name, bodies] of [['1 ticket', single], ['batch of 100', batches]] as const) {
      for (const c of [1, 8, 32]) {
        const r = await level(port, c, bodies);
        const tickets = name === '1 ticket' ? r.rps : r.rps * 100;
        rows.push([name, String(c), formatNumber(r.count), formatNumber(r.rps), formatNumber(tickets), formatMs(r.p50), formatMs(r.p99), String(r.errors)]);
      }
    }
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  console.log(`each level: at most ${formatNumber(MAX_REQUESTS)} requests or ${MAX_MS / 1000} s; client and server share this process and its cores`);
  console.log(formatTable(['request', 'concurrency', 'requests', 'req/s', 'tickets/s', 'p50', 'p99', 'non-200'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']));
}
