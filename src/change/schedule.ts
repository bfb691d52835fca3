import { ItsmError, validationError, type ValidationIssue, foreignError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import { isBusinessCalendar } from '../calendar/engine.js';
import { unionCalendars } from '../calendar/compose.js';
import { CiGraph } from './ci-graph.js';
import { IntervalIndex } from './interval-index.js';

/**
 * A change as the schedule sees it: its planned window `[plannedStart, plannedEnd)` (half-open, so a change
 * ending at 02:00 and one starting at 02:00 do not overlap), the CIs it touches and who implements it.
 * A `state` of `closed` or `canceled` takes the change out of every check.
 *
 * @example
 * ```ts
 * const c: ScheduledChange = {
 *   id: 'CHG0001', plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-06T02:00:00Z',
 *   cis: ['db-01'], assignee: 'dba-team',
 * };
 * ```
 * @category Schedule
 */
export interface ScheduledChange {
  readonly id: string;
  readonly plannedStart: Instant;
  readonly plannedEnd: Instant;
  readonly cis: readonly string[];
  readonly assignee?: string | undefined;
  readonly state?: string | undefined;
}

/**
 * A parent → child edge of the CI hierarchy (a server hosts a database, a service runs on a cluster).
 *
 * @example
 * ```ts
 * const r: CiRelation = { parent: 'cluster-a', child: 'db-01' };
 * ```
 * @category Schedule
 */
export interface CiRelation {
  readonly parent: string;
  readonly child: string;
}

/**
 * A blackout: the calendar's business time is the blackout (a freeze), for the listed CIs; `cis` left out
 * means every CI, an empty list none.
 *
 * @example
 * ```ts
 * const freeze: ChangeBlackout = { id: 'year-end', calendar: yearEndFreeze };
 * ```
 * @category Schedule
 */
export interface ChangeBlackout {
  readonly id: string;
  readonly calendar: BusinessCalendar;
  readonly cis?: readonly string[] | undefined;
}

/**
 * What {@link createChangeSchedule} indexes.
 *
 * @example
 * ```ts
 * const input: ChangeScheduleInput = { changes, ciRelations: [{ parent: 'cluster-a', child: 'db-01' }], depth: 2 };
 * ```
 * @category Schedule
 */
export interface ChangeScheduleInput {
  readonly changes: readonly ScheduledChange[];
  readonly ciRelations?: readonly CiRelation[] | undefined;
  readonly blackouts?: readonly ChangeBlackout[] | undefined;
  /**
   * A CI's maintenance windows as a calendar (its business time is when the CI may be changed). A list of
   * calendars for one CI is their union.
   */
  readonly maintenanceWindows?: Readonly<Record<string, BusinessCalendar | readonly BusinessCalendar[]>> | undefined;
  /** How many steps up or down the CI hierarchy count as related (default 1; 0 turns related CIs off). */
  readonly depth?: number | undefined;
}

/**
 * An indexed change schedule, built once by {@link createChangeSchedule} and queried by
 * {@link findChangeConflicts} and {@link suggestChangeWindows}. Immutable.
 *
 * @example
 * ```ts
 * const schedule: ChangeSchedule = createChangeSchedule({ changes });
 * schedule.activeChanges; // changes neither closed nor canceled
 * ```
 * @category Schedule
 */
export interface ChangeSchedule {
  /** How many changes take part in checks (not closed, not canceled). */
  readonly activeChanges: number;
  /** The default number of steps for related CIs. */
  readonly depth: number;
}

const INACTIVE = new Set(['closed', 'canceled']);

/** Every schedule built by createChangeSchedule. */
const built = new WeakSet<object>();

/** The compiled schedule behind {@link ChangeSchedule}. @internal */
export class ScheduleIndex implements ChangeSchedule {
  readonly activeChanges: number;
  readonly depth: number;
  /** Every change's id, position = change number (closed and canceled ones included, unindexed). */
  readonly ids: string[];
  readonly byId: Map<string, number>;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly assignees: (string | undefined)[];
  readonly graph: CiGraph;
  readonly byCi: IntervalIndex;
  readonly assigneeKeys: Map<string, number>;
  readonly byAssignee: IntervalIndex;
  /** Blackouts without `cis` (every CI). */
  readonly globalBlackouts: ReadonlyArray<ChangeBlackout>;
  /** Blackouts per CI integer. */
  readonly blackoutsByCi: Map<number, ChangeBlackout[]>;
  readonly maintenance: Map<number, BusinessCalendar>;

  constructor(parts: {
    ids: string[]; byId: Map<string, number>; starts: Float64Array; ends: Float64Array; assignees: (string | undefined)[];
    cis: number[][]; active: boolean[]; graph: CiGraph; depth: number;
    globalBlackouts: ChangeBlackout[]; blackoutsByCi: Map<number, ChangeBlackout[]>; maintenance: Map<number, BusinessCalendar>;
  }) {
    this.ids = parts.ids;
    this.byId = parts.byId;
    this.starts = parts.starts;
    this.ends = parts.ends;
    this.assignees = parts.assignees;
    this.graph = parts.graph;
    this.depth = parts.depth;
    this.globalBlackouts = parts.globalBlackouts;
    this.blackoutsByCi = parts.blackoutsByCi;
    this.maintenance = parts.maintenance;

    // Changes in order of start, so that every per-key slice of the index comes out sorted.
    const n = parts.ids.length;
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (parts.active[i]) order.push(i);
    const starts = parts.starts;
    sortByStart(order, starts, n);
    this.activeChanges = order.length;

    const ciKeys: number[] = [], ciItems: number[] = [], ciStarts: number[] = [], ciEnds: number[] = [];
    const asKeys: number[] = [], asItems: number[] = [], asStarts: number[] = [], asEnds: number[] = [];
    this.assigneeKeys = new Map();
    for (const i of order) {
      const s = starts[i]!, e = parts.ends[i]!;
      for (const c of parts.cis[i]!) { ciKeys.push(c); ciItems.push(i); ciStarts.push(s); ciEnds.push(e); }
      const a = parts.assignees[i];
      if (a !== undefined) {
        let k = this.assigneeKeys.get(a);
        if (k === undefined) this.assigneeKeys.set(a, (k = this.assigneeKeys.size));
        asKeys.push(k); asItems.push(i); asStarts.push(s); asEnds.push(e);
      }
    }
    this.byCi = new IntervalIndex(parts.graph.size, ciKeys, ciItems, ciStarts, ciEnds);
    this.byAssignee = new IntervalIndex(this.assigneeKeys.size, asKeys, asItems, asStarts, asEnds);
    built.add(this);
  }
}

/**
 * Sorts change positions by start, ties by position. When the starts span little enough, each (start, position)
 * pair is packed into one exact double and a plain numeric sort does it (several times faster than a comparator).
 */
function sortByStart(order: number[], starts: Float64Array, count: number): void {
  if (order.length < 2) return;
  let lo = Infinity, hi = -Infinity;
  for (const i of order) { const t = starts[i]!; if (t < lo) lo = t; if (t > hi) hi = t; }
  const scale = 2 ** Math.ceil(Math.log2(count + 1));
  if ((hi - lo + 1) * scale > Number.MAX_SAFE_INTEGER) {
    order.sort((a, b) => starts[a]! - starts[b]! || a - b);
    return;
  }
  const keys = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) keys[k] = (starts[order[k]!]! - lo) * scale + order[k]!;
  keys.sort();
  for (let k = 0; k < keys.length; k++) order[k] = keys[k]! % scale;
}

