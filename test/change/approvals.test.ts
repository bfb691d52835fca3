import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  approvalPolicyJsonSchema, createApprovalPolicy, evaluateApprovals, safeCreateApprovalPolicy, selectApprovalPolicy,
  type ApprovalPolicy, type ApprovalVote,
} from 'itsm-kit/change';

const t = (h: number) => `2026-12-07T${String(h).padStart(2, '0')}:00:00Z`;
const vote = (voter: string, decision: ApprovalVote['decision'], h: number, group?: string): ApprovalVote => ({ voter, decision, at: t(h), ...(group ? { group } : {}) });
const policy = (p: Partial<ApprovalPolicy> & Pick<ApprovalPolicy, 'groups'>): ApprovalPolicy => createApprovalPolicy({ id: 'p', ...p });
const cab = (rule: ApprovalPolicy['groups'][number]['rule'], extra: Partial<ApprovalPolicy> = {}) => policy({ groups: [{ id: 'cab', members: ['ann', 'bob', 'cy', 'dee', 'eve'], rule }], ...extra });

describe('group rules', () => {
  it('all: approved when every member approves, rejected by the first rejection', () => {
    const p = cab('all');
    expect(evaluateApprovals(p, ['ann', 'bob', 'cy', 'dee', 'eve'].map((v, i) => vote(v, 'approve', i)), {}).status).toBe('approved');
    expect(evaluateApprovals(p, ['ann', 'bob', 'cy', 'dee'].map((v, i) => vote(v, 'approve', i)), {}).status).toBe('pending');
    const r = evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'reject', 2)], {});
    expect(r.status).toBe('rejected');
    expect(r.groups[0]!.reason).toBe('approval is no longer possible: 1 approval, 1 rejection (bob), 5 needed (all)');
  });

  it('any: one approval is enough and a rejection alone does not reject while others may approve', () => {
    const p = cab('any');
    expect(evaluateApprovals(p, [vote('cy', 'approve', 1)], {}).status).toBe('approved');
    expect(evaluateApprovals(p, [vote('cy', 'reject', 1)], {}).status).toBe('pending');
    expect(evaluateApprovals(p, ['ann', 'bob', 'cy', 'dee', 'eve'].map((v, i) => vote(v, 'reject', i)), {}).status).toBe('rejected');
  });

  it('quorum count: needs that many approvals, rejected once too few members are left', () => {
    const p = cab({ quorum: 3 });
    expect(evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 2)], {}).groups[0]).toMatchObject({ status: 'pending', required: 3, outstanding: ['cy', 'dee', 'eve'], reason: 'needs 1 more approval (3 of 5); outstanding: cy, dee, eve' });
    expect(evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 2), vote('eve', 'approve', 3)], {}).status).toBe('approved');
    expect(evaluateApprovals(p, [vote('ann', 'reject', 1), vote('bob', 'reject', 2)], {}).status).toBe('pending');
    expect(evaluateApprovals(p, [vote('ann', 'reject', 1), vote('bob', 'reject', 2), vote('cy', 'reject', 3)], {}).status).toBe('rejected');
  });

  it('quorum fraction: rounds up (60% of 5 is 3, a half of 3 is 2)', () => {
    const p = cab({ fraction: 0.6 });
    expect(evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 2)], {}).groups[0]!.required).toBe(3);
    expect(evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 2), vote('cy', 'approve', 3)], {}).status).toBe('approved');
    const half = policy({ groups: [{ id: 'g', members: ['a', 'b', 'c'], rule: { fraction: 0.5 } }] });
    expect(evaluateApprovals(half, [vote('a', 'approve', 1)], {}).groups[0]).toMatchObject({ status: 'pending', required: 2, rule: '50% of 3' });
    expect(evaluateApprovals(half, [vote('a', 'approve', 1), vote('c', 'approve', 2)], {}).status).toBe('approved');
    // exactly two thirds of three: 2/3 * 3 is 2, not 3
    const twoThirds = policy({ groups: [{ id: 'g', members: ['a', 'b', 'c'], rule: { fraction: 2 / 3 } }] });
    expect(evaluateApprovals(twoThirds, [vote('a', 'approve', 1), vote('b', 'approve', 2)], {}).status).toBe('approved');
  });
});

