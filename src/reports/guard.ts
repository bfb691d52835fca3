// Shape checks of the reports module's entry points: a hand-edited or JSON-read report, chart or SLA result, or an
// option of the wrong type, is refused with `invalid_argument` naming the field (never a TypeError further in).
import { ItsmError } from '../core/errors.js';
import { describeValue, isDateLike } from '../core/describe.js';
import { toEpochMs } from '../core/instant.js';
import type { SlaResult } from '../sla/result.js';

/** @internal */
export function bad(field: string, value: unknown, expected: string): ItsmError {
  return new ItsmError('invalid_argument', `${field}: ${describeValue(value)} is not ${expected}.`, { details: { field } });
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && !isDateLike(v);

/** @internal */
export function obj(v: unknown, field: string): Record<string, unknown> {
  if (!isObj(v)) throw bad(field, v, 'an object');
  return v;
}
/** @internal */
export function list(v: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(v)) throw bad(field, v, 'an array');
  for (let k = 0; k < v.length; k++) if (!(k in v)) throw bad(`${field}[${k}]`, undefined, 'a value (the array has a hole)');
  return v;
}
/** @internal */
export function num(v: unknown, field: string, nullable = false): void {
  if (nullable && v === null) return;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(field, v, nullable ? 'a finite number or null' : 'a finite number');
}
/** @internal */
export function str(v: unknown, field: string, optional = false): void {
  if (optional && v === undefined) return;
  if (typeof v !== 'string') throw bad(field, v, 'a string');
}
/** @internal */
export function date(v: unknown, field: string, nullable = false): void {
  if (nullable && v === null) return;
  if (!isDateLike(v) || !Number.isFinite(Date.prototype.getTime.call(v))) throw bad(field, v, nullable ? 'a valid Date or null' : 'a valid Date');
}
/** @internal */
export function bool(v: unknown, field: string): void {
  if (typeof v !== 'boolean') throw bad(field, v, 'a boolean');
}

function compliance(v: unknown, field: string): void {
  const c = obj(v, field);
  for (const k of ['met', 'breached', 'total'] as const) num(c[k], `${field}.${k}`);
  num(c.percent, `${field}.percent`, true);
}

