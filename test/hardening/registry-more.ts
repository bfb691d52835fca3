// Valid example arguments for the exports of change, metrics, catalog, reports and holidays (see registry.ts).
import Holidays from 'date-holidays';
import * as api from 'itsm-kit';
import { THIRD_PARTY } from './inspect.js';
import type { Entry } from './registry.js';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 9, 8, 0); // Monday 2026-03-09 08:00 UTC
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const weekday = ['09:00-17:00'];
const support = api.createCalendar({ timeZone: 'UTC', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } });

// change -------------------------------------------------------------------------------------------------------
const approvalPolicyJson = () => ({ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] });
const approvalPolicy = api.createApprovalPolicy(approvalPolicyJson());
const riskModelJson = () => ({
  id: 'cab',
  conditions: [{ id: 'prod-db', when: { field: 'category', eq: 'database' }, risk: 'high', impact: 'high' }],
  matrix: { impacts: ['high', 'low'], probabilities: ['likely', 'unlikely'], cells: [['very_high', 'high'], ['moderate', 'low']] },
});
const riskModel = api.createRiskModel(riskModelJson());
const changeInput = () => ({ at: '2026-12-01T09:00:00Z', id: 'CHG0001', description: 'Patch db-01', cis: ['db-01'] });
const openedChange = api.openChange(changeInput() as never);
const assessedChange = api.advanceChange(openedChange, { type: 'ASSESS', at: '2026-12-01T09:05:00Z' } as never).snapshot;
const persistedChange = (s: { machine: { getPersistedSnapshot(s: unknown): unknown } }): unknown => json(s.machine.getPersistedSnapshot(s));
const scheduleJson = () => ({
  changes: [{ id: 'CHG1', plannedStart: '2026-12-05T22:00:00Z', plannedEnd: '2026-12-06T02:00:00Z', cis: ['db-01'] }],
  ciRelations: [{ parent: 'cluster-a', child: 'db-01' }],
});
const schedule = api.createChangeSchedule(scheduleJson() as never);
const scheduledChange = () => ({ id: 'CHG9', plannedStart: '2026-12-05T23:00:00Z', plannedEnd: '2026-12-06T01:00:00Z', cis: ['db-01'] });

// catalog ------------------------------------------------------------------------------------------------------
const catalogJson = () => ({
  calendars: ['support'],
  services: [
    { id: 'identity', name: 'Identity', lifecycle: 'live', criticality: 'critical', cis: ['ldap-1'] },
    { id: 'email', name: 'Email', lifecycle: 'live', criticality: 'high', dependsOn: ['identity'], cis: ['mx-1'] },
  ],
  offerings: [{ id: 'email-gold', service: 'email', level: 'gold', customerGroups: ['finance'] }],
  slaDefinitions: [
    { id: 'p1-resolution', kind: 'resolution', target: 'PT4H', calendar: 'support', start: true, stop: { field: 'state', in: ['resolved', 'closed'] } },
    { id: 'laptop-fulfilment', kind: 'custom', target: 'PT16H', calendar: 'support', start: { field: 'state', in: ['approved', 'fulfilling'] }, stop: { field: 'state', in: ['fulfilled', 'closed'] } },
  ],
  agreements: [{ id: 'sla-standard', type: 'SLA', name: 'Standard SLA', status: 'active', services: ['email'], targets: [{ definition: 'p1-resolution', priority: 1 }] }],
  items: [{ id: 'laptop', name: 'New laptop', service: 'identity', approvalPolicy: 'cab', fulfilment: { definition: 'laptop-fulfilment' }, tasks: [{ id: 'order', name: 'Order' }, { id: 'ship', name: 'Ship' }] }],
});
const catalog = api.createCatalog(catalogJson() as never);
const riskEntry = (id: string, over: object = {}) => ({ id, title: `Risk ${id}`, owner: 'ana', likelihood: 4, impact: 5, treatment: 'mitigate', status: 'open', reviewBy: '2026-06-30T00:00:00Z', service: 'email', cis: ['mx-1'], controls: [{ description: 'failover relay', reduces: 'impact', by: 2 }], ...over });
const riskRegisterJson = () => ({ risks: [riskEntry('R1'), riskEntry('R2', { likelihood: 2, impact: 2, service: 'identity', cis: ['ldap-1'], controls: [] })] });
const riskRegister = api.createRiskRegister(riskRegisterJson() as never);
const requestInput = () => json(api.serviceRequestInput(catalog, 'laptop', { at: at(60), requestedFor: 'kim', policies: [approvalPolicy] }));
const openedRequest = api.openServiceRequest(requestInput() as never);
const pendingRequest = api.advanceServiceRequest(openedRequest, { type: 'REQUEST_APPROVAL', at: at(120) } as never).snapshot;

