/**
 * The CI hierarchy of a schedule: CI names interned as integers, parent and child lists, and the CIs related to
 * a CI within a number of steps (ancestors upwards, descendants downwards; siblings are not related).
 * @internal
 */
export class CiGraph {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  private readonly parents: number[][] = [];
  private readonly children: number[][] = [];

  /** The integer of a CI, interned on first sight. */
  intern(ci: string): number {
    let k = this.ids.get(ci);
    if (k === undefined) {
      k = this.names.length;
      this.ids.set(ci, k);
      this.names.push(ci);
      this.parents.push([]);
      this.children.push([]);
    }
    return k;
  }

  /** The integer of a known CI, or -1. */
  find(ci: string): number {
    return this.ids.get(ci) ?? -1;
  }

  get size(): number {
    return this.names.length;
  }

  /** Adds the edge parent → child (duplicates are kept once). */
  relate(parent: number, child: number): void {
    const kids = this.children[parent]!;
    if (!kids.includes(child)) {
      kids.push(child);
      this.parents[child]!.push(parent);
    }
  }

  /** A CI lying on a cycle of the relations, or -1 when they form a DAG (Kahn's algorithm). */
  findCycle(): number {
    const n = this.names.length;
    const indegree = new Int32Array(n);
    for (let c = 0; c < n; c++) indegree[c] = this.parents[c]!.length;
    const queue: number[] = [];
    for (let c = 0; c < n; c++) if (indegree[c] === 0) queue.push(c);
    let seen = 0;
    while (queue.length > 0) {
      const c = queue.pop()!;
      seen++;
      for (const k of this.children[c]!) if (--indegree[k]! === 0) queue.push(k);
    }
    if (seen === n) return -1;
    for (let c = 0; c < n; c++) if (indegree[c]! > 0) return c;
    /* c8 ignore next */
    return -1;
  }

  /**
   * The CIs at most `depth` steps above or below `ci`, each once at its shortest distance, as a flat list
   * `[ci, relation (0 = parent, 1 = child), distance, ...]`. In a DAG a CI is never both above and below.
   */
  related(ci: number, depth: number): number[] {
    const out: number[] = [];
    if (depth <= 0) return out;
    this.walk(ci, depth, this.parents, 0, out);
    this.walk(ci, depth, this.children, 1, out);
    return out;
  }

  private walk(ci: number, depth: number, edges: number[][], relation: number, out: number[]): void {
    const first = edges[ci];
    if (first === undefined || first.length === 0) return;
    const seen = new Set<number>([ci]);
    let frontier = [ci];
    for (let d = 1; d <= depth && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const c of frontier) {
        for (const r of edges[c]!) {
          if (seen.has(r)) continue;
          seen.add(r);
          next.push(r);
          out.push(r, relation, d);
        }
      }
      frontier = next;
    }
  }
}
