import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, itsmKit, tempDir } from './helpers.js';

const noStackTrace = (stderr: string): void => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('itsm-kit validate', () => {
  const dir = tempDir();
  const file = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  it('accepts every valid kind, guessing the kind from the content', async () => {
    const files = [
      fixture('cals.json'), fixture('defs.json'),
      file('cal.json', { timeZone: 'Europe/Paris', weekly: { mon: ['09:00-12:00', '14:00-18:00'] } }),
      file('matrix.json', { priorities: [[1, 2], [2, 3]] }),
      file('policy.json', { levels: [{ after: 'PT15M', kind: 'functional', targets: ['l2'] }] }),
      file('ke.json', { symptom: 'VPN drops', workaround: 'Reconnect' }),
    ];
    const runs = await Promise.all(files.map((f) => itsmKit(['validate', f])));
    const kinds = ['calendars by key', 'SLA definition', 'calendar spec', 'priority matrix', 'escalation policy', 'known error'];
    runs.forEach((r, i) => {
      expect(r.code, files[i]).toBe(0);
      expect(r.stdout).toContain(`valid ${kinds[i]}`);
    });
  });

  it('prints every issue with its path and exits 1', async () => {
    const bad = file('bad-cal.json', { timeZone: 'Mars/Olympus', weekly: { mon: ['25:00-26:00', '09:00-17:00'] } });
    const r = await itsmKit(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad-cal.json: timeZone: "Mars/Olympus" is not an IANA time zone');
    expect(r.stderr).toContain('bad-cal.json: weekly.mon[0]: "25:00" is not a time of day');
    noStackTrace(r.stderr);
  });

  it('checks as the --kind given, reports as JSON, and exits 2 for an unknown kind or an unguessable file', async () => {
    const matrix = file('m.json', { priorities: [[1, 2], [3]] });
    const [asKind, asJson, unknown, unguessable, notJson] = await Promise.all([
      itsmKit(['validate', matrix, '--kind', 'priority-matrix']),
      itsmKit(['validate', matrix, '--json']),
      itsmKit(['validate', matrix, '--kind', 'risk-model-x']),
      itsmKit(['validate', file('x.json', { hello: 'world' })]),
      itsmKit(['validate', fixture('tickets.ndjson')]),
    ]);
    expect(asKind.code).toBe(1);
    expect(asKind.stderr).toContain('priorities[1]: has 1 urgency levels but row 0 has 2');
    expect(JSON.parse(asJson.stdout)).toEqual([{ kind: 'priority-matrix', valid: false, issues: [expect.objectContaining({ path: ['priorities', 1] })] }]);
    expect(unknown.code).toBe(2);
    expect(unguessable.code).toBe(2);
    expect(unguessable.stderr).toContain('pass --kind');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('not valid JSON');
    for (const r of [asKind, asJson, unknown, unguessable, notJson]) noStackTrace(r.stderr);
  });
});

describe('itsm-kit schema and demo', () => {
  it('prints the JSON Schema of a kind', async () => {
    const r = await itsmKit(['schema', 'sla']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'target', 'calendar']) });
  });

  it('runs on the embedded sample and prints tables', async () => {
    const r = await itsmKit(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SLA compliance of 890 real ServiceNow incidents');
    expect(r.stdout).toMatch(/P3\s+757\s+PT4H/);
    expect(r.stdout).toContain('the close, not Monday');
  });
});

describe('itsm-kit --help', () => {
  it('shows examples for the program and for every command', async () => {
    const commands = [[], ['sla'], ['validate'], ['schema'], ['demo']];
    const runs = await Promise.all(commands.map((c) => itsmKit([...c, '--help'])));
    runs.forEach((r, i) => {
      expect(r.code, commands[i]!.join(' ')).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('$ itsm-kit');
    });
  });
});
