// The worker-thread side of `itsm-kit sla --workers N`: rebuilds the setup once, then evaluates batches.
import { parentPort } from 'node:worker_threads';
import { evaluateLines } from './evaluate.js';
import { setupFrom, type WorkerInit, type WorkerJob } from './sla.js';

/** Serves batches on `parentPort` until the main thread terminates the worker. @internal */
export function runSlaWorker(init: WorkerInit): void {
  const setup = setupFrom(init, { definitions: 'definitions', calendars: 'calendars' });
  parentPort!.on('message', (job: WorkerJob) => {
    parentPort!.postMessage({ seq: job.seq, outcomes: evaluateLines(setup, job.lines, init.now, init.explain, init.source) });
  });
}
