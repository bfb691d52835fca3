import { ItsmError, validationError, type ValidationIssue, foreignError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { parseDurationOrNull } from '../core/duration.js';
import { MAX_SUPPORTED_MS, toEpochMs, type Instant } from '../core/instant.js';
import type { BusinessCalendar } from '../calendar/engine.js';
import { businessMsIntervals } from '../calendar/internal.js';
import { scheduleOf, type ChangeSchedule, type ScheduledChange } from './schedule.js';
import {
  calendarRules, forEachChangeConflict, probeCis, readConflictOptions, readProbe, type FindChangeConflictsOptions,
} from './conflicts.js';

/**
 * Options of {@link suggestChangeWindows}: where to look, for how long a window, how many, and the conflict
 * options of {@link findChangeConflicts} that define "conflict-free".
 *
 * @example
 * ```ts
 * const options: SuggestChangeWindowsOptions = { after: '2026-12-07T00:00:00Z', within: 'P14D', duration: 'PT2H', limit: 3 };
 * ```
 * @category Schedule
 */
export interface SuggestChangeWindowsOptions extends FindChangeConflictsOptions {
  /** Earliest start (default: the change's planned start). */
  readonly after?: Instant | undefined;
  /** Horizon for starts: every start lies in `[after, after + within)` (ISO 8601 or ms; default `P90D`). */
  readonly within?: string | number | undefined;
  /** Length of the window (ISO 8601 or ms; default the change's planned duration). */
  readonly duration?: string | number | undefined;
  /** At most this many windows (default 10). */
  readonly limit?: number | undefined;
}

/**
 * A suggested window `[start, end)` for a change.
 *
 * @example
 * ```ts
 * const w: ChangeWindow = { start: new Date('2026-12-06T02:00:00Z'), end: new Date('2026-12-06T04:00:00Z') };
 * ```
 * @category Schedule
 */
export interface ChangeWindow {
  readonly start: Date;
  readonly end: Date;
}

const DAY_MS = 86_400_000;

function msOption(value: unknown, field: string, fallback: number, issues: ValidationIssue[], allowZero: boolean): number {
  if (value === undefined) return fallback;
  const ms = typeof value === 'string' ? parseDurationOrNull(value) : typeof value === 'number' && Number.isFinite(value) ? value : null;
  if (ms === null || !Number.isInteger(ms) || ms < 0 || (!allowZero && ms === 0)) {
    issues.push({ code: 'invalid_duration', path: [field], message: `${describeValue(value)} is not a ${allowZero ? '' : 'positive '}duration; use ISO 8601 ("PT2H", "P14D") or whole milliseconds` });
    return fallback;
  }
  return ms;
}

/** Sorted disjoint integer ranges `[a0, b0, a1, b1, ...]` (both ends inclusive). */
type Ranges = number[];

/** Merges integer ranges given in any order (touching ones too: `[1, 2]` and `[3, 4]` are `[1, 4]`). */
function mergeRanges(list: Ranges): Ranges {
  const n = list.length >> 1;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => list[2 * x]! - list[2 * y]!);
  const out: Ranges = [];
  for (const i of order) {
    const a = list[2 * i]!, b = list[2 * i + 1]!;
    if (out.length > 0 && a <= out[out.length - 1]! + 1) {
      if (b > out[out.length - 1]!) out[out.length - 1] = b;
    } else out.push(a, b);
  }
  return out;
}

/** `[lo, hi]` minus sorted disjoint `cut`. */
function complement(lo: number, hi: number, cut: Ranges): Ranges {
  const out: Ranges = [];
  let t = lo;
  for (let i = 0; i < cut.length && t <= hi; i += 2) {
    const a = cut[i]!, b = cut[i + 1]!;
    if (b < t) continue;
    if (a > t) out.push(t, Math.min(a - 1, hi));
    t = b + 1;
  }
  if (t <= hi) out.push(t, hi);
  return out;
}

