// The package as users get it: `npm pack`, unpacked into a temporary project, imported from ESM and from CJS,
// its command run from the tarball. Uses dist/ as built by `npm run build` (CI builds before testing; the
// test builds once itself when dist/ is missing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let project: string;
let files: string[];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/index.js')) || !existsSync(join(ROOT, 'dist/cli/main.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 240_000 });
  }
  // Inside the repository's node_modules, so the package's own dependencies (zod, xstate, ...) resolve from the
  // repository's install, as they would from the consumer's.
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  project = mkdtempSync(join(cache, 'pack-test-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0]!.files.map((f) => f.path);
  const pkgDir = join(project, 'node_modules/itsm-kit');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', join(project, packed[0]!.filename), '-C', pkgDir, '--strip-components=1']);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'commonjs' }));
}, 300_000);

afterAll(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

const node = (file: string, code: string): { status: number | null; stdout: string; stderr: string } => {
  writeFileSync(join(project, file), code);
  return spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 30_000 });
};

const consumerCode = (load: string): string => `${load}
const support = calendar.createCalendar({ timeZone: 'America/New_York', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'] } });
const def = sla.createSlaDefinition({ id: 'fix', target: 'PT4H', calendar: 'support', start: true, stop: { field: 'state', eq: 'done' } });
const r = sla.evaluateSla(def, [{ at: '2026-03-09T15:00:00-04:00', type: 'CREATE' }], { calendars: { support }, now: '2026-03-09T16:00:00-04:00' });
let code = null;
try { root.createCalendar({ timeZone: 'Mars/Base', weekly: {} }); } catch (e) { code = e instanceof root.ItsmError ? e.code : 'not an ItsmError'; }
console.log(JSON.stringify({ due: r.dueAt.toISOString(), code, schema: schema.title, holidays: typeof holidays.holidaysFromDateHolidays }));
`;
const expected = { due: '2026-03-10T15:00:00.000Z', code: 'invalid_definition', schema: 'itsm-kit SLA definition', holidays: 'function' };

describe('the packed package', () => {
  it('ships dist, the schemas, the command\'s sample, LICENSE and README, and no sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.cjs', 'dist/cli/main.js', 'schemas/sla.json', 'data/servicenow-incident-event-log.csv', 'data/README.md']));
    expect(files.filter((f) => /^(src|test|bench|examples)\//.test(f))).toEqual([]);
  });

  it('works from ESM', () => {
    const r = node('consumer.mjs', consumerCode(`import * as root from 'itsm-kit';
import * as calendar from 'itsm-kit/calendar';
import * as sla from 'itsm-kit/sla';
import * as holidays from 'itsm-kit/holidays';
import schema from 'itsm-kit/schemas/sla.json' with { type: 'json' };`));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('works from CJS', () => {
    const r = node('consumer.cjs', consumerCode(`const root = require('itsm-kit');
const calendar = require('itsm-kit/calendar');
const sla = require('itsm-kit/sla');
const holidays = require('itsm-kit/holidays');
const schema = require('itsm-kit/schemas/sla.json');`));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('runs its command from the tarball (bin with a shebang, the embedded sample found)', () => {
    const pkg = JSON.parse(readFileSync(join(project, 'node_modules/itsm-kit/package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = join(project, 'node_modules/itsm-kit', pkg.bin['itsm-kit']!);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const demo = spawnSync(process.execPath, [bin, 'demo'], { cwd: project, encoding: 'utf8', timeout: 30_000 });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('890 real ServiceNow incidents');
  });
});

describe('the import graph of the built files', () => {
  /** Bare imports reachable from a built entry, following its relative imports (shared chunks). */
  const bareImports = (entry: string): Set<string> => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Static imports and re-exports start a line in the built files; CJS has require("...") calls.
      for (const m of text.matchAll(/^(?:import|export)\b[^;'"]*?(?:from\s*)?["']([^"']+)["']|\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/gm)) {
        const spec = (m[1] ?? m[2])!;
        if (spec.startsWith('.')) visit(join(file, '..', spec));
        else bare.add(spec);
      }
    };
    visit(join(ROOT, 'dist', entry));
    return bare;
  };

  it('keeps xstate out of itsm-kit/calendar, itsm-kit/sla and itsm-kit/holidays (ESM and CJS)', () => {
    for (const entry of ['calendar/index.js', 'calendar/index.cjs', 'sla/index.js', 'sla/index.cjs', 'holidays/index.js']) {
      const bare = bareImports(entry);
      expect([...bare].filter((b) => b.startsWith('xstate')), entry).toEqual([]);
      expect(bare.has('zod'), entry).toBe(true);
    }
    expect(bareImports('incident/index.js').has('xstate')).toBe(true);
  });

  it('never makes itsm-kit/holidays import date-holidays (an optional peer the caller passes in)', () => {
    expect([...bareImports('holidays/index.js')].filter((b) => b.includes('date-holidays'))).toEqual([]);
  });
});
