import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { advanceIncident, explainIncidentRefusal, incidentMachine, type IncidentEvent, type IncidentSnapshot } from '../../src/incident/index.js';
import { at, send, snapshotIn } from './helpers.js';

/** Checks that the machine refuses `event` (snapshot unchanged) and returns the explanation. */
// Events here are deliberately malformed, as a host may receive them from JSON: hence the casts.
function refused(s: IncidentSnapshot, raw: { readonly type: string; readonly [field: string]: unknown }) {
  const event = raw as unknown as IncidentEvent;
  const [next] = transition(incidentMachine, s, event as IncidentEvent);
  expect(next).toBe(s);
  const r = explainIncidentRefusal(s, event);
  expect(r).not.toBeNull();
  return r!;
}
function accepted(s: IncidentSnapshot, event: IncidentEvent): IncidentSnapshot {
  expect(explainIncidentRefusal(s, event)).toBeNull();
  const [next] = transition(incidentMachine, s, event);
  expect(next).not.toBe(s);
  return next;
}

describe('resolution guard', () => {
  const s = snapshotIn('in_progress');
  it('refuses RESOLVE without notes, naming notes as missing', () => {
    const r = refused(s, { type: 'RESOLVE', at: at(20), code: 'fixed' });
    expect(r).toMatchObject({ rule: 'resolution_needs_code_and_notes', missing: ['notes'] });
  });
  it('refuses RESOLVE without code and notes, naming both', () => {
    expect(refused(s, { type: 'RESOLVE', at: at(20) }).missing).toEqual(['code', 'notes']);
  });
  it('treats blank code or notes as missing', () => {
    expect(refused(s, { type: 'RESOLVE', at: at(20), code: '  ', notes: 'x' }).missing).toEqual(['code']);
  });
  it('accepts RESOLVE with a code and notes and records them', () => {
    const next = accepted(s, { type: 'RESOLVE', at: at(20), code: 'fixed', notes: 'Swapped the PSU' });
    expect(next.context).toMatchObject({ resolutionCode: 'fixed', resolutionNotes: 'Swapped the PSU', resolvedAt: at(20) });
  });
});

describe('hold guard', () => {
  const s = snapshotIn('in_progress');
  it('refuses awaiting_caller without a comment', () => {
    expect(refused(s, { type: 'HOLD', at: at(20), reason: 'awaiting_caller' })).toMatchObject({ rule: 'awaiting_caller_needs_comment', missing: ['comment'] });
  });
  it('accepts awaiting_caller with a comment', () => {
    const next = accepted(s, { type: 'HOLD', at: at(20), reason: 'awaiting_caller', comment: 'Which floor?' });
    expect(next.context.holdReason).toBe('awaiting_caller');
    expect(next.context.history.at(-1)!.set).toEqual({ state: 'on_hold', holdReason: 'awaiting_caller', comment: 'Which floor?' });
  });
  it('accepts the other reasons without a comment', () => {
    for (const reason of ['awaiting_change', 'awaiting_problem', 'awaiting_vendor', 'awaiting_evidence'] as const) {
      expect(accepted(s, { type: 'HOLD', at: at(20), reason }).context.holdReason).toBe(reason);
    }
  });
  it('refuses an unknown hold reason as a malformed event', () => {
    expect(refused(s, { type: 'HOLD', at: at(20), reason: 'awaiting_godot' }).rule).toBe('invalid_event');
  });
  it('changes the reason while on hold without changing the state', () => {
    const h = snapshotIn('on_hold');
    const next = accepted(h, { type: 'HOLD', at: at(20), reason: 'awaiting_problem' });
    expect(next.value).toBe('on_hold');
    expect(next.context.history.at(-1)!.set).toEqual({ holdReason: 'awaiting_problem' });
  });
  it('clears the hold reason on RESUME, RESOLVE and CANCEL', () => {
    const h = snapshotIn('on_hold');
    expect(accepted(h, { type: 'RESUME', at: at(20) }).context.history.at(-1)!.set).toEqual({ state: 'in_progress', holdReason: null });
    expect(accepted(h, { type: 'RESOLVE', at: at(20), code: 'c', notes: 'n' }).context.holdReason).toBeNull();
    expect(accepted(h, { type: 'CANCEL', at: at(20), reason: 'r' }).context.holdReason).toBeNull();
  });
});

