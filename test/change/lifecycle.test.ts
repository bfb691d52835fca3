import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  advanceChange, changeTransitions, explainChangeRefusal, normalChangeMachine, openChange, replayChangeHistory, restoreChange,
  safeOpenChange, safeRestoreChange, standardChangeMachine, emergencyChangeMachine,
  type ChangeEvent, type ChangeInput, type ChangeModel, type ChangeSnapshot, type ChangeState,
} from 'itsm-kit/change';
import { transition } from 'xstate';

type Payload = ChangeEvent extends infer E ? (E extends ChangeEvent ? Omit<E, 'at'> : never) : never;
const T = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + minutes * 60_000).toISOString();
const MODELS: ChangeModel[] = ['normal', 'standard', 'emergency'];
const STATES: ChangeState[] = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'];
const TYPES = ['UPDATE', 'CHANGE_MODEL', 'ASSESS', 'REQUEST_AUTHORIZATION', 'VOTE', 'REJECT', 'SCHEDULE', 'IMPLEMENT', 'COMPLETE', 'CLOSE', 'CANCEL'] as const;

const ready = (model: ChangeModel, extra: Partial<ChangeInput> = {}): ChangeInput => ({
  at: T(0), id: 'CHG1', model, templateId: model === 'standard' ? 'TPL-PATCH' : null, description: 'Patch db-01', cis: ['db-01'],
  plannedStart: T(600), plannedEnd: T(840), implementationPlan: 'Run playbook', backoutPlan: 'Restore snapshot', testPlan: 'Smoke tests', riskLevel: 'high',
  approvalPolicies: [{ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] }], ...extra,
});

/** The happy path of each model, one event per step. */
const PATH: Record<ChangeModel, ChangeEvent[]> = {
  normal: [
    { type: 'ASSESS', at: T(1) }, { type: 'REQUEST_AUTHORIZATION', at: T(2) }, { type: 'VOTE', at: T(3), voter: 'ann', decision: 'approve' },
    { type: 'VOTE', at: T(4), voter: 'bob', decision: 'approve' }, { type: 'SCHEDULE', at: T(5) }, { type: 'IMPLEMENT', at: T(600) },
    { type: 'COMPLETE', at: T(700), outcome: 'successful' }, { type: 'CLOSE', at: T(900) },
  ],
  standard: [{ type: 'SCHEDULE', at: T(5) }, { type: 'IMPLEMENT', at: T(600) }, { type: 'COMPLETE', at: T(700), outcome: 'successful' }, { type: 'CLOSE', at: T(900) }],
  emergency: [
    { type: 'REQUEST_AUTHORIZATION', at: T(2) }, { type: 'VOTE', at: T(3), voter: 'ann', decision: 'approve' }, { type: 'VOTE', at: T(4), voter: 'bob', decision: 'approve' },
    { type: 'IMPLEMENT', at: T(600) }, { type: 'COMPLETE', at: T(700), outcome: 'successful_with_issues' }, { type: 'CLOSE', at: T(900), reviewNotes: 'One alert, no impact' },
  ],
};

function run(s: ChangeSnapshot, events: ChangeEvent[]): ChangeSnapshot {
  for (const e of events) {
    const step = advanceChange(s, e);
    if (!step.accepted) throw new Error(`${e.type} refused: ${step.refusal.message}`);
    s = step.snapshot;
  }
  return s;
}

/** A snapshot in `state` for `model`, or null when the model never reaches it. */
function inState(model: ChangeModel, state: ChangeState): ChangeSnapshot | null {
  let s = openChange(ready(model));
  if (state === 'canceled') return run(s, [{ type: 'CANCEL', at: T(1), reason: 'Not needed' }]);
  const path = model === 'emergency' && state === 'scheduled' ? [...PATH.emergency.slice(0, 3), { type: 'SCHEDULE', at: T(5) } as ChangeEvent] : PATH[model];
  for (const e of path) {
    if (s.value === state) return s;
    s = run(s, [e]);
  }
  return s.value === state ? s : null;
}