/** A probe or stored change read into numbers. @internal */
export interface ReadChange {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  /** Distinct CIs, in the order given. */
  readonly cis: string[];
  readonly assignee: string | undefined;
  readonly state: string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads one change, pushing every problem to `issues` (paths under `path`); `null` when it is unusable. */
export function readChange(value: unknown, path: ReadonlyArray<string | number>, issues: ValidationIssue[]): ReadChange | null {
  // Hot path of the schedule build (100,000 calls): paths are only built for problems.
  if (!isRecord(value)) {
    issues.push({ code: 'invalid_type', path: [...path], message: `${describeValue(value)} is not a change; expected { id, plannedStart, plannedEnd, cis }` });
    return null;
  }
  const before = issues.length;
  const { id, plannedStart, plannedEnd, cis, assignee, state } = value;
  if (typeof id !== 'string' || id === '') issues.push({ code: 'invalid_type', path: [...path, 'id'], message: `${describeValue(id)} is not a change id (a non-empty string)` });
  const start = instantOrIssue(plannedStart, path, 'plannedStart', issues);
  const end = instantOrIssue(plannedEnd, path, 'plannedEnd', issues);
  if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) {
    issues.push({ code: 'empty_window', path: [...path, 'plannedEnd'], message: `must be after plannedStart (${new Date(start).toISOString()}); windows are half-open [start, end)` });
  }
  const list: string[] = [];
  if (!Array.isArray(cis)) issues.push({ code: 'invalid_type', path: [...path, 'cis'], message: `${describeValue(cis)} is not a list of CI ids` });
  else {
    for (let i = 0; i < cis.length; i++) {
      const c: unknown = cis[i];
      if (typeof c !== 'string' || c === '') issues.push({ code: 'invalid_type', path: [...path, 'cis', i], message: `${describeValue(c)} is not a CI id (a non-empty string)` });
      else if (!list.includes(c)) list.push(c);
    }
  }
  if (assignee !== undefined && (typeof assignee !== 'string' || assignee === '')) issues.push({ code: 'invalid_type', path: [...path, 'assignee'], message: `${describeValue(assignee)} is not an assignee (a non-empty string)` });
  if (state !== undefined && typeof state !== 'string') issues.push({ code: 'invalid_type', path: [...path, 'state'], message: `${describeValue(state)} is not a state (a string)` });
  if (issues.length > before) return null;
  return { id: id as string, start, end, cis: list, assignee: assignee as string | undefined, state: state as string | undefined };
}

