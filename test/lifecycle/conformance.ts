// The conformance suite every lifecycle machine runs (incident, problem, change, service request): the properties
// the lifecycle kit promises, checked through each module's public functions on random event sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition, type AnyStateMachine } from 'xstate';

type Snapshot = { readonly value: unknown; readonly context: { readonly updatedAt: string; readonly history: readonly unknown[] }; readonly status?: string };
type Step = { readonly accepted: boolean; readonly snapshot: Snapshot; readonly refusal: { readonly rule: string; readonly message: string } | null };

/** What a lifecycle module gives the suite: its public functions and a generator of (possibly invalid) events. */
export interface ConformanceSubject {
  readonly name: string;
  readonly machine: AnyStateMachine;
  readonly transitions: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
  readonly states: readonly string[];
  readonly finalStates: readonly string[];
  readonly eventTypes: readonly string[];
  /** Opens a ticket at `at` (epoch ms). */
  open(at: number): Snapshot;
  advance(snapshot: unknown, event: never): Step;
  explain(snapshot: unknown, event: never): { readonly rule: string } | null;
  restore(persisted: unknown): Snapshot;
  replay(history: never): Snapshot;
  /** Event payloads without `at`, valid and invalid, weighted so that runs reach the later states. */
  readonly payload: fc.Arbitrary<Record<string, unknown>>;
  readonly seed: number;
  readonly numRuns?: number;
}

const T0 = Date.UTC(2026, 2, 9, 8, 0);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Runs a random scenario through `advance`, keeping every step. */
function play(subject: ConformanceSubject, steps: readonly { p: Record<string, unknown>; dt: number }[]) {
  let s = subject.open(T0);
  let t = T0;
  const trace: { before: Snapshot; event: Record<string, unknown>; step: Step }[] = [];
  for (const { p, dt } of steps) {
    t += dt * 60_000;
    const event = deepFreeze({ ...p, at: new Date(t).toISOString() });
    const step = subject.advance(s, event as never);
    trace.push({ before: s, event, step });
    s = step.snapshot;
  }
  return { final: s, trace };
}

/** Declares the conformance tests of one lifecycle module. */
export function describeConformance(subject: ConformanceSubject): void {
  const scenario = fc.array(fc.record({ p: subject.payload, dt: fc.integer({ min: -30, max: 600 }) }), { maxLength: 30 });
  const options = { seed: subject.seed, numRuns: subject.numRuns ?? 150 };

  describe(`${subject.name}: lifecycle kit conformance`, () => {
    it('is the documented table: every state accepts exactly the event types of its row, leading where the row says', () => {
      const config = subject.machine.config as { states: Record<string, { type?: string; on?: Record<string, { target?: string | string[] }> }> };
      expect(Object.keys(config.states).sort()).toEqual([...subject.states].sort());
      for (const state of subject.states) {
        const node = config.states[state]!;
        if (subject.finalStates.includes(state)) {
          expect(node.type).toBe('final');
          expect(Object.keys(subject.transitions[state] ?? {})).toEqual([]);
          continue;
        }
        const on = node.on ?? {};
        const row = subject.transitions[state]!;
        expect(Object.keys(on).sort()).toEqual(Object.keys(row).filter((k) => row[k] !== undefined).sort());
        for (const [type, t] of Object.entries(on)) {
          const target = Array.isArray(t.target) ? t.target[0] : t.target;
          expect(target === undefined ? state : String(target).replace(/^\./, '')).toBe(row[type]);
        }
      }
    });

    it('refuses an event exactly when xstate\'s transition leaves the snapshot unchanged, with the same reason as explain', () => {
      fc.assert(fc.property(scenario, (steps) => {
        for (const { before, event, step } of play(subject, steps).trace) {
          const live = before;
          const [next] = transition(subject.machine, live as never, event as never);
          const refusal = subject.explain(before, event as never);
          expect(step.accepted).toBe(refusal === null);
          if (refusal === null) {
            expect(next).not.toBe(live);
            expect(step.snapshot.context.history.length).toBe(before.context.history.length + 1);
            const to = subject.transitions[String(before.value)]![String(event['type'])];
            expect(step.snapshot.value).toBe(to);
          } else {
            expect(next).toBe(live);
            expect(step.refusal).toEqual(refusal);
            expect(step.refusal!.message).toMatch(/ refused: /);
            expect(step.snapshot.value).toBe(before.value);
          }
        }
      }), options);
    });

    it('survives a JSON round trip at every step: restored, it equals the snapshot and continues identically', () => {
      fc.assert(fc.property(scenario, fc.nat(), (steps, cut) => {
        const { trace, final } = play(subject, steps);
        const k = trace.length === 0 ? 0 : cut % trace.length;
        const at = trace[k]?.step.snapshot ?? final;
        const row = JSON.parse(JSON.stringify(subject.machine.getPersistedSnapshot(at as never)));
        const restored = subject.restore(row);
        expect(restored.value).toEqual(at.value);
        expect(restored.context).toEqual(at.context);
        let a: Snapshot = at;
        let b: Snapshot = restored;
        for (const { event } of trace.slice(k + 1)) {
          a = subject.advance(a, event as never).snapshot;
          b = subject.advance(b, event as never).snapshot;
        }
        expect(b.value).toEqual(a.value);
        expect(b.context).toEqual(a.context);
      }), options);
    });

    it('rebuilds the snapshot from its history alone (replay)', () => {
      fc.assert(fc.property(scenario, (steps) => {
        const { final } = play(subject, steps);
        const again = subject.replay(JSON.parse(JSON.stringify(final.context.history)) as never);
        expect(again.value).toEqual(final.value);
        expect(again.context).toEqual(final.context);
      }), options);
    });

    it('refuses every event in a final state, with the rule final_state', () => {
      fc.assert(fc.property(scenario, fc.constantFrom(...subject.eventTypes), (steps, type) => {
        const { final } = play(subject, steps);
        if (!subject.finalStates.includes(String(final.value))) return;
        const r = subject.advance(final, { type, at: new Date(Date.UTC(2030, 0, 1)).toISOString() } as never);
        expect(r.accepted).toBe(false);
        expect(r.refusal?.rule).toBe('final_state');
      }), options);
    });

    it('refuses an event older than the last accepted one (out_of_order), whatever else it is', () => {
      fc.assert(fc.property(scenario, (steps) => {
        const { trace } = play(subject, steps);
        for (const { before, event, step } of trace) {
          if (!step.accepted) continue;
          const early = { ...event, at: new Date(Date.parse(before.context.updatedAt) - 1).toISOString() };
          const r = subject.explain(before, early as never);
          expect(r?.rule).toBe('out_of_order');
        }
      }), options);
    });

    it('never mutates its inputs (frozen events and snapshots) and never returns the caller\'s objects', () => {
      fc.assert(fc.property(scenario, (steps) => {
        const { trace } = play(subject, steps); // events are deep-frozen: a write would throw
        for (const { before } of trace.slice(0, 3)) {
          const row = deepFreeze(JSON.parse(JSON.stringify(subject.machine.getPersistedSnapshot(before as never))));
          const restored = subject.restore(row);
          expect(restored.context).not.toBe(row.context);
          expect(restored.context.history).not.toBe(row.context.history);
        }
      }), { ...options, numRuns: Math.min(options.numRuns, 50) });
    });
  });
}
