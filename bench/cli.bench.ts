/**
 * The `itsm-kit sla` command: tickets per second through the real command (a child process reading NDJSON,
 * writing NDJSON) in-process, with 1 worker thread and with 2, beside in-process `evaluateTickets` on the same
 * tickets (the ceiling: no parsing, no serialising, no process). Uses the built `dist/cli/main.js` when it
 * exists, else the sources through tsx (slower start-up; printed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCalendar, type CalendarSpec } from '../src/calendar/index.js';
import { evaluateTickets, type SlaDefinition, type SlaTicket } from '../src/sla/index.js';
import { formatNumber, formatRatio, formatTable, heading, mulberry32, randomInt, type SuiteContext } from './harness.js';

export const title = 'itsm-kit sla: tickets per second through the command (in-process, 1 and 2 workers) vs evaluateTickets';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TICKETS = 40_000;
const NOW = '2026-06-01T00:00:00Z';

function tickets(seed: number): SlaTicket[] {
  const rng = mulberry32(seed);
  const out: SlaTicket[] = [];
  for (let i = 0; i < TICKETS; i++) {
    let t = Date.UTC(2026, 0, 5) + randomInt(rng, 0, 120 * 24 * 60) * 60_000;
    const events = [{ at: new Date(t).toISOString(), type: 'CREATE', set: { state: 'new', priority: randomInt(rng, 1, 2) } as Record<string, unknown> }];
    for (const state of ['in_progress', 'on_hold', 'in_progress', 'resolved'].slice(0, randomInt(rng, 0, 4))) {
      t += randomInt(rng, 1, 600) * 60_000;
      events.push({ at: new Date(t).toISOString(), type: 'STATE', set: { state } });
    }
    out.push({ id: `INC${i}`, events });
  }
  return out;
}

export async function run(ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  const built = existsSync(join(ROOT, 'dist/cli/main.js'));
  const command = built ? [join(ROOT, 'dist/cli/main.js')] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
  const fixtures = join(ROOT, 'test/cli/fixtures');
  const defs = JSON.parse(readFileSync(join(fixtures, 'defs.json'), 'utf8')) as SlaDefinition[];
  const cals = JSON.parse(readFileSync(join(fixtures, 'cals.json'), 'utf8')) as Record<string, CalendarSpec>;
  const calendars = Object.fromEntries(Object.entries(cals).map(([k, s]) => [k, createCalendar(s)]));
  const workload = tickets(ctx.seed);
  const dir = mkdtempSync(join(tmpdir(), 'itsm-kit-bench-'));
  const file = join(dir, 'tickets.ndjson');
  writeFileSync(file, workload.map((t) => JSON.stringify(t)).join('\n') + '\n');

  const t0 = performance.now();
  let clocks = 0;
  for (const r of evaluateTickets(defs, workload, { calendars, now: NOW })) if (r.success) clocks += r.data.length;
  const inProcess = TICKETS / ((performance.now() - t0) / 1000);

  // Start-up alone (`--help`), subtracted so the figures are the steady rate.
  const startup = (): number => { const s = performance.now(); spawnSync(process.execPath, [...command, '--help']); return performance.now() - s; };
  startup();
  const startMs = Math.min(startup(), startup());
  const rows: string[][] = [['evaluateTickets (in-process, no I/O)', formatNumber(inProcess), '-', '1.00x']];
  for (const workers of [0, 1, 2]) {
    const s = performance.now();
    const r = spawnSync(process.execPath, [...command, 'sla', '-d', join(fixtures, 'defs.json'), '-c', join(fixtures, 'cals.json'), '-t', file, '--now', NOW, '--out', join(dir, 'out.ndjson'), ...(workers > 0 ? ['--workers', String(workers)] : [])], { encoding: 'utf8' });
    const ms = performance.now() - s;
    if (r.status !== 0) throw new Error(`itsm-kit sla failed: ${r.stderr}`);
    const rate = TICKETS / (Math.max(1, ms - startMs) / 1000);
    rows.push([`itsm-kit sla ${workers === 0 ? '(in-process)' : `--workers ${workers}`}`, formatNumber(rate), formatNumber(ms), formatRatio(rate / inProcess)]);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`${formatNumber(TICKETS)} tickets, ${formatNumber(clocks)} clocks; command from ${built ? 'dist/cli/main.js' : 'the sources via tsx (run npm run build for the shipped figures)'}; start-up ${formatNumber(startMs)} ms subtracted`);
  console.log(formatTable(['path', 'tickets/s', 'wall ms', 'vs evaluateTickets'], rows, ['left', 'right', 'right', 'right']));
}
