// A CAB week for one normal change: assess its risk, collect the CAB's votes (one goes stale when the window
// moves), find the conflict with the week's schedule, take the first suggested window, and run the change
// through its lifecycle. Run with `npx tsx examples/change-schedule.ts`.
import { createCalendar } from 'itsm-kit/calendar';
import {
  advanceChange, assessChangeRisk, createApprovalPolicy, createChangeSchedule, createRiskModel, evaluateApprovals, findChangeConflicts,
  openChange, suggestChangeWindows, type ChangeEvent, type ChangeSnapshot, type ScheduledChange,
} from 'itsm-kit/change';

// Freezes are calendars: their business time is the freeze.
const weekendFreeze = createCalendar({
  timeZone: 'Europe/Berlin',
  weekly: { fri: ['18:00-24:00'], sat: ['00:00-24:00'], sun: ['00:00-24:00'], mon: ['00:00-06:00'] },
});
const yearEndFreeze = createCalendar({
  timeZone: 'Europe/Berlin',
  weekly: {},
  overrides: ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']
    .map((date) => ({ date, hours: ['00:00-24:00'] })),
});
// The database may be changed on weeknights 22:00-04:00 (Berlin).
const dbWindow = createCalendar({
  timeZone: 'Europe/Berlin',
  weekly: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, ['22:00-04:00']])),
});

const week: ScheduledChange[] = [
  { id: 'CHG0101', plannedStart: '2026-12-08T22:00:00+01:00', plannedEnd: '2026-12-09T01:00:00+01:00', cis: ['db-cluster'], assignee: 'dba' },
  { id: 'CHG0102', plannedStart: '2026-12-09T22:00:00+01:00', plannedEnd: '2026-12-09T23:30:00+01:00', cis: ['crm-app'], assignee: 'app-team' },
  { id: 'CHG0103', plannedStart: '2026-12-10T23:00:00+01:00', plannedEnd: '2026-12-11T02:00:00+01:00', cis: ['db-02'], assignee: 'dba', state: 'canceled' },
];
const schedule = createChangeSchedule({
  changes: week,
  ciRelations: [{ parent: 'db-cluster', child: 'db-01' }, { parent: 'db-cluster', child: 'db-02' }, { parent: 'db-01', child: 'crm-app' }],
  blackouts: [{ id: 'weekend', calendar: weekendFreeze }, { id: 'year-end', calendar: yearEndFreeze }],
  maintenanceWindows: { 'db-01': dbWindow },
});

// 1. Risk: ordered conditions, a questionnaire, a matrix; the highest level wins and the result says why.
const riskModel = createRiskModel({
  id: 'cab-2026',
  conditions: [{ id: 'prod-db', description: 'production database', when: { all: [{ field: 'category', eq: 'database' }, { field: 'environment', eq: 'production' }] }, risk: 'high', impact: 'high' }],
  questionnaire: {
    questions: [
      { id: 'backoutTested', weight: 2, options: [{ value: true, score: 0 }, { value: false, score: 3 }] },
      { id: 'downtime', options: [{ value: 'none', score: 0 }, { value: 'minutes', score: 2 }, { value: 'hours', score: 5 }] },
    ],
    thresholds: [{ min: 3, level: 'moderate' }, { min: 6, level: 'high' }, { min: 9, level: 'very_high' }],
  },
  matrix: { impacts: ['high', 'low'], probabilities: ['likely', 'unlikely'], cells: [['very_high', 'high'], ['moderate', 'low']] },
});
const change = { category: 'database', environment: 'production', probability: 'unlikely', answers: { backoutTested: true, downtime: 'minutes' } };
const risk = assessChangeRisk(change, riskModel);
console.log(`risk: ${risk.level} (${risk.reason})`);

