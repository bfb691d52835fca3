// DuckDB as an independent oracle: the same grouped aggregation (mean, R-7 quantiles, counts, SLA compliance) in a
// real analytical database, on random incidents. DuckDB's quantile_cont is the R-7 definition.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { durationMetrics, slaCompliance } from 'itsm-kit/metrics';
import { mulberry32 } from '../support/random.js';

const STAGES = ['completed', 'running', 'paused', 'canceled', 'not_started'] as const;

describe('durationMetrics and slaCompliance agree with DuckDB', () => {
  it('on 5,000 random incidents grouped by priority', async () => {
    const rng = mulberry32(424242);
    const T = Date.UTC(2026, 0, 1);
    const recs = Array.from({ length: 5000 }, () => {
      const open = rng() < 0.05;
      const openedAt = T + Math.floor(rng() * 1e9);
      return {
        priority: 1 + Math.floor(rng() * 4),
        openedAt,
        resolvedAt: open ? null : openedAt + Math.floor(rng() ** 3 * 5e8),
        stage: STAGES[Math.floor(rng() * 5)]!,
        breached: rng() < 0.3,
      };
    });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run('CREATE TABLE t (priority INTEGER, opened DOUBLE, resolved DOUBLE, stage VARCHAR, breached BOOLEAN)');
    const app = await con.createAppender('t');
    for (const r of recs) {
      app.appendInteger(r.priority);
      app.appendDouble(r.openedAt);
      if (r.resolvedAt === null) app.appendNull();
      else app.appendDouble(r.resolvedAt);
      app.appendVarchar(r.stage);
      app.appendBoolean(r.breached);
      app.endRow();
    }
    app.closeSync();
    const rows = (await (await con.runAndReadAll(`
      SELECT priority, avg(resolved - opened) AS mean, quantile_cont(resolved - opened, 0.5) AS median,
        quantile_cont(resolved - opened, 0.9) AS p90, quantile_cont(resolved - opened, 0.25) AS q25,
        count(resolved) AS n, count(*) - count(resolved) AS censored,
        count(*) FILTER (stage = 'completed' AND NOT breached) AS met,
        count(*) FILTER (breached AND stage IN ('completed', 'running', 'paused')) AS br
      FROM t GROUP BY priority ORDER BY priority`)).getRowObjectsJS()) as Array<Record<string, number | bigint>>;
    con.closeSync();
    db.closeSync();
    const d = durationMetrics(recs, { by: 'priority', quantiles: [0.25] });
    const s = slaCompliance(recs, { by: 'priority' });
    expect(d.groups!.map((g) => g.values[0])).toEqual(rows.map((r) => Number(r['priority'])));
    rows.forEach((r, k) => {
      const g = d.groups![k]!.result;
      expect(g.n).toBe(Number(r['n']));
      expect(g.nCensored).toBe(Number(r['censored']));
      expect(g.mean! / Number(r['mean'])).toBeCloseTo(1, 12);
      expect(g.median).toBe(Number(r['median']));
      expect(g.p90! / Number(r['p90'])).toBeCloseTo(1, 12);
      expect(g.quantiles['0.25']! / Number(r['q25'])).toBeCloseTo(1, 12);
      const c = s.groups![k]!.result;
      expect([c.met, c.breached]).toEqual([Number(r['met']), Number(r['br'])]);
    });
  });
});
