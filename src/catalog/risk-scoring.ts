import { z } from 'zod';
import { ItsmError, atBoundary, validationError } from '../core/errors.js';
import { describeValue } from '../core/describe.js';
import { toEpochMs, type Instant } from '../core/instant.js';
import { optionsNotObjectError } from '../core/messages.js';
import { issuesFromZod } from '../core/schema.js';
import { trustedCatalog } from './catalog-index.js';
import { impactOf } from './impact.js';
import { RiskEntrySchema, trustedRiskRegister, type RiskRegister, type RiskRegisterEntry } from './risk.js';
import type { Catalog } from './schema.js';

/**
 * The rating band of a score (likelihood × impact, 1-25): `low` 1-4, `medium` 5-9, `high` 10-14,
 * `critical` 15-25.
 *
 * @example
 * ```ts
 * const r: RiskEntryRating = 'high';
 * ```
 * @category Risk register
 */
export type RiskEntryRating = 'low' | 'medium' | 'high' | 'critical';

/**
 * Likelihood and impact (1-5), their product and its band.
 *
 * @example
 * ```ts
 * const s: RiskEntryLevel = { likelihood: 3, impact: 4, score: 12, rating: 'high' };
 * ```
 * @category Risk register
 */
export interface RiskEntryLevel {
  readonly likelihood: number;
  readonly impact: number;
  readonly score: number;
  readonly rating: RiskEntryRating;
}

/**
 * The inherent (before controls) and residual (after controls) level of a risk.
 *
 * @example
 * ```ts
 * const { inherent, residual } = scoreRiskEntry(risk);
 * ```
 * @category Risk register
 */
export interface RiskEntryScore {
  readonly id: string;
  readonly inherent: RiskEntryLevel;
  readonly residual: RiskEntryLevel;
}

const rating = (score: number): RiskEntryRating => (score >= 15 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low');
const level = (likelihood: number, impact: number): RiskEntryLevel => ({ likelihood, impact, score: likelihood * impact, rating: rating(likelihood * impact) });

/**
 * Scores a risk: inherent = likelihood × impact as entered; residual = the same after each control takes its
 * `by` steps off the factor it `reduces`, never below 1 (a control cannot make a risk vanish; to remove one,
 * close it). The treatment does not change the figures: it records the decision.
 *
 * @param risk - A risk of the register.
 * @returns Its inherent and residual levels.
 * @throws {@link core!ItsmError} `invalid_argument` when `risk` is not an object; `invalid_definition` when its
 * `id`, `likelihood`, `impact` (whole numbers 1-5) or `controls` (`by` 1-4) are not valid, so no score is NaN.
 * @example
 * ```ts
 * scoreRiskEntry({ ...risk, likelihood: 4, impact: 5, controls: [{ description: 'failover', reduces: 'impact', by: 2 }] }).residual;
 * // { likelihood: 4, impact: 3, score: 12, rating: 'high' }
 * ```
 * @category Risk register
 */
export function scoreRiskEntry(risk: RiskRegisterEntry): RiskEntryScore {
  return atBoundary(() => {
    if (risk === null || typeof risk !== 'object') {
      throw new ItsmError('invalid_argument', `risk: ${describeValue(risk)} is not a risk entry; pass { id, likelihood, impact, controls? }.`, { details: { field: 'risk' } });
    }
    const r = ScoredFields.safeParse(risk);
    if (!r.success) throw validationError('risk entry (risk)', issuesFromZod(r.error).map((i) => ({ ...i, path: ['risk', ...i.path] })));
    return scoreOf(r.data);
  });
}

// What scoring reads of an entry (the other fields of a register entry are not needed to score it).
const ScoredFields = z.looseObject({
  id: RiskEntrySchema.shape.id,
  likelihood: RiskEntrySchema.shape.likelihood,
  impact: RiskEntrySchema.shape.impact,
  controls: RiskEntrySchema.shape.controls,
});

/** Scores an entry already checked. */
function scoreOf(risk: Pick<RiskRegisterEntry, 'id' | 'likelihood' | 'impact' | 'controls'>): RiskEntryScore {
  let dl = 0, di = 0;
  for (const c of risk.controls ?? []) {
    if (c.reduces === 'likelihood') dl += c.by;
    else di += c.by;
  }
  return {
    id: risk.id,
    inherent: level(risk.likelihood, risk.impact),
    residual: level(Math.max(1, risk.likelihood - dl), Math.max(1, risk.impact - di)),
  };
}

/**
 * Options of {@link riskHeatMap}.
 *
 * @example
 * ```ts
 * const options: RiskHeatMapOptions = { basis: 'inherent', includeClosed: true };
 * ```
 * @category Risk register
 */
export interface RiskHeatMapOptions {
  /** Which level to place the risks by: `residual` (default) or `inherent`. */
  readonly basis?: 'inherent' | 'residual';
  /** Count closed risks too (default `false`). */
  readonly includeClosed?: boolean;
}

/**
 * A 5 × 5 heat map: `counts[likelihood - 1][impact - 1]` is the number of risks in that cell.
 *
 * @example
 * ```ts
 * const m: RiskHeatMap = riskHeatMap(register);
 * m.counts[4][4]; // almost certain and severe
 * ```
 * @category Risk register
 */
export interface RiskHeatMap {
  readonly basis: 'inherent' | 'residual';
  readonly counts: readonly (readonly number[])[];
  readonly total: number;
}

/**
 * Counts risks per likelihood × impact cell, the data of a 5 × 5 heat map.
 *
 * @param register - The risk register.
 * @param options - `basis` (default `residual`) and `includeClosed` (default `false`).
 * @returns The counts, indexed `[likelihood - 1][impact - 1]`, and their total.
 * @throws {@link core!ItsmError} `invalid_argument` for a `register` or options that are not objects, an unknown
 * basis or a non-boolean `includeClosed`; `invalid_definition` (every issue) for a register not made by
 * `createRiskRegister` that is not a valid one.
 * @example
 * ```ts
 * const { counts } = riskHeatMap(register, { basis: 'inherent' });
 * ```
 * @category Risk register
 */
export function riskHeatMap(register: RiskRegister, options: RiskHeatMapOptions = {}): RiskHeatMap {
  return atBoundary(() => heatMap(register, options));
}

function heatMap(register: RiskRegister, options: RiskHeatMapOptions = {}): RiskHeatMap {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ basis?, includeClosed? }');
  const { risks } = trustedRiskRegister(register, 'register');
  const basis = options.basis ?? 'residual';
  if (basis !== 'inherent' && basis !== 'residual') {
    throw new ItsmError('invalid_argument', 'options.basis: expected "inherent" or "residual".', { details: { field: 'options.basis' } });
  }
  const counts = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  let total = 0;
  const includeClosed = options.includeClosed;
  if (includeClosed !== undefined && typeof includeClosed !== 'boolean') throw booleanError('options.includeClosed', includeClosed);
  for (const risk of risks) {
    if (risk.status === 'closed' && includeClosed !== true) continue;
    const l = scoreOf(risk)[basis];
    counts[l.likelihood - 1]![l.impact - 1]!++;
    total++;
  }
  return { basis, counts, total };
}

