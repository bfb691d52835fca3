import { describe, expect, it } from 'vitest';
import { createCalendar, calendar24x7 } from 'itsm-kit/calendar';
import { ItsmError } from 'itsm-kit/core';
import { createChangeSchedule, findChangeConflicts, suggestChangeWindows, type ScheduledChange } from 'itsm-kit/change';

const at = (hhmm: string, day = 5) => `2026-12-0${day}T${hhmm}:00Z`;
const change = (id: string, from: string, to: string, cis: string[], extra: Partial<ScheduledChange> = {}): ScheduledChange => ({ id, plannedStart: from, plannedEnd: to, cis, ...extra });
const kinds = (list: { kind: string }[]) => list.map((c) => c.kind);

const weekendFreeze = createCalendar({ timeZone: 'UTC', weekly: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] } }); // 2026-12-05 is a Saturday
const nightly = createCalendar({ timeZone: 'UTC', weekly: { fri: ['22:00-06:00'], sat: ['22:00-06:00'] } });

describe('schedule conflicts: same and related CIs', () => {
  const schedule = createChangeSchedule({
    changes: [
      change('A', at('00:00'), at('02:00'), ['db']),
      change('B', at('01:00'), at('03:00'), ['db', 'app'], { assignee: 'ann' }),
      change('C', at('01:30'), at('02:30'), ['cluster']),
      change('D', at('01:00'), at('05:00'), ['db-replica']),
      change('E', at('01:00'), at('05:00'), ['db'], { state: 'closed' }),
      change('F', at('01:00'), at('05:00'), ['db'], { state: 'canceled' }),
      change('G', at('01:00'), at('05:00'), ['site']),
    ],
    ciRelations: [{ parent: 'site', child: 'cluster' }, { parent: 'cluster', child: 'db' }, { parent: 'cluster', child: 'db-replica' }, { parent: 'db', child: 'app' }],
  });

  it('does not report a change that ends exactly when the probe starts (windows are half-open)', () => {
    expect(findChangeConflicts(schedule, change('P', at('02:00'), at('04:00'), ['db']), { kinds: ['same_ci'] }).map((c) => c.changeId)).toEqual(['B']);
  });

  it('reports one same_ci conflict per shared CI with the intersection of the windows', () => {
    const got = findChangeConflicts(schedule, change('P', at('02:30'), at('04:00'), ['db', 'app']), { kinds: ['same_ci'] });
    expect(got).toEqual([
      { kind: 'same_ci', changeId: 'B', ci: 'app', overlap: { start: new Date(at('02:30')), end: new Date(at('03:00')) } },
      { kind: 'same_ci', changeId: 'B', ci: 'db', overlap: { start: new Date(at('02:30')), end: new Date(at('03:00')) } },
    ]);
  });

  it('reports changes on a parent or child within depth, naming the relation and distance, but not siblings', () => {
    const got = findChangeConflicts(schedule, change('P', at('01:45'), at('02:15'), ['db']), { kinds: ['related_ci'] });
    expect(got.map((c) => [c.changeId, c.relatedCi, c.relation, c.distance])).toEqual([
      ['B', 'app', 'child', 1],
      ['C', 'cluster', 'parent', 1],
    ]);
    // db-replica is a sibling (change D) and site is two steps up (change G): neither is related at depth 1.
    const deep = findChangeConflicts(schedule, change('P', at('01:45'), at('02:15'), ['db']), { kinds: ['related_ci'], depth: 2 });
    expect(deep.map((c) => c.relatedCi)).toEqual(['app', 'cluster', 'site']);
    expect(deep[2]).toMatchObject({ relation: 'parent', distance: 2 });
  });

  it('ignores closed and canceled changes', () => {
    const got = findChangeConflicts(schedule, change('P', at('03:30'), at('04:00'), ['db']), { kinds: ['same_ci'] });
    expect(got).toEqual([]);
  });

  it('treats a probe with a scheduled id as that change moved: it never conflicts with itself', () => {
    expect(findChangeConflicts(schedule, change('A', at('00:00'), at('00:30'), ['db']))).toEqual([]);
    expect(findChangeConflicts(schedule, change('B', at('00:30'), at('01:00'), ['db'])).map((c) => c.changeId)).toEqual(['A']);
  });

  it('reports a busy assignee without a CI', () => {
    expect(findChangeConflicts(schedule, change('P', at('02:00'), at('02:10'), ['other'], { assignee: 'ann' }))).toEqual([
      { kind: 'assignee_busy', changeId: 'B', overlap: { start: new Date(at('02:00')), end: new Date(at('02:10')) } },
    ]);
  });

  it('sorts by overlap start, then kind, then change id and CI', () => {
    const got = findChangeConflicts(schedule, change('P', at('00:30'), at('03:00'), ['db'], { assignee: 'ann' }));
    expect(got.map((c) => `${c.overlap.start.toISOString().slice(11, 16)} ${c.kind} ${c.changeId}`)).toEqual([
      '00:30 same_ci A', '01:00 same_ci B', '01:00 related_ci B', '01:00 assignee_busy B', '01:30 related_ci C',
    ]);
  });
});

