import { describe, expect, it } from 'vitest';
import {
  advanceServiceRequest, createCatalog, evaluateRequestFulfilmentSla, explainServiceRequestRefusal, openServiceRequest, replayServiceRequestHistory,
  restoreServiceRequest, safeOpenServiceRequest, serviceRequestApproval, serviceRequestInput, serviceRequestMachine, serviceRequestTransitions,
  type ServiceRequestEvent, type ServiceRequestEventType, type ServiceRequestSnapshot, type ServiceRequestState,
} from 'itsm-kit/catalog';
import { createApprovalPolicy } from 'itsm-kit/change';
import { createCalendar } from 'itsm-kit/calendar';

const weekday = ['09:00-17:00'];
const support = createCalendar({ timeZone: 'UTC', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } });
const managers = createApprovalPolicy({ id: 'managers', groups: [{ id: 'managers', members: ['ann', 'bob'], rule: 'all' }] });
const catalog = createCatalog({
  calendars: ['support'],
  services: [{ id: 'workplace', name: 'Workplace', lifecycle: 'live', criticality: 'medium' }],
  slaDefinitions: [{
    id: 'laptop-fulfilment', kind: 'custom', target: 'PT16H', calendar: 'support',
    start: { field: 'state', in: ['approved', 'fulfilling'] }, stop: { field: 'state', in: ['fulfilled', 'closed'] }, cancel: { field: 'state', eq: 'canceled' },
  }],
  items: [
    { id: 'laptop', name: 'New laptop', service: 'workplace', approvalPolicy: 'managers', fulfilment: { definition: 'laptop-fulfilment' },
      tasks: [{ id: 'order', name: 'Order' }, { id: 'ship', name: 'Ship' }] },
    { id: 'mouse', name: 'Mouse', service: 'workplace', tasks: [{ id: 'ship', name: 'Ship' }] },
  ],
});

// Monday 9 March 2026, hour by hour.
const t = (h: number): string => new Date(Date.UTC(2026, 2, 9, h)).toISOString();
const laptop = (): ServiceRequestSnapshot => openServiceRequest(serviceRequestInput(catalog, 'laptop', { at: t(9), requestedFor: 'kim', policies: [managers] }));
const mouse = (): ServiceRequestSnapshot => openServiceRequest(serviceRequestInput(catalog, 'mouse', { at: t(9) }));

function send(s: ServiceRequestSnapshot, ...events: ServiceRequestEvent[]): ServiceRequestSnapshot {
  for (const e of events) {
    const step = advanceServiceRequest(s, e);
    if (!step.accepted) throw new Error(`${e.type} refused: ${step.refusal.message}`);
    s = step.snapshot;
  }
  return s;
}

/** A laptop request in each state. */
function inState(state: ServiceRequestState): ServiceRequestSnapshot {
  const s = laptop();
  const approved = () => send(s, { type: 'REQUEST_APPROVAL', at: t(10) }, { type: 'VOTE', at: t(10), voter: 'ann', decision: 'approve' }, { type: 'VOTE', at: t(10), voter: 'bob', decision: 'approve' }, { type: 'APPROVE', at: t(10) });
  const fulfilling = () => send(approved(), { type: 'START_FULFILMENT', at: t(11), assignee: 'sam' });
  const fulfilled = () => send(fulfilling(), { type: 'COMPLETE_TASK', at: t(12), taskId: 'order' }, { type: 'COMPLETE_TASK', at: t(12), taskId: 'ship' }, { type: 'FULFIL', at: t(12) });
  switch (state) {
    case 'submitted': return s;
    case 'awaiting_approval': return send(s, { type: 'REQUEST_APPROVAL', at: t(10) });
    case 'approved': return approved();
    case 'fulfilling': return fulfilling();
    case 'fulfilled': return fulfilled();
    case 'closed': return send(fulfilled(), { type: 'CLOSE', at: t(13) });
    case 'rejected': return send(s, { type: 'REQUEST_APPROVAL', at: t(10) }, { type: 'VOTE', at: t(10), voter: 'ann', decision: 'reject' }, { type: 'REJECT', at: t(10) });
    case 'canceled': return send(s, { type: 'CANCEL', at: t(10), reason: 'no longer needed' });
  }
}