/** Epoch ms of an instant, or NaN with the issue (the message of the one instant rule) pushed. */
function instantOrIssue(value: unknown, path: ReadonlyArray<string | number>, field: string, issues: ValidationIssue[]): number {
  try {
    return toEpochMs(value as Instant, field);
  } catch (e) {
    /* c8 ignore next */
    if (!(e instanceof ItsmError)) throw e;
    issues.push({ code: 'invalid_instant', path: [...path, field], message: e.message.slice(e.message.indexOf(': ') + 2) });
    return NaN;
  }
}

/** Whether a read change takes part in checks. @internal */
export function isActive(state: string | undefined): boolean {
  return state === undefined || !INACTIVE.has(state);
}

/**
 * Validates and indexes a change schedule: per-CI and per-assignee interval trees, the CI hierarchy, blackouts
 * and maintenance windows. Build it once (100,000 changes take well under a second) and query it many times.
 *
 * @param input - The changes, CI relations, blackouts, maintenance windows and default related-CI depth.
 * @returns The schedule.
 * @throws {@link core!ItsmError} `invalid_definition` listing every problem with its path: an invalid instant,
 * `plannedEnd <= plannedStart`, a duplicate change or blackout id, a blackout or maintenance window that is not
 * a calendar, a CI relation to itself or a cycle of relations, a depth that is not a non-negative integer.
 * @example
 * ```ts
 * const schedule = createChangeSchedule({
 *   changes: [{ id: 'CHG1', plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-06T02:00:00Z', cis: ['db-01'] }],
 *   ciRelations: [{ parent: 'cluster-a', child: 'db-01' }],
 * });
 * ```
 * @category Schedule
 */