describe('schedule conflicts: blackouts and maintenance windows', () => {
  const schedule = createChangeSchedule({
    changes: [],
    ciRelations: [{ parent: 'cluster', child: 'db' }],
    blackouts: [
      { id: 'weekend', calendar: weekendFreeze, cis: ['cluster'] },
      { id: 'none', calendar: calendar24x7(), cis: [] },
    ],
    maintenanceWindows: { db: nightly, cluster: [nightly, createCalendar({ timeZone: 'UTC', weekly: { fri: ['12:00-13:00'] } })] },
  });

  it('reports the span of the window that is in blackout', () => {
    const got = findChangeConflicts(schedule, change('P', '2026-12-04T23:00:00Z', '2026-12-05T01:00:00Z', ['cluster']));
    expect(got).toEqual([{ kind: 'blackout', blackoutId: 'weekend', ci: 'cluster', overlap: { start: new Date('2026-12-05T00:00:00Z'), end: new Date('2026-12-05T01:00:00Z') } }]);
  });

  it('checks blackouts of related CIs only with related: true', () => {
    const probe = change('P', '2026-12-04T23:00:00Z', '2026-12-05T01:00:00Z', ['db']);
    expect(findChangeConflicts(schedule, probe)).toEqual([]);
    expect(findChangeConflicts(schedule, probe, { related: true })).toEqual([
      { kind: 'blackout', blackoutId: 'weekend', ci: 'db', relatedCi: 'cluster', relation: 'parent', distance: 1, overlap: { start: new Date('2026-12-05T00:00:00Z'), end: new Date('2026-12-05T01:00:00Z') } },
    ]);
  });

  it('applies a blackout without cis to every change and one with an empty list to none', () => {
    const all = createChangeSchedule({ changes: [], blackouts: [{ id: 'freeze', calendar: weekendFreeze }] });
    expect(findChangeConflicts(all, change('P', at('10:00'), at('11:00'), []))).toEqual([
      { kind: 'blackout', blackoutId: 'freeze', overlap: { start: new Date(at('10:00')), end: new Date(at('11:00')) } },
    ]);
  });

  it('reports a change that is not entirely inside its CI maintenance window, with the span outside', () => {
    const got = findChangeConflicts(schedule, change('P', '2026-12-04T21:00:00Z', '2026-12-04T23:00:00Z', ['db']));
    expect(got).toEqual([{ kind: 'outside_maintenance_window', ci: 'db', overlap: { start: new Date('2026-12-04T21:00:00Z'), end: new Date('2026-12-04T22:00:00Z') } }]);
    expect(findChangeConflicts(schedule, change('P', '2026-12-04T22:00:00Z', '2026-12-05T06:00:00Z', ['db']))).toEqual([]);
  });

  it('treats several maintenance windows of one CI as their union', () => {
    const got = findChangeConflicts(schedule, change('P', '2026-12-04T12:00:00Z', '2026-12-04T13:00:00Z', ['cluster']), { kinds: ['outside_maintenance_window'] });
    expect(got).toEqual([]);
  });

  it('limits the check to the kinds asked for', () => {
    const probe = change('P', '2026-12-04T21:00:00Z', '2026-12-05T01:00:00Z', ['cluster']);
    expect(kinds(findChangeConflicts(schedule, probe))).toEqual(['outside_maintenance_window', 'blackout']);
    expect(kinds(findChangeConflicts(schedule, probe, { kinds: ['blackout'] }))).toEqual(['blackout']);
    expect(findChangeConflicts(schedule, probe, { kinds: [] })).toEqual([]);
  });
});

