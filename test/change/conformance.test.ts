import fc from 'fast-check';
import {
  advanceChange, changeTransitions, emergencyChangeMachine, explainChangeRefusal, normalChangeMachine, openChange, replayChangeHistory,
  restoreChange, standardChangeMachine, type ChangeModel,
} from 'itsm-kit/change';
import { describeConformance } from '../lifecycle/conformance.js';

const text = fc.constantFrom('', ' ', 'Patch', 'Reason');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const w = (arbitrary: fc.Arbitrary<Record<string, unknown>>, weight = 5) => ({ arbitrary, weight });
const T0 = Date.UTC(2026, 2, 9, 8, 0);
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const payload = fc.oneof(
  w(fc.record({ type: fc.constant('UPDATE'), description: maybe(fc.constantFrom('Patch db', null)), cis: maybe(fc.constantFrom([], ['db-01'], ['db-01', 'app'])), riskLevel: maybe(fc.constantFrom('low', 'high', null)), plannedStart: maybe(fc.constantFrom(iso(0), iso(3000))), implementationPlan: maybe(fc.constantFrom('Run playbook', 'v2')) }), 3),
  w(fc.record({ type: fc.constantFrom('ASSESS', 'REQUEST_AUTHORIZATION', 'IMPLEMENT') }), 8),
  w(fc.record({ type: fc.constant('VOTE'), voter: maybe(fc.constantFrom('ann', 'bob', 'zed', '')), decision: maybe(fc.constantFrom('approve', 'approve', 'reject', 'abstain')) }), 8),
  w(fc.record({ type: fc.constant('REJECT'), reason: maybe(text) }), 1),
  w(fc.record({ type: fc.constant('SCHEDULE'), plannedStart: maybe(fc.constantFrom(iso(0), iso(60))), plannedEnd: maybe(fc.constantFrom(iso(30), iso(40000))) }), 6),
  w(fc.record({ type: fc.constant('COMPLETE'), outcome: maybe(fc.constantFrom('successful', 'failed', 'backed_out')) })),
  w(fc.record({ type: fc.constant('CLOSE'), outcome: maybe(fc.constantFrom('successful', 'successful_with_issues')), reviewNotes: maybe(text) })),
  w(fc.record({ type: fc.constant('CANCEL'), reason: maybe(text) }), 1),
  w(fc.record({ type: fc.constant('CHANGE_MODEL'), model: maybe(fc.constantFrom('normal', 'standard', 'emergency')) }), 1),
  w(fc.record({ type: fc.constant('ESCALATE') }), 1),
);

const machines = { normal: normalChangeMachine, standard: standardChangeMachine, emergency: emergencyChangeMachine };

for (const model of ['normal', 'standard', 'emergency'] as ChangeModel[]) {
  describeConformance({
    name: `${model} change`,
    machine: machines[model],
    transitions: changeTransitions[model],
    states: ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'],
    finalStates: ['closed', 'canceled'],
    eventTypes: ['UPDATE', 'CHANGE_MODEL', 'ASSESS', 'REQUEST_AUTHORIZATION', 'VOTE', 'REJECT', 'SCHEDULE', 'IMPLEMENT', 'COMPLETE', 'CLOSE', 'CANCEL'],
    open: (at) => openChange({
      at, id: 'CHG1', model, templateId: model === 'standard' ? 'TPL-1' : null, description: 'Patch db-01', cis: ['db-01'],
      plannedStart: at, plannedEnd: at + 20 * 86_400_000, implementationPlan: 'Run playbook', backoutPlan: 'Restore snapshot', testPlan: 'Smoke tests', riskLevel: 'moderate',
      approvalPolicies: [{ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] }],
    }),
    advance: advanceChange as never,
    explain: explainChangeRefusal as never,
    restore: restoreChange,
    replay: replayChangeHistory as never,
    // CHANGE_MODEL is refused by the guard's "no votes" and "same model" rules often enough; when it is accepted the
    // snapshot moves to another machine, which the table checks of this suite do not follow: it is left out here
    // and tested in lifecycle.test.ts.
    payload: payload.filter((p) => p['type'] !== 'CHANGE_MODEL'),
    seed: 20261209,
  });
}
