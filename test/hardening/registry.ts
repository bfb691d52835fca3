// Valid example arguments for every function exported by the package root, so the hardening suite can put a hostile
// value in one position (or deep inside one argument) while the other positions stay valid. A new export without an
// entry here fails `test/hardening/suite.test.ts`; so does an entry for a name that is no longer exported.
import { incidentMachine, problemMachine, type BusinessCalendar, type ItsmErrorCode } from 'itsm-kit';
import * as api from 'itsm-kit';
import { moreRegistry } from './registry-more.js';

/** How the suite calls one export. */
export interface Entry {
  /** Valid example arguments, fresh objects on every call (the suite writes hostile values into them). */
  readonly args: () => unknown[];
  /** The result is a generator: the suite drains it (inside the time bound and the error check). */
  readonly generator?: boolean;
}

/** Exported functions that are classes (constructed, not called): not driven. */
export const CLASSES: ReadonlySet<string> = new Set(['ItsmError']);

/** The documented `ItsmErrorCode` list (src/core/errors.ts); the type check below keeps it complete. */
export const ERROR_CODES = [
  'invalid_instant', 'invalid_duration', 'invalid_argument', 'invalid_definition', 'no_business_time',
  'events_out_of_order', 'unknown_calendar', 'unknown_field', 'invalid_event', 'refused_transition', 'unknown_time_zone',
] as const satisfies readonly ItsmErrorCode[];
type MissingCode = Exclude<ItsmErrorCode, (typeof ERROR_CODES)[number]>;
// Fails to compile when ItsmErrorCode gains a code this list lacks.
export const ERROR_CODES_COMPLETE: [MissingCode] extends [never] ? true : MissingCode = true;

// ---------------------------------------------------------------------------------------------------------------
// Example values (plain data is rebuilt on every call; library objects are built once and never mutated)
// ---------------------------------------------------------------------------------------------------------------

const T0 = Date.UTC(2026, 2, 9, 8, 0); // Monday 2026-03-09 08:00 UTC
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const officeSpec = () => ({
  timeZone: 'America/New_York',
  weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-12:00', '13:00-17:00'], fri: ['09:00-17:00'] },
  holidays: ['2026-12-25', '--01-01'],
  overrides: [{ date: '2026-03-14', hours: ['10:00-14:00'], name: 'Open Saturday' }],
});
const office = api.createCalendar(officeSpec());
const nights = api.createCalendar({ timeZone: 'Europe/London', weekly: { mon: ['22:00-06:00'], sat: ['00:00-24:00'] } });

const slaDefinitionJson = () => ({
  id: 'resolution', kind: 'resolution', target: 'PT8H', calendar: 'office',
  start: true, stop: { field: 'state', in: ['resolved', 'closed'] }, pause: { field: 'state', eq: 'on_hold' },
  warnAt: [0.5, 0.75],
});
const slaDefinition = api.createSlaDefinition(slaDefinitionJson() as never);
const slaEvents = () => [
  { at: at(0), type: 'CREATE', set: { state: 'new', priority: 2 } },
  { at: at(90), type: 'UPDATE', set: { state: 'on_hold' } },
  { at: at(200), type: 'UPDATE', set: { state: 'in_progress' } },
  { at: at(600), type: 'UPDATE', set: { state: 'resolved' } },
];
const evaluateOptions = () => ({ calendars: { office }, now: at(24 * 60) });
const slaResult = api.evaluateSla(slaDefinition, slaEvents() as never, evaluateOptions());

const incidentInput = () => ({ at: at(0), id: 'INC1', impact: 2, urgency: 2, group: 'Service Desk', fields: { category: 'network' } });
const openedIncident = api.openIncident(incidentInput() as never);
const resolvedIncident = api.advanceIncident(
  api.advanceIncident(openedIncident, { type: 'START', at: at(5) }).snapshot,
  { type: 'RESOLVE', at: at(30), code: 'fixed', notes: 'Rebooted the switch' },
).snapshot;
const persisted = (s: unknown): unknown => json(incidentMachine.getPersistedSnapshot(s as never));
const incidentEvent = () => ({ type: 'UPDATE', at: at(10), impact: 1, fields: { category: 'hardware' } });

