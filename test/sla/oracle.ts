/**
 * A deliberately naive reference model of the SLA clock (docs/sla.md, "The rules (normative)" and "The result"),
 * used to check `evaluateSla`. It shares no code with `src/sla/`: it has its own condition evaluator, its own
 * duration parser, and it reads business time from the calendar oracle of the calendar tests (an Intl wall-clock
 * membership test), never from the engine.
 *
 * The model steps minute by minute. Every event instant and `now` are whole minutes, and calendar membership is
 * constant inside a UTC minute, so for each minute `[m, m + 1 min)`:
 *
 * 1. the events at `m` are applied one by one (their `set` folded into the fields, then rules 1-3: reset, start,
 *    cancel / stop / pause);
 * 2. the clock is looked at as it stands after every event at `m`: if it is running, each threshold whose
 *    elapsed time has been reached (`elapsed >= x`) and that was not reached yet is reached at `m`;
 * 3. the minute is judged: running and business time -> elapsed += 1 min; paused and business time ->
 *    paused += 1 min. A warning threshold that is not a whole number of minutes (`ceil(f x target)`) is reached
 *    inside the minute, at `m + (x - elapsed)`.
 *
 * Projections (`dueAt`, warnings, `nextChangeAt`) step forward the same way from the projection point.
 *
 * A retroactive start (rule 2) replays the minutes from the field's instant to the start event the same way, the
 * clock paused in each minute where the pause condition held at the last event at or before it. A time zone
 * field re-zones the calendar (every spec part of it) for the cycle that starts while it is set. Relative
 * targets (`{ businessDays }`) are not modelled.
 */
import { MINUTE, isBusinessOracle, type OracleCalendar } from '../calendar/oracle.js';

/** Conditions, declared here on purpose (structurally the engine's). */
export type OracleCondition =
  | boolean
  | { readonly event: string }
  | { readonly all: readonly OracleCondition[] }
  | { readonly any: readonly OracleCondition[] }
  | { readonly not: OracleCondition }
  | ({ readonly field: string } & (
      | { readonly eq: OracleValue }
      | { readonly ne: OracleValue }
      | { readonly in: readonly OracleValue[] }
      | { readonly notIn: readonly OracleValue[] }
      | { readonly exists: boolean }
      | { readonly gt: number | string }
      | { readonly gte: number | string }
      | { readonly lt: number | string }
      | { readonly lte: number | string }
    ));

export type OracleValue = string | number | boolean | null;

/** The subset of a definition the oracle understands: ISO duration targets (no relative targets). */
export interface OracleDefinition {
  readonly id: string;
  readonly target: string;
  readonly calendar: string;
  readonly appliesTo?: OracleCondition;
  readonly start: OracleCondition;
  readonly stop: OracleCondition;
  readonly pause?: OracleCondition;
  readonly cancel?: OracleCondition;
  readonly reset?: OracleCondition;
  readonly warnAt?: readonly number[];
  /** A field holding the instant (a whole minute: epoch ms or an ISO string) the clock starts from. */
  readonly retroactiveStart?: string;
  /** A field holding an IANA zone the calendar's hours are read in, for a cycle that starts while it is set. */
  readonly timeZoneField?: string;
}

/** An event with its instant as epoch ms (a whole minute). */
export interface OracleEvent {
  readonly at: number;
  readonly type: string;
  readonly set?: Readonly<Record<string, unknown>>;
}

export type OracleStage = 'not_started' | 'running' | 'paused' | 'completed' | 'canceled';

export interface OracleWarning {
  readonly fraction: number;
  readonly reachedAt: number | null;
  readonly dueAt: number | null;
}

export interface OracleCycle {
  readonly stage: Exclude<OracleStage, 'not_started'>;
  readonly startedAt: number;
  readonly stoppedAt: number | null;
  readonly endedAt: number;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly breachedAt: number | null;
}

export interface OracleResult {
  readonly stage: OracleStage;
  readonly startedAt: number | null;
  readonly stoppedAt: number | null;
  readonly targetMs: number;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly breached: boolean;
  readonly breachedAt: number | null;
  readonly dueAt: number | null;
  readonly warnings: readonly OracleWarning[];
  readonly nextChangeAt: number | null;
  readonly cycles: readonly OracleCycle[];
}