// metrics ------------------------------------------------------------------------------------------------------
const incidents = () => [
  { id: 'I1', openedAt: at(0), resolvedAt: at(240), priority: 1, reopenCount: 0, reassignmentCount: 1, escalated: true, resolvedOnFirstContact: false, service: 'email' },
  { id: 'I2', openedAt: at(600), resolvedAt: at(700), priority: 2, reopenCount: 1, reassignmentCount: 0, escalated: false, resolvedOnFirstContact: true, service: 'email' },
  { id: 'I3', openedAt: at(2000), resolvedAt: null, priority: 2, reopenCount: 0, reassignmentCount: 0, escalated: false, resolvedOnFirstContact: false, service: 'vpn' },
];
const deployments = () => [
  { id: 'd1', deployedAt: at(60), commits: [at(0), at(30)], unplanned: false },
  { id: 'd2', deployedAt: at(3000), commits: [at(2900)], unplanned: true },
];
const sloSeries = () => Array.from({ length: 24 }, (_, i) => ({ at: new Date(T0 + i * H).toISOString(), good: 995 + (i % 3), total: 1000 }));
const slo = () => ({ target: 0.99, periodMs: 30 * D });
const openSloDoc = () => ({
  apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'api-availability' },
  spec: { service: 'api', indicatorRef: 'api-errors', budgetingMethod: 'Occurrences', timeWindow: [{ duration: '30d', isRolling: true }], objectives: [{ target: 0.999 }] },
});
const csiEntry = () => ({ id: 'CSI-1', title: 'Raise FCR', baseline: 0.6, target: 0.75, current: 0.7, owner: 'sd', status: 'in_progress', due: '2026-09-30' });
const series = () => [39, 41, 40, 43, 38, 55, 40, 42, 41, 39];

// reports ------------------------------------------------------------------------------------------------------
const resolution = api.createSlaDefinition({ id: 'res', kind: 'resolution', target: 'PT8H', calendar: '24x7', start: true, stop: { field: 'state', eq: 'resolved' } } as never);
const slaEvents = (open: number, resolve: number) => [{ at: open, type: 'OPEN', set: { state: 'new' } }, { at: resolve, type: 'RESOLVE', set: { state: 'resolved' } }];
const slaResult = api.evaluateTicket([resolution], slaEvents(T0, T0 + 4 * H) as never, { now: T0 + 2 * D })[0]!;
const reportInput = () => {
  const base = Date.UTC(2026, 2, 2);
  const list = Array.from({ length: 12 }, (_, k) => ({ id: `I${k}`, service: k % 2 === 0 ? 'email' : 'vpn', priority: 1 + (k % 3), openedAt: base + k * D + 9 * H, resolvedAt: base + k * D + 13 * H }));
  const to = base + 12 * D;
  return {
    period: { from: base, to, interval: 'day' }, timeZone: 'UTC', incidents: list,
    slaResults: list.map((i) => ({ id: i.id, success: true, data: api.evaluateTicket([resolution], slaEvents(i.openedAt, i.resolvedAt) as never, { now: to }) })),
  };
};
const report = api.serviceReport(reportInput() as never);

// holidays -----------------------------------------------------------------------------------------------------
const hd = new Holidays('US');
THIRD_PARTY.add(hd);