describe('policy rules over groups', () => {
  const groups = [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' as const }, { id: 'owner', members: ['olga'] }, { id: 'sec', members: ['sam'] }];
  it('all groups by default', () => {
    const p = policy({ groups });
    const r = evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 1), vote('olga', 'approve', 2)], {});
    expect(r.status).toBe('pending');
    expect(r.groups.map((g) => g.status)).toEqual(['approved', 'approved', 'pending']);
    expect(r.reason).toBe('waiting (all of the groups must approve): sec: needs 1 more approval (any); outstanding: sam');
  });
  it('any group, or a quorum of groups', () => {
    expect(evaluateApprovals(policy({ groups, rule: 'any' }), [vote('sam', 'approve', 1)], {}).status).toBe('approved');
    const q = policy({ groups, rule: { quorum: 2 } });
    expect(evaluateApprovals(q, [vote('sam', 'approve', 1)], {}).status).toBe('pending');
    expect(evaluateApprovals(q, [vote('sam', 'approve', 1), vote('olga', 'approve', 2)], {}).status).toBe('approved');
    expect(evaluateApprovals(q, [vote('sam', 'reject', 1), vote('olga', 'reject', 2)], {}).status).toBe('rejected');
  });
});

describe('reject fast versus wait for all responses', () => {
  it('immediately: the rejection that makes approval impossible rejects at once', () => {
    const r = evaluateApprovals(cab('all'), [vote('ann', 'reject', 1)], {});
    expect(r.status).toBe('rejected');
  });
  it('after_all_responses: stays pending until every member has responded, then rejects', () => {
    const p = cab('all', { onReject: 'after_all_responses' });
    const some = evaluateApprovals(p, [vote('ann', 'reject', 1)], {});
    expect(some.status).toBe('pending');
    expect(some.groups[0]!.reason).toBe('approval is no longer possible, but the policy waits for every response (outstanding: bob, cy, dee, eve)');
    const all = evaluateApprovals(p, [vote('ann', 'reject', 1), ...['bob', 'cy', 'dee', 'eve'].map((v, i) => vote(v, 'approve', 2 + i))], {});
    expect(all.status).toBe('rejected');
  });
});

describe('abstentions', () => {
  const votes = [vote('ann', 'approve', 1), vote('bob', 'approve', 2), vote('cy', 'abstain', 3), vote('dee', 'abstain', 4)];
  it('ignored by default: abstaining members leave the group for this decision', () => {
    const r = evaluateApprovals(cab({ fraction: 0.6 }), votes, {});
    // 60% of the 3 who did not abstain is 2
    expect(r.groups[0]).toMatchObject({ status: 'approved', required: 2, abstained: ['cy', 'dee'], rule: '60% of 3' });
    expect(evaluateApprovals(cab('all'), [...votes, vote('eve', 'approve', 5)], {}).status).toBe('approved');
  });
  it('counted: an abstention is a response that is not an approval', () => {
    const r = evaluateApprovals(cab({ fraction: 0.6 }, { abstentions: 'count' }), votes, {});
    expect(r.groups[0]).toMatchObject({ status: 'pending', required: 3, rule: '60% of 5' });
    expect(evaluateApprovals(cab('all', { abstentions: 'count' }), votes, {}).status).toBe('rejected');
  });
  it('rejects a group where every member abstained and abstentions are ignored', () => {
    const p = policy({ groups: [{ id: 'g', members: ['a'], rule: 'all' }] });
    expect(evaluateApprovals(p, [vote('a', 'abstain', 1)], {}).groups[0]).toMatchObject({ status: 'rejected', reason: 'every member abstained: no one left to approve' });
  });
});

describe('votes: latest counts, delegation, membership', () => {
  it('counts a member\'s latest vote and marks the earlier one superseded', () => {
    const r = evaluateApprovals(cab('any'), [vote('ann', 'approve', 3), vote('ann', 'reject', 1)], {});
    expect(r.status).toBe('approved');
    expect(r.votes.map((v) => v.status)).toEqual(['counted', 'superseded']);
  });

  it('counts a delegate\'s vote for the delegator while the delegation lasts', () => {
    const p = policy({ groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] });
    const delegations = [{ delegator: 'ann', delegate: 'zoe', from: t(0), until: t(5) }];
    const r = evaluateApprovals(p, [vote('zoe', 'approve', 2), vote('bob', 'approve', 3)], {}, { delegations });
    expect(r.status).toBe('approved');
    expect(r.votes[0]).toMatchObject({ status: 'counted', countsFor: ['cab:ann'] });
    // after the delegation ends the vote is not the delegator's
    const late = evaluateApprovals(p, [vote('zoe', 'approve', 6), vote('bob', 'approve', 3)], {}, { delegations });
    expect(late.status).toBe('pending');
    expect(late.votes[0]!.status).toBe('superseded');
  });

  it('prefers the delegator\'s own vote over the delegate\'s', () => {
    const p = policy({ groups: [{ id: 'cab', members: ['ann'], rule: 'all' }] });
    const r = evaluateApprovals(p, [vote('zoe', 'approve', 3), vote('ann', 'reject', 1)], {}, { delegations: [{ delegator: 'ann', delegate: 'zoe' }] });
    expect(r.status).toBe('rejected');
  });

  it('ignores votes of non-members, and a vote for one group does not count in another', () => {
    const p = policy({ groups: [{ id: 'cab', members: ['ann'] }, { id: 'sec', members: ['ann', 'sam'], rule: 'all' }] });
    const r = evaluateApprovals(p, [vote('mallory', 'approve', 1), vote('ann', 'approve', 2, 'cab')], {});
    expect(r.votes[0]).toMatchObject({ status: 'not_a_member', reason: 'mallory is not a member of any group of policy p and not a delegate' });
    expect(r.groups.map((g) => [g.id, g.status, g.approvedBy])).toEqual([['cab', 'approved', ['ann']], ['sec', 'pending', []]]);
  });
});