export function createChangeSchedule(input: ChangeScheduleInput): ChangeSchedule {
  try {
    const issues: ValidationIssue[] = [];
    if (!isRecord(input)) throw validationError('change schedule', [{ code: 'invalid_type', path: [], message: `${describeValue(input)} is not a schedule; expected { changes, ciRelations?, blackouts?, maintenanceWindows?, depth? }` }]);
    const graph = new CiGraph();

    let depth = 1;
    if (input.depth !== undefined) {
      if (!Number.isInteger(input.depth) || (input.depth as number) < 0) issues.push({ code: 'invalid_depth', path: ['depth'], message: `${describeValue(input.depth)} is not a depth; use a non-negative integer (0 turns related CIs off)` });
      else depth = input.depth;
    }

    const changes = input.changes as unknown;
    const ids: string[] = [];
    const byId = new Map<string, number>();
    const cisOf: number[][] = [];
    const active: boolean[] = [];
    const assignees: (string | undefined)[] = [];
    const startList: number[] = [], endList: number[] = [];
    if (!Array.isArray(changes)) issues.push({ code: 'invalid_type', path: ['changes'], message: `${describeValue(changes)} is not a list of changes` });
    else {
      for (let i = 0; i < changes.length; i++) {
        const c = readChange(changes[i], ['changes', i], issues);
        if (c === null) continue;
        const seen = byId.get(c.id);
        if (seen !== undefined) {
          issues.push({ code: 'duplicate_id', path: ['changes', i, 'id'], message: `${describeValue(c.id)} is already the id of another change; ids must be unique` });
          continue;
        }
        byId.set(c.id, ids.length);
        ids.push(c.id);
        startList.push(c.start);
        endList.push(c.end);
        const keys: number[] = [];
        for (const x of c.cis) keys.push(graph.intern(x));
        cisOf.push(keys);
        active.push(isActive(c.state));
        assignees.push(c.assignee);
      }
    }

    const relations = input.ciRelations as unknown;
    if (relations !== undefined) {
      if (!Array.isArray(relations)) issues.push({ code: 'invalid_type', path: ['ciRelations'], message: `${describeValue(relations)} is not a list of { parent, child }` });
      else {
        relations.forEach((r: unknown, i) => {
          if (!isRecord(r) || typeof r['parent'] !== 'string' || r['parent'] === '' || typeof r['child'] !== 'string' || r['child'] === '') {
            issues.push({ code: 'invalid_type', path: ['ciRelations', i], message: `${describeValue(r)} is not a CI relation; expected { parent, child } with non-empty CI ids` });
          } else if (r['parent'] === r['child']) {
            issues.push({ code: 'self_relation', path: ['ciRelations', i], message: `relates ${describeValue(r['parent'])} to itself` });
          } else {
            graph.relate(graph.intern(r['parent']), graph.intern(r['child']));
          }
        });
        const cyclic = graph.findCycle();
        if (cyclic >= 0) issues.push({ code: 'relation_cycle', path: ['ciRelations'], message: `form a cycle through ${describeValue(graph.names[cyclic])}; the CI hierarchy must have no cycles` });
      }
    }

    const globalBlackouts: ChangeBlackout[] = [];
    const blackoutsByCi = new Map<number, ChangeBlackout[]>();
    const blackouts = input.blackouts as unknown;
    if (blackouts !== undefined) {
      if (!Array.isArray(blackouts)) issues.push({ code: 'invalid_type', path: ['blackouts'], message: `${describeValue(blackouts)} is not a list of blackouts` });
      else {
        const blackoutIds = new Set<string>();
        blackouts.forEach((b: unknown, i) => {
          if (!isRecord(b)) {
            issues.push({ code: 'invalid_type', path: ['blackouts', i], message: `${describeValue(b)} is not a blackout; expected { id, calendar, cis? }` });
            return;
          }
          const before = issues.length;
          if (typeof b['id'] !== 'string' || b['id'] === '') issues.push({ code: 'invalid_type', path: ['blackouts', i, 'id'], message: `${describeValue(b['id'])} is not a blackout id (a non-empty string)` });
          else if (blackoutIds.has(b['id'])) issues.push({ code: 'duplicate_id', path: ['blackouts', i, 'id'], message: `${describeValue(b['id'])} is already the id of another blackout` });
          else blackoutIds.add(b['id']);
          if (!isBusinessCalendar(b['calendar'])) issues.push({ code: 'not_a_calendar', path: ['blackouts', i, 'calendar'], message: `${describeValue(b['calendar'])} is not a calendar; build one with createCalendar (its business time is the blackout)` });
          const cis = b['cis'];
          if (cis !== undefined && (!Array.isArray(cis) || !cis.every((c) => typeof c === 'string' && c !== ''))) {
            issues.push({ code: 'invalid_type', path: ['blackouts', i, 'cis'], message: `${describeValue(cis)} is not a list of CI ids` });
          }
          if (issues.length > before) return;
          const blackout = { id: b['id'] as string, calendar: b['calendar'] as BusinessCalendar, ...(cis === undefined ? {} : { cis: [...(cis as string[])] }) };
          if (cis === undefined) globalBlackouts.push(blackout);
          else {
            for (const c of new Set(cis as string[])) {
              const k = graph.intern(c);
              const list = blackoutsByCi.get(k);
              if (list === undefined) blackoutsByCi.set(k, [blackout]);
              else list.push(blackout);
            }
          }
        });
      }
    }

    const maintenance = new Map<number, BusinessCalendar>();
    const windows = input.maintenanceWindows as unknown;
    if (windows !== undefined) {
      if (!isRecord(windows)) issues.push({ code: 'invalid_type', path: ['maintenanceWindows'], message: `${describeValue(windows)} is not a record of CI id to calendar` });
      else {
        for (const [ci, cal] of Object.entries(windows)) {
          const list = Array.isArray(cal) ? cal : [cal];
          const bad = list.findIndex((c) => !isBusinessCalendar(c));
          if (list.length === 0 || bad >= 0) {
            const p = Array.isArray(cal) && bad >= 0 ? ['maintenanceWindows', ci, bad] : ['maintenanceWindows', ci];
            issues.push({ code: 'not_a_calendar', path: p, message: `${describeValue(bad >= 0 ? list[bad] : cal)} is not a calendar; build one with createCalendar (its business time is the window)` });
            continue;
          }
          maintenance.set(graph.intern(ci), list.length === 1 ? (list[0] as BusinessCalendar) : unionCalendars(...(list as BusinessCalendar[])));
        }
      }
    }

    if (issues.length > 0) throw validationError('change schedule', issues);
    return new ScheduleIndex({
      ids, byId, starts: Float64Array.from(startList), ends: Float64Array.from(endList), assignees, cis: cisOf, active, graph, depth,
      globalBlackouts, blackoutsByCi, maintenance,
    });
  } catch (e) {
    throw foreignError(e);
  }
}

/** The index behind a schedule, or a clear error for anything else. @internal */
export function scheduleOf(schedule: ChangeSchedule, fn: string): ScheduleIndex {
  // A WeakSet lookup runs no Proxy trap (`instanceof` runs getPrototypeOf) and refuses a look-alike object.
  if (built.has(schedule)) return schedule as ScheduleIndex;
  throw new ItsmError('invalid_argument', `${fn}: ${describeValue(schedule)} is not a change schedule; build one with createChangeSchedule.`, { details: { field: 'schedule' } });
}
