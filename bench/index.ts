/**
 * `npm run bench`: runs every `bench/*.bench.ts` suite in sequence, in one process, in file-name order.
 *
 * To add a suite, create `bench/<name>.bench.ts` exporting `title` and `run(ctx)` (see {@link BenchSuite});
 * build its workload with `mulberry32(ctx.seed)` and time it with `compare` / `measure` from `./harness.js`.
 * `npm run bench -- calendar` runs only the suites whose file name contains one of the arguments.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HostZoneError, benchSeed, machineLine, requireBenchHostZone, type BenchSuite } from './harness.js';

async function main(): Promise<void> {
  // Refuse early, before any suite loads: peer libraries compute in the host's zone.
  requireBenchHostZone();
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const filters = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) throw new Error(`no bench/*.bench.ts suite matches ${filters.join(' ')}`);
  const seed = benchSeed();
  console.log(machineLine());
  console.log(`seed ${seed} (set BENCH_SEED to change the workload); suites: ${files.join(', ')}`);
  const t0 = performance.now();
  for (const [index, file] of files.entries()) {
    const suite = (await import(new URL(file, import.meta.url).href)) as Partial<BenchSuite>;
    if (typeof suite.run !== 'function' || typeof suite.title !== 'string') {
      throw new Error(`bench/${file} must export \`title: string\` and \`run(ctx): Promise<void>\``);
    }
    await suite.run({ seed, index, firstInProcess: index === 0 });
  }
  console.log(`\ndone in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  if (err instanceof HostZoneError) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
});
