// `itsm-kit serve`: the service on @hono/node-server, with the definitions loaded at start and a graceful
// shutdown on SIGTERM / SIGINT (stop accepting, finish what is in flight, then exit).
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import type { AddressInfo } from 'node:net';
import { readDataFile } from '../io.js';
import { UsageError } from '../errors.js';
import { setupFrom } from '../sla.js';
import { createServiceApp } from './app.js';

/** Options of `itsm-kit serve`. @internal */
export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly definitions?: string;
  readonly calendars?: string;
  readonly bodyLimit?: string;
  readonly timeBudget?: string;
  readonly shutdownTimeout?: string;
}

function intOption(text: string | undefined, option: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${option}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

/** Starts the service; resolves when it has shut down. @internal */
export async function runServe(options: ServeOptions, env: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; clock: () => number }): Promise<number> {
  const port = intOption(options.port, '--port', 8080, 0, 65_535);
  const bodyLimit = intOption(options.bodyLimit, '--body-limit', 1_048_576, 1024, 1_073_741_824);
  const timeBudgetMs = intOption(options.timeBudget, '--time-budget', 10_000, 1, 600_000);
  const shutdownMs = intOption(options.shutdownTimeout, '--shutdown-timeout', 10_000, 0, 600_000);
  const setup = setupFrom(
    { definitions: options.definitions === undefined ? [] : readDataFile(options.definitions, '--definitions'), calendars: options.calendars === undefined ? undefined : readDataFile(options.calendars, '--calendars') },
    { definitions: options.definitions ?? '--definitions', calendars: options.calendars ?? '--calendars' },
  );
  const app = createServiceApp({ setup, bodyLimit, timeBudgetMs, clock: env.clock, version: '0.1.0' });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: options.host ?? '127.0.0.1' }, (info: AddressInfo) => {
      env.stdout.write(`itsm-kit service listening on http://${info.address}:${info.port} (${setup.definitions.length} definitions, ${Object.keys(setup.calendars).length} calendars)\n`);
    });
    server.on('error', (e: NodeJS.ErrnoException) => {
      env.stderr.write(`itsm-kit serve: cannot listen on ${options.host ?? '127.0.0.1'}:${port} (${e.code ?? e.message})\n`);
      resolve(2);
    });
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      env.stdout.write(`${signal}: finishing requests in flight, then stopping\n`);
      // Idle keep-alive connections would hold close() open: close them; busy ones finish their request.
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      const force = setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), shutdownMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        env.stdout.write('stopped\n');
        resolve(0);
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** Adds `serve` to the program. @internal */
export function addServeCommand(program: Command, env: Parameters<typeof runServe>[1], setExit: (code: number) => void, examples: (lines: string[]) => string): void {
  program.command('serve')
    .description('Run the HTTP/JSON service: SLA evaluation, calendar arithmetic and definition checks for any backend.')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-d, --definitions <file>', 'SLA definitions loaded at start (requests may send their own)')
    .option('-c, --calendars <file>', 'calendars by key loaded at start (requests may send their own)')
    .option('--body-limit <bytes>', 'largest request body; larger ones get 413', '1048576')
    .option('--time-budget <ms>', 'time budget of one request; longer batches get 503', '10000')
    .option('--shutdown-timeout <ms>', 'on SIGTERM, how long requests in flight may take before their connections are closed', '10000')
    .addHelpText('after', examples([
      'itsm-kit serve --port 8080 -d defs.json -c cals.json',
      'curl -s localhost:8080/v1/calendar/between -d \'{"calendar":"support","from":"2026-03-06T16:00:00-05:00","to":"2026-03-09T10:00:00-04:00"}\'',
      'curl -s localhost:8080/openapi.json',
    ]))
    .action(async (options: ServeOptions) => setExit(await runServe(options, env)));
}
