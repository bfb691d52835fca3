/**
 * A deliberately naive oracle for schedule conflicts: every stored change against the probe (all pairs of CIs),
 * CI distances by Floyd-Warshall, and the calendar kinds by stepping through the window minute by minute with
 * isBusinessTime. Windows and calendar transitions must be whole minutes.
 */
import { isBusinessTime, unionCalendars, type BusinessCalendar } from 'itsm-kit/calendar';
import { toEpochMs } from 'itsm-kit/core';
import type { ChangeConflictKind, ChangeScheduleInput, ScheduledChange } from 'itsm-kit/change';

const MINUTE = 60_000;
const KINDS: ChangeConflictKind[] = ['same_ci', 'related_ci', 'blackout', 'outside_maintenance_window', 'assignee_busy'];

export interface OracleOptions {
  kinds?: readonly ChangeConflictKind[] | undefined;
  related?: boolean | undefined;
  depth?: number | undefined;
}

export interface PlainConflict {
  kind: ChangeConflictKind;
  changeId?: string;
  blackoutId?: string;
  ci?: string;
  relatedCi?: string;
  relation?: 'parent' | 'child';
  distance?: number;
  overlap: { start: string; end: string };
}

/** upward[a][b] = fewest steps from a up to b (Infinity when b is not an ancestor). */
function upwardDistances(input: ChangeScheduleInput): Map<string, Map<string, number>> {
  const cis = new Set<string>();
  for (const r of input.ciRelations ?? []) { cis.add(r.parent); cis.add(r.child); }
  const d = new Map<string, Map<string, number>>();
  for (const a of cis) d.set(a, new Map([...cis].map((b) => [b, a === b ? 0 : Infinity])));
  for (const r of input.ciRelations ?? []) d.get(r.child)!.set(r.parent, 1);
  for (const k of cis) for (const i of cis) for (const j of cis) {
    const via = d.get(i)!.get(k)! + d.get(k)!.get(j)!;
    if (via < d.get(i)!.get(j)!) d.get(i)!.set(j, via);
  }
  return d;
}

function relationOf(up: Map<string, Map<string, number>>, c: string, x: string, depth: number): { relation: 'parent' | 'child'; distance: number } | null {
  const a = up.get(c)?.get(x) ?? Infinity;
  if (c !== x && a >= 1 && a <= depth) return { relation: 'parent', distance: a };
  const b = up.get(x)?.get(c) ?? Infinity;
  if (c !== x && b >= 1 && b <= depth) return { relation: 'child', distance: b };
  return null;
}

/** [first, last + 1 min) of the minutes of [s, e) where `pred` holds, or null. */
function minuteSpan(s: number, e: number, pred: (t: number) => boolean): [number, number] | null {
  let first = -1, last = -1;
  for (let t = s; t < e; t += MINUTE) if (pred(t)) { if (first < 0) first = t; last = t; }
  return first < 0 ? null : [first, last + MINUTE];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function naiveConflicts(input: ChangeScheduleInput, probe: ScheduledChange, options: OracleOptions = {}): PlainConflict[] {
  const kinds = new Set(options.kinds ?? KINDS);
  const depth = options.depth ?? input.depth ?? 1;
  const related = options.related ?? false;
  const up = upwardDistances(input);
  const s = toEpochMs(probe.plannedStart), e = toEpochMs(probe.plannedEnd);
  const probeCis = [...new Set(probe.cis)];
  const out = new Map<string, PlainConflict>();
  const add = (c: PlainConflict) => {
    const key = [c.kind, c.changeId ?? c.blackoutId ?? '', c.ci ?? '', c.relatedCi ?? ''].join('|');
    if (!out.has(key)) out.set(key, c);
  };
  for (const x of input.changes) {
    if (x.id === probe.id || x.state === 'closed' || x.state === 'canceled') continue;
    const xs = toEpochMs(x.plannedStart), xe = toEpochMs(x.plannedEnd);
    const os = Math.max(s, xs), oe = Math.min(e, xe);
    if (os >= oe) continue;
    const overlap = { start: iso(os), end: iso(oe) };
    for (const c of probeCis) {
      for (const d of x.cis) {
        if (c === d && kinds.has('same_ci')) add({ kind: 'same_ci', changeId: x.id, ci: c, overlap });
        const rel = relationOf(up, c, d, depth);
        if (rel && kinds.has('related_ci')) add({ kind: 'related_ci', changeId: x.id, ci: c, relatedCi: d, ...rel, overlap });
      }
    }
    if (kinds.has('assignee_busy') && probe.assignee !== undefined && probe.assignee === x.assignee) add({ kind: 'assignee_busy', changeId: x.id, overlap });
  }
  const allCis = new Set<string>(probeCis);
  for (const r of input.ciRelations ?? []) { allCis.add(r.parent); allCis.add(r.child); }
  for (const b of input.blackouts ?? []) for (const c of b.cis ?? []) allCis.add(c);
  for (const c of Object.keys(input.maintenanceWindows ?? {})) allCis.add(c);
  const inBlackout = (cal: BusinessCalendar) => minuteSpan(s, e, (t) => isBusinessTime(cal, t));
  if (kinds.has('blackout')) {
    for (const b of input.blackouts ?? []) {
      const span = inBlackout(b.calendar);
      if (span === null) continue;
      const overlap = { start: iso(span[0]), end: iso(span[1]) };
      if (b.cis === undefined) { add({ kind: 'blackout', blackoutId: b.id, overlap }); continue; }
      for (const c of probeCis) {
        if (b.cis.includes(c)) add({ kind: 'blackout', blackoutId: b.id, ci: c, overlap });
        if (!related) continue;
        for (const d of allCis) {
          const rel = relationOf(up, c, d, depth);
          if (rel && b.cis.includes(d)) add({ kind: 'blackout', blackoutId: b.id, ci: c, relatedCi: d, ...rel, overlap });
        }
      }
    }
  }
  if (kinds.has('outside_maintenance_window')) {
    const mw = input.maintenanceWindows ?? {};
    const outside = (d: string) => {
      const w = mw[d]!;
      const cal = Array.isArray(w) ? unionCalendars(...(w as BusinessCalendar[])) : (w as BusinessCalendar);
      return minuteSpan(s, e, (t) => !isBusinessTime(cal, t));
    };
    for (const c of probeCis) {
      for (const d of allCis) {
        if (!(d in mw)) continue;
        if (d === c) {
          const span = outside(d);
          if (span) add({ kind: 'outside_maintenance_window', ci: c, overlap: { start: iso(span[0]), end: iso(span[1]) } });
          continue;
        }
        if (!related) continue;
        const rel = relationOf(up, c, d, depth);
        if (!rel) continue;
        const span = outside(d);
        if (span) add({ kind: 'outside_maintenance_window', ci: c, relatedCi: d, ...rel, overlap: { start: iso(span[0]), end: iso(span[1]) } });
      }
    }
  }
  const order = (k: ChangeConflictKind) => KINDS.indexOf(k);
  const str = (a?: string, b?: string) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  return [...out.values()].sort((a, b) =>
    a.overlap.start.localeCompare(b.overlap.start) || order(a.kind) - order(b.kind)
    || str(a.changeId ?? a.blackoutId, b.changeId ?? b.blackoutId) || str(a.ci, b.ci) || str(a.relatedCi, b.relatedCi)
    || a.overlap.end.localeCompare(b.overlap.end));
}