describe('state x event, every model, with reasons', () => {
  for (const model of MODELS) {
    it(`${model}: every event is accepted where its row says and refused elsewhere with the state rule`, () => {
      const table = changeTransitions[model];
      for (const state of STATES) {
        const s = inState(model, state);
        if (s === null) { expect(Object.keys(table[state])).toEqual([]); continue; }
        for (const type of TYPES) {
          const r = explainChangeRefusal(s, { type, at: T(5000) } as ChangeEvent);
          if (state === 'closed' || state === 'canceled') { expect(r?.rule).toBe('final_state'); continue; }
          if (table[state][type] === undefined) {
            const expected = type === 'CANCEL' && state === 'review' ? 'cancel_not_in_review' : type === 'CHANGE_MODEL' ? 'model_fixed_after_new' : 'wrong_state';
            expect(r?.rule, `${model} ${state} ${type}`).toBe(expected);
            expect(r!.message).toMatch(new RegExp(`^${type} refused: .*\\(the ${model} change is ${state}; ${type} is accepted in `));
          }
        }
      }
    });

    it(`${model}: the happy path reaches closed, and the history is the SLA event shape`, () => {
      const s = run(openChange(ready(model)), PATH[model]);
      expect(s.value).toBe('closed');
      expect(s.context.history.map((h) => h.type)).toEqual(['CREATE', ...PATH[model].map((e) => e.type)]);
      expect(s.context.history.filter((h) => h.set?.['state'] !== undefined).map((h) => h.set!['state'])).toEqual(
        ['new', ...PATH[model].map((e) => changeTransitions[model][STATES.find((x) => changeTransitions[model][x][e.type] !== undefined)!]![e.type]).filter((to, i, all) => to !== (i === 0 ? 'new' : all[i - 1]))],
      );
      expect(s.context.outcome).not.toBeNull();
    });
  }

  it('a standard change is never in assess or authorize, an emergency change never in assess', () => {
    expect(inState('standard', 'assess')).toBeNull();
    expect(inState('standard', 'authorize')).toBeNull();
    expect(inState('emergency', 'assess')).toBeNull();
  });
});

describe('guards', () => {
  it('assessment needs a description and at least one CI', () => {
    const s = openChange({ at: T(0) });
    expect(explainChangeRefusal(s, { type: 'ASSESS', at: T(1) })).toMatchObject({ rule: 'assessment_needs_description_and_ci', missing: ['description', 'cis'] });
  });

  it('authorisation needs an assessed risk', () => {
    const s = run(openChange(ready('normal', { riskLevel: null })), [{ type: 'ASSESS', at: T(1) }]);
    expect(explainChangeRefusal(s, { type: 'REQUEST_AUTHORIZATION', at: T(2) })).toMatchObject({ rule: 'authorization_needs_assessment', missing: ['riskLevel'] });
  });

  it('scheduling needs the planned window, three plans and a risk, and a standard change its template', () => {
    const bare = openChange({ at: T(0), model: 'standard', cis: ['x'] });
    expect(explainChangeRefusal(bare, { type: 'SCHEDULE', at: T(1) })).toMatchObject({ rule: 'standard_needs_template', missing: ['templateId'] });
    const tpl = openChange({ at: T(0), model: 'standard', templateId: 'TPL', cis: ['x'], implementationPlan: 'p' });
    expect(explainChangeRefusal(tpl, { type: 'SCHEDULE', at: T(1) })).toMatchObject({ rule: 'scheduling_needs_plans', missing: ['plannedStart', 'plannedEnd', 'backoutPlan', 'testPlan', 'riskLevel'] });
    const reversed = openChange(ready('standard'));
    expect(explainChangeRefusal(reversed, { type: 'SCHEDULE', at: T(1), plannedStart: T(900), plannedEnd: T(800) })).toMatchObject({ rule: 'scheduling_needs_plans', missing: ['plannedEnd'] });
    const moved = run(reversed, [{ type: 'SCHEDULE', at: T(1), plannedStart: T(1000), plannedEnd: T(1100) }]);
    expect([moved.context.plannedStart, moved.context.plannedEnd]).toEqual([T(1000), T(1100)]);
  });

  it('leaving authorisation and implementing need approval per the policy', () => {
    const s = run(openChange(ready('normal')), PATH.normal.slice(0, 3));
    const r = explainChangeRefusal(s, { type: 'SCHEDULE', at: T(5) });
    expect(r?.rule).toBe('needs_approval');
    expect(r?.message).toMatch(/^SCHEDULE refused: leaving authorisation needs approval: waiting \(all of the groups must approve\): cab: needs 1 more approval/);
    const e = run(openChange(ready('emergency')), PATH.emergency.slice(0, 2));
    expect(explainChangeRefusal(e, { type: 'IMPLEMENT', at: T(600) })?.rule).toBe('needs_approval');
  });

  it('implementing needs the planned window open at `at` (half-open)', () => {
    const s = run(openChange(ready('standard')), [{ type: 'SCHEDULE', at: T(5) }]);
    expect(explainChangeRefusal(s, { type: 'IMPLEMENT', at: T(599) })?.rule).toBe('outside_planned_window');
    expect(explainChangeRefusal(s, { type: 'IMPLEMENT', at: T(600) })).toBeNull();
    expect(explainChangeRefusal(s, { type: 'IMPLEMENT', at: T(839) })).toBeNull();
    expect(explainChangeRefusal(s, { type: 'IMPLEMENT', at: T(840) })?.message).toBe(`IMPLEMENT refused: the planned window [${T(600)}, ${T(840)}) is not open at ${T(840)}.`);
  });

  it('the review records an outcome, and an emergency change needs its review notes', () => {
    const n = run(openChange(ready('normal')), PATH.normal.slice(0, 6).concat({ type: 'COMPLETE', at: T(700) }));
    expect(explainChangeRefusal(n, { type: 'CLOSE', at: T(800) })).toMatchObject({ rule: 'review_needs_outcome', missing: ['outcome'] });
    expect(explainChangeRefusal(n, { type: 'CLOSE', at: T(800), outcome: 'backed_out' })).toBeNull();
    const e = run(openChange(ready('emergency')), PATH.emergency.slice(0, 5));
    expect(explainChangeRefusal(e, { type: 'CLOSE', at: T(800) })).toMatchObject({ rule: 'emergency_needs_review', missing: ['reviewNotes'] });
  });

  it('cancel needs a reason and is refused under review', () => {
    const s = openChange(ready('normal'));
    expect(explainChangeRefusal(s, { type: 'CANCEL', at: T(1), reason: ' ' })).toMatchObject({ rule: 'reason_required', missing: ['reason'] });
    const review = run(s, PATH.normal.slice(0, 7));
    expect(explainChangeRefusal(review, { type: 'CANCEL', at: T(800), reason: 'late' })?.rule).toBe('cancel_not_in_review');
  });
});

