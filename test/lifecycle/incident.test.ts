import fc from 'fast-check';
import {
  advanceIncident, explainIncidentRefusal, incidentMachine, incidentTransitions, openIncident, replayIncidentHistory,
  restoreIncident,
} from 'itsm-kit/incident';
import { describeConformance } from './conformance.js';

const text = fc.constantFrom('', '  ', 'why', 'Because the switch died');
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const level = fc.integer({ min: 0, max: 4 });
const w = (arbitrary: fc.Arbitrary<Record<string, unknown>>, weight = 5) => ({ arbitrary, weight });

describeConformance({
  name: 'incident',
  machine: incidentMachine,
  transitions: incidentTransitions,
  states: ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'],
  finalStates: ['closed', 'canceled'],
  eventTypes: Object.keys(incidentTransitions.new).concat('RESUME', 'REOPEN', 'CLOSE', 'AUTO_CLOSE'),
  open: (at) => openIncident({ at, id: 'INC1', impact: 2, urgency: 2, fields: { category: 'network' } }),
  advance: advanceIncident as never,
  explain: explainIncidentRefusal as never,
  restore: restoreIncident,
  replay: replayIncidentHistory as never,
  payload: fc.oneof(
    w(fc.record({ type: fc.constant('ASSIGN'), group: fc.constantFrom('Service Desk', 'Network', null), assignee: maybe(fc.constantFrom('ana', 'bo', null)) })),
    w(fc.record({ type: fc.constant('START') })),
    w(fc.record({ type: fc.constant('HOLD'), reason: fc.constantFrom('awaiting_caller', 'awaiting_vendor', 'awaiting_godot'), comment: maybe(text) })),
    w(fc.record({ type: fc.constant('RESUME'), comment: maybe(text) })),
    w(fc.record({ type: fc.constant('UPDATE'), impact: maybe(level), urgency: maybe(level), comment: maybe(text), fields: maybe(fc.constantFrom({ vip: true }, { state: 'x' }, { category: null })) })),
    w(fc.record({ type: fc.constant('RESOLVE'), code: maybe(text), notes: maybe(text) })),
    w(fc.record({ type: fc.constant('REOPEN'), reason: maybe(text) })),
    w(fc.record({ type: fc.constantFrom('CLOSE', 'AUTO_CLOSE', 'ACCEPT_MAJOR', 'PROPOSE_MAJOR') })),
    w(fc.record({ type: fc.constant('REJECT_MAJOR'), reason: maybe(text) })),
    w(fc.record({ type: fc.constant('CANCEL'), reason: maybe(text) }), 1),
    w(fc.record({ type: fc.constant('TELEPORT') }), 1),
  ),
  seed: 20261201,
});
