// Starts the real `itsm-kit serve` on 127.0.0.1 with an ephemeral port, in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { COMMAND, ROOT } from './helpers.js';

export interface Service {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startService(args: readonly string[] = []): Promise<Service> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...COMMAND, 'serve', '--port', '0', ...args], { cwd: ROOT });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the service did not start: ${out}`)); }, 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, output: () => out, stop: () => { child.kill('SIGTERM'); return exited; } });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); if (!/listening/.test(out)) reject(new Error(`the service exited with ${code}: ${out}`)); });
  });
}

export async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, json };
}
