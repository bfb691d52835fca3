import { expectTypeOf, test } from 'vitest';
import type { IncidentEvent } from '../../src/incident/index.js';
import type { TicketEvent } from '../../src/sla/index.js';
import { openProblem, type LinkedIncidentEvent, type LifecycleHistoryEntry, type ProblemState } from '../../src/problem/index.js';

test('the problem snapshot value is a ProblemState', () => {
  expectTypeOf(openProblem({ at: 0, statement: 'x' }).value).toEqualTypeOf<ProblemState>();
});

test('cascaded events are incident events, and problem history is an SLA event stream', () => {
  expectTypeOf<LinkedIncidentEvent>().toExtend<IncidentEvent>();
  expectTypeOf<LifecycleHistoryEntry>().toExtend<TicketEvent>();
});