const problemInput = () => ({ at: at(0), id: 'PRB1', statement: 'VPN drops every hour', linkedIncidents: ['INC1'], cause: 'MTU mismatch', workaround: 'Reconnect' });
const openedProblem = api.openProblem(problemInput() as never);
const resolvedProblem = [
  { type: 'ASSESS', at: at(2), assignee: 'kim' },
  { type: 'CONFIRM', at: at(4) },
  { type: 'START_FIX', at: at(6), fix: 'MTU 1400' },
  { type: 'RESOLVE', at: at(10), notes: 'MTU set everywhere' },
].reduce((s, e) => api.advanceProblem(s, e as never).snapshot, openedProblem);
const persistedProblem = (s: unknown): unknown => json(problemMachine.getPersistedSnapshot(s as never));
const problemEvent = () => ({ type: 'UPDATE', at: at(20), affectedCis: ['VPN-1'] });

const policyJson = () => ({
  name: 'network',
  levels: [
    { after: 'PT0S', kind: 'functional', targets: ['on-call'] },
    { after: 'PT15M', kind: 'functional', targets: ['network-l2'] },
    { after: { slaPercent: 75 }, kind: 'hierarchical', targets: ['it-manager'] },
  ],
  loops: 1,
  repeatEvery: 'PT1H',
});
const policy = api.createEscalationPolicy(policyJson());
const officeClock = office;
const escalationOptions = () => ({ acknowledgedAt: null, sla: { startedAt: at(0), dueAt: at(480), stage: 'running', targetMs: 8 * 3_600_000, elapsedMs: 3_600_000 }, calendar: officeClock });

const matrixJson = () => ({ name: 'custom 3x3', priorities: [[1, 2, 3], [2, 3, 4], [3, 4, 5]], defaultImpact: 2, defaultUrgency: 2 });
const knownErrorJson = () => ({ symptom: 'Printer offline', cause: 'Driver', workaround: 'Power-cycle it', affectedServices: ['print'], affectedCis: ['PRN-12'] });
const condition = () => ({ all: [{ field: 'state', in: ['new', 'in_progress'] }, { not: { field: 'customer.tier', eq: 'gold' } }] });

// ---------------------------------------------------------------------------------------------------------------
// The registry: one entry per exported function
// ---------------------------------------------------------------------------------------------------------------

