import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessTime,
  businessDaysBetween,
  isBusinessDay,
  nextClosing,
  nextOpening,
  previousBusinessTime,
  previousClosing,
  previousOpening,
  businessIntervals,
  businessTimeBetween,
  calendar24x7,
  createCalendar,
  intersectCalendars,
  isBusinessTime,
  nextBusinessTime,
  subtractCalendars,
  unionCalendars,
} from '../../src/calendar/index.js';
import { DAY, MINUTE, findTransitions } from './oracle.js';

type Calendar = ReturnType<typeof createCalendar>;
type EngineSpec = Parameters<typeof createCalendar>[0];

const SEED = process.env['PROPERTY_SEED'] !== undefined ? Number(process.env['PROPERTY_SEED']) : 7_031_977;
const RUNS = 1000;
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns });

const HOUR = 3_600_000;
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
  'Pacific/Apia',
  'Africa/Casablanca',
  'Pacific/Chatham',
  'America/Havana',
  'Europe/Dublin',
  'America/St_Johns',
  'UTC',
] as const;
const APIA_SKIP = Date.parse('2011-12-30T10:00:00Z');
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// Filled in beforeAll (arbitraries are built lazily inside the tests).
let transitionInstants: number[] = [];

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------------

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 1-3 non-overlapping intervals of one day, on a 15-minute or a 1-minute grid, the last one maybe overnight. */
const dayHoursArb: fc.Arbitrary<string[]> = fc
  .record({
    points: fc.oneof(
      fc.uniqueArray(fc.integer({ min: 0, max: 96 }).map((q) => q * 15), { minLength: 2, maxLength: 6 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 2, maxLength: 6 }),
    ),
    overnight: fc.boolean(),
    overnightEnd: fc.integer({ min: 0, max: 1440 }),
  })
  .map(({ points, overnight, overnightEnd }) => {
    const sorted = [...points].sort((a, b) => a - b);
    const items: string[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      const s = sorted[i] ?? 0, e = sorted[i + 1] ?? 0;
      items.push(`${clock(s)}-${e === 1440 ? '24:00' : clock(e)}`);
    }
    const lastStart = sorted[2 * (items.length - 1)] ?? 0;
    if (overnight) items[items.length - 1] = `${clock(lastStart)}-${clock(Math.min(overnightEnd, lastStart))}`;
    return items;
  });

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A spec in a random zone with holidays and overrides within a week of `base`. */
function specArb(base: number): fc.Arbitrary<EngineSpec> {
  const dateNear = fc.integer({ min: -6, max: 6 }).map((d) => isoDate(base + d * DAY));
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      days: fc.tuple(...WEEKDAYS.map(() => fc.option(dayHoursArb, { freq: 3 }))),
      holidays: fc.uniqueArray(
        fc.record({ date: dateNear, annual: fc.boolean(), named: fc.boolean() }),
        { maxLength: 3, selector: (h) => (h.annual ? h.date.slice(5) : h.date) },
      ),
      overrides: fc.uniqueArray(fc.record({ date: dateNear, hours: fc.oneof(fc.constant([] as string[]), dayHoursArb) }), {
        maxLength: 2,
        selector: (o) => o.date,
      }),
    })
    .map(({ timeZone, days, holidays, overrides }) => {
      const weekly: Record<string, string[]> = {};
      WEEKDAYS.forEach((d, i) => {
        const hours = days[i];
        if (hours) weekly[d] = hours;
      });
      if (Object.keys(weekly).length === 0) weekly['wed'] = ['09:00-17:00'];
      const spec: Record<string, unknown> = { timeZone, weekly };
      if (holidays.length > 0) {
        spec['holidays'] = holidays.map((h) => {
          const date = h.annual ? `--${h.date.slice(5)}` : h.date;
          return h.named ? { date, name: 'Holiday' } : date;
        });
      }
      if (overrides.length > 0) spec['overrides'] = overrides;
      return spec as unknown as EngineSpec;
    });
}

