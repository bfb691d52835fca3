// Runs the real `itsm-kit` command in a child process, as a user would (from the sources, through tsx).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../support/random.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string): string => join(FIXTURES, name);

/** The newest modification time of the files under `dir` (ms). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * How to run the command: the built `dist/cli/main.js` when it is newer than every source file (CI builds
 * before testing: the shipped file is what gets tested, and it starts faster), else the sources through tsx.
 */
export const COMMAND: readonly string[] = (() => {
  const built = join(ROOT, 'dist/cli/main.js');
  const fresh = existsSync(built) && statSync(built).mtimeMs > newest(join(ROOT, 'src'));
  return fresh ? [built] : ['--import', 'tsx', 'src/cli/main.ts'];
})();

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `itsm-kit ...args` with optional stdin; bounded by `timeoutMs`. */
export function itsmKit(args: readonly string[], options: { stdin?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, ...args], { cwd: ROOT, env: { ...process.env, ...options.env } });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`itsm-kit ${args.join(' ')} took over ${options.timeoutMs ?? 60_000} ms`)); }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end(options.stdin ?? '');
  });
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'itsm-kit-cli-'));

/** `count` random tickets (seeded) for the fixture definitions: priorities 1-2, holds, resolutions. */
export function randomTickets(count: number, seed = 12345): Array<{ id: string; events: Array<{ at: string; type: string; set: Record<string, unknown> }> }> {
  const rng = mulberry32(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    let t = Date.UTC(2026, 2, 2) + Math.floor(rng() * 14 * 24) * 3_600_000;
    const events = [{ at: new Date(t).toISOString(), type: 'CREATE', set: { state: 'new', priority: 1 + Math.floor(rng() * 2) } as Record<string, unknown> }];
    const steps = Math.floor(rng() * 5);
    const states = ['in_progress', 'on_hold', 'in_progress', 'resolved'];
    for (let k = 0; k < steps; k++) {
      t += Math.floor(rng() * 6 * 60) * 60_000;
      events.push({ at: new Date(t).toISOString(), type: 'STATE', set: { state: states[k]! } });
    }
    out.push({ id: `INC${String(i).padStart(6, '0')}`, events });
  }
  return out;
}

export function writeNdjson(dir: string, name: string, items: readonly unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, items.map((x) => JSON.stringify(x)).join('\n') + '\n');
  return path;
}
