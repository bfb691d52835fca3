// Unions, intersections and differences of half-open intervals kept as flat sorted lists [s0, e0, s1, e1, ...].

/** Merges intervals (any order, overlapping or touching) into a sorted disjoint flat list. @internal */
export function unionIntervals(pairs: ReadonlyArray<readonly [number, number]>): number[] {
  const sorted = pairs.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [s, e] of sorted) {
    if (out.length > 0 && s <= out[out.length - 1]!) {
      if (e > out[out.length - 1]!) out[out.length - 1] = e;
    } else out.push(s, e);
  }
  return out;
}

/** The intersection of two sorted disjoint flat lists. @internal */
export function intersectIntervals(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (e > s) out.push(s, e);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** `a` minus `b` (both sorted disjoint flat lists). @internal */
export function subtractIntervals(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    let k = j;
    while (k < b.length && b[k]! < e) {
      if (b[k]! > s) out.push(s, b[k]!);
      s = Math.max(s, b[k + 1]!);
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

/** Total length of a flat list. @internal */
export function measureIntervals(a: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += a[i + 1]! - a[i]!;
  return sum;
}