describe('reasons', () => {
  it('refuses REOPEN, CANCEL and REJECT_MAJOR without a reason', () => {
    expect(refused(snapshotIn('resolved'), { type: 'REOPEN', at: at(20), reason: '' })).toMatchObject({ rule: 'reason_required', missing: ['reason'] });
    expect(refused(snapshotIn('new'), { type: 'CANCEL', at: at(20) })).toMatchObject({ rule: 'reason_required', missing: ['reason'] });
    expect(refused(snapshotIn('new', { proposed: true }), { type: 'REJECT_MAJOR', at: at(20) })).toMatchObject({ rule: 'reason_required', missing: ['reason'] });
  });
});

describe('closed is final', () => {
  it('refuses REOPEN of a closed incident and says to open a new one', () => {
    const r = refused(snapshotIn('closed'), { type: 'REOPEN', at: at(20), reason: 'again' });
    expect(r.rule).toBe('final_state');
    expect(r.message).toMatch(/open a new incident/);
  });
});

describe('time order', () => {
  const s = snapshotIn('in_progress'); // last event at minute 10
  it('refuses an event earlier than the last accepted one', () => {
    const r = refused(s, { type: 'UPDATE', at: at(9) });
    expect(r.rule).toBe('out_of_order');
    expect(r.message).toContain(at(10));
  });
  it('accepts an event at the same instant as the last one', () => {
    accepted(s, { type: 'UPDATE', at: at(10) });
  });
  it('accepts instants as Date, epoch milliseconds and ISO strings with an offset, and stores UTC ISO', () => {
    const t = Date.parse(at(30));
    expect(accepted(s, { type: 'UPDATE', at: new Date(t) }).context.updatedAt).toBe(at(30));
    expect(accepted(s, { type: 'UPDATE', at: t }).context.updatedAt).toBe(at(30));
    expect(accepted(s, { type: 'UPDATE', at: '2026-03-09T09:30:00+01:00' }).context.updatedAt).toBe(at(30));
  });
  it('refuses an event whose instant is invalid, naming at', () => {
    for (const bad of ['2026-03-09 09:30', 'yesterday', Number.NaN, new Date(Number.NaN)]) {
      const r = refused(s, { type: 'UPDATE', at: bad as never });
      expect(r.rule).toBe('invalid_event');
      expect(r.message).toMatch(/^UPDATE refused: malformed event \(at: /);
    }
  });
  it('checks the state before the payload: START without an instant in progress is a state refusal', () => {
    expect(refused(s, { type: 'START' } as never).rule).toBe('start_only_from_new');
  });
  it('lists at as missing when an event has no instant', () => {
    expect(refused(s, { type: 'UPDATE' } as never)).toMatchObject({ rule: 'invalid_event', missing: ['at'] });
    expect(refused(snapshotIn('new'), { type: 'START' } as never).missing).toEqual(['at']);
  });
});

describe('malformed and unknown events', () => {
  it('explains an unknown event type (xstate would ignore it silently)', () => {
    const s = snapshotIn('new');
    const r = refused(s, { type: 'ESCALATE', at: at(20) });
    expect(r.rule).toBe('unknown_event');
    expect(r.message).toMatch(/ASSIGN, START/);
  });
  it('explains an event that is not an object with a type instead of throwing', () => {
    const s = snapshotIn('new');
    for (const bad of [null, 'START', { at: at(20) }, { type: 42, at: at(20) }]) {
      expect(explainIncidentRefusal(s, bad as never)).toMatchObject({ rule: 'invalid_event', missing: ['type'] });
    }
  });
  it('refuses ASSIGN without a group, naming it', () => {
    expect(refused(snapshotIn('new'), { type: 'ASSIGN', at: at(20) })).toMatchObject({ rule: 'invalid_event', missing: ['group'] });
  });
  it('refuses an UPDATE whose impact is outside the matrix', () => {
    const r = refused(snapshotIn('new'), { type: 'UPDATE', at: at(20), impact: 4 });
    expect(r.rule).toBe('invalid_event');
    expect(r.message).toMatch(/impact 4 is outside the priority matrix \(levels 1 to 3\)/);
  });
  it('refuses custom fields that would overwrite a machine field', () => {
    const r = refused(snapshotIn('new'), { type: 'UPDATE', at: at(20), fields: { priority: 1, state: 'closed' } });
    expect(r.rule).toBe('invalid_event');
    expect(r.message).toMatch(/fields\.priority/);
    expect(r.message).toMatch(/fields\.state/);
  });
});

describe('major incidents', () => {
  it('goes none → proposed → accepted, recording major in history', () => {
    let s = snapshotIn('in_progress');
    s = accepted(s, { type: 'PROPOSE_MAJOR', at: at(20) });
    expect(s.context.major).toBe('proposed');
    s = accepted(s, { type: 'ACCEPT_MAJOR', at: at(21) });
    expect(s.context.major).toBe('accepted');
    expect(s.context.history.slice(-2).map((h) => h.set)).toEqual([{ major: 'proposed' }, { major: 'accepted' }]);
    expect(refused(s, { type: 'PROPOSE_MAJOR', at: at(22) }).rule).toBe('major_already_accepted');
  });
  it('refuses a second proposal while one is pending', () => {
    expect(refused(snapshotIn('new', { proposed: true }), { type: 'PROPOSE_MAJOR', at: at(20) }).rule).toBe('major_already_proposed');
  });
  it('refuses to accept or reject an incident that was not proposed', () => {
    expect(refused(snapshotIn('new'), { type: 'ACCEPT_MAJOR', at: at(20) }).rule).toBe('major_not_proposed');
    expect(refused(snapshotIn('new'), { type: 'REJECT_MAJOR', at: at(20), reason: 'no' }).rule).toBe('major_not_proposed');
  });
  it('allows proposing again after a rejection', () => {
    let s = snapshotIn('new', { proposed: true });
    s = accepted(s, { type: 'REJECT_MAJOR', at: at(20), reason: 'One user' });
    expect(s.context.history.at(-1)!.set).toEqual({ major: 'rejected', majorRejectReason: 'One user' });
    expect(accepted(s, { type: 'PROPOSE_MAJOR', at: at(21) }).context.major).toBe('proposed');
  });
});

describe('advanceIncident', () => {
  it('returns the refusal and the unchanged snapshot, or the next snapshot', () => {
    const s = snapshotIn('on_hold');
    const no = advanceIncident(s, { type: 'CLOSE', at: at(20) });
    expect(no).toMatchObject({ accepted: false, refusal: { rule: 'close_only_from_resolved' } });
    expect(no.snapshot).toBe(s);
    const yes = advanceIncident(s, { type: 'RESUME', at: at(20) });
    expect(yes.accepted).toBe(true);
    expect(yes.snapshot.value).toBe('in_progress');
  });
  it('rejects something that is not an incident snapshot', () => {
    expect(() => explainIncidentRefusal({ value: 'flying', context: snapshotIn('new').context }, { type: 'START', at: at(1) })).toThrow(/not an incident state/);
    expect(() => advanceIncident({ value: 'new', context: {} } as never, { type: 'START', at: at(1) })).toThrow(/persisted incident snapshot/);
  });
  it('does not mutate the event or the snapshot', () => {
    const s = send(snapshotIn('new'));
    const before = JSON.stringify(s.context);
    const event = Object.freeze({ type: 'UPDATE', at: at(20), fields: Object.freeze({ category: 'net' }) }) as IncidentEvent;
    advanceIncident(s, event);
    expect(JSON.stringify(s.context)).toBe(before);
    expect(event).toEqual({ type: 'UPDATE', at: at(20), fields: { category: 'net' } });
  });
});
