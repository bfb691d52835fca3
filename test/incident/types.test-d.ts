import { expectTypeOf, test } from 'vitest';
import { transition } from 'xstate';
import type { SlaResult, TicketEvent } from '../../src/sla/index.js';
import {
  advanceIncident, incidentMachine, openIncident, type EscalationSlaProgress, type IncidentRule, type Refusal, type IncidentEvent, type LifecycleHistoryEntry,
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

test('events are typed: a misspelt field does not compile', () => {
  {
    const s = openIncident({ at: '2026-03-09T08:00:00Z' });
    // @ts-expect-error `note` is not a field of RESOLVE (it is `notes`)
    advanceIncident(s, { type: 'RESOLVE', at: '2026-03-09T09:00:00Z', code: 'fixed', notes: 'x', note: 'x' });
    expectTypeOf(advanceIncident(s, { type: 'START', at: 0 }).refusal).toEqualTypeOf<Refusal<IncidentRule> | null>();
  }
});
