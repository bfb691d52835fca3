import { validationError, type ValidationIssue, foreignError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { optionsNotObjectError } from '../core/messages.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import { businessMsIntervals } from '../calendar/internal.js';
import { readChange, scheduleOf, type ChangeSchedule, type ReadChange, type ScheduleIndex, type ScheduledChange } from './schedule.js';

/**
 * The five kinds of schedule conflict (ServiceNow's ten conflict reasons folded into five), in the order
 * conflicts with the same overlap start are sorted.
 *
 * @example
 * ```ts
 * CHANGE_CONFLICT_KINDS[0]; // 'same_ci'
 * ```
 * @category Schedule
 */
export const CHANGE_CONFLICT_KINDS = ['same_ci', 'related_ci', 'blackout', 'outside_maintenance_window', 'assignee_busy'] as const;

/**
 * One of {@link CHANGE_CONFLICT_KINDS}.
 *
 * - `same_ci`: another change on one of the change's CIs overlaps it (one conflict per shared CI);
 * - `related_ci`: another change on an ancestor or descendant of one of its CIs, at most `depth` steps away,
 *   overlaps it (siblings are not related);
 * - `blackout`: the window meets a blackout of one of its CIs (or, with `related`, of a related CI), or a
 *   blackout of every CI;
 * - `outside_maintenance_window`: one of its CIs (or, with `related`, a related CI) has maintenance windows and
 *   the change is not entirely inside them;
 * - `assignee_busy`: another change of the same assignee overlaps it.
 *
 * @example
 * ```ts
 * const kinds: ChangeConflictKind[] = ['same_ci', 'blackout'];
 * ```
 * @category Schedule
 */
export type ChangeConflictKind = (typeof CHANGE_CONFLICT_KINDS)[number];

/**
 * A schedule conflict of a change. `ci` is the change's own CI, `relatedCi` the one that causes the conflict
 * (with `relation` saying what `relatedCi` is to `ci`, and `distance` the steps between them). `overlap` is the
 * intersection of the two windows, or for `blackout` and `outside_maintenance_window` the span from the first to
 * the last instant of the change's window that is in blackout (or outside the maintenance windows).
 *
 * @example
 * ```ts
 * const c: ChangeConflict = {
 *   kind: 'related_ci', changeId: 'CHG2', ci: 'db-01', relatedCi: 'cluster-a', relation: 'parent', distance: 1,
 *   overlap: { start: new Date('2026-12-05T23:00:00Z'), end: new Date('2026-12-06T01:00:00Z') },
 * };
 * ```
 * @category Schedule
 */
export interface ChangeConflict {
  readonly kind: ChangeConflictKind;
  /** The other change (`same_ci`, `related_ci`, `assignee_busy`). */
  readonly changeId?: string;
  /** The blackout (`blackout`). */
  readonly blackoutId?: string;
  /** The change's own CI (absent for `assignee_busy` and for blackouts of every CI). */
  readonly ci?: string;
  /** The related CI that causes the conflict (`related_ci`, and the `related` checks). */
  readonly relatedCi?: string;
  /** `parent` when `relatedCi` is above `ci` in the hierarchy, `child` when below. */
  readonly relation?: 'parent' | 'child';
  /** Steps between `ci` and `relatedCi`. */
  readonly distance?: number;
  readonly overlap: { readonly start: Date; readonly end: Date };
}

/**
 * Options of {@link findChangeConflicts} (and of {@link suggestChangeWindows}).
 *
 * @example
 * ```ts
 * const options: FindChangeConflictsOptions = { kinds: ['same_ci', 'blackout'], related: true, depth: 2 };
 * ```
 * @category Schedule
 */
export interface FindChangeConflictsOptions {
  /** Only these kinds (default: all five), like ServiceNow's conflict switches. */
  readonly kinds?: readonly ChangeConflictKind[] | undefined;
  /** Also check blackouts and maintenance windows of related CIs (default `false`). */
  readonly related?: boolean | undefined;
  /** Steps up or down the hierarchy that count as related (default: the schedule's `depth`). */
  readonly depth?: number | undefined;
}

/** Validated options. @internal */
export interface ConflictOptions {
  readonly kinds: ReadonlySet<ChangeConflictKind>;
  readonly related: boolean;
  readonly depth: number;
}

/** Reads the options shared by the conflict and window functions; every problem in one error. */
export function readConflictOptions(options: unknown, idx: ScheduleIndex, fn: string, issues: ValidationIssue[]): ConflictOptions {
  if (options === undefined) return { kinds: new Set(CHANGE_CONFLICT_KINDS), related: false, depth: idx.depth };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw optionsNotObjectError(`${fn} options`, 'an options object');
  const o = options as Record<string, unknown>;
  let kinds = new Set<ChangeConflictKind>(CHANGE_CONFLICT_KINDS);
  if (o['kinds'] !== undefined) {
    const list = o['kinds'];
    if (!Array.isArray(list)) issues.push({ code: 'invalid_type', path: ['kinds'], message: `${describeValue(list)} is not a list of conflict kinds` });
    else {
      kinds = new Set();
      list.forEach((k: unknown, i) => {
        if ((CHANGE_CONFLICT_KINDS as readonly unknown[]).includes(k)) kinds.add(k as ChangeConflictKind);
        else issues.push({ code: 'unknown_kind', path: ['kinds', i], message: `${describeValue(k)} is not a conflict kind; use ${CHANGE_CONFLICT_KINDS.join(', ')}` });
      });
    }
  }
  let related = false;
  if (o['related'] !== undefined) {
    if (typeof o['related'] !== 'boolean') issues.push({ code: 'invalid_type', path: ['related'], message: `${describeValue(o['related'])} is not true or false` });
    else related = o['related'];
  }
  let depth = idx.depth;
  if (o['depth'] !== undefined) {
    const d = o['depth'];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) issues.push({ code: 'invalid_depth', path: ['depth'], message: `${describeValue(d)} is not a depth; use a non-negative integer` });
    else depth = d;
  }
  return { kinds, related, depth };
}

