// Model-based tests of the problem machine: random event sequences against the documented table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import {
  explainProblemRefusal, problemMachine, problemTransitions, replayProblemHistory, openProblem, type ProblemEvent,
  type ProblemState,
} from '../../src/problem/index.js';
import { T0 } from './helpers.js';

const STATES: readonly ProblemState[] = ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'canceled'];
const text = fc.constantFrom('', ' ', 'MTU mismatch', 'Reconnect');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const incident = fc.constantFrom('INC1', 'INC2', 'INC3');

const common = (arbitrary: fc.Arbitrary<Record<string, unknown>>) => ({ arbitrary, weight: 5 });
const payload: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  common(fc.record({ type: fc.constant('ASSESS'), assignee: maybe(text) })),
  common(fc.record({ type: fc.constantFrom('CONFIRM', 'CLOSE') })),
  common(fc.record({ type: fc.constant('START_FIX'), cause: maybe(text), fix: maybe(fc.constant('patch')) })),
  common(fc.record({ type: fc.constant('RESOLVE'), notes: maybe(text) })),
  common(fc.record({ type: fc.constant('ACCEPT_RISK'), reason: maybe(text), cause: maybe(text) })),
  common(fc.record({ type: fc.constant('MARK_DUPLICATE'), of: maybe(fc.constantFrom('', 'PRB0')) })),
  common(fc.record({ type: fc.constant('REANALYZE'), reason: maybe(text) })),
  common(fc.record({ type: fc.constant('UPDATE'), cause: maybe(fc.constantFrom('Disk full', null)), workaround: maybe(fc.constantFrom('Retry', null)), affectedCis: maybe(fc.constant(['ci-1'])) })),
  common(fc.record({ type: fc.constant('PUBLISH_KNOWN_ERROR'), workaround: maybe(text) })),
  common(fc.record({ type: fc.constantFrom('LINK_INCIDENT', 'UNLINK_INCIDENT'), incidentId: maybe(incident) })),
  // Canceling ends a run: keep it rare so that runs reach the later states.
  { arbitrary: fc.record({ type: fc.constant('CANCEL'), reason: maybe(text) }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('ESCALATE') }), weight: 1 },
);
const scenario = fc.array(fc.record({ p: payload, dt: fc.integer({ min: -20, max: 600 }) }), { maxLength: 40 });

function run(steps: { p: Record<string, unknown>; dt: number }[]) {
  let s = openProblem({ at: T0, id: 'PRB1', statement: 'Random problem', linkedIncidents: ['INC1'] });
  let t = T0;
  const trace: { before: typeof s; event: ProblemEvent; after: typeof s }[] = [];
  for (const { p, dt } of steps) {
    t += dt * 60_000;
    const event = { ...p, at: new Date(t).toISOString() } as unknown as ProblemEvent;
    const [after] = transition(problemMachine, s, event);
    trace.push({ before: s, event, after });
    s = after;
  }
  return { final: s, trace };
}

describe('problem machine under random event sequences', () => {
  it('stays in documented states and moves exactly when explainProblemRefusal allows, to the documented state', () => {
    fc.assert(fc.property(scenario, (steps) => {
      for (const { before, event, after } of run(steps).trace) {
        expect(STATES).toContain(after.value);
        const refusal = explainProblemRefusal(before, event);
        if (refusal === null) {
          expect(after.value).toBe(problemTransitions[before.value as ProblemState][event.type]);
          expect(after.context.history).toHaveLength(before.context.history.length + 1);
        } else {
          expect(after).toBe(before);
        }
      }
    }), { numRuns: 300 });
  });

  it('keeps the invariants: a resolution code exactly when resolved or ended, a cause once past analysis, a workaround in every known error', () => {
    fc.assert(fc.property(scenario, (steps) => {
      for (const { after } of run(steps).trace) {
        const c = after.context;
        const v = after.value as ProblemState;
        expect(c.resolutionCode !== null).toBe(v === 'resolved' || v === 'closed' || v === 'canceled');
        if (v === 'fix_in_progress') expect(c.cause).toBeTruthy();
        if (c.knownError) expect(c.knownError.workaround.trim()).not.toBe('');
        expect(new Set(c.linkedIncidents).size).toBe(c.linkedIncidents.length);
      }
    }), { numRuns: 300 });
  });

  it('replays its history to the same snapshot', () => {
    fc.assert(fc.property(scenario, (steps) => {
      const { final } = run(steps);
      const again = replayProblemHistory(JSON.parse(JSON.stringify(final.context.history)));
      expect(again.value).toBe(final.value);
      expect(again.context).toEqual(final.context);
    }), { numRuns: 300 });
  });

  it('reaches every state with the generator', () => {
    const seen = new Set<unknown>();
    for (const steps of fc.sample(scenario, { numRuns: 400, seed: 7 })) for (const { after } of run(steps).trace) seen.add(after.value);
    expect([...seen].sort()).toEqual([...STATES].sort());
  });
});
