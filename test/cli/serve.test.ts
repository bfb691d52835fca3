import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, randomTickets } from './helpers.js';
import { post, postTracked, startService, type Service } from './serve-helpers.js';
import { mulberry32 } from '../support/random.js';

const NOW = '2026-03-09T18:00:00Z';
const tickets = readFileSync(fixture('tickets.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return null; } });
const support = JSON.parse(readFileSync(fixture('cals.json'), 'utf8')).support;

let service: Service;
beforeAll(async () => { service = await startService(['-d', fixture('defs.json'), '-c', fixture('cals.json'), '--body-limit', '200000']); });
afterAll(async () => { await service?.stop(); });

describe('the service: SLA evaluation', () => {
  it('evaluates one ticket with the definitions loaded at start', async () => {
    const r = await post(`${service.url}/v1/sla/evaluate`, { ticket: tickets[0], now: NOW });
    expect(r.status).toBe(200);
    expect(r.json.id).toBe('INC1');
    expect(r.json.results.map((x: { slaId: string }) => x.slaId)).toEqual(['p1-resolution', 'response']);
    expect(r.json.results[0]).toMatchObject({ stage: 'running', breached: true, startedAt: '2026-03-09T13:20:00.000Z' });
  });

  it('evaluates a batch in order, a bad ticket failing alone', async () => {
    const r = await post(`${service.url}/v1/sla/evaluate`, { tickets: [tickets[0], tickets[2], tickets[1]], now: NOW, explain: true });
    expect(r.status).toBe(200);
    expect(r.json.outcomes.map((o: { id: string; success: boolean }) => [o.id, o.success])).toEqual([['INC1', true], ['INC3', false], ['INC2', true]]);
    expect(r.json.outcomes[1].error).toMatchObject({ code: 'invalid_event', issues: [{ path: ['tickets', 1, 'events', 0, 'at'] }] });
    expect(r.json.outcomes[0].results[0].explanation[0]).toContain('p1-resolution');
  });

  it('takes definitions and calendars inline', async () => {
    const definitions = [{ id: 'fix', target: 'PT2H', calendar: 'paris', start: true, stop: { field: 'state', eq: 'resolved' } }];
    const calendars = { paris: { timeZone: 'Europe/Paris', weekly: { mon: ['09:00-17:00'] } } };
    const r = await post(`${service.url}/v1/sla/evaluate`, { definitions, calendars, now: NOW, ticket: { id: 'X', events: [{ at: '2026-03-09T08:00:00Z', type: 'CREATE' }] } });
    expect(r.status).toBe(200);
    expect(r.json.results[0]).toMatchObject({ slaId: 'fix', dueAt: '2026-03-09T10:00:00.000Z', breached: true });
  });

  it('answers 400 with every issue and its path', async () => {
    const bad = await post(`${service.url}/v1/sla/evaluate`, { definitions: [{ id: 'x', target: 'soon', calendar: '24x7', start: true }], ticket: { id: 1, events: [] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    expect(bad.json.error.issues.map((i: { path: unknown[] }) => i.path)).toEqual(expect.arrayContaining([['definitions', 0, 'target'], ['definitions', 0, 'stop']]));
    const neither = await post(`${service.url}/v1/sla/evaluate`, { now: NOW });
    expect(neither.status).toBe(400);
    expect(neither.json.error.issues[0].message).toContain('either "ticket" or "tickets"');
    const events = await post(`${service.url}/v1/sla/evaluate`, { ticket: tickets[2] });
    expect(events.status).toBe(400);
    expect(events.json.error.issues[0].path).toEqual(['ticket', 'events', 0, 'at']);
    const json = await post(`${service.url}/v1/sla/evaluate`, '{"ticket": ');
    expect(json.status).toBe(400);
    expect(json.json.error.code).toBe('invalid_json');
    const now = await post(`${service.url}/v1/sla/evaluate`, { ticket: tickets[0], now: '2026-03-09 18:00' });
    expect(now.status).toBe(400);
    expect(now.json.error.issues[0].path).toEqual(['now']);
  });

  it('answers 413 for a body over the limit', async () => {
    const r = await post(`${service.url}/v1/sla/evaluate`, { tickets: randomTickets(2_000), now: NOW });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('body_too_large');
  });
});

describe('the service: calendars, validation, documents', () => {
  it('adds business time and measures it, with a loaded or an inline calendar', async () => {
    const add = await post(`${service.url}/v1/calendar/add`, { calendar: 'support', start: '2026-03-06T16:00:00-05:00', duration: 'PT2H' });
    expect(add).toEqual({ status: 200, json: { result: '2026-03-09T14:00:00.000Z' } });
    const back = await post(`${service.url}/v1/calendar/add`, { calendar: support, start: '2026-03-09T14:00:00Z', duration: '-PT2H' });
    expect(back.json.result).toBe('2026-03-06T21:00:00.000Z');
    const between = await post(`${service.url}/v1/calendar/between`, { calendar: support, from: '2026-03-06T16:00:00-05:00', to: '2026-03-09T10:00:00-04:00' });
    expect(between.json).toEqual({ ms: 7_200_000, duration: 'PT2H', text: '2 h' });
    const unknown = await post(`${service.url}/v1/calendar/between`, { calendar: 'nope', from: 0, to: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('unknown_calendar');
    const closed = await post(`${service.url}/v1/calendar/add`, { calendar: { timeZone: 'UTC', weekly: {} }, start: 0, ms: 1 });
    expect(closed.status).toBe(400);
    expect(closed.json.error.code).toBe('no_business_time');
  });

  it('validates every kind of definition, 404 for an unknown kind', async () => {
    const ok = await post(`${service.url}/v1/validate/calendar`, support);
    expect(ok.json).toEqual({ kind: 'calendar', valid: true, issues: [] });
    const bad = await post(`${service.url}/v1/validate/priority-matrix`, { priorities: [[1, 2], [3]] });
    expect(bad.status).toBe(200);
    expect(bad.json.valid).toBe(false);
    expect(bad.json.issues[0].path).toEqual(['priorities', 1]);
    expect((await post(`${service.url}/v1/validate/risk-model-x`, {})).status).toBe(404);
  });

  it('serves /healthz and an OpenAPI 3.1 document whose schemas accept the requests sent here', async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const doc = await (await fetch(`${service.url}/openapi.json`)).json() as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/sla/evaluate', '/v1/calendar/add', '/v1/calendar/between', '/v1/validate/calendar', '/v1/validate/sla', '/healthz']));
    const ajv = new Ajv2020({ strict: false });
    const evaluate = ajv.compile(doc.components.schemas.EvaluateRequest);
    expect(evaluate({ ticket: tickets[0], now: NOW })).toBe(true);
    expect(evaluate({ ticket: { id: 1 } })).toBe(false);
    const add = ajv.compile(doc.components.schemas.CalendarAddRequest);
    expect(add({ calendar: support, start: 0, duration: 'PT1H' })).toBe(true);
  });

  it('survives 300 seeded random bodies on every route without a 500', async () => {
    const rng = mulberry32(12345);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const values = (depth: number): unknown => {
      const k = Math.floor(rng() * (depth > 2 ? 5 : 8));
      const makers = [() => null, () => 42, () => 'PT1H', () => '2026-03-09T18:00:00Z', () => true, () => [values(depth + 1)],
        () => ({ ticket: values(depth + 1), calendar: values(depth + 1), start: values(depth + 1), duration: values(depth + 1) }),
        () => ({ id: 1, events: [values(depth + 1)], timeZone: values(depth + 1), weekly: values(depth + 1) })];
      return makers[k]!();
    };
    const routes = ['/v1/sla/evaluate', '/v1/calendar/add', '/v1/calendar/between', '/v1/validate/calendar', '/v1/validate/sla'];
    for (let i = 0; i < 300; i++) {
      const r = await post(`${service.url}${pick(routes)}`, rng() < 0.1 ? '{"x":' : values(0));
      expect(r.status, JSON.stringify(r.json)).toBeLessThan(500);
    }
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });
});

describe('the service: time budget and shutdown', () => {
  it('answers 503 for a batch over its time budget', async () => {
    const s = await startService(['-d', fixture('defs.json'), '-c', fixture('cals.json'), '--time-budget', '1', '--body-limit', '50000000']);
    try {
      const r = await post(`${s.url}/v1/sla/evaluate`, { tickets: randomTickets(20_000), now: NOW });
      expect(r.status).toBe(503);
      expect(r.json.error.code).toBe('time_budget_exceeded');
    } finally {
      await s.stop();
    }
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const s = await startService(['-d', fixture('defs.json'), '-c', fixture('cals.json'), '--body-limit', '50000000', '--shutdown-timeout', '120000']);
    const inFlight = postTracked(`${s.url}/v1/sla/evaluate`, { tickets: randomTickets(3_000), now: NOW });
    await inFlight.sent;
    await new Promise((r) => setTimeout(r, 50));
    const code = await s.stop();
    const r = await inFlight.done;
    expect(r.status).toBe(200);
    expect(r.json.outcomes).toHaveLength(3_000);
    expect(code).toBe(0);
    expect(s.output()).toContain('SIGTERM: finishing requests in flight');
  });
});
