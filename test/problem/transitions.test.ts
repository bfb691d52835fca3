import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { explainProblemRefusal, problemMachine, problemTransitions, type ProblemEventType, type ProblemState } from '../../src/problem/index.js';
import { problemIn, VALID } from './helpers.js';

type Cell = ProblemState | { refused: string };
const R = (rule: string): Cell => ({ refused: rule });
const W = R('wrong_state');
const FINAL = R('final_state');
const finals = (): Record<ProblemEventType, Cell> => ({
  ASSESS: FINAL, CONFIRM: FINAL, START_FIX: FINAL, RESOLVE: FINAL, ACCEPT_RISK: FINAL, MARK_DUPLICATE: FINAL, CANCEL: FINAL,
  REANALYZE: FINAL, CLOSE: FINAL, UPDATE: FINAL, PUBLISH_KNOWN_ERROR: FINAL, LINK_INCIDENT: FINAL, UNLINK_INCIDENT: FINAL,
});

// The documented problem lifecycle, written out by hand.
const EXPECTED: Record<ProblemState, Record<ProblemEventType, Cell>> = {
  new: {
    ASSESS: 'assess', CONFIRM: W, START_FIX: W, RESOLVE: W, ACCEPT_RISK: W, MARK_DUPLICATE: 'resolved', CANCEL: 'canceled',
    REANALYZE: R('reanalyze_only_from_resolved'), CLOSE: R('close_only_from_resolved'), UPDATE: 'new', PUBLISH_KNOWN_ERROR: W,
    LINK_INCIDENT: 'new', UNLINK_INCIDENT: 'new',
  },
  assess: {
    ASSESS: W, CONFIRM: 'root_cause_analysis', START_FIX: W, RESOLVE: W, ACCEPT_RISK: W, MARK_DUPLICATE: 'resolved', CANCEL: 'canceled',
    REANALYZE: R('reanalyze_only_from_resolved'), CLOSE: R('close_only_from_resolved'), UPDATE: 'assess', PUBLISH_KNOWN_ERROR: 'assess',
    LINK_INCIDENT: 'assess', UNLINK_INCIDENT: 'assess',
  },
  root_cause_analysis: {
    ASSESS: W, CONFIRM: W, START_FIX: 'fix_in_progress', RESOLVE: W, ACCEPT_RISK: 'resolved', MARK_DUPLICATE: 'resolved', CANCEL: 'canceled',
    REANALYZE: R('reanalyze_only_from_resolved'), CLOSE: R('close_only_from_resolved'), UPDATE: 'root_cause_analysis',
    PUBLISH_KNOWN_ERROR: 'root_cause_analysis', LINK_INCIDENT: 'root_cause_analysis', UNLINK_INCIDENT: 'root_cause_analysis',
  },
  fix_in_progress: {
    ASSESS: W, CONFIRM: W, START_FIX: W, RESOLVE: 'resolved', ACCEPT_RISK: 'resolved', MARK_DUPLICATE: W, CANCEL: 'canceled',
    REANALYZE: R('reanalyze_only_from_resolved'), CLOSE: R('close_only_from_resolved'), UPDATE: 'fix_in_progress',
    PUBLISH_KNOWN_ERROR: 'fix_in_progress', LINK_INCIDENT: 'fix_in_progress', UNLINK_INCIDENT: 'fix_in_progress',
  },
  resolved: {
    ASSESS: W, CONFIRM: W, START_FIX: W, RESOLVE: W, ACCEPT_RISK: W, MARK_DUPLICATE: W, CANCEL: R('cancel_not_after_resolution'),
    REANALYZE: 'root_cause_analysis', CLOSE: 'closed', UPDATE: 'resolved', PUBLISH_KNOWN_ERROR: 'resolved', LINK_INCIDENT: W, UNLINK_INCIDENT: W,
  },
  closed: finals(),
  canceled: finals(),
};

const cases = (Object.keys(EXPECTED) as ProblemState[]).flatMap((state) =>
  (Object.keys(EXPECTED[state]) as ProblemEventType[]).map((type) => ({ state, type, cell: EXPECTED[state][type] })));

describe('every problem state × event pair', () => {
  it('covers all 7 states × 13 events', () => {
    expect(cases).toHaveLength(91);
  });

  it.each(cases)('$type in $state', ({ state, type, cell }) => {
    const s = problemIn(state);
    expect(s.value).toBe(state);
    const event = VALID[type];
    const [next] = transition(problemMachine, s, event);
    const refusal = explainProblemRefusal(s, event);
    if (typeof cell === 'string') {
      expect(refusal).toBeNull();
      expect(next.value).toBe(cell);
      expect(next.context.history).toHaveLength(s.context.history.length + 1);
      expect(next.context.history.at(-1)).toMatchObject({ at: event.at, type });
      if (cell !== state) expect(next.context.history.at(-1)!.set).toMatchObject({ state: cell });
    } else {
      expect(next).toBe(s);
      expect(refusal?.rule).toBe(cell.refused);
      expect(refusal?.message).toContain(type);
    }
  });

  it('documents in problemTransitions exactly the accepted pairs of the table', () => {
    for (const { state, type, cell } of cases) expect(problemTransitions[state][type]).toBe(typeof cell === 'string' ? cell : undefined);
  });

  it('sets the resolution code of each way to resolve', () => {
    const code = (state: ProblemState, type: ProblemEventType) => transition(problemMachine, problemIn(state), VALID[type])[0].context.resolutionCode;
    expect(code('fix_in_progress', 'RESOLVE')).toBe('fix_applied');
    expect(code('root_cause_analysis', 'ACCEPT_RISK')).toBe('risk_accepted');
    expect(code('assess', 'MARK_DUPLICATE')).toBe('duplicate');
    expect(code('new', 'CANCEL')).toBe('canceled');
    expect(code('resolved', 'REANALYZE')).toBeNull();
  });
});
