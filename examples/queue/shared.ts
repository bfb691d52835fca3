// What the producer and the workers share: the queue's name, the Redis connection, the SLA definitions and
// calendars, and where results live in Redis.
import { Redis } from 'ioredis';
import { createCalendar, type BusinessCalendar } from 'itsm-kit/calendar';
import { createSlaDefinition, type SlaDefinition, type TicketEvent } from 'itsm-kit/sla';

/** The one queue: `evaluate` jobs (a ticket changed) and delayed `timer` jobs (a clock reaches a threshold). */
export const QUEUE = process.env['SLA_QUEUE'] ?? 'sla';
/** Hash of ticket id → latest SLA results (JSON). */
export const RESULTS = `${QUEUE}:results`;
/** Hash of ticket id → how many times it was evaluated (to see at-least-once delivery at work). */
export const RUNS = `${QUEUE}:runs`;

/** A new Redis connection as BullMQ wants it (`maxRetriesPerRequest: null` for workers). */
export function redis(): Redis {
  return new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
}

/** A ticket as the producer enqueues it: its id, a version that grows with every change, and its events. */
export interface TicketJob {
  readonly id: string;
  readonly version: number;
  readonly events: TicketEvent[];
}

const weekday = ['09:00-17:00'];
export const calendars: Record<string, BusinessCalendar> = {
  support: createCalendar({ timeZone: 'America/New_York', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday }, holidays: ['--12-25', '--01-01'] }),
};

export const definitions: SlaDefinition[] = [
  createSlaDefinition({ id: 'response', kind: 'response', target: 'PT1H', calendar: 'support', start: true, stop: { field: 'state', ne: 'new' } }),
  createSlaDefinition({ id: 'resolution', kind: 'resolution', target: 'PT8H', calendar: 'support', start: true, stop: { field: 'state', in: ['resolved', 'closed'] }, pause: { field: 'state', eq: 'on_hold' } }),
];

/** The job id of an evaluation: one per ticket version, so enqueuing the same change twice runs it once. */
export const evaluateJobId = (t: { id: string; version: number }): string => `evaluate-${t.id}-v${t.version}`;
/** The job id of a timer: one per ticket and instant, so re-arming the same timer is a no-op. */
export const timerJobId = (id: string, at: number): string => `timer-${id}-${at}`;

/** `count` seeded tickets (a tiny PRNG, so the producer and a checker build the same ones). */
export function sampleTickets(count: number, seed = 12345): TicketJob[] {
  let s = seed >>> 0;
  const rng = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out: TicketJob[] = [];
  for (let i = 0; i < count; i++) {
    let t = Date.UTC(2026, 2, 2, 13) + Math.floor(rng() * 14 * 24 * 60) * 60_000;
    const events: TicketEvent[] = [{ at: new Date(t).toISOString(), type: 'CREATE', set: { state: 'new' } }];
    for (const state of ['in_progress', 'on_hold', 'in_progress', 'resolved'].slice(0, Math.floor(rng() * 5))) {
      t += Math.floor(1 + rng() * 600) * 60_000;
      events.push({ at: new Date(t).toISOString(), type: 'STATE', set: { state } });
    }
    out.push({ id: `INC${String(i).padStart(6, '0')}`, version: events.length, events });
  }
  return out;
}
