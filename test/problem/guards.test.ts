import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { ItsmError } from '../../src/core/index.js';
import {
  advanceProblem, createKnownError, explainProblemRefusal, knownErrorFromProblem, problemMachine, safeCreateKnownError,
  openProblem, type ProblemEvent, type ProblemSnapshot,
} from '../../src/problem/index.js';
import { at, problemIn, send } from './helpers.js';

// Events here are deliberately malformed, as a host may receive them from JSON: hence the casts.
function refused(s: ProblemSnapshot, raw: { readonly type: string; readonly [field: string]: unknown }) {
  const event = raw as unknown as ProblemEvent;
  const [next] = transition(problemMachine, s, event as ProblemEvent);
  expect(next).toBe(s);
  return explainProblemRefusal(s, event)!;
}

/** A problem in root-cause analysis that knows neither its cause nor a workaround. */
const bareAnalysis = (): ProblemSnapshot => send(openProblem({ at: at(0), id: 'PRB2', statement: 'Printer queue stalls' }),
  { type: 'ASSESS', at: at(1), assignee: 'kim' }, { type: 'CONFIRM', at: at(2) });

describe('leaving root-cause analysis needs a cause', () => {
  it('refuses START_FIX without a cause, naming it', () => {
    expect(refused(bareAnalysis(), { type: 'START_FIX', at: at(5) })).toMatchObject({ rule: 'leaving_analysis_needs_cause', missing: ['cause'] });
  });
  it('accepts START_FIX with the cause in the event, and records it', () => {
    const s = send(bareAnalysis(), { type: 'START_FIX', at: at(5), cause: 'Spooler memory leak', fix: 'Patch KB123' });
    expect(s.context).toMatchObject({ cause: 'Spooler memory leak', fix: 'Patch KB123' });
    expect(s.context.history.at(-1)!.set).toEqual({ state: 'fix_in_progress', cause: 'Spooler memory leak', fix: 'Patch KB123' });
  });
  it('accepts START_FIX when the cause was recorded before', () => {
    const s = send(bareAnalysis(), { type: 'UPDATE', at: at(4), cause: 'Spooler leak' }, { type: 'START_FIX', at: at(5) });
    expect(s.value).toBe('fix_in_progress');
  });
  it('refuses ACCEPT_RISK from analysis without a cause, and without a reason anywhere', () => {
    expect(refused(bareAnalysis(), { type: 'ACCEPT_RISK', at: at(5) })).toMatchObject({ rule: 'leaving_analysis_needs_cause', missing: ['cause', 'reason'] });
    expect(refused(bareAnalysis(), { type: 'ACCEPT_RISK', at: at(5), cause: 'old driver' })).toMatchObject({ rule: 'reason_required', missing: ['reason'] });
    const fixing = send(bareAnalysis(), { type: 'START_FIX', at: at(5), cause: 'old driver' });
    expect(refused(fixing, { type: 'ACCEPT_RISK', at: at(6), reason: ' ' })).toMatchObject({ rule: 'reason_required' });
  });
  it('lets a duplicate or a cancellation leave analysis without a cause', () => {
    expect(send(bareAnalysis(), { type: 'MARK_DUPLICATE', at: at(5), of: 'PRB1' }).context).toMatchObject({ resolutionCode: 'duplicate', duplicateOf: 'PRB1' });
    expect(send(bareAnalysis(), { type: 'CANCEL', at: at(5), reason: 'user error' }).value).toBe('canceled');
  });
});