/** A base instant: near an offset transition, near Apia's skipped day, near a new year, or anywhere in 2018-2032. */
const baseArb: fc.Arbitrary<number> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: -6 * 60, max: 6 * 60 })).map(([i, m]) => (transitionInstants[i % transitionInstants.length] ?? APIA_SKIP) + m * MINUTE),
  fc.integer({ min: -36 * 60, max: 36 * 60 }).map((m) => APIA_SKIP + m * MINUTE),
  fc.tuple(fc.integer({ min: 2018, max: 2032 }), fc.integer({ min: -36 * 60, max: 36 * 60 })).map(([y, m]) => Date.UTC(y, 0, 1) + m * MINUTE),
  fc.integer({ min: Date.UTC(2018, 0, 1) / MINUTE, max: Date.UTC(2032, 0, 1) / MINUTE }).map((m) => m * MINUTE),
);

/** An instant within 3 days of `base`: on a quarter hour, on a minute, or any millisecond. */
function instantArb(base: number): fc.Arbitrary<number> {
  const q = base - (base % (15 * MINUTE));
  return fc.oneof(
    fc.integer({ min: -288, max: 288 }).map((k) => q + k * 15 * MINUTE),
    fc.integer({ min: -4320, max: 4320 }).map((k) => base + k * MINUTE),
    fc.integer({ min: -3 * DAY, max: 3 * DAY }).map((d) => base + d),
  );
}

/** A business duration: whole minutes, whole hours or any millisecond, up to 3 days of business time. */
const durationArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 72 }).map((h) => h * HOUR),
  fc.integer({ min: 1, max: 3 * 1440 }).map((m) => m * MINUTE),
  fc.integer({ min: 1, max: 3 * DAY }),
);

type Shape = 'leaf' | 'union' | 'intersect' | 'subtract' | 'nested';

interface World {
  readonly base: number;
  readonly specs: readonly [EngineSpec, EngineSpec, EngineSpec];
  readonly shape: Shape;
  readonly t: readonly [number, number, number];
  readonly d: readonly [number, number];
}

const worldArb: fc.Arbitrary<World> = baseArb.chain((base) =>
  fc.record({
    base: fc.constant(base),
    specs: fc.tuple(specArb(base), specArb(base), specArb(base)),
    shape: fc.constantFrom<Shape>('leaf', 'leaf', 'union', 'intersect', 'subtract', 'nested'),
    t: fc.tuple(instantArb(base), instantArb(base), instantArb(base)),
    d: fc.tuple(durationArb, durationArb),
  }),
);

function leaves(w: World): [Calendar, Calendar, Calendar] {
  return [createCalendar(w.specs[0]), createCalendar(w.specs[1]), createCalendar(w.specs[2])];
}

function calendarOf(w: World): Calendar {
  const [a, b, c] = leaves(w);
  switch (w.shape) {
    case 'leaf':
      return a;
    case 'union':
      return unionCalendars(a, b);
    case 'intersect':
      return intersectCalendars(a, b);
    case 'subtract':
      return subtractCalendars(a, b);
    case 'nested':
      return unionCalendars(intersectCalendars(a, b), subtractCalendars(c, a));
  }
}

/** Runs `f`; a calendar without business time in reach (`no_business_time`) discards the run. */
function reachable<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if ((e as { code?: unknown }).code === 'no_business_time') fc.pre(false);
    throw e;
  }
}

const ms = (d: Date): number => d.getTime();
const add = (cal: Calendar, t: number, d: number): number => ms(reachable(() => addBusinessTime(cal, t, d)));
// `+ 0` turns a negative zero into zero: the laws are about amounts (the sign of zero is checked on its own).
const btw = (cal: Calendar, a: number, b: number): number => businessTimeBetween(cal, a, b) + 0;
const next = (cal: Calendar, t: number): number => ms(reachable(() => nextBusinessTime(cal, t)));

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(() => {
  transitionInstants = ZONES.flatMap((z) => findTransitions(z, 2018, 2032));
  console.log(`properties: seed ${SEED} (override with PROPERTY_SEED), ${transitionInstants.length} transitions, ${RUNS} runs per property`);
});