/**
 * A risk whose review date has passed.
 *
 * @example
 * ```ts
 * for (const o of overdueRiskReviews(register, now)) notify(o.owner, `${o.id} review overdue by ${o.overdueMs} ms`);
 * ```
 * @category Risk register
 */
export interface OverdueRiskReview {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly reviewBy: Date;
  /** How long past the review date, in milliseconds (> 0). */
  readonly overdueMs: number;
}

/**
 * The open (not closed) risks whose review date is before `asOf`, most overdue first. A review due exactly at
 * `asOf` is not overdue yet.
 *
 * @param register - The risk register.
 * @param asOf - The instant to judge at ("now" is a parameter).
 * @returns The overdue reviews.
 * @throws {@link core!ItsmError} `invalid_instant` for a bad `asOf`; `invalid_argument` for a `register` that is not
 * an object; `invalid_definition` (every issue) for a register not made by `createRiskRegister` that is not a valid one.
 * @example
 * ```ts
 * overdueRiskReviews(register, '2026-07-01T00:00:00Z').map((r) => r.id);
 * ```
 * @category Risk register
 */
export function overdueRiskReviews(register: RiskRegister, asOf: Instant): OverdueRiskReview[] {
  return atBoundary(() => overdue(register, asOf));
}

function overdue(register: RiskRegister, asOf: Instant): OverdueRiskReview[] {
  const { risks } = trustedRiskRegister(register, 'register');
  const now = toEpochMs(asOf, 'asOf');
  const out: OverdueRiskReview[] = [];
  risks.forEach((risk, i) => {
    if (risk.status === 'closed') return;
    const due = toEpochMs(risk.reviewBy, `risks[${i}].reviewBy`);
    if (due < now) out.push({ id: risk.id, title: risk.title, owner: risk.owner, reviewBy: new Date(due), overdueMs: now - due });
  });
  return out.sort((a, b) => b.overdueMs - a.overdueMs);
}

/**
 * What a change touches, for {@link risksForChange}: configuration items and services (a change request's
 * `cis` and `services`).
 *
 * @example
 * ```ts
 * const scope: RiskChangeScope = { cis: ['mx-1'], services: ['email'] };
 * ```
 * @category Risk register
 */
export interface RiskChangeScope {
  readonly cis?: readonly string[];
  readonly services?: readonly string[];
}

