// Public holidays from the date-holidays package in a business calendar: whole days closed, half days
// (German Christmas Eve and New Year's Eve from 14:00) kept as shortened hours.
import Holidays from 'date-holidays';
import { addBusinessTime, createCalendar, formatInstant, isBusinessTime, type CalendarSpec } from 'itsm-kit/calendar';
import { calendarSpecWithHolidays, holidaysFromDateHolidays } from 'itsm-kit/holidays';

const day = ['09:00-17:00'];
const office: CalendarSpec = { timeZone: 'Europe/Berlin', weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } };
const spec = calendarSpecWithHolidays(office, new Holidays('DE', 'BE'), { years: [2026, 2027] });
const berlin = createCalendar(spec);

console.log(`${spec.holidays?.length} holidays and ${spec.overrides?.length} half days for Berlin in 2026-2027:`);
for (const o of spec.overrides ?? []) console.log(`  ${o.date} ${o.name}: open ${o.hours.join(', ')}`);
console.log(`open on 2026-12-24 at 13:30? ${isBusinessTime(berlin, '2026-12-24T13:30:00+01:00')}; at 14:00? ${isBusinessTime(berlin, '2026-12-24T14:00:00+01:00')}`);
console.log(`2026-12-24 13:00 + 2 business hours = ${formatInstant(addBusinessTime(berlin, '2026-12-24T13:00:00+01:00', 2 * 3_600_000), 'Europe/Berlin')}`);

for (const country of ['US', 'GB', 'FR', 'JP']) {
  const { holidays } = holidaysFromDateHolidays(new Holidays(country), { years: 2026 });
  console.log(`${country} 2026: ${holidays.length} closed days, first ${holidays[0]?.date} (${holidays[0]?.name})`);
}