const STATES = Object.keys(serviceRequestTransitions) as ServiceRequestState[];
const TYPES: ServiceRequestEventType[] = ['REQUEST_APPROVAL', 'VOTE', 'APPROVE', 'REJECT', 'START_FULFILMENT', 'COMPLETE_TASK', 'FULFIL', 'CLOSE', 'CANCEL'];
const full = (type: ServiceRequestEventType): ServiceRequestEvent => ({ type, at: t(14), voter: 'ann', decision: 'approve', assignee: 'sam', taskId: 'order', reason: 'why' }) as ServiceRequestEvent;

describe('the service request machine, state by event', () => {
  // What a complete event does in each state of a laptop request (two managers, all must approve; two tasks).
  const expected: Record<ServiceRequestState, Partial<Record<ServiceRequestEventType, string>>> = {
    submitted: { REQUEST_APPROVAL: 'awaiting_approval', APPROVE: 'approval_required', CANCEL: 'canceled' },
    awaiting_approval: { VOTE: 'awaiting_approval', APPROVE: 'approval_pending', REJECT: 'not_rejected', CANCEL: 'canceled' },
    approved: { START_FULFILMENT: 'fulfilling', CANCEL: 'canceled' },
    fulfilling: { COMPLETE_TASK: 'fulfilling', FULFIL: 'tasks_incomplete', CANCEL: 'canceled' },
    fulfilled: { CLOSE: 'closed' },
    closed: {}, rejected: {}, canceled: {},
  };
  const finals = new Set(['closed', 'rejected', 'canceled']);
  for (const state of STATES) {
    it(`in ${state}, accepts exactly its table's events and refuses the others with the reason`, () => {
      const s = inState(state);
      expect(s.value).toBe(state);
      for (const type of TYPES) {
        const step = advanceServiceRequest(s, full(type));
        const want = expected[state][type] ?? (finals.has(state) ? 'final_state' : type === 'CLOSE' ? 'close_only_when_fulfilled' : 'wrong_state');
        if (step.accepted) expect(step.snapshot.value, `${state} × ${type}`).toBe(want);
        else {
          expect(step.refusal.rule, `${state} × ${type}`).toBe(want);
          expect(step.refusal.message.startsWith(`${type} refused: `)).toBe(true);
          expect(step.snapshot.value).toBe(state);
        }
        expect(serviceRequestTransitions[state][type] === undefined).toBe(!(type in expected[state]));
      }
    });
  }
});