describe('addBusinessTime and businessTimeBetween', () => {
  it('measures exactly d between t and addBusinessTime(t, d), forwards and backwards', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t, [d] = w.d;
        expect(btw(cal, t, add(cal, t, d))).toBe(d);
        expect(btw(cal, add(cal, t, -d), t)).toBe(d);
        expect(btw(cal, t, add(cal, t, -d))).toBe(-d);
      }),
      params(),
    );
  });

  it('returns the earliest such instant going forwards and the latest going backwards', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t, [d] = w.d;
        const u = add(cal, t, d);
        expect(u).toBeGreaterThan(t);
        expect(btw(cal, t, u - 1)).toBeLessThan(d);
        const v = add(cal, t, -d);
        expect(v).toBeLessThan(t);
        expect(btw(cal, v + 1, t)).toBeLessThan(d);
      }),
      params(),
    );
  });

  it('returns t itself when adding zero', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        expect(add(cal, w.t[0], 0)).toBe(w.t[0]);
      }),
      params(100),
    );
  });

  it('is monotone in the duration, across signs', () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), fc.boolean(), (w, neg1, neg2) => {
        const cal = calendarOf(w);
        const [t] = w.t;
        const d1 = neg1 ? -w.d[0] : w.d[0], d2 = neg2 ? -w.d[1] : w.d[1];
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(add(cal, t, lo)).toBeLessThanOrEqual(add(cal, t, hi));
      }),
      params(),
    );
  });

  it('is monotone in the start instant for a fixed duration of either sign', () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), (w, negative) => {
        const cal = calendarOf(w);
        const [t1, t2] = w.t;
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const d = negative ? -w.d[0] : w.d[0];
        expect(add(cal, lo, d)).toBeLessThanOrEqual(add(cal, hi, d));
      }),
      params(),
    );
  });

  it('counts a nondecreasing amount as the end moves later, never more than the elapsed time', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [from, a, b] = w.t;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = btw(cal, from, lo), y = btw(cal, from, hi);
        expect(y - x).toBeGreaterThanOrEqual(0);
        expect(y - x).toBeLessThanOrEqual(hi - lo);
      }),
      params(),
    );
  });

  it('adds up over consecutive ranges whatever the order of the three instants', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b, c] = w.t;
        expect(btw(cal, a, b) + btw(cal, b, c)).toBe(btw(cal, a, c));
      }),
      params(),
    );
  });

  it('is antisymmetric and zero on an empty range', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b] = w.t;
        expect(btw(cal, a, b) + btw(cal, b, a)).toBe(0);
        expect(btw(cal, a, a)).toBe(0);
      }),
      params(),
    );
  });

  it('returns zero, never negative zero, for a range without business time', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b] = w.t;
        for (const [x, y] of [[a, b], [b, a], [a, a]] as const) {
          const measured = businessTimeBetween(cal, x, y);
          if (measured === 0) expect(Object.is(measured, -0)).toBe(false);
        }
      }),
      params(),
    );
  });

  // add(t, d) is the earliest u with between(t, u) = d, and add(u, -d) the latest v with between(v, u) = d, so
  // v is the first instant at or after t from which no business time is skipped: nextBusinessTime(t). The round
  // trip returns t exactly when t is business time (an interval start included, an interval end excluded).
  it('round-trips forwards then backwards to nextBusinessTime(t), which is t exactly when t is business time', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t, [d] = w.d;
        const back = add(cal, add(cal, t, d), -d);
        expect(back).toBe(next(cal, t));
        expect(back === t).toBe(isBusinessTime(cal, t));
      }),
      params(),
    );
  });

  // Symmetrically, backwards then forwards lands on the end of the last business stretch at or before t: t itself
  // exactly when the millisecond before t is business time (t inside an interval or at its end), otherwise the
  // earlier instant w with no business time in [w, t) and business time just before w.
  it('round-trips backwards then forwards to the end of the business time before t, which is t when t - 1 ms is business time', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t, [d] = w.d;
        const forth = add(cal, add(cal, t, -d), d);
        expect(forth === t).toBe(isBusinessTime(cal, t - 1));
        expect(forth).toBeLessThanOrEqual(t);
        expect(btw(cal, forth, t)).toBe(0);
        expect(isBusinessTime(cal, forth - 1)).toBe(true);
      }),
      params(),
    );
  });
});

