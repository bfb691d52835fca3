// The ESM and the CJS build loaded side by side in one process (a CJS dependency and an ESM app, say): errors and
// calendars made by one build are recognised by the other. Uses dist/ (CI builds before testing).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/index.js')) || !existsSync(join(ROOT, 'dist/index.cjs'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 240_000 });
  }
}, 300_000);

describe('the ESM and CJS builds together', () => {
  it('recognise each other\'s errors and calendars', () => {
    const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/dual-'));
    const file = join(dir, 'dual.mjs');
    writeFileSync(file, `
import { createRequire } from 'node:module';
import * as esm from ${JSON.stringify(join(ROOT, 'dist/index.js'))};
const cjs = createRequire(import.meta.url)(${JSON.stringify(join(ROOT, 'dist/index.cjs'))});
const hours = ['09:00-17:00'];
const cal = cjs.createCalendar({ timeZone: 'UTC', weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } });
let errorFromCjs = null;
try { cjs.toEpochMs('yesterday'); } catch (e) { errorFromCjs = e; }
let errorFromEsm = null;
try { esm.toEpochMs('yesterday'); } catch (e) { errorFromEsm = e; }
const def = esm.createSlaDefinition({ id: 'fix', target: 'PT4H', calendar: 'support', start: true, stop: { field: 'state', eq: 'done' } });
const r = esm.evaluateSla(def, [{ at: '2026-03-09T15:00:00Z', type: 'CREATE' }], { calendars: { support: cal }, now: '2026-03-09T16:00:00Z' });
const resolved = esm.advanceIncident(esm.openIncident({ at: '2026-03-13T16:00:00Z' }), { type: 'RESOLVE', at: '2026-03-13T16:00:00Z', code: 'fixed', notes: 'x' }).snapshot;
console.log(JSON.stringify({
  distinctClasses: esm.ItsmError !== cjs.ItsmError,
  cjsErrorIsEsmItsmError: errorFromCjs instanceof esm.ItsmError,
  esmErrorIsCjsItsmError: errorFromEsm instanceof cjs.ItsmError,
  cjsCalendarIsEsmCalendar: esm.isBusinessCalendar(cal),
  dueAt: r.dueAt.toISOString(),
  autoClose: esm.autoCloseDueAt(resolved, 'PT2H', { calendar: cal }).toISOString(),
}));
`);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      distinctClasses: true,
      cjsErrorIsEsmItsmError: true,
      esmErrorIsCjsItsmError: true,
      cjsCalendarIsEsmCalendar: true,
      dueAt: '2026-03-10T11:00:00.000Z',
      autoClose: '2026-03-16T10:00:00.000Z',
    });
  });
});