// ---------------------------------------------------------------------------------------------------------------
// Durations: P[nD][T[nH][nM]] only (what the random definitions use)
// ---------------------------------------------------------------------------------------------------------------

/** Milliseconds of a duration such as `PT4H`, `P2D`, `P1DT4H30M`; a day is 24 h of business time. */
export function parseTargetOracle(text: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new Error(`oracle: unsupported duration ${text}`);
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * MINUTE;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions, read straight from the table in docs/sla.md
// ---------------------------------------------------------------------------------------------------------------

type Fields = Map<string, unknown>;

function readField(fields: Fields, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = fields.get(head ?? '');
  for (const key of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function comparable(a: unknown, b: number | string): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

/** Whether `c` holds for these fields at an event of type `eventType`. */
export function holdsOracle(c: OracleCondition, fields: Fields, eventType: string): boolean {
  if (c === true) return true;
  if (c === false) return false;
  if ('event' in c) return c.event === eventType;
  if ('all' in c) {
    for (const x of c.all) if (!holdsOracle(x, fields, eventType)) return false;
    return true;
  }
  if ('any' in c) {
    for (const x of c.any) if (holdsOracle(x, fields, eventType)) return true;
    return false;
  }
  if ('not' in c) return !holdsOracle(c.not, fields, eventType);
  const v = readField(fields, c.field);
  if ('eq' in c) return v === c.eq;
  if ('ne' in c) return v !== c.ne;
  if ('in' in c) return c.in.some((x) => x === v);
  if ('notIn' in c) return !c.notIn.some((x) => x === v);
  if ('exists' in c) return (v !== undefined && v !== null) === c.exists;
  if ('gt' in c) return comparable(v, c.gt) && (v as number | string) > c.gt;
  if ('gte' in c) return comparable(v, c.gte) && (v as number | string) >= c.gte;
  if ('lt' in c) return comparable(v, c.lt) && (v as number | string) < c.lt;
  if ('lte' in c) return comparable(v, c.lte) && (v as number | string) <= c.lte;
  throw new Error(`oracle: unknown condition ${JSON.stringify(c)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The clock
// ---------------------------------------------------------------------------------------------------------------

interface Cycle {
  stage: Exclude<OracleStage, 'not_started'>;
  /** The calendar of the cycle (re-zoned by the time zone field when the cycle started). */
  readonly cal: OracleCalendar;
  readonly startedAt: number;
  stoppedAt: number | null;
  elapsed: number;
  paused: number;
  /** reachedAt per threshold (the warnings in `warnAt` order, then the target). */
  readonly reached: Array<number | null>;
}

const retimed = new WeakMap<OracleCalendar, Map<string, OracleCalendar>>();

/** The same calendar with its hours read in `zone` (a composite part by part; always-open stays so). */
export function retimeOracle(cal: OracleCalendar, zone: string): OracleCalendar {
  let byZone = retimed.get(cal);
  if (byZone === undefined) retimed.set(cal, (byZone = new Map()));
  const hit = byZone.get(zone);
  if (hit !== undefined) return hit;
  const out: OracleCalendar =
    cal.kind === 'always' ? cal
    : cal.kind === 'spec' ? { kind: 'spec', spec: { ...cal.spec, timeZone: zone } }
    : cal.kind === 'subtract' ? { kind: 'subtract', a: retimeOracle(cal.a, zone), b: retimeOracle(cal.b, zone) }
    : { kind: cal.kind, parts: cal.parts.map((p) => retimeOracle(p, zone)) };
  byZone.set(zone, out);
  return out;
}

/** Thrown when a projection would step further than the cap (the case is then skipped, not compared). */
export class OracleCapExceeded extends Error {}

/**
 * For each remaining amount (ms, any order), the earliest instant `u >= point` with business time in
 * `[point, u)` equal to it (`point` itself for an amount <= 0). `point` is a whole minute.
 */
function projectOracle(cal: OracleCalendar, point: number, remaining: readonly number[], capMinutes: number): number[] {
  const out = remaining.map((r) => (r <= 0 ? point : Number.NaN));
  let counted = 0;
  let pos = point;
  for (let step = 0; out.some(Number.isNaN); step++, pos += MINUTE) {
    if (step > capMinutes) throw new OracleCapExceeded(`oracle: projection beyond ${capMinutes} minutes`);
    if (!isBusinessOracle(cal, pos)) continue;
    remaining.forEach((r, i) => {
      if (Number.isNaN(out[i]!) && r <= counted + MINUTE) out[i] = pos + (r - counted);
    });
    counted += MINUTE;
  }
  return out;
}

/**
 * Evaluates `def` over `events` at `now` by minute stepping. Events after `now` are ignored. `capMinutes` bounds
 * the projections (an {@link OracleCapExceeded} is thrown beyond it).
 */
export function evaluateSlaOracle(
  def: OracleDefinition,
  events: readonly OracleEvent[],
  cal: OracleCalendar,
  now: number,
  capMinutes = 60 * 1440,
): OracleResult {
  if (now % MINUTE !== 0) throw new Error('oracle: now must be a whole minute');
  const targetMs = parseTargetOracle(def.target);
  const fractions = def.warnAt ?? [0.75];
  // ceil(f × target) with the product rounded to six decimals (docs/sla.md), so 0.17 × 45 min is exactly 459,000 ms.
  const thresholds = [...fractions.map((f) => Math.ceil(Math.round(f * targetMs * 1e6) / 1e6)), targetMs];
  const live = events.filter((e) => e.at <= now);
  for (let i = 0; i < live.length; i++) {
    const e = live[i]!;
    if (e.at % MINUTE !== 0) throw new Error('oracle: event instants must be whole minutes');
    if (i > 0 && e.at < live[i - 1]!.at) throw new Error('oracle: events out of order');
  }

  const fields: Fields = new Map();
  const cycles: OracleCycle[] = [];
  let cycle: Cycle | null = null;
  /** Whether the pause condition held at each event so far (for the stretch of a retroactive start). */
  const pauseLog: Array<{ at: number; holds: boolean }> = [];
  /** When the last cycle was closed by a reset: a retroactive start never reaches back before it. */
  let lastCycleEnd = -Infinity;

  /** The clock at instant m, as it stands after every event at m: a running clock reaches its due thresholds. */
  const lookAt = (c: Cycle, m: number): void => {
    if (c.stage !== 'running') return;
    thresholds.forEach((x, i) => {
      if (c.reached[i] === null && c.elapsed >= x) c.reached[i] = m;
    });
  };
  /** The minute [m, m + 1 min) in the clock's current stage. */
  const judgeMinute = (c: Cycle, m: number): void => {
    if ((c.stage !== 'running' && c.stage !== 'paused') || !isBusinessOracle(c.cal, m)) return;
    if (c.stage === 'running') {
      thresholds.forEach((x, i) => {
        if (c.reached[i] === null && c.elapsed < x && x < c.elapsed + MINUTE) c.reached[i] = m + (x - c.elapsed);
      });
      c.elapsed += MINUTE;
    } else c.paused += MINUTE;
  };
  /** Replays [from, to) of a retroactive start: running, or paused where the pause held at the last event before. */
  const replay = (c: Cycle, from: number, to: number): void => {
    for (let m = from; m < to; m += MINUTE) {
      let holds = false;
      for (const entry of pauseLog) if (entry.at <= m) holds = entry.holds;
      c.stage = holds ? 'paused' : 'running';
      lookAt(c, m);
      judgeMinute(c, m);
    }
    c.stage = 'running';
  };

  const apply = (e: OracleEvent): void => {
    for (const [k, v] of Object.entries(e.set ?? {})) {
      if (v === undefined) fields.delete(k);
      else fields.set(k, v);
    }
    const holds = (c: OracleCondition | undefined): boolean => c !== undefined && holdsOracle(c, fields, e.type);
    const pauseHolds = holds(def.pause);
    // Rule 1: reset.
    if (cycle !== null && holds(def.reset)) {
      cycles.push({
        stage: cycle.stage,
        startedAt: cycle.startedAt,
        stoppedAt: cycle.stoppedAt,
        endedAt: e.at,
        elapsedMs: cycle.elapsed,
        pausedMs: cycle.paused,
        breachedAt: cycle.reached[thresholds.length - 1] ?? null,
      });
      cycle = null;
      lastCycleEnd = e.at;
    }
    // Rule 2: start.
    if (cycle === null && (def.appliesTo === undefined || holds(def.appliesTo)) && holds(def.start)) {
      const retro = def.retroactiveStart === undefined ? undefined : readField(fields, def.retroactiveStart);
      const from = typeof retro === 'string' ? Date.parse(retro) : typeof retro === 'number' ? retro : e.at;
      if (retro !== undefined && retro !== null && (Number.isNaN(from) || from % MINUTE !== 0)) throw new Error(`oracle: retroactive start ${String(retro)}`);
      const startedAt = Math.max(Math.min(from, e.at), lastCycleEnd); // a later instant is ignored; never before the last reset
      const zone = def.timeZoneField === undefined ? undefined : readField(fields, def.timeZoneField);
      const cycleCal = typeof zone === 'string' ? retimeOracle(cal, zone) : cal;
      cycle = { stage: 'running', cal: cycleCal, startedAt, stoppedAt: null, elapsed: 0, paused: 0, reached: thresholds.map(() => null) };
      if (startedAt < e.at) replay(cycle, startedAt, e.at);
    }
    // Rule 3: cancel, stop, pause.
    if (cycle !== null && (cycle.stage === 'running' || cycle.stage === 'paused')) {
      if (holds(def.cancel)) {
        cycle.stage = 'canceled';
        cycle.stoppedAt = e.at;
      } else if (holds(def.stop)) {
        cycle.stage = 'completed';
        cycle.stoppedAt = e.at;
      } else cycle.stage = pauseHolds ? 'paused' : 'running';
    }
    pauseLog.push({ at: e.at, holds: pauseHolds });
  };

  let idx = 0;
  if (live.length > 0) {
    for (let m = live[0]!.at; ; m += MINUTE) {
      while (idx < live.length && live[idx]!.at === m) apply(live[idx++]!);
      const c = cycle as Cycle | null;
      if (c !== null) lookAt(c, m);
      if (m >= now) break;
      if (c === null || c.stage === 'completed' || c.stage === 'canceled') {
        // Nothing counts until the next event (a pure shortcut: these minutes would change nothing).
        const next = idx < live.length ? live[idx]!.at : now;
        m = next - MINUTE;
        continue;
      }
      judgeMinute(c, m);
    }
  }

  const c = cycle as Cycle | null;
  if (c === null) {
    return {
      stage: 'not_started', startedAt: null, stoppedAt: null, targetMs, elapsedMs: 0, pausedMs: 0,
      breached: false, breachedAt: null, dueAt: null,
      warnings: fractions.map((fraction) => ({ fraction, reachedAt: null, dueAt: null })),
      nextChangeAt: null, cycles,
    };
  }
  // Projection: from now when running or paused ("if it resumed now"), from the stop when stopped.
  const point = c.stage === 'completed' || c.stage === 'canceled' ? c.stoppedAt! : now;
  const pending = thresholds.map((x, i) => (c.reached[i] === null ? x - c.elapsed : null));
  const wanted = pending.filter((r): r is number => r !== null);
  const projected = projectOracle(c.cal, point, wanted, capMinutes);
  let k = 0;
  const due = pending.map((r, i) => (r === null ? c.reached[i]! : projected[k++]!));
  const breachedAt = c.reached[thresholds.length - 1] ?? null;
  let nextChangeAt: number | null = null;
  if (c.stage === 'running') {
    pending.forEach((r, i) => {
      if (r !== null && (nextChangeAt === null || due[i]! < nextChangeAt)) nextChangeAt = due[i]!;
    });
  }
  return {
    stage: c.stage,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    targetMs,
    elapsedMs: c.elapsed,
    pausedMs: c.paused,
    breached: breachedAt !== null,
    breachedAt,
    dueAt: due[thresholds.length - 1]!,
    warnings: fractions.map((fraction, i) => ({ fraction, reachedAt: c.reached[i] ?? null, dueAt: due[i]! })),
    nextChangeAt,
    cycles,
  };
}
