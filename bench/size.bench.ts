/**
 * Size report per entry point of the built package (dist/): the bytes a bundler or a browser loads for
 * `import ... from 'itsm-kit/<module>'` (the entry and every shared chunk it reaches), gzipped, and the
 * dependencies it pulls in. Needs `npm run build` first. Size is measured, not timed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatNumber, formatTable, heading, type SuiteContext } from './harness.js';

export const title = 'Package size per entry point (ESM as shipped, unminified) and the dependencies each one pulls in';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function graph(entry: string): { files: string[]; bare: Set<string> } {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    // Static imports and re-exports start a line in the built files; dynamic ones are import("...").
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^;'"]*?(?:from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) visit(join(file, '..', spec));
      else bare.add(spec.startsWith('node:') ? 'node:*' : spec);
    }
  };
  visit(entry);
  return { files: [...seen], bare };
}

export async function run(_ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    console.log('dist/ is missing: run npm run build first');
    return;
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default: string } }> };
  const entries = Object.entries(pkg.exports)
    .filter(([, v]) => typeof v === 'object' && v.import !== undefined)
    .map(([k, v]) => [k === '.' ? 'itsm-kit' : `itsm-kit/${k.slice(2)}`, v.import!.default] as const);
  entries.push(['itsm-kit (command)', './dist/cli/main.js']);
  const rows = entries.map(([name, file]) => {
    const g = graph(join(ROOT, file));
    const text = g.files.map((f) => readFileSync(f, 'utf8')).join('\n');
    return [name, String(g.files.length), formatNumber(Buffer.byteLength(text) / 1024, 1), formatNumber(gzipSync(text).length / 1024, 1), [...g.bare].sort().join(', ') || '-'];
  });
  console.log(formatTable(['entry point', 'files', 'KiB', 'gzip KiB', 'imports'], rows, ['left', 'right', 'right', 'right', 'left']));
  console.log('(dependencies are not counted: zod, xstate, date-fns-tz are installed beside the package)');
}