/** Reads the change being checked or throws `invalid_definition` with every problem. @internal */
export function readProbe(change: unknown, fn: string): ReadChange {
  const issues: ValidationIssue[] = [];
  const c = readChange(change, [], issues);
  if (c === null) throw validationError(`change passed to ${fn}`, issues);
  return c;
}

const KIND_ORDER: Record<ChangeConflictKind, number> = { same_ci: 0, related_ci: 1, blackout: 2, outside_maintenance_window: 3, assignee_busy: 4 };

/** A conflict in numbers, before sorting and materialising. */
interface RawConflict {
  kind: ChangeConflictKind;
  start: number;
  end: number;
  other: string;
  changeId?: string;
  blackoutId?: string;
  ci?: string;
  relatedCi?: string;
  relation?: 'parent' | 'child';
  distance?: number;
}

const cmp = (a: string | undefined, b: string | undefined): number => {
  const x = a ?? '', y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

function compareRaw(a: RawConflict, b: RawConflict): number {
  return a.start - b.start || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.other, b.other) || cmp(a.ci, b.ci) || cmp(a.relatedCi, b.relatedCi) || a.end - b.end;
}

/** `[first, last)` of the part of `[s, e)` that is business time, or null. */
function inCalendar(cal: BusinessCalendar, s: number, e: number): [number, number] | null {
  const flat = businessMsIntervals(cal, s, e);
  return flat.length === 0 ? null : [flat[0]!, flat[flat.length - 1]!];
}

/** `[first, last)` of the part of `[s, e)` that is not business time, or null. */
function outsideCalendar(cal: BusinessCalendar, s: number, e: number): [number, number] | null {
  const flat = businessMsIntervals(cal, s, e);
  const n = flat.length;
  if (n === 2 && flat[0] === s && flat[1] === e) return null;
  const first = n === 0 || flat[0]! > s ? s : flat[1]!;
  const last = n === 0 || flat[n - 1]! < e ? e : flat[n - 2]!;
  return [first, last];
}

/** A CI of the probe with what is related to it. */
interface ProbeCi {
  readonly name: string;
  readonly key: number;
  /** Flat `[ci, relation, distance, ...]` (see CiGraph.related). */
  readonly related: number[];
}

/** The probe's CIs with their keys and related CIs (unknown CIs have key -1 and nothing related). @internal */
export function probeCis(idx: ScheduleIndex, probe: ReadChange, depth: number): ProbeCi[] {
  return probe.cis.map((name) => {
    const key = idx.graph.find(name);
    return { name, key, related: key < 0 ? [] : idx.graph.related(key, depth) };
  });
}