/**
 * Options of {@link risksForChange}.
 *
 * @example
 * ```ts
 * const options: RisksForChangeOptions = { catalog };
 * ```
 * @category Risk register
 */
export interface RisksForChangeOptions {
  /** With a catalogue, a changed CI also touches the services that run on it (`cis`), and a touched service its dependents. */
  readonly catalog?: Catalog;
  /** Include closed risks (default `false`). */
  readonly includeClosed?: boolean;
}

/**
 * A risk a change touches, and how.
 *
 * @example
 * ```ts
 * for (const t of risksForChange(register, change)) console.log(t.risk.id, t.reasons.join('; '));
 * ```
 * @category Risk register
 */
export interface TouchedRisk {
  readonly risk: RiskRegisterEntry;
  readonly score: RiskEntryScore;
  /** Why the change touches it (`CI "mx-1"`, `service "email" (runs on CI "mx-1")`, ...). */
  readonly reasons: readonly string[];
}

/**
 * The risks a change touches through its configuration items or services, highest residual score first.
 * Without a catalogue, a risk is touched when it names one of the change's CIs or services; with one, a
 * changed CI also touches the services running on it, and each touched service its dependents
 * ({@link serviceImpact}), so a change to the identity servers surfaces the risks recorded against email.
 *
 * @param register - The risk register.
 * @param change - The change's `cis` and `services`.
 * @param options - `catalog`, `includeClosed`.
 * @returns The touched risks with their scores and the reasons.
 * @throws {@link core!ItsmError} `invalid_argument` for a register, change, options or `options.catalog` that is not
 * an object, `cis` / `services` that are not lists of strings, a non-boolean `includeClosed`; `invalid_definition`
 * (every issue) for a register or catalogue not made by `createRiskRegister` / `createCatalog` that is not valid.
 * @example
 * ```ts
 * risksForChange(register, { cis: ['ldap-1'] }, { catalog }).map((r) => r.risk.id);
 * ```
 * @category Risk register
 */
export function risksForChange(register: RiskRegister, change: RiskChangeScope, options: RisksForChangeOptions = {}): TouchedRisk[] {
  return atBoundary(() => touched(register, change, options));
}

function touched(register: RiskRegister, change: RiskChangeScope, options: RisksForChangeOptions = {}): TouchedRisk[] {
  if (options === undefined) options = {};
  if (change === null || typeof change !== 'object') throw optionsNotObjectError('change', '{ cis?, services? }');
  if (options === null || typeof options !== 'object') throw optionsNotObjectError('options', '{ catalog?, includeClosed? }');
  const { risks } = trustedRiskRegister(register, 'register');
  const cis = new Set(stringList(change.cis, 'change.cis'));
  const services = new Map<string, string>();
  for (const s of stringList(change.services, 'change.services')) services.set(s, `service "${s}"`);
  const includeClosed = options.includeClosed;
  if (includeClosed !== undefined && typeof includeClosed !== 'boolean') throw booleanError('options.includeClosed', includeClosed);
  const catalog = options.catalog === undefined ? undefined : trustedCatalog(options.catalog, 'options.catalog');
  if (catalog !== undefined) {
    for (const s of catalog.services) {
      const ci = (s.cis ?? []).find((c) => cis.has(c));
      if (ci !== undefined && !services.has(s.id)) services.set(s.id, `service "${s.id}" (runs on CI "${ci}")`);
    }
    const known = new Set(catalog.services.map((s) => s.id));
    for (const [id, why] of [...services]) {
      if (!known.has(id)) continue;
      for (const d of impactOf(catalog, id, 'options.catalog')) {
        if (!services.has(d.id)) services.set(d.id, `service "${d.id}" (depends on ${why})`);
      }
    }
  }
  const out: TouchedRisk[] = [];
  for (const risk of risks) {
    if (risk.status === 'closed' && includeClosed !== true) continue;
    const reasons: string[] = [];
    for (const ci of risk.cis ?? []) if (cis.has(ci)) reasons.push(`CI "${ci}"`);
    if (risk.service !== undefined && services.has(risk.service)) reasons.push(services.get(risk.service)!);
    if (reasons.length > 0) out.push({ risk, score: scoreOf(risk), reasons });
  }
  return out.sort((a, b) => b.score.residual.score - a.score.residual.score);
}

/** A list of strings (or nothing), copied; anything else is `invalid_argument` naming the field. */
function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ItsmError('invalid_argument', `${field}: ${describeValue(value)} is not a list of ids.`, { details: { field } });
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'string') throw new ItsmError('invalid_argument', `${field}[${i}]: ${describeValue(v)} is not an id (a string).`, { details: { field: `${field}[${i}]` } });
    out.push(v);
  }
  return out;
}

function booleanError(field: string, value: unknown): ItsmError {
  return new ItsmError('invalid_argument', `${field}: ${describeValue(value)} is not true or false.`, { details: { field } });
}
