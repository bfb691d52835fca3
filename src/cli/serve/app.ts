// The HTTP/JSON service (`itsm-kit serve`) as a Hono app: SLA evaluation, calendar arithmetic and definition
// checks for backends in any language. Every bad request is a 400 with the issues and their paths; bodies over
// the limit are a 413; a request over its time budget is a 503; nothing a client sends crashes the process.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { isItsmError, ItsmError, type ValidationIssue } from '../../core/errors.js';
import { issuesFromZod } from '../../core/schema.js';
import { toEpochMs } from '../../core/instant.js';
import { parseDuration, formatDuration } from '../../core/duration.js';
import { safeCreateCalendar } from '../../calendar/calendar.js';
import type { BusinessCalendar } from '../../calendar/engine.js';
import { addBusinessTime, businessTimeBetween } from '../../calendar/arithmetic.js';
import { safeCreateSlaDefinition, type SlaDefinition } from '../../sla/definition.js';
import { explainSla } from '../../sla/explain.js';
import type { SlaResult } from '../../sla/result.js';
import { evaluateTicketBatch, type SlaSetup } from '../evaluate.js';
import { kindNamed, definitionKinds } from '../kinds.js';
import { validateAs } from '../validate.js';
import { openApiDocument } from './openapi.js';
import { CalendarAddRequestSchema, CalendarBetweenRequestSchema, EvaluateRequestSchema } from './schemas.js';

/** How the service is set up. @internal */
export interface ServiceConfig {
  /** Definitions and calendars loaded at start (requests may add their own). */
  readonly setup: SlaSetup;
  /** Largest accepted request body in bytes (413 above). */
  readonly bodyLimit: number;
  /** Time budget of one request in ms (503 above). */
  readonly timeBudgetMs: number;
  /** The clock for requests without `now`. */
  readonly clock: () => number;
  readonly version: string;
}

/** A failure answered with a status and the error body. */
class HttpError extends Error {
  constructor(readonly status: 400 | 404 | 413 | 503, readonly code: string, message: string, readonly issues: readonly ValidationIssue[] = []) {
    super(message);
  }
}

const prefixed = (prefix: ReadonlyArray<string | number>, issues: readonly ValidationIssue[]): ValidationIssue[] => issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }));

/** An ItsmError from the library as a 400, its issues placed under `prefix`. */
function fromItsm(error: ItsmError, prefix: ReadonlyArray<string | number>): HttpError {
  const d = error.details as { index?: unknown; field?: unknown };
  const issues = error.issues.length > 0 ? prefixed(prefix, error.issues)
    : [{ code: error.code, path: [...prefix, ...(typeof d.index === 'number' ? ['events', d.index] : []), ...(typeof d.field === 'string' && d.field !== '' && d.field !== 'events' ? [d.field] : [])], message: error.message }];
  return new HttpError(400, error.code, error.message.split('\n')[0]!, issues);
}