describe('service request rules', () => {
  it('goes from submission through approval by the policy, fulfilment of every task, to closure', () => {
    let s = send(laptop(), { type: 'REQUEST_APPROVAL', at: t(10) }, { type: 'VOTE', at: t(10), voter: 'ann', decision: 'approve' });
    expect(explainServiceRequestRefusal(s, { type: 'APPROVE', at: t(10) })?.message).toMatch(/APPROVE refused: approval is pending: .*bob|APPROVE refused: approval is pending/);
    expect(serviceRequestApproval(s)?.groups[0]?.outstanding).toEqual(['bob']);
    s = send(s, { type: 'VOTE', at: t(11), voter: 'bob', decision: 'approve' }, { type: 'APPROVE', at: t(11) });
    expect(s.value).toBe('approved');
    expect(advanceServiceRequest(s, { type: 'START_FULFILMENT', at: t(12) }).refusal).toMatchObject({ rule: 'fulfilment_needs_assignee', missing: ['assignee'] });
    s = send(s, { type: 'START_FULFILMENT', at: t(12), assignee: 'sam' }, { type: 'COMPLETE_TASK', at: t(13), taskId: 'order' });
    expect(advanceServiceRequest(s, { type: 'FULFIL', at: t(14) }).refusal?.message).toBe('FULFIL refused: every task must be complete first; open: ship.');
    expect(advanceServiceRequest(s, { type: 'COMPLETE_TASK', at: t(14), taskId: 'order' }).refusal?.rule).toBe('task_already_complete');
    expect(advanceServiceRequest(s, { type: 'COMPLETE_TASK', at: t(14), taskId: 'wrap' }).refusal?.rule).toBe('unknown_task');
    s = send(s, { type: 'COMPLETE_TASK', at: t(14), taskId: 'ship' }, { type: 'FULFIL', at: t(15) }, { type: 'CLOSE', at: t(16) });
    expect(s.value).toBe('closed');
    expect(s.context.tasks.map((x) => x.completedAt)).toEqual([t(13), t(14)]);
    // Each entry records the state it entered (none for votes and tasks, which stay put): the SLA clock's input as it is.
    expect(s.context.history.map((h) => h.set?.['state'] ?? '-')).toEqual(['submitted', 'awaiting_approval', '-', '-', 'approved', 'fulfilling', '-', '-', 'fulfilled', 'closed']);
  });

  it('rejects when the votes make approval impossible, and not before', () => {
    let s = send(laptop(), { type: 'REQUEST_APPROVAL', at: t(10) });
    expect(advanceServiceRequest(s, { type: 'REJECT', at: t(10) }).refusal?.rule).toBe('not_rejected');
    s = send(s, { type: 'VOTE', at: t(10), voter: 'bob', decision: 'reject', comment: 'too expensive' });
    expect(advanceServiceRequest(s, { type: 'APPROVE', at: t(10) }).refusal?.rule).toBe('approval_rejected');
    expect(send(s, { type: 'REJECT', at: t(11) }).value).toBe('rejected');
  });

  it('takes votes only from the policy\'s members, with a voter and a decision', () => {
    const s = send(laptop(), { type: 'REQUEST_APPROVAL', at: t(10) });
    expect(advanceServiceRequest(s, { type: 'VOTE', at: t(10), voter: 'eve', decision: 'approve' }).refusal?.rule).toBe('not_an_approver');
    expect(advanceServiceRequest(s, { type: 'VOTE', at: t(10) }).refusal).toMatchObject({ rule: 'vote_needs_voter_and_decision', missing: ['voter', 'decision'] });
    expect(advanceServiceRequest(s, { type: 'VOTE', at: t(10), voter: 'ann', decision: 'approve', group: 'cab' }).refusal?.rule).toBe('not_an_approver');
  });

  it('approves an item without approval policy straight from submission', () => {
    const s = mouse();
    expect(advanceServiceRequest(s, { type: 'REQUEST_APPROVAL', at: t(10) }).refusal?.rule).toBe('no_approval_policy');
    expect(serviceRequestApproval(s)).toBeNull();
    expect(send(s, { type: 'APPROVE', at: t(10) }, { type: 'START_FULFILMENT', at: t(10), assignee: 'sam' }, { type: 'COMPLETE_TASK', at: t(11), taskId: 'ship' }, { type: 'FULFIL', at: t(11) }).value).toBe('fulfilled');
  });

  it('needs a reason to cancel, and refuses events out of time order', () => {
    const s = laptop();
    expect(advanceServiceRequest(s, { type: 'CANCEL', at: t(10) }).refusal).toMatchObject({ rule: 'reason_required', missing: ['reason'] });
    expect(advanceServiceRequest(s, { type: 'REQUEST_APPROVAL', at: t(8) }).refusal?.rule).toBe('out_of_order');
  });

  it('replays its history and survives a JSON round trip', () => {
    const s = inState('closed');
    const replayed = replayServiceRequestHistory(s.context.history);
    expect(replayed.value).toBe('closed');
    expect(replayed.context).toEqual(s.context);
    const stored = JSON.parse(JSON.stringify(serviceRequestMachine.getPersistedSnapshot(inState('fulfilling'))));
    const restored = restoreServiceRequest(stored);
    expect(send(restored, { type: 'COMPLETE_TASK', at: t(15), taskId: 'order' }).context.tasks[0]!.completedAt).toBe(t(15));
  });

  it('times fulfilment with the item\'s SLA from the catalogue, reading the request\'s history', () => {
    // Approved at 10:00, fulfilled at 12:00 on Monday: two business hours of the 16 h target.
    const r = evaluateRequestFulfilmentSla(inState('closed'), { calendars: { support }, now: t(20) })!;
    expect(r.slaId).toBe('laptop-fulfilment');
    expect(r.stage).toBe('completed');
    expect(r.elapsedMs).toBe(2 * 3_600_000);
    expect(r.breached).toBe(false);
    expect(evaluateRequestFulfilmentSla(mouse(), { now: t(20) })).toBeNull();
    expect(evaluateRequestFulfilmentSla(inState('canceled'), { calendars: { support }, now: t(20) })!.stage).toBe('not_started');
  });

  it('builds its input from the catalogue and refuses what the catalogue cannot give', () => {
    expect(() => serviceRequestInput(catalog, 'desk', { at: t(9) })).toThrow(/itemId: "desk"/);
    expect(() => serviceRequestInput(catalog, 'laptop', { at: t(9) })).toThrow(/needs the approval policy "managers"/);
    expect(() => serviceRequestInput(catalog, 'mouse')).toThrow(/options\.at/);
    expect(safeOpenServiceRequest({ at: '2026-03-09T09:00:00', item: { id: '' } }).success).toBe(false);
  });
});