function intersect(x: Ranges, y: Ranges): Ranges {
  const out: Ranges = [];
  let i = 0, j = 0;
  while (i < x.length && j < y.length) {
    const a = Math.max(x[i]!, y[j]!), b = Math.min(x[i + 1]!, y[j + 1]!);
    if (a <= b) out.push(a, b);
    if (x[i + 1]! < y[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/**
 * The earliest conflict-free windows for a change: windows of its duration (or `duration`) whose start is at or
 * after `after` and before `after + within`, inside every maintenance window of its CIs and outside blackouts,
 * overlapping no other change on its CIs, related CIs or assignee (exactly the conflicts
 * {@link findChangeConflicts} reports with the same options). One window per conflict-free stretch of starts,
 * at the start of the stretch, in increasing order; the first is the exact earliest start.
 *
 * Starts are computed, not searched: a stretch opens at `after`, at the end of another change or of a
 * blackout interval, or where a maintenance window opens.
 *
 * @param schedule - From {@link createChangeSchedule}.
 * @param change - The change to place (a scheduled change's own stored window is ignored).
 * @param options - Horizon, duration, limit and conflict options.
 * @returns At most `limit` fresh windows; an empty list when none fits in the horizon.
 * @throws {@link core!ItsmError} `invalid_definition` for an invalid change or options (every problem listed),
 * `invalid_argument` when `schedule` is not a schedule.
 * @example
 * ```ts
 * suggestChangeWindows(schedule, change, { after: '2026-12-07T00:00:00Z', within: 'P7D', limit: 3 });
 * // [{ start: 2026-12-07T02:00Z, end: 2026-12-07T04:00Z }, ...]
 * ```
 * @category Schedule
 */
export function suggestChangeWindows(schedule: ChangeSchedule, change: ScheduledChange, options?: SuggestChangeWindowsOptions): ChangeWindow[] {
  try {
    const idx = scheduleOf(schedule, 'suggestChangeWindows');
    const probe = readProbe(change, 'suggestChangeWindows');
    const issues: ValidationIssue[] = [];
    const opts = readConflictOptions(options, idx, 'suggestChangeWindows', issues);
    const o = (options ?? {}) as SuggestChangeWindowsOptions;
    const duration = msOption(o.duration, 'duration', probe.end - probe.start, issues, false);
    const within = msOption(o.within, 'within', 90 * DAY_MS, issues, true);
    let after = probe.start;
    if (o.after !== undefined) {
      try {
        after = toEpochMs(o.after, 'after');
      } catch (e) {
        /* c8 ignore next */
        if (!(e instanceof ItsmError)) throw e;
        issues.push({ code: 'invalid_instant', path: ['after'], message: e.message.slice(e.message.indexOf(': ') + 2) });
      }
    }
    let limit = 10;
    if (o.limit !== undefined) {
      if (typeof o.limit !== 'number' || !Number.isInteger(o.limit) || o.limit < 1) issues.push({ code: 'invalid_limit', path: ['limit'], message: `${describeValue(o.limit)} is not a limit; use a positive integer` });
      else limit = o.limit;
    }
    if (issues.length > 0) throw validationError('suggestChangeWindows options', issues);

    // Starts t are whole milliseconds in [after, last]; the window [t, t + D) then lies in [after, reach).
    const D = duration;
    const last = Math.min(after + within, MAX_SUPPORTED_MS - D) - 1;
    if (last < after) return [];
    const reach = last + D;
    const cis = probeCis(idx, probe, opts.depth);

    // A busy stretch [x, y) forbids the starts x - D < t < y, i.e. the integers [x - D + 1, y - 1].
    const forbidden: Ranges = [];
    forEachChangeConflict(idx, probe, cis, opts, after, reach, (_kind, _item, s, e) => { forbidden.push(s - D + 1, e - 1); });
    const rules = calendarRules(idx, cis, opts);
    // Each calendar once per kind (the same calendar may be a blackout and a maintenance window).
    const done = { blackout: new Set<BusinessCalendar>(), outside_maintenance_window: new Set<BusinessCalendar>() };
    const allowed: Ranges[] = [];
    for (const rule of rules) {
      if (done[rule.kind].has(rule.calendar)) continue;
      done[rule.kind].add(rule.calendar);
      const flat = businessMsIntervals(rule.calendar, after, reach);
      if (rule.kind === 'blackout') {
        for (let i = 0; i < flat.length; i += 2) forbidden.push(flat[i]! - D + 1, flat[i + 1]! - 1);
      } else {
        // A maintenance stretch [m, n) allows the starts m <= t <= n - D.
        const ok: Ranges = [];
        for (let i = 0; i < flat.length; i += 2) if (flat[i + 1]! - flat[i]! >= D) ok.push(flat[i]!, flat[i + 1]! - D);
        allowed.push(ok);
      }
    }
    let free = complement(after, last, mergeRanges(forbidden));
    for (const ok of allowed) free = intersect(free, ok);

    const out: ChangeWindow[] = [];
    for (let i = 0; i < free.length && out.length < limit; i += 2) {
      // Stretches never touch (a gap of at least 1 ms separates them), so each start opens a new one.
      out.push({ start: new Date(free[i]!), end: new Date(free[i]! + D) });
    }
    return out;
  } catch (e) {
    throw foreignError(e);
  }
}