/** Checks a report from `serviceReport` (possibly hand-edited) field by field. @internal */
export function checkReportShape(report: unknown): void {
  const r = obj(report, 'report');
  const p = obj(r.period, 'report.period');
  date(p.from, 'report.period.from');
  date(p.to, 'report.period.to');
  str(p.timeZone, 'report.period.timeZone');
  if (p.interval !== 'day' && p.interval !== 'week' && p.interval !== 'month') throw bad('report.period.interval', p.interval, '"day", "week" or "month"');
  list(r.buckets, 'report.buckets').forEach((b, k) => {
    const f = `report.buckets[${k}]`;
    const o = obj(b, f);
    str(o.label, `${f}.label`);
    num(o.opened, `${f}.opened`);
    num(o.resolved, `${f}.resolved`);
    num(o.mttrHours, `${f}.mttrHours`, true);
    compliance(o.sla, `${f}.sla`);
  });
  const vol = obj(r.volumes, 'report.volumes');
  num(vol.opened, 'report.volumes.opened');
  num(vol.resolved, 'report.volumes.resolved');
  const sla = obj(r.sla, 'report.sla');
  compliance(sla.overall, 'report.sla.overall');
  list(sla.byService, 'report.sla.byService').forEach((s, k) => {
    compliance(s, `report.sla.byService[${k}]`);
    str((s as Record<string, unknown>).name, `report.sla.byService[${k}].name`);
    str((s as Record<string, unknown>).service, `report.sla.byService[${k}].service`);
  });
  list(sla.byPriority, 'report.sla.byPriority').forEach((s, k) => {
    compliance(s, `report.sla.byPriority[${k}]`);
    num((s as Record<string, unknown>).priority, `report.sla.byPriority[${k}].priority`, true);
  });
  num(sla.notEvaluated, 'report.sla.notEvaluated');
  const m = obj(r.mttr, 'report.mttr');
  num(m.count, 'report.mttr.count');
  for (const k of ['meanHours', 'medianHours', 'p90Hours'] as const) num(m[k], `report.mttr.${k}`, true);
  const bl = obj(r.backlog, 'report.backlog');
  num(bl.open, 'report.backlog.open');
  list(bl.ageing, 'report.backlog.ageing').forEach((a, k) => {
    const o = obj(a, `report.backlog.ageing[${k}]`);
    str(o.label, `report.backlog.ageing[${k}].label`);
    num(o.count, `report.backlog.ageing[${k}].count`);
  });
  if (bl.oldest !== null) {
    const o = obj(bl.oldest, 'report.backlog.oldest');
    str(o.id, 'report.backlog.oldest.id');
    num(o.ageHours, 'report.backlog.oldest.ageHours');
  }
  list(r.breachCauses, 'report.breachCauses').forEach((c, k) => {
    const o = obj(c, `report.breachCauses[${k}]`);
    str(o.cause, `report.breachCauses[${k}].cause`);
    num(o.count, `report.breachCauses[${k}].count`);
    num(o.percent, `report.breachCauses[${k}].percent`);
  });
  if (r.changes !== null) {
    const c = obj(r.changes, 'report.changes');
    for (const k of ['total', 'successful', 'failed', 'backedOut'] as const) num(c[k], `report.changes.${k}`);
    num(c.successPercent, 'report.changes.successPercent', true);
  }
  if (r.csat !== null) {
    const c = obj(r.csat, 'report.csat');
    num(c.responses, 'report.csat.responses');
    num(c.satisfied, 'report.csat.satisfied');
    num(c.percent, 'report.csat.percent', true);
    num(c.meanScore, 'report.csat.meanScore', true);
  }
  list(r.series, 'report.series').forEach((s, k) => {
    const f = `report.series[${k}]`;
    const o = obj(s, f);
    str(o.metric, `${f}.metric`);
    str(o.title, `${f}.title`);
    str(o.caption, `${f}.caption`);
    list(o.labels, `${f}.labels`).forEach((l, j) => str(l, `${f}.labels[${j}]`));
    list(o.values, `${f}.values`).forEach((v, j) => num(v, `${f}.values[${j}]`));
    num(o.lowerBound, `${f}.lowerBound`);
    num(o.upperBound, `${f}.upperBound`, true);
    checkChartShape(o.chart, `${f}.chart`);
  });
  list(r.trends, 'report.trends').forEach((t, k) => {
    const f = `report.trends[${k}]`;
    const o = obj(t, f);
    for (const key of ['metric', 'direction', 'assessment', 'evidence'] as const) str(o[key], `${f}.${key}`);
    list(o.buckets, `${f}.buckets`).forEach((b, j) => str(b, `${f}.buckets[${j}]`));
  });
}

/** Checks an XmR chart (possibly hand-edited) field by field. @internal */
export function checkChartShape(chart: unknown, field = 'chart'): void {
  const c = obj(chart, field);
  list(c.points, `${field}.points`).forEach((p, k) => {
    const f = `${field}.points[${k}]`;
    const o = obj(p, f);
    num(o.value, `${f}.value`);
    num(o.movingRange, `${f}.movingRange`, true);
    list(o.signals, `${f}.signals`).forEach((s, j) => num(s, `${f}.signals[${j}]`));
  });
  for (const k of ['center', 'upperLimit', 'lowerLimit'] as const) num(c[k], `${field}.${k}`, true);
  list(c.signals, `${field}.signals`).forEach((s, k) => {
    const o = obj(s, `${field}.signals[${k}]`);
    num(o.rule, `${field}.signals[${k}].rule`);
    str(o.description, `${field}.signals[${k}].description`);
  });
}

