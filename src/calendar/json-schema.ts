import { z } from 'zod';
import { CalendarSpecSchema } from './spec.js';

const INTERVAL = '^\\s*([01]\\d|2[0-4]):[0-5]\\d\\s*-\\s*([01]\\d|2[0-4]):[0-5]\\d\\s*$';
const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const DATE_OR_ANNUAL = '^(\\d{4}|-)-\\d{2}-\\d{2}$';

/**
 * The JSON Schema (draft 2020-12) of a {@link CalendarSpec}, for services that store or validate calendars
 * without TypeScript. It checks the structure and the shape of every time and date; what JSON Schema cannot
 * say (a known IANA zone, no overlap within a day, real calendar dates) only {@link CalendarSpecSchema} checks.
 *
 * @returns A fresh schema object.
 * @example
 * ```ts
 * fs.writeFileSync('calendar.schema.json', JSON.stringify(calendarSpecJsonSchema(), null, 2));
 * ```
 * @category Calendar
 */
export function calendarSpecJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CalendarSpecSchema, { io: 'input' }) as Record<string, any>;
  schema['title'] = 'itsm-kit calendar spec';
  const weekly = schema['properties'].weekly.properties as Record<string, { items: Record<string, unknown> }>;
  for (const day of Object.values(weekly)) day.items['pattern'] = INTERVAL;
  const holiday = schema['properties'].holidays.items.anyOf;
  holiday[0].pattern = DATE_OR_ANNUAL;
  holiday[1].properties.date.pattern = DATE_OR_ANNUAL;
  const override = schema['properties'].overrides.items.properties;
  override.date.pattern = DATE;
  override.hours.items.pattern = INTERVAL;
  return schema;
}
