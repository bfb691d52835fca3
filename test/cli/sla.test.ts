import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar, type CalendarSpec } from 'itsm-kit/calendar';
import { evaluateTickets, type SlaDefinition } from 'itsm-kit/sla';
import { spawnSync } from 'node:child_process';
import { COMMAND, ROOT, fixture, itsmKit, randomTickets, tempDir, writeNdjson } from './helpers.js';

const NOW = '2026-03-09T18:00:00Z';
const base = ['sla', '-d', fixture('defs.json'), '-c', fixture('cals.json'), '--now', NOW];
const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const noStackTrace = (stderr: string): void => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('itsm-kit sla', () => {
  it('writes one result line per ticket line, in input order, and reports bad lines by number', async () => {
    const r = await itsmKit([...base, '-t', fixture('tickets.ndjson')]);
    expect(r.code).toBe(1);
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['INC1', 'INC2', 'INC3', null, 'INC5']);
    expect(out[0].results.map((x: { slaId: string }) => x.slaId)).toEqual(['p1-resolution', 'response']);
    expect(out[1].results[0].stage).toBe('paused');
    expect(out[2]).toMatchObject({ line: 3, error: { code: 'invalid_event' } });
    expect(out[3]).toMatchObject({ line: 4, error: { code: 'invalid_json' } });
    expect(r.stderr).toContain('tickets.ndjson:3: ticket INC3: events[0].at: "yesterday" is not a valid instant');
    expect(r.stderr).toContain('tickets.ndjson:4: not valid JSON');
    expect(r.stderr).toContain('2 of 5 ticket line(s) had errors');
    noStackTrace(r.stderr);
  });

  it('gives exactly what evaluateTickets gives in-process (the naive path: parse, evaluate, stringify)', async () => {
    const dir = tempDir();
    const tickets = randomTickets(300);
    const file = writeNdjson(dir, 't.ndjson', tickets);
    const r = await itsmKit([...base, '-t', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const defs = JSON.parse(readFileSync(fixture('defs.json'), 'utf8')) as SlaDefinition[];
    const cals = JSON.parse(readFileSync(fixture('cals.json'), 'utf8')) as Record<string, CalendarSpec>;
    const calendars = Object.fromEntries(Object.entries(cals).map(([k, s]) => [k, createCalendar(s)]));
    const expected = [...evaluateTickets(defs, tickets, { calendars, now: NOW })].map((t) => JSON.stringify({ id: t.id, results: t.success ? t.data : null }));
    expect(lines(r.stdout)).toEqual(expected);
  });

  it('keeps input order with --workers 2 and small batches, and matches the single-thread output', async () => {
    const dir = tempDir();
    const tickets: unknown[] = randomTickets(2_000);
    tickets.splice(777, 0, { id: 'BAD', events: [{ at: 'soon', type: 'X' }] });
    const file = writeNdjson(dir, 't.ndjson', tickets);
    const [one, two] = await Promise.all([itsmKit([...base, '-t', file]), itsmKit([...base, '-t', file, '--workers', '2', '--batch', '50'])]);
    expect(two.code).toBe(1);
    expect(one.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(lines(two.stdout)).toHaveLength(2_001);
    expect(two.stderr).toContain('t.ndjson:778: ticket BAD: events[0].at');
  });

  it('reads stdin for -, writes --out, and adds readable lines with --explain', async () => {
    const dir = tempDir();
    const out = join(dir, 'results.ndjson');
    const stdin = readFileSync(fixture('tickets.ndjson'), 'utf8').split('\n').slice(0, 2).join('\n');
    const r = await itsmKit([...base, '-t', '-', '--explain', '--out', out], { stdin });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const results = lines(readFileSync(out, 'utf8')).map((l) => JSON.parse(l));
    expect(results).toHaveLength(2);
    expect(results[0].results[0].explanation[0]).toContain('SLA "p1-resolution": resolution, target 4 h');
    expect(results[0].results[0].segments.length).toBeGreaterThan(0);
  });

  it('stops at the first bad line with --fail-fast', async () => {
    const r = await itsmKit([...base, '-t', fixture('tickets.ndjson'), '--fail-fast']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toHaveLength(3);
    expect(r.stderr).toContain('stopped at the first');
    expect(r.stderr).not.toContain(':4:');
  });

  it('runs in constant memory: 60,000 tickets whose output is larger than the whole heap it may use', async () => {
    const dir = tempDir();
    const file = writeNdjson(dir, 'big.ndjson', randomTickets(60_000, 777));
    const out = join(dir, 'out.ndjson');
    const r = await itsmKit([...base, '-t', file, '--out', out], { env: { NODE_OPTIONS: '--max-old-space-size=40' }, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const size = statSync(out).size;
    expect(size).toBeGreaterThan(40 * 1024 * 1024);
    let count = 0;
    for (const ch of readFileSync(out)) if (ch === 10) count++;
    expect(count).toBe(60_000);
  });

  it('draws no progress bar when stderr is not a terminal', async () => {
    const r = await itsmKit([...base, '-t', '-'], { stdin: readFileSync(fixture('tickets.ndjson'), 'utf8').split('\n')[0]! });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('itsm-kit sla on a terminal', () => {
  it('draws a progress bar on stderr when it is a terminal (util-linux script gives the command a pty)', async () => {
    const dir = tempDir();
    const file = writeNdjson(dir, 't.ndjson', randomTickets(3_000));
    const log = join(dir, 'tty.log');
    const cmd = [process.execPath, ...COMMAND, ...base, '-t', file, '--out', join(dir, 'out.ndjson')].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, log], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const screen = readFileSync(log, 'utf8');
    expect(screen).toMatch(/\d+% \| \d+ tickets \| 0 bad/);
    expect(lines(readFileSync(join(dir, 'out.ndjson'), 'utf8'))).toHaveLength(3_000);
  });
});

describe('itsm-kit sla: mistakes', () => {
  it('exits 2 with a message for usage errors', async () => {
    const cases = [['sla', '--bogus'], ['sla', '-t', fixture('tickets.ndjson')], [...base, '-t', 'missing.ndjson'], [...base, '-t', fixture('tickets.ndjson'), '--workers', '0'], ['nonsense']];
    const runs = await Promise.all(cases.map((args) => itsmKit(args)));
    for (const [i, r] of runs.entries()) {
      expect(r.code, cases[i]!.join(' ')).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
      noStackTrace(r.stderr);
    }
  });

  it('exits 1 naming the file, definition and path for invalid definitions, and for a bad --now', async () => {
    const dir = tempDir();
    const defs = join(dir, 'defs.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(defs, JSON.stringify([{ id: 'x', target: 'four hours', calendar: 'nowhere', start: true, stop: true, paus: {} }]));
    const r = await itsmKit(['sla', '-d', defs, '-t', fixture('tickets.ndjson')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('defs.json: [0].target: must be a positive ISO 8601 duration');
    expect(r.stderr).toContain('paus');
    noStackTrace(r.stderr);
    const now = await itsmKit([...base.slice(0, -2), '--now', '2026-03-09 18:00', '-t', fixture('tickets.ndjson')]);
    expect(now.code).toBe(1);
    expect(now.stderr).toContain('--now');
    noStackTrace(now.stderr);
  });

  it('names a calendar a definition uses but the calendars file lacks', async () => {
    const r = await itsmKit(['sla', '-d', fixture('defs.json'), '-t', fixture('tickets.ndjson'), '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('definition "p1-resolution" uses calendar "support", which is not in the calendars');
  });
});