/**
 * The calendars of blackouts and maintenance windows that apply to a probe, with what to report for each: every
 * global blackout, then per CI its own, then (with `related`) those of related CIs.
 * @internal
 */
export interface CalendarRule {
  readonly kind: 'blackout' | 'outside_maintenance_window';
  readonly calendar: BusinessCalendar;
  readonly blackoutId?: string;
  readonly ci?: string;
  readonly relatedCi?: string;
  readonly relation?: 'parent' | 'child';
  readonly distance?: number;
}

/** The calendar rules of a probe, in report order (see {@link CalendarRule}). @internal */
export function calendarRules(idx: ScheduleIndex, cis: readonly ProbeCi[], opts: ConflictOptions): CalendarRule[] {
  const out: CalendarRule[] = [];
  const names = idx.graph.names;
  if (opts.kinds.has('blackout')) {
    for (const b of idx.globalBlackouts) out.push({ kind: 'blackout', calendar: b.calendar, blackoutId: b.id });
    for (const c of cis) {
      if (c.key < 0) continue;
      for (const b of idx.blackoutsByCi.get(c.key) ?? []) out.push({ kind: 'blackout', calendar: b.calendar, blackoutId: b.id, ci: c.name });
      if (!opts.related) continue;
      for (let j = 0; j < c.related.length; j += 3) {
        const r = c.related[j]!;
        for (const b of idx.blackoutsByCi.get(r) ?? []) {
          out.push({ kind: 'blackout', calendar: b.calendar, blackoutId: b.id, ci: c.name, relatedCi: names[r]!, relation: c.related[j + 1] === 0 ? 'parent' : 'child', distance: c.related[j + 2]! });
        }
      }
    }
  }
  if (opts.kinds.has('outside_maintenance_window')) {
    for (const c of cis) {
      if (c.key < 0) continue;
      const own = idx.maintenance.get(c.key);
      if (own !== undefined) out.push({ kind: 'outside_maintenance_window', calendar: own, ci: c.name });
      if (!opts.related) continue;
      for (let j = 0; j < c.related.length; j += 3) {
        const r = c.related[j]!;
        const cal = idx.maintenance.get(r);
        if (cal !== undefined) out.push({ kind: 'outside_maintenance_window', calendar: cal, ci: c.name, relatedCi: names[r]!, relation: c.related[j + 1] === 0 ? 'parent' : 'child', distance: c.related[j + 2]! });
      }
    }
  }
  return out;
}

/**
 * Calls `visit` for every stored change that can conflict with the probe in `[qs, qe)`, with what to report:
 * same CI, related CI and same assignee, the probe's own id excluded.
 * @internal
 */
export function forEachChangeConflict(
  idx: ScheduleIndex, probe: ReadChange, cis: readonly ProbeCi[], opts: ConflictOptions, qs: number, qe: number,
  visit: (kind: ChangeConflictKind, item: number, start: number, end: number, c: ProbeCi | null, related: number, relation: number, distance: number) => void,
): void {
  const self = idx.byId.get(probe.id) ?? -1;
  if (opts.kinds.has('same_ci')) {
    for (const c of cis) {
      if (c.key < 0) continue;
      idx.byCi.forEachOverlap(c.key, qs, qe, (item, s, e) => { if (item !== self) visit('same_ci', item, s, e, c, -1, -1, 0); });
    }
  }
  if (opts.kinds.has('related_ci')) {
    for (const c of cis) {
      for (let j = 0; j < c.related.length; j += 3) {
        const r = c.related[j]!, relation = c.related[j + 1]!, distance = c.related[j + 2]!;
        idx.byCi.forEachOverlap(r, qs, qe, (item, s, e) => { if (item !== self) visit('related_ci', item, s, e, c, r, relation, distance); });
      }
    }
  }
  if (opts.kinds.has('assignee_busy') && probe.assignee !== undefined) {
    const key = idx.assigneeKeys.get(probe.assignee);
    if (key !== undefined) idx.byAssignee.forEachOverlap(key, qs, qe, (item, s, e) => { if (item !== self) visit('assignee_busy', item, s, e, null, -1, -1, 0); });
  }
}