describe('nextBusinessTime', () => {
  it('returns a business instant at or after t with no business time skipped, t itself when open', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t;
        const n = next(cal, t);
        expect(n).toBeGreaterThanOrEqual(t);
        expect(isBusinessTime(cal, n)).toBe(true);
        expect(btw(cal, t, n)).toBe(0);
        expect(n === t).toBe(isBusinessTime(cal, t));
        if (n > t) expect(isBusinessTime(cal, n - 1)).toBe(false);
      }),
      params(),
    );
  });
});

describe('previousBusinessTime', () => {
  const prev = (cal: Calendar, t: number): number => ms(reachable(() => previousBusinessTime(cal, t)));

  it('returns t when t or the millisecond before it is business time, else the close of the last stretch before t', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t;
        const p = prev(cal, t);
        expect(p).toBeLessThanOrEqual(t);
        expect(btw(cal, p, t)).toBe(0);
        expect(p === t).toBe(isBusinessTime(cal, t) || isBusinessTime(cal, t - 1));
        if (p < t) {
          expect(isBusinessTime(cal, p - 1)).toBe(true);
          expect(isBusinessTime(cal, p)).toBe(false);
        }
      }),
      params(500),
    );
  });

  it('is where adding -d then d lands from an instant outside business time', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t, [d] = w.d;
        if (isBusinessTime(cal, t)) return;
        expect(add(cal, add(cal, t, -d), d)).toBe(prev(cal, t));
      }),
      params(500),
    );
  });
});

describe('openings and closings', () => {
  const at = (d: Date | null): number | null => (d === null ? null : ms(d));

  it('finds the next opening and closing strictly after t, and the previous ones at or before t', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [t] = w.t;
        const no = at(nextOpening(cal, t)), nc = at(nextClosing(cal, t));
        const po = at(previousOpening(cal, t)), pc = at(previousClosing(cal, t));
        for (const o of [no, po]) {
          if (o === null) continue;
          expect(isBusinessTime(cal, o)).toBe(true);
          expect(isBusinessTime(cal, o - 1)).toBe(false);
        }
        for (const c of [nc, pc]) {
          if (c === null) continue;
          expect(isBusinessTime(cal, c)).toBe(false);
          expect(isBusinessTime(cal, c - 1)).toBe(true);
        }
        if (no !== null) expect(no).toBeGreaterThan(t);
        if (nc !== null) expect(nc).toBeGreaterThan(t);
        if (po !== null) expect(po).toBeLessThanOrEqual(t);
        if (pc !== null) expect(pc).toBeLessThanOrEqual(t);
        const open = isBusinessTime(cal, t);
        // The state at t is the last transition at or before it.
        if (po !== null && pc !== null) expect(po > pc).toBe(open);
        if (open) {
          if (nc !== null) expect(btw(cal, t, nc)).toBe(nc - t);
          if (po !== null) expect(btw(cal, po, t)).toBe(t - po);
          if (nc !== null && no !== null) expect(no).toBe(next(cal, nc));
        } else {
          if (no !== null) expect(no).toBe(next(cal, t));
          if (pc !== null) expect(pc).toBe(ms(previousBusinessTime(cal, t)));
          if (no !== null) expect(btw(cal, t, no)).toBe(0);
        }
      }),
      params(500),
    );
  });
});

