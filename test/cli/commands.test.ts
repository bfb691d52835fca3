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
      file('risk.json', { id: 'cab', defaultRisk: 'moderate' }),
      file('approval.json', { id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] }),
      file('catalog.json', { services: [{ id: 'email', name: 'Email', lifecycle: 'live', criticality: 'high' }] }),
      file('csi.json', { id: 'CSI-7', title: 'Cut P2 MTTR', baseline: 30, target: 12, owner: 'desk-lead', status: 'approved', due: '2026-06-30' }),
    ];
    const r = await itsmKit(['validate', ...files]);
    expect(r.code, r.stderr).toBe(0);
    const kinds = ['calendars by key', 'SLA definition', 'calendar spec', 'priority matrix', 'escalation policy', 'known error', 'change risk model', 'change approval policy', 'service catalogue', 'CSI register entry'];
    files.forEach((f, i) => expect(r.stdout).toContain(`${f}${i === 1 ? ': [0]' : ''}: valid ${kinds[i]}`));
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
    const commands = [[], ['sla'], ['validate'], ['schema'], ['demo'], ['metrics'], ['serve']];
    const runs = await Promise.all(commands.map((c) => itsmKit([...c, '--help'])));
    runs.forEach((r, i) => {
      expect(r.code, commands[i]!.join(' ')).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('$ itsm-kit');
    });
  });
});

describe('itsm-kit metrics', () => {
  const incidents = [
    { id: 'A', priority: 1, openedAt: '2026-03-02T09:00:00Z', resolvedAt: '2026-03-02T13:00:00Z', reassignmentCount: 0, reopenCount: 0 },
    { id: 'B', priority: 1, openedAt: '2026-03-03T09:00:00Z', resolvedAt: '2026-03-04T09:00:00Z', reassignmentCount: 2, reopenCount: 1 },
    { id: 'C', priority: 2, openedAt: '2026-03-03T09:00:00Z', resolvedAt: null, reassignmentCount: 1, reopenCount: 0 },
  ];

  it('prints MTTR and rates per group as tables, and reports bad lines by number', async () => {
    const dir = tempDir();
    const file = join(dir, 'incidents.ndjson');
    writeFileSync(file, `${incidents.map((i) => JSON.stringify(i)).join('\n')}\nnot json\n`);
    const r = await itsmKit(['metrics', '-i', file, '-m', 'mttr,reassignment-rate,reopen-rate', '--by', 'priority']);
    expect(r.code).toBe(1);
    // A naive reading of the same records: mean of (4 h, 24 h) = 14 h over the two resolved ones.
    expect(r.stdout).toMatch(/mttr\s+\(all\)\s+2\s+1\s+14 h\s+14 h/);
    expect(r.stdout).toMatch(/reassignment-rate\s+\(all\)\s+3\s+2\s+66\.7%/);
    expect(r.stdout).toMatch(/reopen-rate\s+1\s+2\s+1\s+50\.0%/);
    expect(r.stderr).toContain('incidents.ndjson:4: not valid JSON');
  });

  it('reads CSV, measures business time in a calendar, and prints JSON', async () => {
    const dir = tempDir();
    const file = join(dir, 'incidents.csv');
    writeFileSync(file, 'id,priority,openedAt,resolvedAt\nA,1,2026-03-06T20:00:00Z,2026-03-09T15:00:00Z\n');
    const r = await itsmKit(['metrics', '-i', file, '-m', 'mttr', '--calendars', fixture('cals.json'), '--calendar', 'support', '--format', 'json']);
    expect(r.code).toBe(0);
    // Friday 15:00 EST → Monday 11:00 EDT: 2 business hours on Friday, 2 on Monday.
    expect(JSON.parse(r.stdout).mttr).toMatchObject({ n: 1, mean: 4 * 3_600_000, time: 'business' });
  });

  it('computes SLA compliance from the output of itsm-kit sla, and exits 2 for an unknown metric', async () => {
    const sla = await itsmKit(['sla', '-d', fixture('defs.json'), '-c', fixture('cals.json'), '-t', fixture('tickets.ndjson'), '--now', '2026-03-09T18:00:00Z']);
    const [r, unknown] = await Promise.all([
      itsmKit(['metrics', '-i', '-', '-m', 'sla-compliance', '--by', 'slaId'], { stdin: sla.stdout }),
      itsmKit(['metrics', '-i', '-', '-m', 'mttx'], { stdin: '' }),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sla-compliance\s+\(all\)\s+5\s+4\s+1\s+1\s+80\.0%/);
    expect(r.stdout).toMatch(/sla-compliance\s+p1-resolution\s+1\s+0\s+1/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"mttx" unknown');
  });
});