describe('stale votes after a material change', () => {
  const p = cab({ quorum: 2 });
  it('does not count a vote given before the planned window, CIs, risk or implementation plan changed, and says why', () => {
    const change = { edits: [{ at: t(5), fields: ['description'] }, { at: t(3), fields: ['plannedStart', 'plannedEnd'] }, { at: t(4), fields: ['implementationPlan'] }] };
    const r = evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 2), vote('cy', 'approve', 4)], change);
    expect(r.status).toBe('pending');
    expect(r.stale).toEqual([0, 1]);
    expect(r.votes[0]).toMatchObject({ status: 'stale', stale: { fields: ['plannedStart', 'plannedEnd', 'implementationPlan'], since: new Date(t(3)) } });
    expect(r.votes[0]!.reason).toBe('plannedStart, plannedEnd, implementationPlan changed at 2026-12-07T03:00:00.000Z, after this vote');
    // a vote given at the instant of the edit is not before it
    expect(r.votes[2]!.status).toBe('counted');
  });
  it('keeps votes when only non-material fields changed, and honours a policy\'s own material fields', () => {
    const change = { edits: [{ at: t(5), fields: ['description'] }] };
    expect(evaluateApprovals(p, [vote('ann', 'approve', 1), vote('bob', 'approve', 2)], change).status).toBe('approved');
    const strict = cab({ quorum: 2 }, { materialFields: ['description'] });
    expect(evaluateApprovals(strict, [vote('ann', 'approve', 1), vote('bob', 'approve', 2)], change).status).toBe('pending');
  });
});

describe('selecting a policy by risk level and model', () => {
  const policies = [
    createApprovalPolicy({ id: 'ecab', appliesTo: { models: ['emergency'] }, groups: [{ id: 'ecab', members: ['mgr'] }] }),
    createApprovalPolicy({ id: 'cab', appliesTo: { riskLevels: ['high', 'very_high'], models: ['normal'] }, groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] }),
    createApprovalPolicy({ id: 'peer', appliesTo: { riskLevels: ['moderate'] }, groups: [{ id: 'peer', members: ['ann', 'bob'] }] }),
  ];
  it('takes the first policy that applies', () => {
    expect(selectApprovalPolicy(policies, { model: 'emergency', riskLevel: 'high' })?.id).toBe('ecab');
    expect(selectApprovalPolicy(policies, { model: 'normal', riskLevel: 'very_high' })?.id).toBe('cab');
    expect(selectApprovalPolicy(policies, { model: 'normal', riskLevel: 'moderate' })?.id).toBe('peer');
    expect(evaluateApprovals(policies, [vote('ann', 'approve', 1)], { model: 'normal', riskLevel: 'high' })).toMatchObject({ policyId: 'cab', status: 'pending' });
  });
  it('needs no approval when no policy applies', () => {
    expect(evaluateApprovals(policies, [], { model: 'normal', riskLevel: 'low' })).toMatchObject({ status: 'approved', policyId: null });
  });
});

describe('approval policy validation', () => {
  it('lists every issue with its path', () => {
    const r = safeCreateApprovalPolicy({ id: 'x', rule: { quorum: 3 }, groups: [{ id: 'g', members: ['a', 'a'], rule: { quorum: 5 } }, { id: 'g', members: [], rule: { fraction: 1.5 } }], onReject: 'sometimes' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['groups.0.members.1', 'groups.0.rule.quorum', 'groups.1.id', 'groups.1.members', 'groups.1.rule.fraction', 'onReject', 'rule.quorum'].sort());
  });
  it('refuses invalid votes, listing every issue', () => {
    expect(() => evaluateApprovals(cab('any'), [{ voter: '', decision: 'yes', at: 'noon' } as never], {})).toThrow(/votes\[0\]\.voter[\s\S]*votes\[0\]\.decision[\s\S]*votes\[0\]\.at/);
  });
  it('exports a JSON Schema that accepts a policy', () => {
    const validate = new Ajv2020({ strict: false }).compile(approvalPolicyJsonSchema());
    expect(validate({ id: 'cab', groups: [{ id: 'cab', members: ['a'], rule: { fraction: 0.5 } }], onReject: 'after_all_responses' })).toBe(true);
    expect(validate({ id: 'cab', groups: [{ id: 'cab', members: ['a'], rule: 'most' }] })).toBe(false);
  });
});
