import fc from 'fast-check';
import {
  advanceProblem, explainProblemRefusal, openProblem, problemMachine, problemTransitions, replayProblemHistory,
  restoreProblem,
} from 'itsm-kit/problem';
import { describeConformance } from './conformance.js';

const text = fc.constantFrom('', ' ', 'MTU mismatch', 'Reconnect');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const w = (arbitrary: fc.Arbitrary<Record<string, unknown>>, weight = 5) => ({ arbitrary, weight });

describeConformance({
  name: 'problem',
  machine: problemMachine,
  transitions: problemTransitions,
  states: ['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'canceled'],
  finalStates: ['closed', 'canceled'],
  eventTypes: ['ASSESS', 'CONFIRM', 'START_FIX', 'RESOLVE', 'ACCEPT_RISK', 'MARK_DUPLICATE', 'CANCEL', 'REANALYZE', 'CLOSE', 'UPDATE', 'PUBLISH_KNOWN_ERROR', 'LINK_INCIDENT', 'UNLINK_INCIDENT'],
  open: (at) => openProblem({ at, id: 'PRB1', statement: 'Random problem', linkedIncidents: ['INC1'] }),
  advance: advanceProblem as never,
  explain: explainProblemRefusal as never,
  restore: restoreProblem,
  replay: replayProblemHistory as never,
  payload: fc.oneof(
    w(fc.record({ type: fc.constant('ASSESS'), assignee: maybe(text) })),
    w(fc.record({ type: fc.constantFrom('CONFIRM', 'CLOSE') })),
    w(fc.record({ type: fc.constant('START_FIX'), cause: maybe(text), fix: maybe(fc.constant('patch')) })),
    w(fc.record({ type: fc.constant('RESOLVE'), notes: maybe(text) })),
    w(fc.record({ type: fc.constant('ACCEPT_RISK'), reason: maybe(text), cause: maybe(text) })),
    w(fc.record({ type: fc.constant('MARK_DUPLICATE'), of: maybe(fc.constantFrom('', 'PRB0')) })),
    w(fc.record({ type: fc.constant('REANALYZE'), reason: maybe(text) })),
    w(fc.record({ type: fc.constant('UPDATE'), cause: maybe(fc.constantFrom('Disk full', null)), workaround: maybe(fc.constantFrom('Retry', null)), affectedCis: maybe(fc.constant(['ci-1'])) })),
    w(fc.record({ type: fc.constant('PUBLISH_KNOWN_ERROR'), workaround: maybe(text) })),
    w(fc.record({ type: fc.constantFrom('LINK_INCIDENT', 'UNLINK_INCIDENT'), incidentId: maybe(fc.constantFrom('INC1', 'INC2')) })),
    w(fc.record({ type: fc.constant('CANCEL'), reason: maybe(text) }), 1),
    w(fc.record({ type: fc.constant('ESCALATE') }), 1),
  ),
  seed: 20261202,
});