describe('business days', () => {
  const dateOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

  it('counts business days additively and antisymmetrically, one date at a time', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b, c] = w.t;
        const bdb = (x: number | string, y: number | string): number => businessDaysBetween(cal, x, y) + 0;
        expect(bdb(a, b) + bdb(b, c)).toBe(bdb(a, c));
        expect(bdb(a, b) + bdb(b, a)).toBe(0);
        expect(bdb(a, a)).toBe(0);
        const d = dateOf(w.base), next = dateOf(w.base + DAY);
        expect(bdb(d, next)).toBe(isBusinessDay(cal, d) ? 1 : 0);
      }),
      params(300),
    );
  });

  it('lands n business days later or earlier on a business day, counted by businessDaysBetween', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: -4, max: 4 }), (w, n) => {
        const cal = calendarOf(w);
        if (n === 0) return;
        const [t] = w.t;
        // At local noon the target's local date is the business day itself.
        const u = ms(reachable(() => addBusinessDays(cal, t, n, { at: '12:00' })));
        expect(isBusinessDay(cal, u)).toBe(true);
        const counted = businessDaysBetween(cal, t, u);
        if (n > 0) expect(counted).toBe(n - 1 + (isBusinessDay(cal, t) ? 1 : 0));
        else expect(counted).toBe(n);
      }),
      params(300),
    );
  });
});

describe('businessIntervals', () => {
  it('returns sorted, disjoint, non-touching stretches within the range that add up to businessTimeBetween', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b] = w.t;
        const [from, to] = a <= b ? [a, b] : [b, a];
        const xs = businessIntervals(cal, from, to).map((x) => ({ start: ms(x.start), end: ms(x.end) }));
        let total = 0;
        let prevEnd = -Infinity;
        for (const x of xs) {
          expect(x.start).toBeGreaterThanOrEqual(from);
          expect(x.end).toBeLessThanOrEqual(to);
          expect(x.start).toBeLessThan(x.end);
          expect(x.start).toBeGreaterThan(prevEnd); // sorted, disjoint and not touching
          expect(isBusinessTime(cal, x.start)).toBe(true);
          expect(isBusinessTime(cal, x.end - 1)).toBe(true);
          if (x.start > from) expect(isBusinessTime(cal, x.start - 1)).toBe(false);
          if (x.end < to) expect(isBusinessTime(cal, x.end)).toBe(false);
          total += x.end - x.start;
          prevEnd = x.end;
        }
        expect(total).toBe(btw(cal, from, to));
      }),
      params(),
    );
  });

  it('returns no stretch for an empty or reversed range', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b] = w.t;
        expect(businessIntervals(cal, a, a)).toEqual([]);
        if (b < a) expect(businessIntervals(cal, a, b)).toEqual([]);
      }),
      params(100),
    );
  });
});

