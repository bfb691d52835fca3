#!/usr/bin/env node
// The `itsm-kit` command (package.json `bin`). The same file is the worker-thread entry of `sla --workers N`.
import { isMainThread, workerData } from 'node:worker_threads';
import { runCli } from './program.js';
import { runSlaWorker } from './worker.js';

if (!isMainThread && (workerData as { itsmKitSlaWorker?: unknown } | null)?.itsmKitSlaWorker !== undefined) {
  runSlaWorker((workerData as { itsmKitSlaWorker: Parameters<typeof runSlaWorker>[0] }).itsmKitSlaWorker);
} else {
  // A closed pipe (`itsm-kit demo | head`) is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, clock: () => Date.now(), entry: new URL(import.meta.url) })
    .then((code) => { process.exitCode = code; });
}
