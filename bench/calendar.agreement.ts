/**
 * How far the peers agree with itsm-kit, and why they do not when they do not.
 *
 * Every disagreement is settled against a naive oracle written here: it steps minute by minute and reads the
 * wall clock with the host's `Date` getters (the process runs with TZ=America/New_York), so it shares no code
 * with itsm-kit, whose engine reads zones through `Intl`. Under DESIGN.md semantics (half-open intervals, the
 * earliest instant for additions) the oracle's answer is the right one; a case where itsm-kit differs from it
 * is reported as a suspected itsm-kit bug with a reproduction. Otherwise the peer's answer is classified by
 * checks coded below, never by guessing.
 */
import { addBusinessTime, businessTimeBetween, createCalendar, type BusinessCalendar } from '../src/calendar/index.js';
import { BENCH_SPEC, CLOSE_MINUTE, OPEN_MINUTE, US_FEDERAL_HOLIDAYS_2025_2027 } from './calendar.fixtures.js';

export interface AddCase {
  readonly start: number;
  readonly minutes: number;
}

export interface BetweenCase {
  readonly from: number;
  readonly to: number;
}

const MINUTE = 60_000;
/** The oracle never walks further than this (a safety stop; the workload stays far below it). */
const ORACLE_LIMIT_MINUTES = 200 * 1440;

// ---------------------------------------------------------------------------------------------------------------
// The oracle (host-zone Date getters, minute stepping)
// ---------------------------------------------------------------------------------------------------------------

const holidaySet = new Set(US_FEDERAL_HOLIDAYS_2025_2027);
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function localDateKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whether the whole minute `[t, t + 1 min)` is open: boundaries and NY offsets are whole minutes. */
export function oracleIsOpenMinute(t: number): boolean {
  const d = new Date(t);
  const wd = d.getDay();
  if (wd === 0 || wd === 6 || holidaySet.has(localDateKey(d))) return false;
  const m = d.getHours() * 60 + d.getMinutes();
  return m >= OPEN_MINUTE && m < CLOSE_MINUTE;
}

/** The earliest instant after `minutes` open minutes counted from whole-minute `start`. */
export function oracleAdd(start: number, minutes: number): number {
  let t = start;
  for (let count = 0, steps = 0; count < minutes; t += MINUTE) {
    if (++steps > ORACLE_LIMIT_MINUTES) throw new Error('oracle: walked too far');
    if (oracleIsOpenMinute(t)) count++;
  }
  return t;
}

/** Open minutes in `[from, to)`, for whole-minute `from <= to`. */
export function oracleBetween(from: number, to: number): number {
  if (to - from > ORACLE_LIMIT_MINUTES * MINUTE) throw new Error('oracle: span too long');
  let count = 0;
  for (let t = from; t < to; t += MINUTE) if (oracleIsOpenMinute(t)) count++;
  return count;
}

