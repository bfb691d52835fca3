// An LSD radix sort for Float64Array (four 16-bit passes over IEEE 754 keys made order-preserving): linear time,
// several times faster than TypedArray#sort on a million values, and the same order (ascending, -0 before +0).

const COUNT = new Uint32Array(65536);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Sorts finite values ascending in place. `scratch` (at least `2 * a.length` words) may be passed to avoid an
 * allocation when sorting many arrays. @internal
 */
export function radixSortFloat64(a: Float64Array, scratch?: Uint32Array): void {
  const n = a.length;
  if (n < 512 || !LITTLE_ENDIAN) {
    a.sort();
    return;
  }
  const u = new Uint32Array(a.buffer, a.byteOffset, n * 2); // [lo, hi] per value
  for (let i = 0; i < n; i++) {
    const hi = u[2 * i + 1]!;
    if (hi & 0x80000000) {
      u[2 * i] = ~u[2 * i]!;
      u[2 * i + 1] = ~hi;
    } else u[2 * i + 1] = (hi | 0x80000000) >>> 0;
  }
  let src: Uint32Array = u;
  let dst: Uint32Array = scratch !== undefined && scratch.length >= 2 * n ? scratch.subarray(0, 2 * n) : new Uint32Array(2 * n);
  const count = COUNT;
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[2 * i + word]! >>> shift) & 0xffff]!++;
    if (count[(src[word]! >>> shift) & 0xffff] === n) continue; // every key shares this digit
    let sum = 0;
    for (let k = 0; k < 65536; k++) {
      const c = count[k]!;
      count[k] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i]!, hi = src[2 * i + 1]!;
      const j = count[((word === 0 ? lo : hi) >>> shift) & 0xffff]!++ * 2;
      dst[j] = lo;
      dst[j + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== u) u.set(src);
  for (let i = 0; i < n; i++) {
    const hi = u[2 * i + 1]!;
    if (hi & 0x80000000) u[2 * i + 1] = hi & 0x7fffffff;
    else {
      u[2 * i] = ~u[2 * i]!;
      u[2 * i + 1] = ~hi;
    }
  }
}
