/**
 * Lifecycle cost laws (issue 8): replaying a history (`replayIncidentHistory`, `replayProblemHistory`) must be linear
 * in its length, so the time per entry stays flat from 1,000 to 100,000 entries; sending one event
 * (`advanceIncident`) costs a copy of the history it appends to; restoring a persisted 10,000-entry snapshot
 * (`restoreIncident`) validates every entry once. Figures are printed, never asserted.
 */
import {
  advanceIncident, advanceProblem, incidentMachine, openIncident, openProblem, replayIncidentHistory, replayProblemHistory, restoreIncident,
  type IncidentEvent, type IncidentSnapshot, type LifecycleHistoryEntry, type ProblemEvent,
} from '../src/index.js';
import { formatMs, formatNumber, formatRatio, formatTable, heading, measure, median, type SuiteContext } from './harness.js';

export const title = 'Lifecycle cost laws: replay per entry at 1k / 10k / 100k entries, advanceIncident per event, restoreIncident of 10k entries';

const T0 = Date.UTC(2026, 2, 9, 8, 0);
const SIZES = [1_000, 10_000, 100_000] as const;

/**
 * A valid history of `n` entries: the opening events, then a cycle of events that returns to the same state,
 * repeated with instants one second apart (sending them one by one would cost n² copies).
 */
function synthesize(start: readonly LifecycleHistoryEntry[], cycle: readonly LifecycleHistoryEntry[], n: number): LifecycleHistoryEntry[] {
  const out = [...start];
  let t = Date.parse(start[start.length - 1]!.at);
  for (let i = 0; out.length < n; i++) {
    t += 1_000;
    out.push({ ...cycle[i % cycle.length]!, at: new Date(t).toISOString() });
  }
  return out;
}

function incidentTemplate(): { start: LifecycleHistoryEntry[]; cycle: LifecycleHistoryEntry[] } {
  let s = openIncident({ at: new Date(T0).toISOString(), impact: 2, urgency: 2, group: 'Service Desk' });
  const events: IncidentEvent[] = [
    { type: 'START', at: new Date(T0 + 60_000).toISOString() },
    { type: 'HOLD', at: new Date(T0 + 120_000).toISOString(), reason: 'awaiting_vendor' },
    { type: 'RESUME', at: new Date(T0 + 180_000).toISOString() },
    { type: 'UPDATE', at: new Date(T0 + 240_000).toISOString(), impact: 1, comment: 'vendor called back' },
    { type: 'UPDATE', at: new Date(T0 + 300_000).toISOString(), impact: 2 },
  ];
  for (const e of events) s = advanceIncident(s, e).snapshot;
  const h = s.context.history;
  return { start: h.slice(0, 2), cycle: h.slice(2) };
}

function problemTemplate(): { start: LifecycleHistoryEntry[]; cycle: LifecycleHistoryEntry[] } {
  let s = openProblem({ at: new Date(T0).toISOString(), id: 'PRB1', statement: 'VPN drops every hour' });
  const events: ProblemEvent[] = [
    { type: 'ASSESS', at: new Date(T0 + 60_000).toISOString(), assignee: 'kim' },
    { type: 'LINK_INCIDENT', at: new Date(T0 + 120_000).toISOString(), incidentId: 'INC1' },
    { type: 'UNLINK_INCIDENT', at: new Date(T0 + 180_000).toISOString(), incidentId: 'INC1' },
    { type: 'UPDATE', at: new Date(T0 + 240_000).toISOString(), affectedCis: ['VPN-1'] },
  ];
  for (const e of events) s = advanceProblem(s, e).snapshot;
  const h = s.context.history;
  return { start: h.slice(0, 2), cycle: h.slice(2) };
}

/** Median wall time of `runs` calls, in ms. */
function timeMedian(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function replayTable(name: string, template: { start: LifecycleHistoryEntry[]; cycle: LifecycleHistoryEntry[] }, replay: (h: LifecycleHistoryEntry[]) => unknown): void {
  const rows: string[][] = [];
  let first = 0;
  for (const n of SIZES) {
    const history = JSON.parse(JSON.stringify(synthesize(template.start, template.cycle, n))) as LifecycleHistoryEntry[];
    replay(history); // warm-up (and a check that the synthetic history replays)
    const ms = timeMedian(n >= 100_000 ? 3 : 5, () => replay(history));
    const perEntry = (ms * 1000) / n;
    if (first === 0) first = perEntry;
    rows.push([formatNumber(n), formatMs(ms), `${formatNumber(perEntry, 2)} µs`, formatRatio(perEntry / first)]);
  }
  console.log(`\n${name}: time against history length (linear = flat µs per entry)`);
  console.log(formatTable(['entries', 'replay', 'per entry', 'vs 1k'], rows, ['right', 'right', 'right', 'right']));
}

export async function run(_ctx: SuiteContext): Promise<void> {
  console.log(heading(title));
  const incident = incidentTemplate();
  replayTable('replayIncidentHistory', incident, replayIncidentHistory);
  replayTable('replayProblemHistory', problemTemplate(), replayProblemHistory);

  // advanceIncident: one event on snapshots of growing history (each accepted step copies the history it appends to).
  const rows: string[][] = [];
  for (const n of [10, 1_000, 10_000]) {
    const snapshot: IncidentSnapshot = replayIncidentHistory(synthesize(incident.start, incident.cycle, n));
    const last = Date.parse(snapshot.context.updatedAt);
    const events: IncidentEvent[] = Array.from({ length: 256 }, (_, i) => ({ type: 'UPDATE', at: new Date(last + (i + 1) * 1_000).toISOString(), comment: `note ${i}` }));
    const m = measure(`advanceIncident (${n})`, events, (e) => advanceIncident(snapshot, e), { minMs: 200, rounds: 5 });
    rows.push([formatNumber(n), `${formatNumber(1e6 / m.opsPerSec, 2)} µs`, formatNumber(m.opsPerSec)]);
  }
  // A chain: 2,000 events sent one after another from a fresh incident (what a live ticket goes through).
  const chain: IncidentEvent[] = Array.from({ length: 2_000 }, (_, i) => ({ type: 'UPDATE', at: new Date(T0 + 600_000 + i * 1_000).toISOString(), comment: `c${i}` }));
  const chainMs = timeMedian(3, () => {
    let s = replayIncidentHistory(incident.start);
    for (const e of chain) s = advanceIncident(s, e).snapshot;
    return s;
  });
  console.log('\nadvanceIncident: one accepted event on a snapshot with a history of n entries');
  console.log(formatTable(['history', 'per event', 'events/s'], rows, ['right', 'right', 'right']));
  console.log(`chain of ${formatNumber(chain.length)} events from a fresh incident: ${formatMs(chainMs)} (${formatNumber((chainMs * 1000) / chain.length, 1)} µs per event)`);

  // restoreIncident of a persisted 10,000-entry snapshot (parsed JSON, as read from a database).
  const big = replayIncidentHistory(synthesize(incident.start, incident.cycle, 10_000));
  const row = JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(big))) as unknown;
  restoreIncident(row);
  const restoreMs = timeMedian(5, () => restoreIncident(row));
  console.log(`\nrestoreIncident of a 10,000-entry snapshot: ${formatMs(restoreMs)} (${formatNumber((restoreMs * 1000) / 10_000, 2)} µs per entry)`);
}
