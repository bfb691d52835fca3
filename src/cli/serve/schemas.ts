// The request bodies of the service as zod schemas: they validate requests and generate the OpenAPI document.
import { z } from 'zod';
import { CalendarSpecSchema } from '../../calendar/spec.js';
import { SlaDefinitionSchema } from '../../sla/definition.js';

const Instant = z.union([z.string(), z.number()]).describe('An ISO 8601 instant with an offset ("2026-03-09T12:00:00Z") or epoch milliseconds');
const Event = z.object({
  at: Instant,
  type: z.string().min(1),
  set: z.record(z.string(), z.unknown()).optional(),
}).describe('One entry of a ticket\'s history; `set` changes the ticket\'s fields');

/** A ticket: its id and its events in time order. @internal */
export const TicketSchema = z.object({ id: z.union([z.string(), z.number()]), events: z.array(Event) });

/** A calendar in a request: a spec inline, or the key of a calendar loaded at start. @internal */
export const CalendarRefSchema = z.union([z.string().min(1).describe('The key of a calendar loaded with --calendars'), CalendarSpecSchema]);

/** `POST /v1/sla/evaluate`. @internal */
export const EvaluateRequestSchema = z.object({
  ticket: TicketSchema.optional().describe('One ticket (answered with one result), or'),
  tickets: z.array(TicketSchema).optional().describe('a batch (answered with one outcome per ticket, in order)'),
  now: Instant.optional().describe('Evaluate at this instant (default: the server\'s clock)'),
  explain: z.boolean().optional().describe('Add segments and readable explanation lines'),
  definitions: z.array(SlaDefinitionSchema).optional().describe('Inline SLA definitions (default: those loaded with --definitions)'),
  calendars: z.record(z.string(), CalendarSpecSchema).optional().describe('Inline calendars by key (added to those loaded with --calendars)'),
}).refine((b) => (b.ticket === undefined) !== (b.tickets === undefined), { message: 'send either "ticket" or "tickets"', path: ['ticket'] });

/** `POST /v1/calendar/add`. @internal */
export const CalendarAddRequestSchema = z.object({
  calendar: CalendarRefSchema,
  start: Instant,
  duration: z.string().optional().describe('Business time to add, ISO 8601 ("PT4H"; negative with a leading "-")'),
  ms: z.number().optional().describe('Business milliseconds to add (instead of duration)'),
}).refine((b) => (b.duration === undefined) !== (b.ms === undefined), { message: 'send either "duration" or "ms"', path: ['duration'] });

/** `POST /v1/calendar/between`. @internal */
export const CalendarBetweenRequestSchema = z.object({ calendar: CalendarRefSchema, from: Instant, to: Instant });

/** The error body of every 4xx / 5xx answer. @internal */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() })).optional(),
  }),
});