const baseRegistry: Readonly<Record<string, Entry>> = {
  // core
  isItsmError: { args: () => [new api.ItsmError('invalid_argument', 'x')] },
  toEpochMs: { args: () => ['2026-03-08T09:30:00-05:00', 'field'] },
  isInstant: { args: () => [at(0)] },
  parseDuration: { args: () => ['P1DT12H', 'after'] },
  parseDurationOrNull: { args: () => ['PT30M'] },
  formatDuration: { args: () => [7_800_000, { days: false }] },

  // calendar
  createCalendar: { args: () => [officeSpec()] },
  safeCreateCalendar: { args: () => [officeSpec()] },
  calendar24x7: { args: () => ['Asia/Kolkata'] },
  isBusinessCalendar: { args: () => [office] },
  isBusinessTime: { args: () => [office, '2026-03-09T10:00:00-04:00'] },
  nextBusinessTime: { args: () => [office, '2026-03-09T18:00:00-04:00'] },
  businessIntervals: { args: () => [office, at(0), at(7 * 1440)] },
  addBusinessTime: { args: () => [office, at(0), 10 * 3_600_000] },
  businessTimeBetween: { args: () => [office, at(0), at(3 * 1440)] },
  addBusinessDays: { args: () => [office, at(0), 2, { at: '12:00' }] },
  unionCalendars: { args: () => [office, nights] },
  intersectCalendars: { args: () => [office, nights] },
  withTimeZone: { args: () => [office, 'Europe/Paris'] },
  formatInstant: { args: () => [at(0), 'America/New_York'] },
  calendarSpecJsonSchema: { args: () => [] },

  // sla
  describeCondition: { args: () => [condition()] },
  createSlaDefinition: { args: () => [slaDefinitionJson()] },
  safeCreateSlaDefinition: { args: () => [slaDefinitionJson()] },
  evaluateSla: { args: () => [slaDefinition, slaEvents(), evaluateOptions()] },
  explainSla: { args: () => [slaResult] },
  slaDefinitionJsonSchema: { args: () => [] },

  // incident
  createPriorityMatrix: { args: () => [matrixJson()] },
  safeCreatePriorityMatrix: { args: () => [matrixJson()] },
  priorityMatrixJsonSchema: { args: () => [] },
  derivePriority: { args: () => [2, 3, api.createPriorityMatrix(matrixJson())] },
  openIncident: { args: () => [incidentInput()] },
  safeOpenIncident: { args: () => [incidentInput()] },
  advanceIncident: { args: () => [persisted(openedIncident), incidentEvent()] },
  restoreIncident: { args: () => [persisted(resolvedIncident)] },
  safeRestoreIncident: { args: () => [persisted(resolvedIncident)] },
  replayIncidentHistory: { args: () => [json(resolvedIncident.context.history)] },
  explainIncidentRefusal: { args: () => [persisted(openedIncident), { type: 'RESOLVE', at: at(10), code: 'fixed', notes: '' }] },
  autoCloseDueAt: { args: () => [persisted(resolvedIncident), 'PT16H', { from: 'resolved_at', calendar: officeClock }] },
  createEscalationPolicy: { args: () => [policyJson()] },
  safeCreateEscalationPolicy: { args: () => [policyJson()] },
  escalationPolicyJsonSchema: { args: () => [] },
  escalationsDue: { args: () => [policy, at(0), at(300), escalationOptions()] },

  // problem
  createKnownError: { args: () => [knownErrorJson()] },
  safeCreateKnownError: { args: () => [knownErrorJson()] },
  knownErrorJsonSchema: { args: () => [] },
  knownErrorFromProblem: { args: () => [persistedProblem(resolvedProblem)] },
  openProblem: { args: () => [problemInput()] },
  safeOpenProblem: { args: () => [problemInput()] },
  advanceProblem: { args: () => [persistedProblem(openedProblem), problemEvent()] },
  restoreProblem: { args: () => [persistedProblem(resolvedProblem)] },
  safeRestoreProblem: { args: () => [persistedProblem(resolvedProblem)] },
  replayProblemHistory: { args: () => [json(resolvedProblem.context.history)] },
  explainProblemRefusal: { args: () => [persistedProblem(openedProblem), { type: 'CLOSE', at: at(20) }] },
  linkedIncidentEvents: {
    args: () => [persistedProblem(resolvedProblem), [{ id: 'INC1', state: 'on_hold', holdReason: 'awaiting_problem', updatedAt: at(5) }, { id: 'INC2', state: 'in_progress' }], { resolutionCode: 'solved_by_problem' }],
  },
};

/** Every driven export (this file: core, calendar, SLA, incident, problem; registry-more.ts: the other modules). */
export const registry: Readonly<Record<string, Entry>> = { ...baseRegistry, ...moreRegistry };

// ---------------------------------------------------------------------------------------------------------------
// Known findings: cases the suite tolerates until the module that owns them is fixed (see KNOWN.md)
// ---------------------------------------------------------------------------------------------------------------

/** What went wrong in one call. */
export type ViolationKind = 'threw' | 'bad_code' | 'no_issues' | 'safe_threw' | 'safe_shape' | 'mutated' | 'non_finite' | 'prototype' | 'slow';

/** One finding in a module this suite does not own: tolerated (or, when the call is dangerous, not run). */
export interface KnownFinding {
  /** The export. */
  readonly name: string;
  /** The issue-8 class and a one-line description (KNOWN.md has the details). */
  readonly issue: string;
  /** Which violations are tolerated. */
  readonly kinds: readonly ViolationKind[];
  /** Whether the arguments are a case of this finding. */
  readonly when: (args: readonly unknown[]) => boolean;
  /** Do not even run the call (it exhausts memory or takes minutes). */
  readonly skip?: boolean;
}

/** Whether a value satisfying `test` is reachable from the arguments (through plain objects and arrays only). */
export function reaches(args: readonly unknown[], test: (v: unknown) => boolean): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [...args];
  while (stack.length > 0 && seen.size < 10_000) {
    const v = stack.pop();
    if (test(v)) return true;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) continue;
    for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) if ('value' in d) stack.push(d.value);
  }
  return false;
}

/**
 * Findings in modules this suite does not own, tolerated while they are open (KNOWN.md lists each with a
 * reproduction). Each entry names the export, a predicate on the arguments it covers, the violation kinds it
 * tolerates and the issue-8 class; delete it when its module is fixed, and the suite checks that case again.
 * Empty: every finding of this session is fixed (KNOWN.md records what was found and where it was fixed).
 */
export const knownFindings: readonly KnownFinding[] = [];
