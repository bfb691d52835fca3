/** Random schedules with random CI trees (and a few DAG edges) for the oracle tests, replayable from a seed. */
import { calendar24x7, createCalendar, type BusinessCalendar } from 'itsm-kit/calendar';
import type { ChangeBlackout, ChangeConflictKind, ChangeScheduleInput, FindChangeConflictsOptions, ScheduledChange } from 'itsm-kit/change';
import { mulberry32 } from '../support/random.js';

const MINUTE = 60_000;
const KINDS: ChangeConflictKind[] = ['same_ci', 'related_ci', 'blackout', 'outside_maintenance_window', 'assignee_busy'];

/** Calendars used as blackouts and maintenance windows: weekends, nights across DST, overrides, 24x7, never. */
export const CALENDAR_POOL: readonly BusinessCalendar[] = [
  createCalendar({ timeZone: 'Europe/Berlin', weekly: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] } }),
  createCalendar({ timeZone: 'America/New_York', weekly: { mon: ['22:00-06:00'], tue: ['22:00-06:00'], wed: ['22:00-06:00'], thu: ['22:00-06:00'], fri: ['22:00-06:00'], sat: ['20:00-08:00'], sun: ['01:00-05:00'] } }),
  createCalendar({ timeZone: 'UTC', weekly: { sun: ['02:00-06:00'], wed: ['01:00-03:30'] } }),
  createCalendar({ timeZone: 'Asia/Kolkata', weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] }, holidays: ['2026-03-09', '2026-10-26'] }),
  createCalendar({ timeZone: 'Europe/London', weekly: {}, overrides: [{ date: '2026-03-07', hours: ['10:00-14:00'] }, { date: '2026-10-24', hours: ['00:00-24:00'] }, { date: '2026-10-25', hours: ['00:30-02:30'] }] }),
  calendar24x7(),
  createCalendar({ timeZone: 'UTC', weekly: {} }),
];

const BASES = [Date.UTC(2026, 2, 5, 0, 0), Date.UTC(2026, 9, 23, 0, 0)];

export interface RandomCase {
  readonly input: ChangeScheduleInput;
  readonly probe: ScheduledChange;
  readonly options: FindChangeConflictsOptions;
}

export function randomCase(seed: number, size: { changes?: number; cis?: number; maxMinutes?: number } = {}): RandomCase {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const subset = <T>(xs: readonly T[], max: number): T[] => Array.from({ length: int(0, max) }, () => pick(xs));
  const nCis = int(2, size.cis ?? 18);
  const cis = Array.from({ length: nCis }, (_, i) => `ci${i}`);
  const ciRelations: Array<{ parent: string; child: string }> = [];
  for (let i = 1; i < nCis; i++) {
    if (rnd() < 0.75) ciRelations.push({ parent: cis[int(0, i - 1)]!, child: cis[i]! });
    if (rnd() < 0.12) ciRelations.push({ parent: cis[int(0, i - 1)]!, child: cis[i]! });
  }
  const base = pick(BASES);
  const span = 4 * 24 * 60;
  const maxMinutes = size.maxMinutes ?? 600;
  const changes: ScheduledChange[] = [];
  const nChanges = int(0, size.changes ?? 30);
  const ends: number[] = [];
  for (let i = 0; i < nChanges; i++) {
    // Sometimes start exactly where another change ends (half-open windows must not conflict there).
    const start = ends.length > 0 && rnd() < 0.2 ? pick(ends) : base + int(0, span) * MINUTE;
    const end = start + int(1, maxMinutes) * MINUTE;
    ends.push(end);
    const c: { -readonly [K in keyof ScheduledChange]: ScheduledChange[K] } = { id: `CHG${i}`, plannedStart: rnd() < 0.5 ? new Date(start).toISOString() : start, plannedEnd: new Date(end), cis: subset(cis, 3) };
    if (rnd() < 0.6) c.assignee = pick(['ann', 'bob', 'cy', 'dee']);
    if (rnd() < 0.4) c.state = pick(['scheduled', 'implement', 'closed', 'canceled', 'new']);
    changes.push(c);
  }
  const blackouts: ChangeBlackout[] = Array.from({ length: int(0, 3) }, (_, i) => {
    const r = rnd();
    return { id: `B${i}`, calendar: pick(CALENDAR_POOL), ...(r < 0.3 ? {} : { cis: r < 0.4 ? [] : subset(cis, 4) }) };
  });
  const maintenanceWindows: Record<string, BusinessCalendar | BusinessCalendar[]> = {};
  for (const ci of subset(cis, 4)) maintenanceWindows[ci] = rnd() < 0.2 ? [pick(CALENDAR_POOL), pick(CALENDAR_POOL)] : pick(CALENDAR_POOL);
  const depth = int(0, 3);
  const pStart = ends.length > 0 && rnd() < 0.15 ? pick(ends) : base + int(0, span) * MINUTE;
  const probe: ScheduledChange = {
    id: nChanges > 0 && rnd() < 0.3 ? `CHG${int(0, nChanges - 1)}` : 'PROBE',
    plannedStart: pStart, plannedEnd: pStart + int(1, maxMinutes) * MINUTE,
    cis: subset(cis, 3), ...(rnd() < 0.6 ? { assignee: pick(['ann', 'bob', 'cy', 'dee']) } : {}),
  };
  const options: { -readonly [K in keyof FindChangeConflictsOptions]: FindChangeConflictsOptions[K] } = {};
  if (rnd() < 0.3) options.kinds = KINDS.filter(() => rnd() < 0.6);
  if (rnd() < 0.5) options.related = true;
  if (rnd() < 0.2) options.depth = int(0, 3);
  return { input: { changes, ciRelations, blackouts, maintenanceWindows, depth }, probe, options };
}
