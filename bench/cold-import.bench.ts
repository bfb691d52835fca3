/**
 * Cold-start benchmark: what importing an itsm-kit entry point costs a fresh `node` process, beside importing
 * zod alone (every entry point validates with zod, so zod is the floor) and a bare `node`.
 *
 * Each measurement is a child process: `node -e "import(...)"` reports the CPU time (user + system) and the
 * wall time of the import itself, and the CPU time of the whole process; the parent also times the process.
 * Candidates run interleaved, several rounds, and the medians are printed with their ratios to zod.
 *
 * It builds nothing: it measures the built package in `dist/` when `npm run build` has run (the figures users
 * get), and otherwise the TypeScript sources through tsx (slower for every candidate, zod included: the ratios
 * still show what an entry point pulls in, the absolute figures do not).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatMs, formatRatio, formatTable, heading, median, type SuiteContext } from './harness.js';

export const title = 'Cold import: itsm-kit entry points vs zod alone and bare node (child processes)';

const ROUNDS = 11;
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** The public modules, from package.json's exports (the one module list); calendar and sla first, the targets. */
const ENTRY_POINTS = ((): string[] => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const all = Object.keys(pkg.exports).filter((k) => k.startsWith('./') && k !== './package.json' && !k.includes('*') && !k.endsWith('.json')).map((k) => k.slice(2));
  return [...['calendar', 'sla'].filter((m) => all.includes(m)), ...all.filter((m) => m !== 'calendar' && m !== 'sla')];
})();

interface Candidate {
  readonly name: string;
  /** What the child imports (`null`: nothing, a bare node). */
  readonly specifier: string | null;
  readonly require?: boolean;
}

interface Sample {
  /** CPU ms of the import alone (user + system). */
  readonly importCpu: number;
  /** Wall ms of the import alone. */
  readonly importWall: number;
  /** CPU ms of the whole child process until the import settled. */
  readonly processCpu: number;
  /** Wall ms of the whole child process as the parent saw it (spawn to exit). */
  readonly processWall: number;
}

/** The child's script: time the import with the process's own clocks, print one JSON line. */
function childScript(c: Candidate): string {
  const load = c.specifier === null ? 'Promise.resolve()' : c.require ? `Promise.resolve(require(${JSON.stringify(c.specifier)}))` : `import(${JSON.stringify(c.specifier)})`;
  return [
    'const c0 = process.cpuUsage(); const t0 = performance.now();',
    `${load}.then(() => {`,
    '  const c = process.cpuUsage(c0); const all = process.cpuUsage();',
    '  process.stdout.write(JSON.stringify({ importCpu: (c.user + c.system) / 1000, importWall: performance.now() - t0, processCpu: (all.user + all.system) / 1000 }));',
    '});',
  ].join('\n');
}

function runOnce(c: Candidate, nodeArgs: readonly string[]): Sample {
  const started = performance.now();
  const r = spawnSync(process.execPath, [...nodeArgs, '-e', childScript(c)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const processWall = performance.now() - started;
  if (r.status !== 0) throw new Error(`cold import of ${c.name} failed (exit ${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Omit<Sample, 'processWall'>;
  return { ...out, processWall };
}

function candidates(mode: 'dist' | 'src'): Candidate[] {
  const list: Candidate[] = [{ name: 'bare node', specifier: null }, { name: 'zod alone', specifier: 'zod' }];
  for (const e of ENTRY_POINTS) {
    const file = mode === 'dist' ? resolve(ROOT, 'dist', e, 'index.js') : resolve(ROOT, 'src', e, 'index.ts');
    if (existsSync(file)) list.push({ name: `itsm-kit/${e}`, specifier: pathToFileURL(file).href });
  }
  if (mode === 'dist') {
    for (const e of ['calendar', 'sla'] as const) {
      const file = resolve(ROOT, 'dist', e, 'index.cjs');
      if (existsSync(file)) list.push({ name: `itsm-kit/${e} (require)`, specifier: file, require: true });
    }
  }
  return list;
}

export async function run(_ctx: SuiteContext): Promise<void> {
  const mode = existsSync(resolve(ROOT, 'dist', 'calendar', 'index.js')) ? 'dist' : 'src';
  const nodeArgs = mode === 'dist' ? [] : ['--import', 'tsx'];
  const list = candidates(mode);
  console.log(heading(title));
  console.log(mode === 'dist'
    ? `measuring the built package in dist/ (${process.version}), ${ROUNDS} interleaved rounds per candidate, medians`
    : `dist/ not found: measuring src/ through tsx (run \`npm run build\` first for the figures users get), ${ROUNDS} rounds, medians`);
  const samples = new Map<string, Sample[]>(list.map((c) => [c.name, []]));
  runOnce(list[0]!, nodeArgs); // warm the file cache
  for (let round = 0; round < ROUNDS; round++) for (const c of list) samples.get(c.name)!.push(runOnce(c, nodeArgs));
  const med = (name: string, key: keyof Sample): number => median(samples.get(name)!.map((s) => s[key]));
  const zodImport = med('zod alone', 'importCpu');
  const bareCpu = med('bare node', 'processCpu');
  const rows = list.map((c) => {
    const importCpu = med(c.name, 'importCpu');
    return [
      c.name,
      formatMs(importCpu),
      c.specifier === null ? '' : formatRatio(importCpu / zodImport),
      formatMs(med(c.name, 'importWall')),
      formatMs(med(c.name, 'processCpu')),
      c.specifier === null ? '' : formatMs(med(c.name, 'processCpu') - bareCpu),
      formatMs(med(c.name, 'processWall')),
    ];
  });
  console.log(formatTable(
    ['candidate', 'import CPU', 'import CPU / zod', 'import wall', 'process CPU', 'over bare node', 'process wall'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  ));
  console.log('import CPU: user + system time of the import() alone, measured inside the child; over bare node: process CPU minus the bare process');
  console.log('target (issue 7): itsm-kit/calendar and itsm-kit/sla within 1.5x the import CPU of zod alone');
}
