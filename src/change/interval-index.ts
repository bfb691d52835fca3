/**
 * A static index of half-open intervals `[start, end)` grouped by an integer key (a CI, an assignee), answering
 * "which intervals of key k overlap `[qs, qe)`" in O(log n + k).
 *
 * Layout: one flat set of typed arrays holding every key's intervals back to back (key k owns positions
 * `offsets[k]` to `offsets[k + 1]`), each slice sorted by start and augmented as an implicit interval tree
 * (Heng Li's cgranges): the node at slice position i has level = the number of trailing one bits of i, its
 * children are `i ± 2^(level-1)`, and `maxEnd[i]` is the largest end in its subtree.
 * @internal
 */
export class IntervalIndex {
  private readonly offsets: Int32Array;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly maxEnd: Float64Array;
  /** The item (a change's position) behind each interval. */
  private readonly items: Int32Array;
  private readonly levels: Int8Array;

  /**
   * Builds the index. `keys[j]`, `items[j]`, `starts[j]`, `ends[j]` describe entry j; entries must be given in
   * increasing order of start (ties in any order), which saves a sort per key.
   */
  constructor(keyCount: number, keys: ArrayLike<number>, items: ArrayLike<number>, starts: ArrayLike<number>, ends: ArrayLike<number>) {
    const n = keys.length;
    const offsets = new Int32Array(keyCount + 1);
    for (let j = 0; j < n; j++) offsets[keys[j]! + 1]!++;
    for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, keyCount);
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.maxEnd = new Float64Array(n);
    this.items = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const p = fill[keys[j]!]!++;
      this.starts[p] = starts[j]!;
      this.ends[p] = ends[j]!;
      this.items[p] = items[j]!;
    }
    this.offsets = offsets;
    this.levels = new Int8Array(keyCount);
    for (let k = 0; k < keyCount; k++) this.levels[k] = this.augment(offsets[k]!, offsets[k + 1]! - offsets[k]!);
  }

  /** Fills `maxEnd` for the slice at `o` of length `n`; returns the root level (-1 for an empty slice). */
  private augment(o: number, n: number): number {
    if (n === 0) return -1;
    const ends = this.ends, max = this.maxEnd;
    let lastI = 0, last = 0;
    for (let i = 0; i < n; i += 2) { lastI = i; last = max[o + i] = ends[o + i]!; }
    let k = 1;
    for (; 1 << k <= n; k++) {
      const x = 1 << (k - 1), i0 = (x << 1) - 1, step = x << 2;
      for (let i = i0; i < n; i += step) {
        const el = max[o + i - x]!;
        const er = i + x < n ? max[o + i + x]! : last;
        let e = ends[o + i]!;
        if (el > e) e = el;
        if (er > e) e = er;
        max[o + i] = e;
      }
      lastI = (lastI >> k) & 1 ? lastI : lastI + x;
      if (lastI < n && max[o + lastI]! > last) last = max[o + lastI]!;
    }
    return k - 1;
  }

  /** Calls `visit(item, start, end)` for every interval of `key` overlapping `[qs, qe)`, in no particular order. */
  forEachOverlap(key: number, qs: number, qe: number, visit: (item: number, start: number, end: number) => void): void {
    const o = this.offsets[key]!;
    const n = this.offsets[key + 1]! - o;
    if (n === 0) return;
    const starts = this.starts, ends = this.ends, max = this.maxEnd, items = this.items;
    const top = this.levels[key]!;
    // An explicit stack of (level, node, left done) triples; the tree has at most 31 levels.
    const stack: number[] = [top, (1 << top) - 1, 0];
    while (stack.length > 0) {
      const w = stack.pop()!, x = stack.pop()!, k = stack.pop()!;
      if (k <= 3) {
        // A small subtree: scan it in order of start.
        const i0 = (x >> k) << k;
        let i1 = i0 + (1 << (k + 1)) - 1;
        if (i1 > n) i1 = n;
        for (let i = i0; i < i1 && starts[o + i]! < qe; i++) {
          if (qs < ends[o + i]!) visit(items[o + i]!, starts[o + i]!, ends[o + i]!);
        }
      } else if (w === 0) {
        const y = x - (1 << (k - 1));
        stack.push(k, x, 1);
        if (y >= n || max[o + y]! > qs) stack.push(k - 1, y, 0);
      } else if (x < n && starts[o + x]! < qe) {
        if (qs < ends[o + x]!) visit(items[o + x]!, starts[o + x]!, ends[o + x]!);
        stack.push(k - 1, x + (1 << (k - 1)), 0);
      }
    }
  }
}