describe('rejection, stale votes and model changes', () => {
  it('a rejection returns the change to new and clears its votes', () => {
    const s = run(openChange(ready('normal')), [...PATH.normal.slice(0, 3), { type: 'REJECT', at: T(10), reason: 'No backout test' }]);
    expect(s.value).toBe('new');
    expect(s.context.votes).toEqual([]);
    expect(s.context.rejectionCount).toBe(1);
    expect(explainChangeRefusal(s, { type: 'REJECT', at: T(11), reason: 'again' })?.rule).toBe('wrong_state');
  });

  it('a material edit after the votes makes them stale: implementing is refused until the CAB votes again', () => {
    let s = run(openChange(ready('normal')), PATH.normal.slice(0, 5));
    s = run(s, [{ type: 'UPDATE', at: T(6), plannedStart: T(620) }]);
    expect(s.context.edits).toEqual([{ at: T(6), fields: ['plannedStart'] }]);
    const r = explainChangeRefusal(s, { type: 'IMPLEMENT', at: T(630) });
    expect(r?.rule).toBe('needs_approval');
    expect(s.value).toBe('scheduled');
    // a description edit is not material
    const d = run(run(openChange(ready('normal')), PATH.normal.slice(0, 5)), [{ type: 'UPDATE', at: T(6), description: 'Patch db-01 (v2)' }]);
    expect(explainChangeRefusal(d, { type: 'IMPLEMENT', at: T(630) })).toBeNull();
  });

  it('the model changes only in new and without votes, and the snapshot moves to the new model\'s machine', () => {
    const s = openChange(ready('normal'));
    const step = advanceChange(s, { type: 'CHANGE_MODEL', at: T(1), model: 'emergency' });
    expect(step.accepted).toBe(true);
    expect(step.snapshot.machine).toBe(emergencyChangeMachine);
    expect(step.snapshot.context.model).toBe('emergency');
    const e = run(step.snapshot, PATH.emergency.map((x) => ({ ...x, at: T(Date.parse(x.at as string) / 60_000 - Date.parse(T(0)) / 60_000 + 1) })));
    expect(e.value).toBe('closed');
    const again = replayChangeHistory(JSON.parse(JSON.stringify(e.context.history)));
    expect(again.value).toBe('closed');
    expect(again.context).toEqual(e.context);
    expect(explainChangeRefusal(s, { type: 'CHANGE_MODEL', at: T(1), model: 'normal' })?.rule).toBe('same_model');
    const voted = run(openChange(ready('emergency')), PATH.emergency.slice(0, 2).concat({ type: 'REJECT', at: T(5), reason: 'x' }));
    expect(explainChangeRefusal(voted, { type: 'CHANGE_MODEL', at: T(6), model: 'normal' })).toBeNull(); // the rejection cleared the votes
    const assess = run(openChange(ready('normal')), PATH.normal.slice(0, 1));
    expect(explainChangeRefusal(assess, { type: 'CHANGE_MODEL', at: T(6), model: 'standard' })?.rule).toBe('model_fixed_after_new');
  });

  it('a machine refuses a snapshot whose model changed under xstate directly', () => {
    const s = advanceChange(openChange(ready('normal')), { type: 'CHANGE_MODEL', at: T(1), model: 'standard' }).snapshot;
    const stale = normalChangeMachine.resolveState({ value: 'new', context: s.context });
    const [next] = transition(normalChangeMachine, stale, { type: 'ASSESS', at: T(2) });
    expect(next).toBe(stale);
    expect(s.machine).toBe(standardChangeMachine);
    expect(explainChangeRefusal(stale, { type: 'SCHEDULE', at: T(2) })?.rule).toBe('standard_needs_template'); // dispatched by its model
  });
});