const STAGES: ReadonlySet<unknown> = new Set(['not_started', 'running', 'paused', 'completed', 'canceled']);

/** Checks a live SLA result (Dates) field by field. @internal */
export function checkSlaResultShape(result: unknown, field = 'result'): void {
  const r = obj(result, field);
  for (const k of ['slaId', 'agreement', 'calendar', 'timeZone'] as const) str(r[k], `${field}.${k}`);
  if (!STAGES.has(r.stage)) throw bad(`${field}.stage`, r.stage, 'an SLA stage ("not_started", "running", "paused", "completed", "canceled")');
  bool(r.breached, `${field}.breached`);
  for (const k of ['startedAt', 'stoppedAt', 'dueAt', 'breachedAt'] as const) date(r[k], `${field}.${k}`, true);
  date(r.evaluatedAt, `${field}.evaluatedAt`);
  for (const k of ['targetMs', 'elapsedMs', 'percent'] as const) num(r[k], `${field}.${k}`);
  list(r.warnings, `${field}.warnings`).forEach((w, k) => {
    const o = obj(w, `${field}.warnings[${k}]`);
    num(o.fraction, `${field}.warnings[${k}].fraction`);
    date(o.dueAt, `${field}.warnings[${k}].dueAt`, true);
    date(o.reachedAt, `${field}.warnings[${k}].reachedAt`, true);
  });
  if (r.switches !== undefined) {
    list(r.switches, `${field}.switches`).forEach((w, k) => {
      const o = obj(w, `${field}.switches[${k}]`);
      date(o.at, `${field}.switches[${k}].at`);
      str(o.toId, `${field}.switches[${k}].toId`);
    });
  }
  list(r.segments, `${field}.segments`).forEach((s, k) => {
    const f = `${field}.segments[${k}]`;
    const o = obj(s, f);
    date(o.from, `${f}.from`);
    date(o.to, `${f}.to`);
    if (o.kind !== 'counting' && o.kind !== 'paused' && o.kind !== 'outside_hours') throw bad(`${f}.kind`, o.kind, '"counting", "paused" or "outside_hours"');
    str(o.cause, `${f}.cause`);
    num(o.businessMs, `${f}.businessMs`);
  });
}

const instantOrNull = (v: unknown, field: string): Date | null => (v === null || v === undefined ? null : new Date(toEpochMs(v as never, field)));

/**
 * The fields of an SLA result a report reads, as live values: accepts a result read back from JSON (instants as ISO
 * strings or epoch ms) and refuses other shapes with `invalid_argument` / `invalid_instant` naming the field.
 * @internal
 */
export function reviveSlaResult(result: unknown, field: string): SlaResult {
  const r = obj(result, field);
  str(r.slaId, `${field}.slaId`);
  if (!STAGES.has(r.stage)) throw bad(`${field}.stage`, r.stage, 'an SLA stage ("not_started", "running", "paused", "completed", "canceled")');
  bool(r.breached, `${field}.breached`);
  const segments = (r.segments === undefined ? [] : list(r.segments, `${field}.segments`)).map((s, k) => {
    const f = `${field}.segments[${k}]`;
    const o = obj(s, f);
    if (o.kind !== 'counting' && o.kind !== 'paused' && o.kind !== 'outside_hours') throw bad(`${f}.kind`, o.kind, '"counting", "paused" or "outside_hours"');
    str(o.cause, `${f}.cause`);
    return { ...o, from: new Date(toEpochMs(o.from as never, `${f}.from`)), to: new Date(toEpochMs(o.to as never, `${f}.to`)) };
  });
  return {
    ...r,
    stoppedAt: instantOrNull(r.stoppedAt, `${field}.stoppedAt`),
    breachedAt: instantOrNull(r.breachedAt, `${field}.breachedAt`),
    startedAt: instantOrNull(r.startedAt, `${field}.startedAt`),
    dueAt: instantOrNull(r.dueAt, `${field}.dueAt`),
    segments,
  } as unknown as SlaResult;
}