export const moreRegistry: Readonly<Record<string, Entry>> = {
  // core / calendar additions
  conditionJsonSchema: { args: () => [] },
  businessDaysBetween: { args: () => [support, '2026-03-06T12:00:00Z', '2026-03-10T12:00:00Z'] },
  isBusinessDay: { args: () => [support, '2026-03-09T12:00:00Z'] },
  isHoliday: { args: () => [support, '2026-12-25T12:00:00Z'] },
  nextOpening: { args: () => [support, '2026-03-06T10:00:00-05:00'] },
  nextClosing: { args: () => [support, '2026-03-06T10:00:00-05:00'] },
  previousOpening: { args: () => [support, '2026-03-07T12:00:00-05:00'] },
  previousClosing: { args: () => [support, '2026-03-09T10:00:00-04:00'] },
  previousBusinessTime: { args: () => [support, '2026-03-07T12:00:00-05:00'] },
  subtractCalendars: { args: () => [api.calendar24x7(), support] },

  // sla renames
  evaluateTicket: { args: () => [[resolution], slaEvents(T0, T0 + 4 * H), { now: T0 + D }] },
  evaluateTickets: { args: () => [[resolution], [{ id: 'T1', events: slaEvents(T0, T0 + 4 * H) }, { id: 'T2', events: slaEvents(T0, T0 + 9 * H) }], { now: T0 + D }], generator: true },

  // change
  createApprovalPolicy: { args: () => [approvalPolicyJson()] },
  safeCreateApprovalPolicy: { args: () => [approvalPolicyJson()] },
  approvalPolicyJsonSchema: { args: () => [] },
  createRiskModel: { args: () => [riskModelJson()] },
  safeCreateRiskModel: { args: () => [riskModelJson()] },
  riskModelJsonSchema: { args: () => [] },
  assessChangeRisk: { args: () => [{ category: 'database', probability: 'likely' }, riskModel] },
  evaluateApprovals: { args: () => [approvalPolicy, [{ voter: 'ann', decision: 'approve', at: '2026-12-07T10:00:00Z' }], { riskLevel: 'high' }] },
  selectApprovalPolicy: { args: () => [[approvalPolicy], { model: 'normal', riskLevel: 'high' }] },
  openChange: { args: () => [changeInput()] },
  safeOpenChange: { args: () => [changeInput()] },
  advanceChange: { args: () => [persistedChange(openedChange as never), { type: 'ASSESS', at: '2026-12-01T09:05:00Z' }] },
  restoreChange: { args: () => [persistedChange(assessedChange as never)] },
  safeRestoreChange: { args: () => [persistedChange(assessedChange as never)] },
  replayChangeHistory: { args: () => [json(assessedChange.context.history)] },
  explainChangeRefusal: { args: () => [persistedChange(openedChange as never), { type: 'IMPLEMENT', at: '2026-12-05T21:00:00Z' }] },
  createChangeSchedule: { args: () => [scheduleJson()] },
  findChangeConflicts: { args: () => [schedule, scheduledChange(), {}] },
  suggestChangeWindows: { args: () => [schedule, scheduledChange(), { after: '2026-12-07T00:00:00Z', within: 'P7D', limit: 3 }] },

  // metrics
  quantile: { args: () => [[1, 2, 3, 4], 0.5, { method: 'R-1' }] },
  summarize: { args: () => [[4, 1, 3, 2], { quantiles: [0.9] }] },
  kaplanMeier: { args: () => [[{ duration: 2, observed: true }, { duration: 3, observed: false }, { duration: 5, observed: true }]] },
  durationMetrics: { args: () => [incidents(), { start: 'openedAt', end: 'resolvedAt', by: 'priority', now: at(5000) }] },
  timeBetweenFailures: { args: () => [incidents(), { service: 'service', start: 'openedAt', end: 'resolvedAt', measure: 'mtbf' }] },
  availability: { args: () => [{ agreed: support, from: '2026-03-09T00:00:00Z', to: '2026-03-14T00:00:00Z', outages: [{ start: '2026-03-09T10:00:00Z', end: '2026-03-09T10:36:00Z' }] }] },
  slaCompliance: { args: () => [[{ stage: 'completed', breached: false }, { stage: 'running', breached: true }, json(slaResult)]] },
  firstContactResolution: { args: () => [incidents()] },
  reopenRate: { args: () => [incidents(), { now: at(6000), lookBackMs: 30 * D }] },
  reassignmentRate: { args: () => [incidents()] },
  escalationRate: { args: () => [incidents()] },
  backlog: { args: () => [incidents(), at(2500), { by: 'priority' }] },
  openedClosedPerPeriod: { args: () => [incidents(), 'day', { closedAt: 'resolvedAt', timeZone: 'Europe/London' }] },
  csat: { args: () => [[5, 4, 3, 1], { min: 1, max: 5 }, { method: 'mean' }] },
  nps: { args: () => [[10, 10, 9, 8, 7, 6, 2]] },
  ces: { args: () => [[7, 6, 5, 2]] },
  deploymentFrequency: { args: () => [deployments(), { from: '2026-03-01T00:00:00Z', to: '2026-03-15T00:00:00Z' }] },
  leadTimeForChanges: { args: () => [deployments()] },
  changeFailureRate: { args: () => [deployments(), [{ deploymentId: 'd2' }]] },
  failedDeploymentRecoveryTime: { args: () => [incidents()] },
  deploymentReworkRate: { args: () => [deployments()] },
  doraPerformanceLevel: { args: () => [{ deploymentsPerDay: 3, leadTimeMs: 2 * H }, { reportYear: 2024 }] },
  parseOpenSlo: { args: () => [openSloDoc()] },
  safeParseOpenSlo: { args: () => [openSloDoc()] },
  openSloJsonSchema: { args: () => [] },
  errorBudget: { args: () => [slo(), sloSeries(), { now: at(24 * 60) }] },
  burnRate: { args: () => [slo(), sloSeries(), H, { now: at(24 * 60) }] },
  evaluateBurnRateAlerts: { args: () => [slo(), sloSeries(), { now: at(24 * 60) }] },
  xmrChart: { args: () => [series(), {}] },
  detectSignals: { args: () => [series(), { rules: 'nelson', center: 40, sigma: 2 }] },
  mannKendall: { args: () => [[5, 4, 4, 2, 1, 1, 0], {}] },
  theilSen: { args: () => [[1, 2, 4, 5]] },
  comparePeriods: { args: () => [[30, 32, 29, 31, 30, 33], [22, 21, 23, 20], {}] },
  createCsiRegisterEntry: { args: () => [csiEntry()] },
  safeCreateCsiRegisterEntry: { args: () => [csiEntry()] },
  csiRegisterEntryJsonSchema: { args: () => [] },
  csiProgress: { args: () => [csiEntry(), { asOf: '2026-06-01T00:00:00Z' }] },

  // catalog
  createCatalog: { args: () => [catalogJson()] },
  safeCreateCatalog: { args: () => [catalogJson()] },
  catalogJsonSchema: { args: () => [] },
  validateCatalog: { args: () => [catalogJson()] },
  serviceImpact: { args: () => [catalog, 'identity'] },
  slaDefinitionsFor: { args: () => [catalog, { service: 'email', customer: 'finance', priority: 1 }] },
  createRiskRegister: { args: () => [riskRegisterJson()] },
  safeCreateRiskRegister: { args: () => [riskRegisterJson()] },
  riskRegisterJsonSchema: { args: () => [] },
  scoreRiskEntry: { args: () => [riskEntry('R9')] },
  riskHeatMap: { args: () => [riskRegister, { basis: 'inherent' }] },
  risksForChange: { args: () => [riskRegister, { cis: ['ldap-1'] }, { catalog }] },
  overdueRiskReviews: { args: () => [riskRegister, '2026-07-01T00:00:00Z'] },
  serviceRequestInput: { args: () => [catalog, 'laptop', { at: at(60), requestedFor: 'kim', policies: [approvalPolicy] }] },
  openServiceRequest: { args: () => [requestInput()] },
  safeOpenServiceRequest: { args: () => [requestInput()] },
  advanceServiceRequest: { args: () => [persistedChange(openedRequest as never), { type: 'REQUEST_APPROVAL', at: at(120) }] },
  restoreServiceRequest: { args: () => [persistedChange(pendingRequest as never)] },
  safeRestoreServiceRequest: { args: () => [persistedChange(pendingRequest as never)] },
  replayServiceRequestHistory: { args: () => [json(pendingRequest.context.history)] },
  explainServiceRequestRefusal: { args: () => [persistedChange(pendingRequest as never), { type: 'APPROVE', at: at(180) }] },
  serviceRequestApproval: { args: () => [persistedChange(pendingRequest as never)] },
  evaluateRequestFulfilmentSla: { args: () => [persistedChange(pendingRequest as never), { calendars: { support }, now: at(600) }] },

  // reports
  serviceReport: { args: () => [reportInput(), {}] },
  renderReportMarkdown: { args: () => [report] },
  renderReportHtml: { args: () => [report, { title: 'Service desk, March' }] },
  renderControlChartSvg: { args: () => [api.xmrChart(series()), { title: 'Incidents per week' }] },
  renderSlaTimelineSvg: { args: () => [slaResult, {}] },

  // holidays
  holidaysFromDateHolidays: { args: () => [hd, { years: 2026 }] },
  calendarSpecWithHolidays: { args: () => [{ timeZone: 'America/New_York', weekly: { mon: weekday, tue: weekday } }, hd, { years: [2026] }] },
};