describe('composition', () => {
  it('measures a union as a + b - (a ∩ b) and a difference as a - (a ∩ b)', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const [a, b] = leaves(w);
        const [x, y] = w.t;
        const ab = btw(intersectCalendars(a, b), x, y);
        expect(btw(unionCalendars(a, b), x, y)).toBe(btw(a, x, y) + btw(b, x, y) - ab);
        expect(btw(subtractCalendars(a, b), x, y)).toBe(btw(a, x, y) - ab);
      }),
      params(),
    );
  });

  it('decides membership of unions, intersections and differences from the parts', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const [a, b, c] = leaves(w);
        for (const t of w.t) {
          const [ia, ib, ic] = [isBusinessTime(a, t), isBusinessTime(b, t), isBusinessTime(c, t)];
          expect(isBusinessTime(unionCalendars(a, b), t)).toBe(ia || ib);
          expect(isBusinessTime(intersectCalendars(a, b), t)).toBe(ia && ib);
          expect(isBusinessTime(subtractCalendars(a, b), t)).toBe(ia && !ib);
          expect(isBusinessTime(unionCalendars(a, b, c), t)).toBe(ia || ib || ic);
          expect(isBusinessTime(intersectCalendars(a, b, c), t)).toBe(ia && ib && ic);
        }
      }),
      params(),
    );
  });

  it('makes union and intersection commutative and associative', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const [a, b, c] = leaves(w);
        const [x, y] = w.t;
        const unions = [unionCalendars(a, b, c), unionCalendars(unionCalendars(a, b), c), unionCalendars(a, unionCalendars(b, c)), unionCalendars(c, b, a)];
        const inters = [
          intersectCalendars(a, b, c),
          intersectCalendars(intersectCalendars(a, b), c),
          intersectCalendars(a, intersectCalendars(b, c)),
          intersectCalendars(c, b, a),
        ];
        for (const group of [unions, inters]) {
          const first = group[0];
          if (!first) throw new Error('empty group');
          for (const t of w.t) for (const cal of group) expect(isBusinessTime(cal, t)).toBe(isBusinessTime(first, t));
          for (const cal of group) expect(btw(cal, x, y)).toBe(btw(first, x, y));
        }
        expect(btw(unionCalendars(a, b), x, y)).toBe(btw(unionCalendars(b, a), x, y));
        expect(btw(intersectCalendars(a, b), x, y)).toBe(btw(intersectCalendars(b, a), x, y));
      }),
      params(150),
    );
  });

  it('leaves no business time when a calendar is subtracted from itself', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const [a] = leaves(w);
        const empty = subtractCalendars(a, a);
        const [x, y] = w.t;
        expect(btw(empty, x, y)).toBe(0);
        expect(businessIntervals(empty, Math.min(x, y), Math.max(x, y))).toEqual([]);
        for (const t of w.t) expect(isBusinessTime(empty, t)).toBe(false);
      }),
      params(),
    );
  });

  it('makes the union with an always-open calendar always open and the intersection with it the calendar itself', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(undefined, ...ZONES), (w, zone) => {
        const cal = calendarOf(w);
        const always = zone === undefined ? calendar24x7() : calendar24x7(zone);
        const [x, y] = w.t;
        expect(btw(unionCalendars(cal, always), x, y)).toBe(y - x);
        expect(btw(always, x, y)).toBe(y - x);
        const same = intersectCalendars(cal, always);
        expect(btw(same, x, y)).toBe(btw(cal, x, y));
        for (const t of w.t) expect(isBusinessTime(same, t)).toBe(isBusinessTime(cal, t));
        const [from, to] = x <= y ? [x, y] : [y, x];
        expect(businessIntervals(same, from, to)).toEqual(businessIntervals(cal, from, to));
      }),
      params(),
    );
  });
});

describe('inputs', () => {
  it('builds calendars from deep-frozen specs and leaves the specs untouched', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const copy = JSON.parse(JSON.stringify(w.specs[0])) as EngineSpec;
        const before = JSON.stringify(copy);
        const cal = createCalendar(deepFreeze(copy));
        const [t] = w.t;
        isBusinessTime(cal, t);
        businessTimeBetween(cal, t, t + DAY);
        expect(JSON.stringify(copy)).toBe(before);
      }),
      params(100),
    );
  });

  it('never mutates Date arguments and returns fresh Date objects', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const cal = calendarOf(w);
        const [a, b] = w.t, [d] = w.d;
        const da = new Date(a), db = new Date(b);
        isBusinessTime(cal, da);
        businessTimeBetween(cal, da, db);
        const r1 = reachable(() => addBusinessTime(cal, da, d));
        const r2 = reachable(() => addBusinessTime(cal, da, -d));
        const r0 = addBusinessTime(cal, da, 0);
        const n = reachable(() => nextBusinessTime(cal, da));
        const xs = businessIntervals(cal, new Date(Math.min(a, b)), new Date(Math.max(a, b)));
        expect(da.getTime()).toBe(a);
        expect(db.getTime()).toBe(b);
        for (const r of [r1, r2, r0, n]) {
          expect(r).toBeInstanceOf(Date);
          expect(r).not.toBe(da);
          expect(r).not.toBe(db);
        }
        expect(r0.getTime()).toBe(a);
        for (const x of xs) {
          expect(x.start).not.toBe(da);
          expect(x.end).not.toBe(db);
        }
      }),
      params(100),
    );
  });
});