describe('other guards', () => {
  it('refuses ASSESS without an assignee', () => {
    expect(refused(openProblem({ at: at(0), statement: 'x' }), { type: 'ASSESS', at: at(1) })).toMatchObject({ rule: 'assessment_needs_assignee', missing: ['assignee'] });
  });
  it('refuses RESOLVE without fix notes', () => {
    expect(refused(problemIn('fix_in_progress'), { type: 'RESOLVE', at: at(20), notes: '' })).toMatchObject({ rule: 'resolution_needs_fix_notes', missing: ['notes'] });
  });
  it('refuses MARK_DUPLICATE without the original', () => {
    expect(refused(problemIn('new'), { type: 'MARK_DUPLICATE', at: at(20) })).toMatchObject({ rule: 'duplicate_needs_original', missing: ['of'] });
  });
  it('refuses CANCEL and REANALYZE without a reason', () => {
    expect(refused(problemIn('new'), { type: 'CANCEL', at: at(20) }).rule).toBe('reason_required');
    expect(refused(problemIn('resolved'), { type: 'REANALYZE', at: at(20) }).rule).toBe('reason_required');
  });
  it('refuses linking an incident twice and unlinking one that is not linked', () => {
    expect(refused(problemIn('assess'), { type: 'LINK_INCIDENT', at: at(20), incidentId: 'INC1' }).rule).toBe('already_linked');
    expect(refused(problemIn('assess'), { type: 'UNLINK_INCIDENT', at: at(20), incidentId: 'INC9' }).rule).toBe('not_linked');
    expect(refused(problemIn('assess'), { type: 'LINK_INCIDENT', at: at(20) })).toMatchObject({ rule: 'invalid_event', missing: ['incidentId'] });
  });
  it('refuses events earlier than the last one, unknown events and events after the end', () => {
    expect(refused(problemIn('assess'), { type: 'UPDATE', at: at(9) }).rule).toBe('out_of_order');
    expect(refused(problemIn('assess'), { type: 'ESCALATE', at: at(20) }).rule).toBe('unknown_event');
    expect(refused(problemIn('closed'), { type: 'REANALYZE', at: at(20), reason: 'x' }).rule).toBe('final_state');
  });
  it('explains an event that is not an object with a type instead of throwing', () => {
    expect(explainProblemRefusal(problemIn('new'), null as never)).toMatchObject({ rule: 'invalid_event', missing: ['type'] });
  });
  it('counts re-analyses and clears the resolution', () => {
    const s = send(problemIn('resolved'), { type: 'REANALYZE', at: at(20), reason: 'Came back' });
    expect(s.context).toMatchObject({ reanalysisCount: 1, resolutionCode: null, resolutionNotes: null, resolvedAt: null });
    expect(s.context.history.at(-1)!.set).toEqual({ state: 'root_cause_analysis', resolutionCode: null, resolutionNotes: null, duplicateOf: null, reanalysisCount: 1, reanalysisReason: 'Came back' });
  });
  it('lists every problem with invalid input', () => {
    try {
      openProblem({ at: 'noon', statement: '  ', linkedIncidents: [''] } as never);
      expect.unreachable();
    } catch (e) {
      expect((e as ItsmError).code).toBe('invalid_argument');
      expect((e as ItsmError).issues.map((i) => i.path.join('.')).sort()).toEqual(['at', 'linkedIncidents.0', 'statement']);
    }
  });
});

describe('known errors', () => {
  it('refuses to publish a known error without a workaround', () => {
    expect(refused(bareAnalysis(), { type: 'PUBLISH_KNOWN_ERROR', at: at(5) })).toMatchObject({ rule: 'known_error_needs_workaround', missing: ['workaround'] });
    expect(() => knownErrorFromProblem(bareAnalysis())).toThrow(/needs a workaround/);
  });

  it('publishes a record with symptom, cause, workaround and affected services and CIs', () => {
    const s = send(bareAnalysis(),
      { type: 'UPDATE', at: at(3), cause: 'Spooler leak', affectedServices: ['printing'], affectedCis: ['PRN-12', 'SRV-PRINT'] },
      { type: 'PUBLISH_KNOWN_ERROR', at: at(4), workaround: 'Restart the spooler' });
    expect(s.context.knownError).toEqual({
      problemId: 'PRB2', symptom: 'Printer queue stalls', cause: 'Spooler leak', workaround: 'Restart the spooler',
      affectedServices: ['printing'], affectedCis: ['PRN-12', 'SRV-PRINT'], publishedAt: at(4),
    });
    expect(s.context.workaround).toBe('Restart the spooler');
    expect(createKnownError(s.context.knownError)).toEqual(s.context.knownError);
    expect(knownErrorFromProblem(s)).toEqual({ problemId: 'PRB2', symptom: 'Printer queue stalls', cause: 'Spooler leak', workaround: 'Restart the spooler', affectedServices: ['printing'], affectedCis: ['PRN-12', 'SRV-PRINT'] });
  });

  it('validates records, listing every issue', () => {
    const r = safeCreateKnownError({ symptom: '', affectedCis: [''], publishedAt: 'tuesday' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['affectedCis.0', 'publishedAt', 'symptom', 'workaround']);
    expect(createKnownError({ symptom: ' Slow login ', workaround: 'Use SSO' })).toEqual({ symptom: 'Slow login', workaround: 'Use SSO', affectedServices: [], affectedCis: [] });
  });

  it('explains refusals on persisted JSON too', () => {
    const json = JSON.parse(JSON.stringify(problemMachine.getPersistedSnapshot(bareAnalysis())));
    expect(advanceProblem(json, { type: 'START_FIX', at: at(5) }).refusal?.rule).toBe('leaving_analysis_needs_cause');
  });
});
