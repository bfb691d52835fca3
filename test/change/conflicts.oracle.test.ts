import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createChangeSchedule, findChangeConflicts, suggestChangeWindows, type ChangeConflict } from 'itsm-kit/change';
import { naiveConflicts, type PlainConflict } from './oracle.js';
import { randomCase } from './random-schedule.js';

const MINUTE = 60_000;

const plain = (c: ChangeConflict): PlainConflict => ({ ...c, overlap: { start: c.overlap.start.toISOString(), end: c.overlap.end.toISOString() } }) as PlainConflict;

describe('findChangeConflicts against the naive all-pairs oracle', () => {
  it('agrees on random schedules with random CI trees (zero disagreements)', () => {
    let cases = 0, found = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { input, probe, options } = randomCase(seed);
        const got = findChangeConflicts(createChangeSchedule(input), probe, options).map(plain);
        expect(got).toEqual(naiveConflicts(input, probe, options));
        cases++;
        found += got.length;
      }),
      { seed: 12345, numRuns: 3000 },
    );
    expect(cases).toBe(3000);
    expect(found).toBeGreaterThan(3000);
  });

  it('agrees on dense schedules where every CI carries many changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { input, probe, options } = randomCase(seed, { changes: 300, cis: 6, maxMinutes: 240 });
        const got = findChangeConflicts(createChangeSchedule(input), probe, options).map(plain);
        expect(got).toEqual(naiveConflicts(input, probe, options));
      }),
      { seed: 4242, numRuns: 200 },
    );
  });
});

describe('suggestChangeWindows against minute stepping', () => {
  it('returns conflict-free windows, one per stretch, and misses no earlier start', () => {
    let windows = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { input, probe, options } = randomCase(seed, { maxMinutes: 180 });
        const schedule = createChangeSchedule(input);
        const withinMin = 36 * 60;
        const got = suggestChangeWindows(schedule, probe, { ...options, within: withinMin * MINUTE, limit: 1000 });
        const after = new Date(probe.plannedStart).getTime();
        const d = new Date(probe.plannedEnd).getTime() - after;
        const free = (t: number) => findChangeConflicts(schedule, { ...probe, plannedStart: t, plannedEnd: t + d }, options).length === 0;
        for (const w of got) {
          expect(w.end.getTime() - w.start.getTime()).toBe(d);
          expect(free(w.start.getTime())).toBe(true);
        }
        // Stretch starts by minute stepping: a free minute whose previous minute is not free (or is before `after`).
        const starts: number[] = [];
        let prev = false;
        for (let m = 0; m < withinMin; m++) {
          const t = after + m * MINUTE;
          const ok = free(t);
          if (ok && !prev) starts.push(t);
          prev = ok;
        }
        expect(got.map((w) => w.start.getTime())).toEqual(starts);
        windows += got.length;
      }),
      { seed: 777, numRuns: 100 },
    );
    expect(windows).toBeGreaterThan(100);
  });
});
