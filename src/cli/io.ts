// File and stream helpers of the command: reading JSON files, reading lines with backpressure, writing
// with backpressure.
import { createReadStream, createWriteStream, openSync, readFileSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { UsageError, InputError } from './errors.js';

/** Reads a whole file as text, or stdin for `-`; a missing file is a usage error. @internal */
export function readTextFile(path: string, option: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`${option}: cannot read ${path}${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`);
  }
}

/** Reads a JSON file; a syntax error is an input error naming the file. @internal */
export function readDataFile(path: string, option: string): unknown {
  const text = readTextFile(path, option);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path === '-' ? 'stdin' : path}: not valid JSON (${(e as Error).message})`);
  }
}

/** The size of a file in bytes, or `null` for stdin / unknown. @internal */
export function fileSize(path: string): number | null {
  if (path === '-') return null;
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** Opens a file (or stdin for `-`) as a stream; a missing file is a usage error. @internal */
export function openInput(path: string, option: string): Readable {
  if (path === '-') return process.stdin;
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UsageError(`${option}: cannot read ${path} (no such file)`);
  }
  if (!isFile) throw new UsageError(`${option}: ${path} is not a file`);
  return createReadStream(path);
}

/** Opens a file for writing now, so that a bad path is a usage error before any work. @internal */
export function openOutput(path: string, option: string): Writable {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new UsageError(`${option}: cannot write ${path} (${(e as { code?: string }).code ?? (e as Error).message})`);
  }
  return createWriteStream('', { fd });
}

/**
 * The lines of a stream, read chunk by chunk (memory stays at one chunk plus one line). `onBytes` reports
 * progress. A final line without a newline is yielded too.
 * @internal
 */
export async function* readLines(input: Readable, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const buf = chunk as Buffer;
    onBytes?.(buf.length);
    rest += decoder.write(buf);
    let nl = rest.indexOf('\n');
    let from = 0;
    while (nl !== -1) {
      yield rest.slice(from, nl).replace(/\r$/, '');
      from = nl + 1;
      nl = rest.indexOf('\n', from);
    }
    rest = rest.slice(from);
  }
  rest += decoder.end();
  if (rest !== '') yield rest.replace(/\r$/, '');
}

/** Writes text, waiting for the stream to drain when its buffer is full. @internal */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}