/**
 * The schedule conflicts of a change: same CI, related CI, blackout, outside maintenance window and busy
 * assignee. Windows are half-open (a change ending at 02:00 and one starting at 02:00 do not conflict); closed
 * and canceled changes are ignored; a change with the id of a scheduled change stands for that change moved
 * (its stored version is ignored), so a change never conflicts with itself. Each conflict is reported once
 * per (kind, other change or blackout, `ci`, `relatedCi`); the list is sorted by overlap start, then kind in the
 * order of {@link CHANGE_CONFLICT_KINDS}, then change or blackout id, `ci` and `relatedCi`.
 *
 * Runs in O(log n + k) per CI and assignee on the schedule's interval trees.
 *
 * @param schedule - From {@link createChangeSchedule}.
 * @param change - The change to check (its own state is not consulted).
 * @param options - Kinds to check, related-CI calendars, depth.
 * @returns Fresh conflict objects, sorted.
 * @throws {@link core!ItsmError} `invalid_definition` for an invalid change or options (every problem listed),
 * `invalid_argument` when `schedule` is not a schedule.
 * @example
 * ```ts
 * findChangeConflicts(schedule, { id: 'CHG9', plannedStart: '2026-12-05T23:00:00Z', plannedEnd: '2026-12-06T01:00:00Z', cis: ['db-01'] });
 * // [{ kind: 'same_ci', changeId: 'CHG1', ci: 'db-01', overlap: { start: 23:00Z, end: 01:00Z } }]
 * ```
 * @category Schedule
 */
export function findChangeConflicts(schedule: ChangeSchedule, change: ScheduledChange, options?: FindChangeConflictsOptions): ChangeConflict[] {
  try {
    const idx = scheduleOf(schedule, 'findChangeConflicts');
    const probe = readProbe(change, 'findChangeConflicts');
    const issues: ValidationIssue[] = [];
    const opts = readConflictOptions(options, idx, 'findChangeConflicts', issues);
    if (issues.length > 0) throw validationError('findChangeConflicts options', issues);
    return conflictsOf(idx, probe, opts);
  } catch (e) {
    throw foreignError(e);
  }
}

/** {@link findChangeConflicts} on validated input. @internal */
export function conflictsOf(idx: ScheduleIndex, probe: ReadChange, opts: ConflictOptions): ChangeConflict[] {
  const s = probe.start, e = probe.end;
  const cis = probeCis(idx, probe, opts.depth);
  const raw: RawConflict[] = [];
  const names = idx.graph.names;
  forEachChangeConflict(idx, probe, cis, opts, s, e, (kind, item, is, ie, c, r, relation, distance) => {
    const id = idx.ids[item]!;
    const conflict: RawConflict = { kind, start: is > s ? is : s, end: ie < e ? ie : e, other: id, changeId: id };
    if (c !== null) conflict.ci = c.name;
    if (r >= 0) {
      conflict.relatedCi = names[r]!;
      conflict.relation = relation === 0 ? 'parent' : 'child';
      conflict.distance = distance;
    }
    raw.push(conflict);
  });
  const seen = new Map<BusinessCalendar, [number, number] | null>();
  const seenOutside = new Map<BusinessCalendar, [number, number] | null>();
  for (const rule of calendarRules(idx, cis, opts)) {
    const cache = rule.kind === 'blackout' ? seen : seenOutside;
    let span = cache.get(rule.calendar);
    if (span === undefined) {
      span = rule.kind === 'blackout' ? inCalendar(rule.calendar, s, e) : outsideCalendar(rule.calendar, s, e);
      cache.set(rule.calendar, span);
    }
    if (span === null) continue;
    const { calendar: _calendar, ...facts } = rule;
    raw.push({ ...facts, start: span[0], end: span[1], other: rule.blackoutId ?? '' });
  }
  raw.sort(compareRaw);
  return raw.map(materialise);
}

function materialise(r: RawConflict): ChangeConflict {
  const out: { -readonly [K in keyof ChangeConflict]: ChangeConflict[K] } = { kind: r.kind, overlap: { start: new Date(r.start), end: new Date(r.end) } };
  if (r.changeId !== undefined) out.changeId = r.changeId;
  if (r.blackoutId !== undefined) out.blackoutId = r.blackoutId;
  if (r.ci !== undefined) out.ci = r.ci;
  if (r.relatedCi !== undefined) out.relatedCi = r.relatedCi;
  if (r.relation !== undefined) out.relation = r.relation;
  if (r.distance !== undefined) out.distance = r.distance;
  // Key order of the documented shape, overlap last.
  const { overlap, ...rest } = out;
  return { ...rest, overlap };
}
