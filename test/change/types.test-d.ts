import { expectTypeOf, test } from 'vitest';
import type { TicketEvent } from '../../src/sla/index.js';
import {
  advanceChange, assessChangeRisk, evaluateApprovals, findChangeConflicts, openChange, suggestChangeWindows,
  type ApprovalStatus, type ChangeConflictKind, type ChangeEvent, type ChangeRule, type ChangeSchedule, type ChangeState, type RiskLevel,
} from '../../src/change/index.js';

declare const schedule: ChangeSchedule;

test('the change snapshot value is a ChangeState and its history is an SLA event stream', () => {
  const s = openChange({ at: 0 });
  expectTypeOf(s.value).toEqualTypeOf<ChangeState>();
  expectTypeOf(s.context.history[0]!).toExtend<TicketEvent>();
});

test('events are typed: a misspelt field or an unknown type does not compile', () => {
  const s = openChange({ at: 0 });
  // @ts-expect-error CLOSE has no `result` field
  advanceChange(s, { type: 'CLOSE', at: 1, result: 'ok' });
  // @ts-expect-error not a change event
  advanceChange(s, { type: 'RESOLVE', at: 1 });
  expectTypeOf<Extract<ChangeEvent, { type: 'VOTE' }>['decision']>().toEqualTypeOf<'approve' | 'reject' | 'abstain'>();
  const step = advanceChange(s, { type: 'ASSESS', at: 1 });
  if (!step.accepted) expectTypeOf(step.refusal.rule).toEqualTypeOf<ChangeRule>();
});

test('conflicts, windows, risk and approvals return their documented shapes', () => {
  const c = findChangeConflicts(schedule, { id: 'x', plannedStart: 0, plannedEnd: 1, cis: [] });
  expectTypeOf(c[0]!.kind).toEqualTypeOf<ChangeConflictKind>();
  expectTypeOf(c[0]!.overlap.start).toEqualTypeOf<Date>();
  expectTypeOf(suggestChangeWindows(schedule, { id: 'x', plannedStart: 0, plannedEnd: 1, cis: [] })[0]!.end).toEqualTypeOf<Date>();
  expectTypeOf(assessChangeRisk({}, { id: 'm' }).level).toEqualTypeOf<RiskLevel>();
  expectTypeOf(evaluateApprovals({ id: 'p', groups: [] }, [], {}).status).toEqualTypeOf<ApprovalStatus>();
});
