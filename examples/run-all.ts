// Runs every example in this folder (CI runs this through `npm run examples`); fails if any example fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const examples = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run-all.ts').sort();
let failed = 0;
for (const file of examples) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${here}${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Math.round(performance.now() - started);
  if (r.status === 0) {
    console.log(`ok    ${file} (${ms} ms, ${r.stdout.split('\n').length - 1} lines of output)`);
  } else {
    failed++;
    console.log(`FAIL  ${file} (exit ${r.status})\n${r.stdout}\n${r.stderr}`);
  }
}
console.log(`${examples.length - failed} of ${examples.length} examples ran`);
if (failed > 0) process.exit(1);