// 2. Votes: the CAB approves with 60% of its members, the service owner must approve too.
const policy = createApprovalPolicy({
  id: 'high-risk', appliesTo: { riskLevels: ['high', 'very_high'] },
  groups: [{ id: 'cab', members: ['ann', 'bob', 'cy', 'dee', 'eve'], rule: { fraction: 0.6 } }, { id: 'owner', members: ['olga'] }],
  onReject: 'after_all_responses',
});
const votes = [
  { voter: 'ann', decision: 'approve', at: '2026-12-07T10:00:00+01:00' },
  { voter: 'bob', decision: 'approve', at: '2026-12-07T10:05:00+01:00' },
  { voter: 'cy', decision: 'reject', at: '2026-12-07T10:10:00+01:00', comment: 'Backout untested on db-02' },
  { voter: 'zoe', decision: 'approve', at: '2026-12-07T10:20:00+01:00' }, // deputy of dee
  { voter: 'olga', decision: 'approve', at: '2026-12-07T11:00:00+01:00' },
] as const;
const delegations = [{ delegator: 'dee', delegate: 'zoe' }];
let approval = evaluateApprovals(policy, votes, { riskLevel: risk.level }, { delegations });
console.log(`approval: ${approval.status} (${approval.reason})`);

// 3. The proposed window clashes with CHG0101 on the parent cluster and ends outside db-01's window.
const proposed: ScheduledChange = { id: 'CHG0107', plannedStart: '2026-12-08T23:00:00+01:00', plannedEnd: '2026-12-09T05:00:00+01:00', cis: ['db-01'], assignee: 'dba' };
for (const c of findChangeConflicts(schedule, proposed)) {
  console.log(`conflict: ${c.kind}${c.ci ? ` on ${c.ci}` : ''}${c.changeId ? ` with ${c.changeId}` : ''}${c.relatedCi ? ` via ${c.relatedCi} (${c.relation})` : ''} from ${c.overlap.start.toISOString()} to ${c.overlap.end.toISOString()}`);
}
const windows = suggestChangeWindows(schedule, { ...proposed, plannedEnd: '2026-12-09T01:00:00+01:00' }, { after: '2026-12-09T16:00:00+01:00', within: 'P14D', limit: 3 });
const window = windows[0]!;
console.log(`suggested windows: ${windows.map((w) => `${w.start.toISOString()} to ${w.end.toISOString()}`).join(', ')}`);

// Moving the window is a material change: the votes given before it are stale.
const moved = '2026-12-09T12:00:00+01:00';
approval = evaluateApprovals(policy, votes, { riskLevel: risk.level, edits: [{ at: moved, fields: ['plannedStart', 'plannedEnd'] }] }, { delegations });
console.log(`after moving the window: ${approval.status}, stale votes: ${approval.stale.map((i) => votes[i]!.voter).join(', ')}`);

// 4. The lifecycle, with the same policy in the change and the votes given again.
let s: ChangeSnapshot = openChange({
  at: '2026-12-07T09:00:00+01:00', id: 'CHG0107', description: 'Upgrade PostgreSQL on db-01', cis: ['db-01'],
  implementationPlan: 'Rolling upgrade with pg_upgrade', backoutPlan: 'Restore the snapshot', testPlan: 'CRM smoke tests', riskLevel: risk.level,
  approvalPolicies: [policy],
});
const events: ChangeEvent[] = [
  { type: 'ASSESS', at: '2026-12-07T09:10:00+01:00' },
  { type: 'REQUEST_AUTHORIZATION', at: '2026-12-07T09:30:00+01:00' },
  ...['ann', 'bob', 'dee'].map((voter, i): ChangeEvent => ({ type: 'VOTE', at: `2026-12-09T1${i}:30:00+01:00`, voter, decision: 'approve' })),
  { type: 'VOTE', at: '2026-12-09T14:00:00+01:00', voter: 'olga', decision: 'approve' },
  { type: 'SCHEDULE', at: '2026-12-09T15:00:00+01:00', plannedStart: window.start, plannedEnd: window.end },
  { type: 'IMPLEMENT', at: window.start },
  { type: 'COMPLETE', at: new Date(window.end.getTime() - 15 * 60_000), outcome: 'successful' },
  { type: 'CLOSE', at: '2026-12-11T09:00:00+01:00' },
];
for (const e of events) {
  const step = advanceChange(s, e);
  if (!step.accepted) throw new Error(step.refusal.message);
  s = step.snapshot;
}
console.log(`lifecycle: ${s.value}, outcome ${s.context.outcome}, ${s.context.history.length} history entries`);
