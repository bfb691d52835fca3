// The ESM build in a real browser: Debian's headless chromium (driven by playwright-core) loads dist/ from a
// loopback HTTP server, with an import map for the package's dependencies, and computes an SLA due date.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

const importMap = {
  imports: {
    'zod': '/node_modules/zod/index.js',
    'date-fns-tz': '/node_modules/date-fns-tz/dist/esm/index.js',
    'date-fns': '/node_modules/date-fns/index.js',
    'date-fns/format': '/node_modules/date-fns/format.js',
    'date-fns/locale/eo': '/node_modules/date-fns/locale/eo.js',
  },
};

const page = `<!doctype html>
<html><head><meta charset="utf-8"><script type="importmap">${JSON.stringify(importMap)}</script></head>
<body><script type="module">
import { createCalendar, addBusinessTime } from '/dist/calendar/index.js';
import { createSlaDefinition, evaluateSla } from '/dist/sla/index.js';
try {
  const day = ['09:00-17:00'];
  const support = createCalendar({ timeZone: 'America/New_York', weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } });
  const def = createSlaDefinition({ id: 'p2', target: 'PT8H', calendar: 'support', start: true, stop: { field: 'state', eq: 'resolved' } });
  const r = evaluateSla(def, [{ at: '2026-03-06T15:00:00-05:00', type: 'CREATE' }], { calendars: { support }, now: '2026-03-06T16:00:00-05:00' });
  window.result = JSON.stringify({ due: r.dueAt.toISOString(), stage: r.stage, plusOne: addBusinessTime(support, '2026-03-06T16:00:00-05:00', 3600000).toISOString(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone });
} catch (e) {
  window.result = JSON.stringify({ error: String(e && e.stack || e) });
}
</script></body></html>`;

const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

let server: Server;
let base: string;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  if (!existsSync(join(ROOT, 'dist/sla/index.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 240_000 });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    // Only the build and the dependencies are served.
    if (!/^\/(dist|node_modules)\//.test(path) || path.includes('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(join(ROOT, path)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), 'itsm-kit-chromium-'));
  // A fresh profile every run (playwright passes it to chromium as --user-data-dir).
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timezoneId: 'Asia/Kolkata',
    timeout: 60_000,
  });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the ESM build in headless chromium', () => {
  it('computes an SLA due date across a weekend and a DST change, as in Node', async () => {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(`${base}/`, { timeout: 30_000 });
    await tab.waitForFunction(() => (globalThis as unknown as { result?: string }).result !== undefined, undefined, { timeout: 30_000 });
    const result = JSON.parse(await tab.evaluate(() => (globalThis as unknown as { result: string }).result));
    expect(errors).toEqual([]);
    // Friday 15:00 EST + 8 business hours: 2 h on Friday, 6 h on Monday (EDT since Sunday) = Monday 15:00 EDT.
    expect(result).toEqual({ due: '2026-03-09T19:00:00.000Z', stage: 'running', plusOne: '2026-03-06T22:00:00.000Z', zone: expect.stringMatching(/^Asia\/(Kolkata|Calcutta)$/) });
    await tab.close();
  });
});