describe('suggestChangeWindows', () => {
  const schedule = createChangeSchedule({
    changes: [change('A', '2026-12-07T22:00:00Z', '2026-12-08T01:00:00Z', ['db']), change('B', '2026-12-08T00:00:00Z', '2026-12-08T02:30:00Z', ['db'])],
    maintenanceWindows: { db: createCalendar({ timeZone: 'UTC', weekly: { mon: ['22:00-06:00'], tue: ['22:00-06:00'] } }) },
    blackouts: [{ id: 'freeze', calendar: createCalendar({ timeZone: 'UTC', weekly: {}, overrides: [{ date: '2026-12-09', hours: ['03:00-04:00'] }] }) }],
  });
  const probe = change('P', '2026-12-07T22:00:00Z', '2026-12-08T00:00:00Z', ['db']);

  it('starts the first window exactly where the blocking change ends', () => {
    expect(suggestChangeWindows(schedule, probe, { limit: 1 })).toEqual([{ start: new Date('2026-12-08T02:30:00Z'), end: new Date('2026-12-08T04:30:00Z') }]);
  });

  it('gives one window per conflict-free stretch, inside maintenance windows and outside blackouts', () => {
    const got = suggestChangeWindows(schedule, probe, { within: 'P3D' });
    expect(got.map((w) => w.start.toISOString())).toEqual(['2026-12-08T02:30:00.000Z', '2026-12-08T22:00:00.000Z', '2026-12-09T04:00:00.000Z']);
  });

  it('uses the duration option (ISO 8601 or ms) and an empty horizon gives no window', () => {
    expect(suggestChangeWindows(schedule, probe, { duration: 'PT4H', limit: 1 })[0]!.start.toISOString()).toBe('2026-12-08T22:00:00.000Z');
    expect(suggestChangeWindows(schedule, probe, { within: 0 })).toEqual([]);
  });

  it('refuses invalid options, listing every problem', () => {
    const e = (() => { try { suggestChangeWindows(schedule, probe, { duration: 'PT0S', within: 'P1M', limit: 0, after: 'soon' }); } catch (err) { return err; } })() as ItsmError;
    expect(e).toBeInstanceOf(ItsmError);
    expect(e.issues.map((i) => i.path.join('.'))).toEqual(['duration', 'within', 'after', 'limit']);
  });
});

describe('createChangeSchedule validation', () => {
  it('lists every problem with its path', () => {
    const bad = {
      changes: [
        change('A', at('02:00'), at('02:00'), ['db']),
        change('B', '2026-12-05T02:00:00', at('03:00'), ['db']),
        change('C', at('01:00'), at('02:00'), ['db']),
        change('C', at('01:00'), at('02:00'), ['db']),
      ],
      blackouts: [{ id: 'x', calendar: { timeZone: 'UTC' } }],
      ciRelations: [{ parent: 'a', child: 'b' }, { parent: 'b', child: 'a' }, { parent: 'c', child: 'c' }],
      depth: -1,
    };
    let error: unknown;
    try { createChangeSchedule(bad as never); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ItsmError);
    const e = error as ItsmError;
    expect(e.code).toBe('invalid_definition');
    expect(e.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_depth', 'depth'],
      ['empty_window', 'changes.0.plannedEnd'],
      ['invalid_instant', 'changes.1.plannedStart'],
      ['duplicate_id', 'changes.3.id'],
      ['self_relation', 'ciRelations.2'],
      ['relation_cycle', 'ciRelations'],
      ['not_a_calendar', 'blackouts.0.calendar'],
    ]);
  });

  it('refuses a probe whose end is not after its start, and a value that is not a schedule', () => {
    const schedule = createChangeSchedule({ changes: [] });
    expect(() => findChangeConflicts(schedule, change('P', at('02:00'), at('01:00'), []))).toThrow(/plannedEnd: must be after plannedStart/);
    expect(() => findChangeConflicts({ activeChanges: 0, depth: 1 }, change('P', at('01:00'), at('02:00'), []))).toThrow(/not a change schedule/);
    expect(() => findChangeConflicts(schedule, change('P', at('01:00'), at('02:00'), []), { kinds: ['nope' as never] })).toThrow(/not a conflict kind/);
  });

  it('indexes changes spread over the whole supported range (years 0001 to 9999)', () => {
    const schedule = createChangeSchedule({
      changes: [
        change('old', '0001-01-01T00:00:00Z', '0001-01-01T01:00:00Z', ['db']),
        change('late', '9999-12-31T22:00:00Z', '9999-12-31T23:00:00Z', ['db']),
        change('now', at('01:00'), at('02:00'), ['db']),
      ],
    });
    expect(findChangeConflicts(schedule, change('P', '0001-01-01T00:30:00Z', '0001-01-01T00:40:00Z', ['db'])).map((c) => c.changeId)).toEqual(['old']);
    expect(findChangeConflicts(schedule, change('P', '9999-12-31T22:30:00Z', '9999-12-31T23:30:00Z', ['db'])).map((c) => c.changeId)).toEqual(['late']);
    expect(findChangeConflicts(schedule, change('P', '0001-01-01T00:00:00Z', '9999-12-31T23:59:00Z', ['db'])).map((c) => c.changeId)).toEqual(['old', 'now', 'late']);
  });

  it('never mutates its input and returns fresh objects', () => {
    const input = { changes: [change('A', at('00:00'), at('02:00'), ['db', 'db'])], ciRelations: [{ parent: 'x', child: 'db' }] };
    const copy = structuredClone(input);
    const schedule = createChangeSchedule(input);
    const a = findChangeConflicts(schedule, change('P', at('01:00'), at('03:00'), ['db']));
    const b = findChangeConflicts(schedule, change('P', at('01:00'), at('03:00'), ['db']));
    expect(input).toEqual(copy);
    expect(a).toEqual(b);
    expect(a[0]!.overlap).not.toBe(b[0]!.overlap);
    expect(a).toHaveLength(1); // a CI listed twice is one CI
  });
});