describe('persistence and input validation', () => {
  it('round-trips a snapshot through JSON and continues identically', () => {
    const s = run(openChange(ready('normal')), PATH.normal.slice(0, 4));
    const row = JSON.parse(JSON.stringify(normalChangeMachine.getPersistedSnapshot(s)));
    const back = restoreChange(row);
    expect(back.context).toEqual(s.context);
    expect(run(back, PATH.normal.slice(4)).context).toEqual(run(s, PATH.normal.slice(4)).context);
    expect(safeRestoreChange({ value: 'nowhere', context: {} }).success).toBe(false);
  });

  it('refuses bad input, listing every issue', () => {
    const r = safeOpenChange({ at: '2026-12-01T09:00:00', model: 'urgent', cis: [''] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toEqual(['at', 'model', 'cis.0']);
  });
});

describe('model-based random sequences', () => {
  const common = [...PATH.normal, ...PATH.emergency].map(({ at: _at, ...e }) => e);
  const rare: Array<Payload> = [
    { type: 'REJECT', reason: 'r' }, { type: 'CANCEL', reason: 'c' }, { type: 'CHANGE_MODEL', model: 'emergency' }, { type: 'CHANGE_MODEL', model: 'standard' },
    { type: 'CHANGE_MODEL', model: 'normal' }, { type: 'UPDATE', plannedStart: T(610) }, { type: 'UPDATE', riskLevel: 'low' }, { type: 'VOTE', voter: 'ann', decision: 'reject' },
    { type: 'COMPLETE' }, { type: 'CLOSE', outcome: 'failed', reviewNotes: 'PIR' },
  ];
  const step = fc.record({
    // null: the model's next step (the first event of its happy path that would be accepted now).
    e: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: fc.constantFrom(...common), weight: 3 }, { arbitrary: fc.constantFrom(...rare), weight: 1 }),
    // Small steps, and now and then a jump into the planned window (T+600 to T+840 minutes).
    dt: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 5 }, { arbitrary: fc.constant(-1), weight: 1 }),
    pick: fc.nat(),
  });
  it('replaying the history rebuilds the snapshot, and every refusal leaves it unchanged', () => {
    const reached = new Set<string>();
    fc.assert(fc.property(fc.constantFrom(...MODELS), fc.array(step, { maxLength: 30 }), (model, steps) => {
      let s = openChange(ready(model));
      let t = 0;
      for (const { e: payload, dt, pick } of steps) {
        t = dt < 0 ? Math.max(t, 600 + (t % 200)) : t + dt;
        let guided: Payload | undefined = payload ?? undefined;
        if (payload === null) {
          const ok = PATH[s.context.model].map(({ at: _at, ...x }) => x).filter((x) => explainChangeRefusal(s, { ...x, at: T(t) } as ChangeEvent) === null);
          const movers = ok.filter((x) => changeTransitions[s.context.model][s.value as ChangeState][x.type] !== s.value);
          guided = movers[0] ?? ok[pick % Math.max(1, ok.length)];
        }
        if (guided === undefined) continue;
        const e = { ...guided, at: T(t) } as ChangeEvent;
        const step = advanceChange(s, e);
        if (!step.accepted) expect(step.snapshot).toBe(s);
        s = step.snapshot;
        reached.add(`${s.context.model}:${String(s.value)}`);
      }
      const again = replayChangeHistory(JSON.parse(JSON.stringify(s.context.history)));
      expect(again.value).toBe(s.value);
      expect(again.context).toEqual(s.context);
    }), { seed: 424242, numRuns: 400 });
    expect(reached.size).toBe(21); // every state each model can reach
  });
});
