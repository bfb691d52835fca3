// Model-based tests: random event sequences, checked against the documented transition table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import {
  derivePriority, explainIncidentRefusal, incidentMachine, incidentTransitions, replayIncidentHistory, restoreIncident,
  openIncident, type IncidentEvent, type IncidentState,
} from '../../src/incident/index.js';
import { T0 } from './helpers.js';

const STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'];
const text = fc.constantFrom('', '  ', 'why', 'Because the switch died');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const level = fc.integer({ min: 0, max: 4 }); // 0 and 4 are outside the 3 × 3 matrix

// Payloads without `at`; `at` is added from a random walk of time steps (some negative).
const payload: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('ASSIGN'), group: fc.constantFrom('Service Desk', 'Network', null), assignee: maybe(fc.constantFrom('ana', 'bo', null)) }),
  fc.record({ type: fc.constant('START') }),
  fc.record({ type: fc.constant('HOLD'), reason: fc.constantFrom('awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor', 'awaiting_evidence', 'awaiting_godot'), comment: maybe(text) }),
  fc.record({ type: fc.constant('RESUME') }),
  fc.record({ type: fc.constant('UPDATE'), impact: maybe(level), urgency: maybe(level), comment: maybe(text) }),
  fc.record({ type: fc.constant('RESOLVE'), code: maybe(text), notes: maybe(text) }),
  fc.record({ type: fc.constant('REOPEN'), reason: maybe(text) }),
  fc.record({ type: fc.constantFrom('CLOSE', 'AUTO_CLOSE', 'ACCEPT_MAJOR') }),
  fc.record({ type: fc.constant('CANCEL'), reason: maybe(text) }),
  fc.record({ type: fc.constant('PROPOSE_MAJOR') }),
  fc.record({ type: fc.constant('REJECT_MAJOR'), reason: maybe(text) }),
  fc.record({ type: fc.constant('TELEPORT') }),
);
const step = fc.record({ p: payload, dt: fc.integer({ min: -30, max: 240 }) });
const scenario = fc.record({
  impact: fc.integer({ min: 1, max: 3 }),
  urgency: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(step, { maxLength: 40 }),
});

function run(sc: { impact: number; urgency: number; steps: { p: Record<string, unknown>; dt: number }[] }) {
  let s = openIncident({ at: T0, impact: sc.impact, urgency: sc.urgency });
  let t = T0;
  const trace: { before: typeof s; event: IncidentEvent; after: typeof s }[] = [];
  for (const { p, dt } of sc.steps) {
    t += dt * 60_000;
    const event = { ...p, at: new Date(t).toISOString() } as unknown as IncidentEvent;
    const [after] = transition(incidentMachine, s, event);
    trace.push({ before: s, event, after });
    s = after;
  }
  return { final: s, trace };
}

const fold = (h: readonly { set?: Readonly<Record<string, unknown>> }[]) => Object.assign({}, ...h.map((e) => e.set ?? {}));

describe('incident machine under random event sequences', () => {
  it('stays in documented states, and moves exactly when explainIncidentRefusal says it may, to the documented state', () => {
    fc.assert(fc.property(scenario, (sc) => {
      for (const { before, event, after } of run(sc).trace) {
        expect(STATES).toContain(after.value);
        expect(after.status).toBe(after.value === 'closed' || after.value === 'canceled' ? 'done' : 'active');
        const refusal = explainIncidentRefusal(before, event);
        if (refusal === null) {
          expect(after).not.toBe(before);
          expect(after.value).toBe(incidentTransitions[before.value as IncidentState][event.type]);
          expect(after.context.history).toHaveLength(before.context.history.length + 1);
        } else {
          expect(after).toBe(before);
          expect(refusal.rule).toMatch(/^[a-z_]+$/);
          expect(refusal.message.length).toBeGreaterThan(10);
        }
      }
    }), { numRuns: 300 });
  });

  it('keeps history ordered, one entry per accepted event, with state in set exactly when the state changed', () => {
    fc.assert(fc.property(scenario, (sc) => {
      const { final, trace } = run(sc);
      const accepted = trace.filter((x) => x.after !== x.before);
      expect(final.context.history).toHaveLength(1 + accepted.length);
      const times = final.context.history.map((h) => Date.parse(h.at));
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
      for (const { before, after } of accepted) {
        const entry = after.context.history.at(-1)!;
        if (after.value !== before.value) expect(entry.set?.['state']).toBe(after.value);
        else expect(entry.set).not.toHaveProperty('state');
      }
    }), { numRuns: 300 });
  });

  it('keeps the fold of history equal to the context, and the priority derived from impact and urgency', () => {
    fc.assert(fc.property(scenario, (sc) => {
      const { final } = run(sc);
      const c = final.context;
      expect(fold(c.history)).toMatchObject({
        state: final.value, holdReason: c.holdReason, impact: c.impact, urgency: c.urgency, priority: c.priority,
        group: c.group, assignee: c.assignee, major: c.major, resolutionCode: c.resolutionCode,
        reopenCount: c.reopenCount, reassignmentCount: c.reassignmentCount,
      });
      expect(c.priority).toBe(derivePriority(c.impact, c.urgency));
      expect(c.holdReason !== null).toBe(final.value === 'on_hold');
    }), { numRuns: 300 });
  });

  it('replays its history to the same snapshot', () => {
    fc.assert(fc.property(scenario, (sc) => {
      const { final } = run(sc);
      const again = replayIncidentHistory(JSON.parse(JSON.stringify(final.context.history)));
      expect(again.value).toBe(final.value);
      expect(again.context).toEqual(final.context);
    }), { numRuns: 300 });
  });

  it('survives a JSON round trip at any point and continues identically', () => {
    fc.assert(fc.property(scenario, fc.nat(), (sc, cut) => {
      const { trace } = run(sc);
      if (trace.length === 0) return;
      const k = cut % trace.length;
      let live = restoreIncident(JSON.parse(JSON.stringify(incidentMachine.getPersistedSnapshot(trace[k]!.before))));
      for (const { event } of trace.slice(k)) [live] = transition(incidentMachine, live, event);
      const final = trace.at(-1)!.after;
      expect(live.value).toBe(final.value);
      expect(live.context).toEqual(final.context);
    }), { numRuns: 200 });
  });
});

describe('the random event generator', () => {
  it('reaches every state and triggers every refusal rule', () => {
    const states = new Set<unknown>();
    const rules = new Set<string>();
    for (const sc of fc.sample(scenario, { numRuns: 400, seed: 42 })) {
      for (const { before, event, after } of run(sc).trace) {
        states.add(after.value);
        const r = explainIncidentRefusal(before, event);
        if (r) rules.add(r.rule);
      }
    }
    expect([...states].sort()).toEqual([...STATES].sort());
    expect([...rules].sort()).toEqual([
      'already_resolved', 'awaiting_caller_needs_comment', 'cancel_not_after_resolution', 'close_only_from_resolved',
      'final_state', 'invalid_event', 'major_already_accepted', 'major_already_proposed', 'major_not_proposed',
      'major_only_while_open', 'out_of_order', 'reason_required', 'reopen_first', 'reopen_only_from_resolved',
      'resolution_needs_code_and_notes', 'resume_only_from_on_hold', 'start_only_from_new', 'unknown_event',
    ]);
  });
});
