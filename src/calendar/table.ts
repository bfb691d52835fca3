/**
 * The compiled form of a calendar for one block of time (a UTC year): its open stretches as sorted, disjoint,
 * non-touching epoch-ms intervals, with prefix sums of their lengths. Every query is a binary search here.
 */
export interface BlockTable {
  /** First instant of the block. */
  readonly from: number;
  /** First instant after the block. */
  readonly to: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** `cum[i]` = business ms in the block before `starts[i]`; `cum[n]` = `total`. */
  readonly cum: Float64Array;
  readonly total: number;
}

/** A growable list of intervals `[s0, e0, s1, e1, ...]`. */
export type IntervalList = number[];

/**
 * Builds a table from intervals given as `[s0, e0, s1, e1, ...]` (any order, may overlap or touch),
 * clipped to `[from, to)`; empty pieces are dropped and touching ones merged.
 */
export function buildTable(from: number, to: number, list: IntervalList, sorted = false): BlockTable {
  const n = list.length >> 1;
  let order: number[] | null = null;
  if (!sorted) {
    // Pieces arrive almost sorted; check before paying for a sort.
    let inOrder = true;
    for (let i = 1; i < n; i++) if (list[2 * i]! < list[2 * i - 2]!) { inOrder = false; break; }
    if (!inOrder) {
      order = Array.from({ length: n }, (_, i) => i);
      order.sort((a, b) => list[2 * a]! - list[2 * b]!);
    }
  }
  const starts: number[] = [];
  const ends: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k]!;
    const s = Math.max(list[2 * i]!, from);
    const e = Math.min(list[2 * i + 1]!, to);
    if (e <= s) continue;
    const last = ends.length - 1;
    if (last >= 0 && s <= ends[last]!) {
      if (e > ends[last]!) ends[last] = e;
    } else {
      starts.push(s);
      ends.push(e);
    }
  }
  return tableOf(from, to, starts, ends);
}

const NO_INTERVALS = new Float64Array(0);
const ZERO_SUM = new Float64Array(1);

/** The table of a block without business time (its arrays are shared and never written). */
export function emptyTable(from: number, to: number): BlockTable {
  return { from, to, starts: NO_INTERVALS, ends: NO_INTERVALS, cum: ZERO_SUM, total: 0 };
}

function tableOf(from: number, to: number, starts: number[], ends: number[]): BlockTable {
  const n = starts.length;
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + (ends[i]! - starts[i]!);
  return { from, to, starts: Float64Array.from(starts), ends: Float64Array.from(ends), cum, total: cum[n]! };
}

/** Index of the last interval whose start is `<= t`, or -1. */
export function lastStartAtOrBefore(table: BlockTable, t: number): number {
  const s = table.starts;
  let lo = 0, hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Business ms in `[table.from, t)` for `t` inside the block. */
export function measureBefore(table: BlockTable, t: number): number {
  const i = lastStartAtOrBefore(table, t);
  if (i < 0) return 0;
  const e = table.ends[i]!;
  return table.cum[i]! + (t < e ? t - table.starts[i]! : e - table.starts[i]!);
}

/** Union of tables of the same block. */
export function unionTables(tables: readonly BlockTable[]): BlockTable {
  const first = tables[0]!;
  if (tables.length === 1) return first;
  const list: IntervalList = [];
  for (const t of tables) for (let i = 0; i < t.starts.length; i++) list.push(t.starts[i]!, t.ends[i]!);
  return buildTable(first.from, first.to, list);
}

/** Intersection of two tables of the same block. */
export function intersectTables(a: BlockTable, b: BlockTable): BlockTable {
  const starts: number[] = [], ends: number[] = [];
  let i = 0, j = 0;
  while (i < a.starts.length && j < b.starts.length) {
    const s = Math.max(a.starts[i]!, b.starts[j]!);
    const e = Math.min(a.ends[i]!, b.ends[j]!);
    if (s < e) { starts.push(s); ends.push(e); }
    if (a.ends[i]! < b.ends[j]!) i++;
    else j++;
  }
  return tableOf(a.from, a.to, starts, ends);
}

/** `a` minus `b`, for tables of the same block. */
export function subtractTables(a: BlockTable, b: BlockTable): BlockTable {
  const starts: number[] = [], ends: number[] = [];
  let j = 0;
  for (let i = 0; i < a.starts.length; i++) {
    let s = a.starts[i]!;
    const e = a.ends[i]!;
    while (j < b.starts.length && b.ends[j]! <= s) j++;
    let k = j;
    while (k < b.starts.length && b.starts[k]! < e) {
      if (b.starts[k]! > s) { starts.push(s); ends.push(b.starts[k]!); }
      s = Math.max(s, b.ends[k]!);
      if (s >= e) break;
      k++;
    }
    if (s < e) { starts.push(s); ends.push(e); }
  }
  return tableOf(a.from, a.to, starts, ends);
}