async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch (e) {
    throw new HttpError(400, 'invalid_json', `The body is not valid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new HttpError(400, 'invalid_request', 'The request is invalid; see issues.', issuesFromZod(r.error));
  return r.data;
}

function instant(value: string | number, field: string): number {
  try {
    return toEpochMs(value, field);
  } catch (e) {
    if (isItsmError(e)) throw atPath(fromItsm(e, []), [field]);
    throw e;
  }
}

/** The same error with every issue placed at `path` (the request field that held the bad value). */
function atPath(e: HttpError, path: Array<string | number>): HttpError {
  return new HttpError(e.status, e.code, e.message, e.issues.map((i) => ({ ...i, path })));
}

function buildCalendars(specs: Record<string, unknown> | undefined, base: Readonly<Record<string, BusinessCalendar>>): Record<string, BusinessCalendar> {
  const out: Record<string, BusinessCalendar> = { ...base };
  const issues: ValidationIssue[] = [];
  for (const [key, spec] of Object.entries(specs ?? {})) {
    const r = safeCreateCalendar(spec);
    if (r.success) out[key] = r.data;
    else issues.push(...prefixed(['calendars', key], r.error.issues));
  }
  if (issues.length > 0) throw new HttpError(400, 'invalid_definition', 'An inline calendar is invalid; see issues.', issues);
  return out;
}

function buildDefinitions(list: readonly unknown[] | undefined, base: readonly SlaDefinition[]): SlaDefinition[] {
  if (list === undefined) return [...base];
  const out: SlaDefinition[] = [];
  const issues: ValidationIssue[] = [];
  list.forEach((d, i) => {
    const r = safeCreateSlaDefinition(d);
    if (r.success) out.push(r.data);
    else issues.push(...prefixed(['definitions', i], r.error.issues));
  });
  if (issues.length > 0) throw new HttpError(400, 'invalid_definition', 'An inline SLA definition is invalid; see issues.', issues);
  return out;
}

function calendarOf(ref: unknown, loaded: Readonly<Record<string, BusinessCalendar>>): BusinessCalendar {
  if (typeof ref === 'string') {
    const cal = loaded[ref];
    if (cal === undefined) throw new HttpError(400, 'unknown_calendar', `No calendar "${ref}" was loaded; send the spec inline or start the service with --calendars.`, [{ code: 'unknown_calendar', path: ['calendar'], message: `no calendar "${ref}" (loaded: ${Object.keys(loaded).join(', ') || 'none'})` }]);
    return cal;
  }
  const r = safeCreateCalendar(ref);
  if (!r.success) throw new HttpError(400, 'invalid_definition', 'The calendar is invalid; see issues.', prefixed(['calendar'], r.error.issues));
  return r.data;
}

const resultJson = (r: SlaResult, explain: boolean): unknown => (explain ? { ...r, explanation: explainSla(r) } : r);

/** Builds the service's Hono app. @internal */
export function createServiceApp(config: ServiceConfig): Hono {
  const app = new Hono();
  const openapi = openApiDocument(config.version);

  app.use('*', bodyLimit({
    maxSize: config.bodyLimit,
    // The rest of the body is not read: the connection must not be reused.
    onError: (c) => {
      c.header('Connection', 'close');
      return c.json({ error: { code: 'body_too_large', message: `The body is over the limit of ${config.bodyLimit} bytes; send smaller batches.` } }, 413);
    },
  }));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/openapi.json', (c) => c.json(openapi));

  app.post('/v1/sla/evaluate', async (c) => {
    const started = performance.now();
    const body = await readBody(c, EvaluateRequestSchema);
    const setup: SlaSetup = {
      definitions: buildDefinitions(body.definitions, config.setup.definitions),
      calendars: buildCalendars(body.calendars, config.setup.calendars),
    };
    if (setup.definitions.length === 0) throw new HttpError(400, 'no_definitions', 'No SLA definitions: send "definitions" or start the service with --definitions.');
    for (const [i, d] of setup.definitions.entries()) {
      if (d.calendar !== '24x7' && !(d.calendar in setup.calendars)) {
        throw new HttpError(400, 'unknown_calendar', `Definition "${d.id}" uses calendar "${d.calendar}", which is neither loaded nor sent.`, [{ code: 'unknown_calendar', path: ['definitions', i, 'calendar'], message: `no calendar "${d.calendar}"` }]);
      }
    }
    const now = body.now === undefined ? config.clock() : instant(body.now, 'now');
    const explain = body.explain === true;
    const deadline = started + config.timeBudgetMs;
    if (body.ticket !== undefined) {
      const [r] = [...evaluateTicketBatch(setup, [{ id: String(body.ticket.id), events: body.ticket.events }], now, explain)];
      if (!r!.success) throw fromItsm(r!.error, ['ticket']);
      return c.json({ id: r!.id, results: r!.data.map((x) => resultJson(x, explain)) });
    }
    const outcomes: unknown[] = [];
    let i = 0;
    for (const r of evaluateTicketBatch(setup, body.tickets!.map((t) => ({ id: String(t.id), events: t.events })), now, explain)) {
      outcomes.push(r.success ? { id: r.id, success: true, results: r.data.map((x) => resultJson(x, explain)) }
        : { id: r.id, success: false, error: { code: r.error.code, message: r.error.message, issues: fromItsm(r.error, ['tickets', i]).issues } });
      i++;
      if ((i & 63) === 0 && performance.now() > deadline) {
        throw new HttpError(503, 'time_budget_exceeded', `The batch ran over the time budget of ${config.timeBudgetMs} ms after ${i} tickets; send smaller batches.`);
      }
    }
    return c.json({ outcomes });
  });

  app.post('/v1/calendar/add', async (c) => {
    const body = await readBody(c, CalendarAddRequestSchema);
    const cal = calendarOf(body.calendar, config.setup.calendars);
    const start = instant(body.start, 'start');
    let ms: number;
    if (body.ms !== undefined) ms = body.ms;
    else {
      const negative = body.duration!.startsWith('-');
      try {
        ms = parseDuration(negative ? body.duration!.slice(1) : body.duration!, 'duration') * (negative ? -1 : 1);
      } catch (e) {
        if (isItsmError(e)) throw atPath(fromItsm(e, []), ['duration']);
        throw e;
      }
    }
    try {
      return c.json({ result: addBusinessTime(cal, start, ms) });
    } catch (e) {
      if (isItsmError(e)) throw fromItsm(e, []);
      throw e;
    }
  });

  app.post('/v1/calendar/between', async (c) => {
    const body = await readBody(c, CalendarBetweenRequestSchema);
    const cal = calendarOf(body.calendar, config.setup.calendars);
    const ms = businessTimeBetween(cal, instant(body.from, 'from'), instant(body.to, 'to'));
    return c.json({ ms, duration: `${ms < 0 ? '-' : ''}${isoDuration(Math.abs(ms))}`, text: formatDuration(ms) });
  });

  app.post('/v1/validate/:kind', async (c) => {
    const kind = kindNamed(c.req.param('kind'));
    if (kind === undefined) throw new HttpError(404, 'unknown_kind', `"${c.req.param('kind')}" is not a kind; use one of ${definitionKinds().map((k) => k.name).join(', ')}.`);
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch (e) {
      throw new HttpError(400, 'invalid_json', `The body is not valid JSON: ${(e as Error).message}`);
    }
    const report = validateAs(kind, json);
    return c.json({ kind: kind.name, valid: report.valid, issues: report.issues });
  });

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}; see /openapi.json.` } }, 404));
  app.onError((e, c) => {
    if (e instanceof HttpError) return c.json({ error: { code: e.code, message: e.message, ...(e.issues.length > 0 ? { issues: e.issues } : {}) } }, e.status);
    if (isItsmError(e)) return c.json({ error: { code: e.code, message: e.message, issues: e.issues } }, 400);
    // A bug, not the client's fault: no details leak, the process goes on.
    console.error(e);
    return c.json({ error: { code: 'internal_error', message: 'Internal error.' } }, 500);
  });
  return app;
}

/** `PT1H30M`-style text of a non-negative number of ms. */
function isoDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  const h = Math.floor(ms / 3_600_000), m = Math.floor((ms % 3_600_000) / 60_000), s = (ms % 60_000) / 1000;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}
