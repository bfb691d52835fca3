// Starts the real `itsm-kit serve` on 127.0.0.1 with an ephemeral port, in a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
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
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, json };
}

/** A POST over node:http that says when the body has been sent (to signal the server mid-request). */
export function postTracked(url: string, body: unknown): { sent: Promise<void>; done: Promise<{ status: number; json: any }> } {
  let markSent!: () => void;
  const sent = new Promise<void>((r) => { markSent = r; });
  const done = new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(`${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 60_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.on('finish', () => markSent());
    req.end(JSON.stringify(body));
  });
  return { sent, done };
}
