import { ItsmError, validationError, type ValidationIssue, foreignError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { createApprovalPolicy, isCreatedApprovalPolicy, DEFAULT_MATERIAL_FIELDS, type ApprovalPolicy, type ApprovalRule } from './approval-policy.js';
import type { ChangeModel } from './change-model.js';
import type { RiskLevel } from './risk-model.js';

/**
 * One approver's vote. `group` limits it to one group (a member of two groups otherwise votes in both).
 *
 * @example
 * ```ts
 * const v: ApprovalVote = { voter: 'ann', decision: 'approve', at: '2026-12-07T10:00:00Z' };
 * ```
 * @category Approvals
 */
export interface ApprovalVote {
  readonly voter: string;
  readonly decision: 'approve' | 'reject' | 'abstain';
  readonly at: Instant;
  readonly group?: string | undefined;
  readonly comment?: string | undefined;
}

/**
 * What {@link evaluateApprovals} needs to know about the change: its model and risk level (to select a policy)
 * and its edits (to find stale votes).
 *
 * @example
 * ```ts
 * const c: ApprovalChange = { model: 'normal', riskLevel: 'high', edits: [{ at: '2026-12-07T12:00:00Z', fields: ['plannedStart'] }] };
 * ```
 * @category Approvals
 */
export interface ApprovalChange {
  readonly model?: ChangeModel | undefined;
  readonly riskLevel?: RiskLevel | undefined;
  readonly edits?: ReadonlyArray<{ readonly at: Instant; readonly fields: readonly string[] }> | undefined;
}

/**
 * A delegation: while it lasts (`[from, until)`, both optional), a vote by `delegate` counts for `delegator`
 * when the delegator has not voted.
 *
 * @example
 * ```ts
 * const d: ApprovalDelegation = { delegator: 'ann', delegate: 'eve', until: '2026-12-14T00:00:00Z' };
 * ```
 * @category Approvals
 */
export interface ApprovalDelegation {
  readonly delegator: string;
  readonly delegate: string;
  readonly from?: Instant | undefined;
  readonly until?: Instant | undefined;
}

/**
 * Options of {@link evaluateApprovals}.
 *
 * @example
 * ```ts
 * const options: EvaluateApprovalsOptions = { delegations: [{ delegator: 'ann', delegate: 'eve' }] };
 * ```
 * @category Approvals
 */
export interface EvaluateApprovalsOptions {
  readonly delegations?: readonly ApprovalDelegation[] | undefined;
}

/**
 * The state of approval, one of `pending`, `approved`, `rejected`.
 *
 * @example
 * ```ts
 * const s: ApprovalStatus = 'pending';
 * ```
 * @category Approvals
 */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

/**
 * One group's outcome.
 *
 * @example
 * ```ts
 * const g: ApprovalGroupResult = { id: 'cab', status: 'pending', rule: '2 of 3', required: 2, approvedBy: ['ann'], rejectedBy: [], abstained: [], outstanding: ['bob', 'cy'], reason: 'needs 1 more approval' };
 * ```
 * @category Approvals
 */
export interface ApprovalGroupResult {
  readonly id: string;
  readonly status: ApprovalStatus;
  /** The rule in words (`all`, `any`, `2 of 3`, `60% of 5`). */
  readonly rule: string;
  /** Approvals needed now. */
  readonly required: number;
  readonly approvedBy: readonly string[];
  readonly rejectedBy: readonly string[];
  readonly abstained: readonly string[];
  /** Members who have not responded. */
  readonly outstanding: readonly string[];
  readonly reason: string;
}

/**
 * What became of one vote: counted (and for whom), stale (and why), superseded by a later vote, or not from a
 * member or delegate.
 *
 * @example
 * ```ts
 * const v: ApprovalVoteResult = { index: 0, voter: 'ann', decision: 'approve', status: 'stale', countsFor: [], reason: 'plannedStart changed at 2026-12-07T12:00:00.000Z, after this vote' };
 * ```
 * @category Approvals
 */
export interface ApprovalVoteResult {
  /** Position in the votes given. */
  readonly index: number;
  readonly voter: string;
  readonly decision: ApprovalVote['decision'];
  readonly status: 'counted' | 'stale' | 'superseded' | 'not_a_member';
  /** `group:member` pairs the vote counts for (a delegate's vote names the delegator). */
  readonly countsFor: readonly string[];
  /** For a stale vote: the material fields changed after it, and the first such change. */
  readonly stale?: { readonly fields: readonly string[]; readonly since: Date };
  readonly reason: string;
}

/**
 * The result of {@link evaluateApprovals}.
 *
 * @example
 * ```ts
 * const r: ApprovalResult = evaluateApprovals(policy, votes, change);
 * if (r.status === 'rejected') console.log(r.reason);
 * ```
 * @category Approvals
 */
export interface ApprovalResult {
  readonly status: ApprovalStatus;
  readonly reason: string;
  /** The policy applied, or null when none applies (no approval needed). */
  readonly policyId: string | null;
  readonly groups: readonly ApprovalGroupResult[];
  readonly votes: readonly ApprovalVoteResult[];
  /** The indexes of stale votes (see `votes[i].stale`). */
  readonly stale: readonly number[];
}

const validated = new WeakMap<object, ApprovalPolicy>();

/**
 * A policy checked once: one from createApprovalPolicy as is, anything else through it (cached per object).
 * @internal
 */
export function policyOf(p: ApprovalPolicy, field = 'policy'): ApprovalPolicy {
  if (p === null || typeof p !== 'object') {
    throw new ItsmError('invalid_argument', `${field}: ${describeValue(p)} is not an approval policy; build one with createApprovalPolicy.`, { details: { field } });
  }
  if (isCreatedApprovalPolicy(p)) return p;
  let v = validated.get(p);
  if (v === undefined) validated.set(p, (v = createApprovalPolicy(p)));
  return v;
}

/**
 * The first policy whose `appliesTo` matches the change's risk level and model (a policy without `appliesTo`
 * matches every change), or null.
 *
 * @param policies - Candidate policies, most specific first.
 * @param change - The change's model and risk level.
 * @returns The policy, or null.
 * @throws {@link core!ItsmError} `invalid_definition` for an invalid policy; `invalid_argument` when `policies` is not a
 * list, one of them or `change` is not an object, or reading them throws (a getter, a Proxy trap).
 * @example
 * ```ts
 * selectApprovalPolicy([emergencyCab, highRiskCab, peerReview], { model: 'normal', riskLevel: 'high' })?.id; // 'high-risk'
 * ```
 * @category Approvals
 */
export function selectApprovalPolicy(policies: readonly ApprovalPolicy[], change: ApprovalChange): ApprovalPolicy | null {
  try {
    if (!Array.isArray(policies)) {
      throw new ItsmError('invalid_argument', `policies: ${describeValue(policies)} is not a list of approval policies.`, { details: { field: 'policies' } });
    }
    if (change === null || typeof change !== 'object') {
      throw new ItsmError('invalid_argument', `change: ${describeValue(change)} is not a change; pass { model?, riskLevel? }.`, { details: { field: 'change' } });
    }
    for (let i = 0; i < policies.length; i++) {
      const p = policyOf(policies[i]!, `policies[${i}]`);
      const a = p.appliesTo;
      if (a?.riskLevels !== undefined && (change.riskLevel === undefined || !a.riskLevels.includes(change.riskLevel))) continue;
      if (a?.models !== undefined && (change.model === undefined || !a.models.includes(change.model))) continue;
      return p;
    }
    return null;
  } catch (e) {
    throw foreignError(e);
  }
}

function ruleText(rule: ApprovalRule, of: number): string {
  if (rule === 'all' || rule === 'any') return rule;
  if ('quorum' in rule) return `${rule.quorum} of ${of}`;
  return `${Math.round(rule.fraction * 1000) / 10}% of ${of}`;
}

function required(rule: ApprovalRule, eligible: number): number {
  if (rule === 'all') return eligible;
  if (rule === 'any') return 1;
  if ('quorum' in rule) return rule.quorum;
  return Math.max(1, Math.ceil(rule.fraction * eligible - 1e-9));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface ReadVote { voter: string; decision: ApprovalVote['decision']; at: number; group: string | undefined }

function readInputs(votes: unknown, change: unknown, options: unknown): { votes: ReadVote[]; edits: Array<{ at: number; fields: string[] }>; delegations: Array<{ delegator: string; delegate: string; from: number; until: number }> } {
  const issues: ValidationIssue[] = [];
  const instant = (v: unknown, path: Array<string | number>): number => {
    try { return toEpochMs(v as Instant, 'at'); } catch (e) {
      /* c8 ignore next */
      if (!(e instanceof ItsmError)) throw e;
      issues.push({ code: 'invalid_instant', path, message: e.message.slice(e.message.indexOf(': ') + 2) });
      return NaN;
    }
  };
  const out: ReadVote[] = [];
  if (!Array.isArray(votes)) issues.push({ code: 'invalid_type', path: ['votes'], message: `${describeValue(votes)} is not a list of votes` });
  else votes.forEach((v: unknown, i) => {
    const o = (v ?? {}) as Record<string, unknown>;
    if (typeof o['voter'] !== 'string' || o['voter'] === '') issues.push({ code: 'invalid_type', path: ['votes', i, 'voter'], message: `${describeValue(o['voter'])} is not a voter (a non-empty string)` });
    if (o['decision'] !== 'approve' && o['decision'] !== 'reject' && o['decision'] !== 'abstain') issues.push({ code: 'invalid_decision', path: ['votes', i, 'decision'], message: `${describeValue(o['decision'])} is not a decision; use approve, reject or abstain` });
    if (o['group'] !== undefined && typeof o['group'] !== 'string') issues.push({ code: 'invalid_type', path: ['votes', i, 'group'], message: `${describeValue(o['group'])} is not a group id` });
    out.push({ voter: o['voter'] as string, decision: o['decision'] as ReadVote['decision'], at: instant(o['at'], ['votes', i, 'at']), group: o['group'] as string | undefined });
  });
  const edits: Array<{ at: number; fields: string[] }> = [];
  const c = (change ?? {}) as Record<string, unknown>;
  if (change === null || typeof change !== 'object') issues.push({ code: 'invalid_type', path: ['change'], message: `${describeValue(change)} is not a change; pass { model?, riskLevel?, edits? }` });
  else {
    for (const field of ['model', 'riskLevel'] as const) {
      const v = c[field];
      if (v !== undefined && typeof v !== 'string') issues.push({ code: 'invalid_type', path: ['change', field], message: `${describeValue(v)} is not a ${field === 'model' ? 'change model' : 'risk level'} (a string)` });
    }
  }
  if (change !== null && typeof change === 'object' && c['edits'] !== undefined) {
    if (!Array.isArray(c['edits'])) issues.push({ code: 'invalid_type', path: ['change', 'edits'], message: `${describeValue(c['edits'])} is not a list of edits` });
    else (c['edits'] as unknown[]).forEach((e: unknown, i) => {
      const o = (e ?? {}) as Record<string, unknown>;
      const fields = o['fields'];
      if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) issues.push({ code: 'invalid_type', path: ['change', 'edits', i, 'fields'], message: `${describeValue(fields)} is not a list of field names` });
      edits.push({ at: instant(o['at'], ['change', 'edits', i, 'at']), fields: Array.isArray(fields) ? (fields as string[]) : [] });
    });
  }
  const delegations: Array<{ delegator: string; delegate: string; from: number; until: number }> = [];
  if (options !== undefined) {
    const list = (options as Record<string, unknown> | null)?.['delegations'];
    if (options === null || typeof options !== 'object') issues.push({ code: 'invalid_type', path: ['options'], message: `${describeValue(options)} is not an options object` });
    else if (list !== undefined) {
      if (!Array.isArray(list)) issues.push({ code: 'invalid_type', path: ['options', 'delegations'], message: `${describeValue(list)} is not a list of delegations` });
      else list.forEach((d: unknown, i) => {
        const o = (d ?? {}) as Record<string, unknown>;
        if (typeof o['delegator'] !== 'string' || typeof o['delegate'] !== 'string') issues.push({ code: 'invalid_type', path: ['options', 'delegations', i], message: 'needs a delegator and a delegate (strings)' });
        delegations.push({
          delegator: o['delegator'] as string, delegate: o['delegate'] as string,
          from: o['from'] === undefined ? -Infinity : instant(o['from'], ['options', 'delegations', i, 'from']),
          until: o['until'] === undefined ? Infinity : instant(o['until'], ['options', 'delegations', i, 'until']),
        });
      });
    }
  }
  if (issues.length > 0) throw validationError('approval input', issues);
  return { votes: out, edits, delegations };
}

/**
 * Evaluates the votes on a change against an approval policy (or the first of several policies that applies
 * to the change's risk level and model): each group by its rule, the policy by its rule over groups.
 *
 * - A member's latest vote counts; a delegate's vote counts for a delegator who has not voted.
 * - A vote given before an edit of a material field (planned window, CIs, risk level, implementation plan, or
 *   the policy's `materialFields`) is stale and does not count; the result says which and why.
 * - A group is approved when it has the approvals its rule needs; it is rejected when approval has become
 *   impossible, at once (`onReject: 'immediately'`) or once every member has responded
 *   (`'after_all_responses'`); otherwise it is pending. The policy combines its groups the same way.
 * - When no policy applies, the change needs no approval: `approved` with `policyId: null`.
 *
 * @param policy - A policy or a list to select from (see {@link selectApprovalPolicy}).
 * @param votes - Every vote given, in any order.
 * @param change - The change's model, risk level and edits.
 * @param options - Delegations.
 * @returns A fresh result: status, reason, per group and per vote.
 * @throws {@link core!ItsmError} `invalid_definition` for an invalid policy or input (every issue listed).
 * @example
 * ```ts
 * evaluateApprovals(policy, [{ voter: 'ann', decision: 'approve', at: '2026-12-07T10:00:00Z' }], { riskLevel: 'high' }).status; // 'pending'
 * ```
 * @category Approvals
 */
export function evaluateApprovals(
  policy: ApprovalPolicy | readonly ApprovalPolicy[], votes: readonly ApprovalVote[], change: ApprovalChange, options?: EvaluateApprovalsOptions,
): ApprovalResult {
  try {
    const input = readInputs(votes, change, options);
    const p = selectApprovalPolicy(Array.isArray(policy) ? policy : [policy as ApprovalPolicy], change);
    const voteResults: Array<{ -readonly [K in keyof ApprovalVoteResult]: ApprovalVoteResult[K] }> = input.votes.map((v, index) => ({
      index, voter: v.voter, decision: v.decision, status: 'not_a_member', countsFor: [], reason: '',
    }));
    if (p === null) {
      for (const r of voteResults) r.reason = 'no approval policy applies to this change';
      return { status: 'approved', reason: `no approval policy applies to this change (model ${change.model ?? 'not set'}, risk ${change.riskLevel ?? 'not set'}): no approval needed`, policyId: null, groups: [], votes: voteResults, stale: [] };
    }

    // Stale votes: every material edit after the vote.
    const material = new Set<string>(p.materialFields ?? DEFAULT_MATERIAL_FIELDS);
    const staleIdx: number[] = [];
    const fresh = input.votes.map((v, i) => {
      let since = Infinity;
      const fields: string[] = [];
      for (const e of input.edits) {
        if (!(e.at > v.at)) continue;
        const hit = e.fields.filter((f) => material.has(f));
        if (hit.length === 0) continue;
        if (e.at < since) since = e.at;
        for (const f of hit) if (!fields.includes(f)) fields.push(f);
      }
      if (fields.length === 0) return true;
      const r = voteResults[i]!;
      r.status = 'stale';
      r.stale = { fields, since: new Date(since) };
      r.reason = `${fields.join(', ')} changed at ${new Date(since).toISOString()}, after this vote`;
      staleIdx.push(i);
      return false;
    });

    // The vote that decides for each (group, member): the member's latest fresh vote, else a delegate's latest.
    const order = input.votes.map((_, i) => i).sort((a, b) => input.votes[a]!.at - input.votes[b]!.at || a - b);
    const abstainCounts = p.abstentions === 'count';
    const groups: ApprovalGroupResult[] = [];
    const decisive = new Set<number>();
    const stillPossible: boolean[] = [];
    for (const g of p.groups) {
      const rule = g.rule ?? 'any';
      const approvedBy: string[] = [], rejectedBy: string[] = [], abstained: string[] = [], outstanding: string[] = [];
      for (const member of g.members) {
        let own = -1, delegated = -1;
        for (const i of order) {
          const v = input.votes[i]!;
          if (!fresh[i] || (v.group !== undefined && v.group !== g.id)) continue;
          if (v.voter === member) own = i;
          else if (input.delegations.some((d) => d.delegator === member && d.delegate === v.voter && d.from <= v.at && v.at < d.until)) delegated = i;
        }
        const chosen = own >= 0 ? own : delegated;
        if (chosen < 0) { outstanding.push(member); continue; }
        decisive.add(chosen);
        voteResults[chosen]!.countsFor = [...voteResults[chosen]!.countsFor, `${g.id}:${member}`];
        const d = input.votes[chosen]!.decision;
        (d === 'approve' ? approvedBy : d === 'reject' ? rejectedBy : abstained).push(member);
      }
      const eligible = abstainCounts ? g.members.length : g.members.length - abstained.length;
      const need = required(rule, eligible);
      const a = approvedBy.length;
      const approved = eligible > 0 && a >= need;
      const possible = eligible > 0 && a + outstanding.length >= need;
      const complete = outstanding.length === 0;
      const status: ApprovalStatus = approved ? 'approved' : !possible && (p.onReject !== 'after_all_responses' || complete) ? 'rejected' : 'pending';
      const text = ruleText(rule, eligible);
      let reason: string;
      if (status === 'approved') reason = `${plural(a, 'approval')} (${text}: ${need} needed)`;
      else if (status === 'rejected') reason = eligible === 0 ? 'every member abstained: no one left to approve' : `approval is no longer possible: ${plural(a, 'approval')}, ${plural(rejectedBy.length, 'rejection')}${rejectedBy.length > 0 ? ` (${rejectedBy.join(', ')})` : ''}, ${need} needed (${text})`;
      else if (!possible) reason = `approval is no longer possible, but the policy waits for every response (outstanding: ${outstanding.join(', ')})`;
      else reason = `needs ${plural(need - a, 'more approval')} (${text}); outstanding: ${outstanding.join(', ')}`;
      stillPossible.push(possible);
      groups.push({ id: g.id, status, rule: text, required: need, approvedBy, rejectedBy, abstained, outstanding, reason });
    }

    for (const r of voteResults) {
      if (r.status === 'stale') continue;
      if (decisive.has(r.index)) { r.status = 'counted'; r.reason = `counts for ${r.countsFor.join(', ')}`; continue; }
      const v = input.votes[r.index]!;
      const member = p.groups.some((g) => g.members.includes(v.voter) && (v.group === undefined || v.group === g.id));
      const delegate = input.delegations.some((d) => d.delegate === v.voter);
      if (member || delegate) { r.status = 'superseded'; r.reason = member ? 'a later vote of the same voter counts instead' : 'the delegator voted, or a later delegate vote counts instead'; }
      else r.reason = `${v.voter} is not a member of ${v.group === undefined ? 'any group' : `group ${v.group}`} of policy ${p.id} and not a delegate`;
    }

    const topRule = p.rule ?? 'all';
    const n = groups.length;
    const need = required(topRule, n);
    const approvedGroups = groups.filter((g) => g.status === 'approved').length;
    const open = groups.filter((g, i) => g.status === 'pending' && stillPossible[i]).length;
    const complete = groups.every((g) => g.outstanding.length === 0);
    const possible = approvedGroups + open >= need;
    const status: ApprovalStatus = approvedGroups >= need ? 'approved' : !possible && (p.onReject !== 'after_all_responses' || complete) ? 'rejected' : 'pending';
    const text = ruleText(topRule, n);
    let reason: string;
    if (status === 'approved') reason = `approved by ${groups.filter((g) => g.status === 'approved').map((g) => `${g.id} (${g.reason})`).join(', ')}`;
    else if (status === 'rejected') reason = `rejected: ${groups.filter((g) => g.status !== 'approved').map((g) => `${g.id}: ${g.reason}`).join('; ')}`;
    else reason = `waiting (${text} of the groups must approve): ${groups.filter((g) => g.status !== 'approved').map((g) => `${g.id}: ${g.reason}`).join('; ')}`;
    return { status, reason, policyId: p.id, groups, votes: voteResults, stale: staleIdx };
  } catch (e) {
    throw foreignError(e);
  }
}