/** `Fri 2026-03-06T16:00-05:00`: the host-zone reading, for reproductions (no Intl). */
export function localIso(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()]!;
  return `${day} ${localDateKey(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Counterfactual calendars: what a peer's answer would be under a specific mistake
// ---------------------------------------------------------------------------------------------------------------

interface Counterfactuals {
  /** The same hours with no holidays at all. */
  readonly noHolidays: BusinessCalendar;
  /** The same calendar at a fixed offset (no DST), by offset in minutes (host `getTimezoneOffset` sign). */
  readonly fixedOffset: ReadonlyMap<number, BusinessCalendar>;
}

let counterfactuals: Counterfactuals | null = null;

function getCounterfactuals(): Counterfactuals {
  if (counterfactuals !== null) return counterfactuals;
  const { holidays: _omit, ...noHolidaySpec } = BENCH_SPEC;
  counterfactuals = {
    noHolidays: createCalendar(noHolidaySpec),
    // Etc/GMT+5 is UTC-05:00 (POSIX sign): EST all year; Etc/GMT+4 is EDT all year.
    fixedOffset: new Map([
      [300, createCalendar({ ...BENCH_SPEC, timeZone: 'Etc/GMT+5' })],
      [240, createCalendar({ ...BENCH_SPEC, timeZone: 'Etc/GMT+4' })],
    ]),
  };
  return counterfactuals;
}

function crossesDst(a: number, b: number): boolean {
  return new Date(a).getTimezoneOffset() !== new Date(b).getTimezoneOffset();
}

function spansHoliday(a: number, b: number): boolean {
  const last = localDateKey(new Date(b));
  // Half-day steps never skip a local date, even across a DST change.
  for (let t = a; ; t = Math.min(t + 43_200_000, b)) {
    const k = localDateKey(new Date(t));
    if (holidaySet.has(k)) return true;
    if (k === last) return false;
  }
}

/** Whether `t` is a closing instant: closed at `t`, open the minute before. */
function isClose(t: number): boolean {
  return !oracleIsOpenMinute(t) && oracleIsOpenMinute(t - MINUTE);
}

// ---------------------------------------------------------------------------------------------------------------
// Tallies
// ---------------------------------------------------------------------------------------------------------------

export interface AgreementTally {
  readonly peer: string;
  readonly op: 'add' | 'between';
  agree: number;
  total: number;
  /** Disagreement kind -> count. */
  readonly kinds: Map<string, number>;
  /** Disagreement kind -> first example, as a reproduction line. */
  readonly examples: Map<string, string>;
  /** Reproductions of cases where itsm-kit differs from the oracle. */
  readonly suspects: string[];
}

export function newTally(peer: string, op: 'add' | 'between'): AgreementTally {
  return { peer, op, agree: 0, total: 0, kinds: new Map(), examples: new Map(), suspects: [] };
}

function record(t: AgreementTally, kind: string, example: string): void {
  t.kinds.set(kind, (t.kinds.get(kind) ?? 0) + 1);
  if (!t.examples.has(kind)) t.examples.set(kind, example);
}

/** Counts one add result; classifies it when the peer differs (results compared to the minute). */
export function tallyAdd(t: AgreementTally, cal: BusinessCalendar, c: AddCase, itsm: number, peer: number): void {
  t.total++;
  if (Math.floor(itsm / MINUTE) === Math.floor(peer / MINUTE)) {
    t.agree++;
    return;
  }
  const call = `addBusinessTime(cal, '${localIso(c.start)}', ${c.minutes} min)`;
  const oracle = oracleAdd(c.start, c.minutes);
  const line = `${call}: itsm-kit ${localIso(itsm)}, ${t.peer} ${localIso(peer)}, oracle ${localIso(oracle)}`;
  if (oracle !== itsm) {
    t.suspects.push(line);
    record(t, 'itsm-kit differs from the oracle', line);
    return;
  }
  const peerMeasure = businessTimeBetween(cal, c.start, peer) / MINUTE;
  const cf = getCounterfactuals();
  let kind: string;
  if (peerMeasure === c.minutes && peer > itsm) {
    // Same business time, later instant: DESIGN.md asks for the earliest one.
    kind = isClose(itsm) && oracleIsOpenMinute(peer) ? 'peer rolls a close to the next opening' : 'peer returns a later instant with no business time between';
  } else if (addBusinessTime(cf.noHolidays, c.start, c.minutes * MINUTE).getTime() === peer) {
    kind = 'peer ignores a holiday';
  } else if (crossesDst(c.start, Math.max(itsm, peer)) && addBusinessTime(cf.fixedOffset.get(new Date(c.start).getTimezoneOffset())!, c.start, c.minutes * MINUTE).getTime() === peer) {
    kind = 'peer keeps the start offset across a DST change';
  } else {
    const delta = peerMeasure - c.minutes;
    const where = spansHoliday(c.start, Math.max(itsm, peer)) ? ', holiday in span' : crossesDst(c.start, Math.max(itsm, peer)) ? ', DST change in span' : '';
    kind = `peer off by ${delta > 0 ? '+' : ''}${delta} business min${where}`;
  }
  record(t, kind, line);
}

/** Counts one between result; classifies it when the peer differs (results compared in whole minutes). */
export function tallyBetween(t: AgreementTally, cal: BusinessCalendar, c: BetweenCase, itsmMinutes: number, peerMinutes: number): void {
  t.total++;
  if (itsmMinutes === peerMinutes) {
    t.agree++;
    return;
  }
  const call = `businessTimeBetween(cal, '${localIso(c.from)}', '${localIso(c.to)}')`;
  const oracle = oracleBetween(c.from, c.to);
  const line = `${call}: itsm-kit ${itsmMinutes} min, ${t.peer} ${peerMinutes} min, oracle ${oracle} min`;
  if (oracle !== itsmMinutes) {
    t.suspects.push(line);
    record(t, 'itsm-kit differs from the oracle', line);
    return;
  }
  const cf = getCounterfactuals();
  let kind: string;
  if (businessTimeBetween(cf.noHolidays, c.from, c.to) / MINUTE === peerMinutes) {
    kind = 'peer ignores a holiday';
  } else if (crossesDst(c.from, c.to) && businessTimeBetween(cf.fixedOffset.get(new Date(c.from).getTimezoneOffset())!, c.from, c.to) / MINUTE === peerMinutes) {
    kind = 'peer keeps the start offset across a DST change';
  } else {
    const delta = peerMinutes - itsmMinutes;
    const edge = [c.from, c.to].some((x) => isClose(x) || (oracleIsOpenMinute(x) && !oracleIsOpenMinute(x - MINUTE))) ? ', endpoint on an open/close boundary' : '';
    const where = spansHoliday(c.from, c.to) ? ', holiday in span' : crossesDst(c.from, c.to) ? ', DST change in span' : '';
    kind = `peer off by ${delta > 0 ? '+' : ''}${delta} business min${edge}${where}`;
  }
  record(t, kind, line);
}

/**
 * How many workload items exercise the cases where business-time libraries typically part ways, so that an
 * `agree N / N` can be read for what it covers.
 */
export function edgeCoverage(adds: readonly AddCase[], addResults: readonly number[], betweens: readonly BetweenCase[]): string {
  let atClose = 0, addHoliday = 0, addDst = 0, endOnBoundary = 0, betweenHoliday = 0, betweenDst = 0;
  adds.forEach((c, i) => {
    const r = addResults[i]!;
    if (isClose(r)) atClose++;
    if (spansHoliday(c.start, r)) addHoliday++;
    if (crossesDst(c.start, r)) addDst++;
  });
  for (const c of betweens) {
    if ([c.from, c.to].some((x) => oracleIsOpenMinute(x) !== oracleIsOpenMinute(x - MINUTE))) endOnBoundary++;
    if (spansHoliday(c.from, c.to)) betweenHoliday++;
    if (crossesDst(c.from, c.to)) betweenDst++;
  }
  return `adds ending exactly at a close (Friday-17:00-style) ${atClose}, spanning a holiday ${addHoliday}, crossing a DST change ${addDst}; ` +
    `betweens with an endpoint exactly at an opening or close ${endOnBoundary}, spanning a holiday ${betweenHoliday}, crossing a DST change ${betweenDst}`;
}

/** `none` or `kind N, kind M` (largest first). */
export function kindsLine(t: AgreementTally): string {
  if (t.kinds.size === 0) return 'none';
  return [...t.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join('; ');
}

/** Checks itsm-kit itself against the oracle on a sample; returns reproductions of every mismatch. */
export function spotCheck(cal: BusinessCalendar, adds: readonly AddCase[], betweens: readonly BetweenCase[]): string[] {
  const out: string[] = [];
  for (const c of adds) {
    const itsm = addBusinessTime(cal, c.start, c.minutes * MINUTE).getTime();
    const oracle = oracleAdd(c.start, c.minutes);
    if (itsm !== oracle) out.push(`addBusinessTime(cal, '${localIso(c.start)}', ${c.minutes} min): itsm-kit ${localIso(itsm)}, oracle ${localIso(oracle)}`);
  }
  for (const c of betweens) {
    const itsm = businessTimeBetween(cal, c.from, c.to) / MINUTE;
    const oracle = oracleBetween(c.from, c.to);
    if (itsm !== oracle) out.push(`businessTimeBetween(cal, '${localIso(c.from)}', '${localIso(c.to)}'): itsm-kit ${itsm} min, oracle ${oracle} min`);
  }
  return out;
}
