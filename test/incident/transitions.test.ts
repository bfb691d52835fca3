import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { explainIncidentRefusal, incidentMachine, incidentTransitions, type IncidentEventType, type IncidentState } from '../../src/incident/index.js';
import { snapshotIn, VALID_EVENTS } from './helpers.js';

// The documented lifecycle, written out by hand (not read from incidentTransitions): each cell is the state a
// valid event leads to, or the rule that refuses it.
type Cell = IncidentState | { refused: string };
const R = (rule: string): Cell => ({ refused: rule });
const FINAL = R('final_state');

const EXPECTED: Record<IncidentState, Record<IncidentEventType, Cell>> = {
  new: {
    ASSIGN: 'new', START: 'in_progress', HOLD: 'on_hold', RESUME: R('resume_only_from_on_hold'), UPDATE: 'new',
    RESOLVE: 'resolved', REOPEN: R('reopen_only_from_resolved'), CLOSE: R('close_only_from_resolved'),
    AUTO_CLOSE: R('close_only_from_resolved'), CANCEL: 'canceled', PROPOSE_MAJOR: 'new', ACCEPT_MAJOR: 'new', REJECT_MAJOR: 'new',
  },
  in_progress: {
    ASSIGN: 'in_progress', START: R('start_only_from_new'), HOLD: 'on_hold', RESUME: R('resume_only_from_on_hold'),
    UPDATE: 'in_progress', RESOLVE: 'resolved', REOPEN: R('reopen_only_from_resolved'), CLOSE: R('close_only_from_resolved'),
    AUTO_CLOSE: R('close_only_from_resolved'), CANCEL: 'canceled', PROPOSE_MAJOR: 'in_progress', ACCEPT_MAJOR: 'in_progress',
    REJECT_MAJOR: 'in_progress',
  },
  on_hold: {
    ASSIGN: 'on_hold', START: R('start_only_from_new'), HOLD: 'on_hold', RESUME: 'in_progress', UPDATE: 'on_hold',
    RESOLVE: 'resolved', REOPEN: R('reopen_only_from_resolved'), CLOSE: R('close_only_from_resolved'),
    AUTO_CLOSE: R('close_only_from_resolved'), CANCEL: 'canceled', PROPOSE_MAJOR: 'on_hold', ACCEPT_MAJOR: 'on_hold', REJECT_MAJOR: 'on_hold',
  },
  resolved: {
    ASSIGN: R('reopen_first'), START: R('start_only_from_new'), HOLD: R('reopen_first'), RESUME: R('resume_only_from_on_hold'),
    UPDATE: 'resolved', RESOLVE: R('already_resolved'), REOPEN: 'in_progress', CLOSE: 'closed', AUTO_CLOSE: 'closed',
    CANCEL: R('cancel_not_after_resolution'), PROPOSE_MAJOR: R('major_only_while_open'), ACCEPT_MAJOR: 'resolved', REJECT_MAJOR: 'resolved',
  },
  closed: {
    ASSIGN: FINAL, START: FINAL, HOLD: FINAL, RESUME: FINAL, UPDATE: FINAL, RESOLVE: FINAL, REOPEN: FINAL, CLOSE: FINAL,
    AUTO_CLOSE: FINAL, CANCEL: FINAL, PROPOSE_MAJOR: FINAL, ACCEPT_MAJOR: FINAL, REJECT_MAJOR: FINAL,
  },
  canceled: {
    ASSIGN: FINAL, START: FINAL, HOLD: FINAL, RESUME: FINAL, UPDATE: FINAL, RESOLVE: FINAL, REOPEN: FINAL, CLOSE: FINAL,
    AUTO_CLOSE: FINAL, CANCEL: FINAL, PROPOSE_MAJOR: FINAL, ACCEPT_MAJOR: FINAL, REJECT_MAJOR: FINAL,
  },
};

const cases = (Object.keys(EXPECTED) as IncidentState[]).flatMap((state) =>
  (Object.keys(EXPECTED[state]) as IncidentEventType[]).map((type) => ({ state, type, cell: EXPECTED[state][type] })));

describe('every incident state × event pair', () => {
  it('covers all 6 states × 13 events', () => {
    expect(cases).toHaveLength(78);
  });

  it.each(cases)('$type in $state', ({ state, type, cell }) => {
    // ACCEPT_MAJOR / REJECT_MAJOR need a candidate; the other events are sent to a plain incident.
    const s = snapshotIn(state, { proposed: type === 'ACCEPT_MAJOR' || type === 'REJECT_MAJOR' });
    expect(s.value).toBe(state);
    const event = VALID_EVENTS[type];
    const [next] = transition(incidentMachine, s, event);
    const refusal = explainIncidentRefusal(s, event);
    if (typeof cell === 'string') {
      expect(refusal).toBeNull();
      expect(next.value).toBe(cell);
      expect(next.context.history).toHaveLength(s.context.history.length + 1);
      expect(next.context.history.at(-1)).toMatchObject({ at: event.at, type });
      if (cell !== state) expect(next.context.history.at(-1)!.set).toMatchObject({ state: cell });
      expect(next.status).toBe(cell === 'closed' || cell === 'canceled' ? 'done' : 'active');
    } else {
      expect(next).toBe(s);
      expect(refusal?.rule).toBe(cell.refused);
      expect(refusal?.message).toMatch(new RegExp(type));
    }
  });

  it('documents in incidentTransitions exactly the accepted pairs of the table', () => {
    for (const { state, type, cell } of cases) {
      expect(incidentTransitions[state][type]).toBe(typeof cell === 'string' ? cell : undefined);
    }
  });
});
