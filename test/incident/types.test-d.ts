import { expectTypeOf, test } from 'vitest';
import { transition } from 'xstate';
import type { SlaResult, TicketEvent } from '../../src/sla/index.js';
import {
  incidentMachine, openIncident, type EscalationSlaProgress, type IncidentEvent, type LifecycleHistoryEntry,
  type IncidentInput, type IncidentState,
} from '../../src/incident/index.js';

test('the snapshot value is an IncidentState', () => {
  const s = openIncident({ at: 0 });
  expectTypeOf(s.value).toEqualTypeOf<IncidentState>();
  const [next] = transition(incidentMachine, s, { type: 'START', at: 1 });
  expectTypeOf(next.value).toEqualTypeOf<IncidentState>();
});

test('incident history is an SLA event stream and SlaResult is escalation SLA progress', () => {
  expectTypeOf<LifecycleHistoryEntry>().toExtend<TicketEvent>();
  expectTypeOf<SlaResult>().toExtend<EscalationSlaProgress>();
});

test('events are checked at compile time', () => {
  expectTypeOf<{ type: 'RESOLVE'; at: number; code: string }>().not.toExtend<IncidentEvent>();
  expectTypeOf<{ type: 'RESOLVE'; at: number; code: string; notes: string }>().toExtend<IncidentEvent>();
  expectTypeOf<{ impact: 1 }>().not.toExtend<IncidentInput>();
});
