// The OpenAPI 3.1 document of the service, generated from the same zod schemas that validate the requests.
import { z } from 'zod';
import { definitionKinds } from '../kinds.js';
import { CalendarAddRequestSchema, CalendarBetweenRequestSchema, ErrorResponseSchema, EvaluateRequestSchema } from './schemas.js';

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType): Json => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};
const body = (ref: string): Json => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const errors: Json = {
  '400': { description: 'Invalid JSON or an invalid request, with every issue and its path', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '413': { description: 'The body is over the size limit' },
  '503': { description: 'The request ran over its time budget' },
};
const ok = (description: string, schema: Json): Json => ({ '200': { description, content: { 'application/json': { schema } } }, ...errors });

/** Builds the OpenAPI document. @internal */
export function openApiDocument(version: string): Json {
  const kinds = definitionKinds();
  const components: Record<string, Json> = {
    EvaluateRequest: schemaOf(EvaluateRequestSchema),
    CalendarAddRequest: schemaOf(CalendarAddRequestSchema),
    CalendarBetweenRequest: schemaOf(CalendarBetweenRequestSchema),
    Error: schemaOf(ErrorResponseSchema),
  };
  const paths: Record<string, Json> = {
    '/v1/sla/evaluate': {
      post: {
        summary: 'Evaluate SLA clocks for one ticket or a batch',
        description: 'One ticket gives `{ id, results }` (400 if its events are invalid); a batch gives `{ outcomes: [{ id, success, results | error }] }`, where a bad ticket does not fail the others. Results carry `nextChangeAt`: arm a timer for it.',
        requestBody: body('EvaluateRequest'),
        responses: ok('The SLA results', { type: 'object' }),
      },
    },
    '/v1/calendar/add': {
      post: { summary: 'Add business time to an instant', requestBody: body('CalendarAddRequest'), responses: ok('The resulting instant', { type: 'object', properties: { result: { type: 'string', format: 'date-time' } } }) },
    },
    '/v1/calendar/between': {
      post: { summary: 'Business time between two instants', requestBody: body('CalendarBetweenRequest'), responses: ok('The business time', { type: 'object', properties: { ms: { type: 'number' }, duration: { type: 'string' } } }) },
    },
    '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'Up', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } } } } } } } } },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
  };
  for (const kind of kinds) {
    const name = `Definition_${kind.name.replace(/-/g, '_')}`;
    components[name] = schemaOf(kind.schema);
    paths[`/v1/validate/${kind.name}`] = {
      post: {
        summary: `Validate a ${kind.title}`,
        description: 'Runs every check of the library (not only the JSON Schema). A definition with problems is a successful validation: 200 with `valid: false` and the issues.',
        requestBody: body(name),
        responses: ok('The validation report', { type: 'object', properties: { valid: { type: 'boolean' }, issues: { type: 'array' } } }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'itsm-kit service', version, description: 'SLA clocks, business-calendar arithmetic and definition checks over HTTP/JSON.' },
    paths,
    components: { schemas: components },
  };
}
