// Business calendars: DST-exact arithmetic, overnight shifts, holidays, overrides and composition.
// Run: npx tsx examples/calendar.ts
import {
  addBusinessDays,
  addBusinessTime,
  businessDaysBetween,
  businessIntervals,
  businessTimeBetween,
  calendar24x7,
  createCalendar,
  formatInstant,
  isBusinessDay,
  isBusinessTime,
  isHoliday,
  nextClosing,
  nextOpening,
  previousBusinessTime,
  subtractCalendars,
  unionCalendars,
} from 'itsm-kit/calendar';
import { formatDuration } from 'itsm-kit/core';

const weekdays = ['09:00-17:00'];
const newYork = createCalendar({
  name: 'New York service desk',
  timeZone: 'America/New_York',
  weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
  holidays: ['2026-11-26', { date: '--12-25', name: 'Christmas Day' }],
  overrides: [{ date: '2026-12-24', hours: ['09:00-12:00'], name: 'Christmas Eve' }],
});
const ny = (t: Date) => formatInstant(t, 'America/New_York');
const H = 3_600_000;

console.log('— Adding business time (the earliest instant that reaches it)');
const friday = '2026-03-06T16:00:00-05:00';
console.log(`  Friday 16:00 + 1 h  = ${ny(addBusinessTime(newYork, friday, H))}`);
console.log(`  Friday 16:00 + 2 h  = ${ny(addBusinessTime(newYork, friday, 2 * H))}   (over the weekend and the DST change)`);
console.log(`  Monday 10:00 − 2 h  = ${ny(addBusinessTime(newYork, '2026-03-09T10:00:00-04:00', -2 * H))}`);
console.log(`  Christmas Eve 11:00 + 2 h = ${ny(addBusinessTime(newYork, '2026-12-24T11:00:00-05:00', 2 * H))}   (half day, holiday, weekend)`);

console.log('\n— Daylight saving: an instant counts when its local wall clock is inside the hours');
const night = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['01:00-03:00'] } });
const spring = businessTimeBetween(night, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00');
const fall = businessTimeBetween(night, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00');
console.log(`  Sunday 01:00-03:00 on the spring-forward night: ${formatDuration(spring)}`);
console.log(`  Sunday 01:00-03:00 on the fall-back night:      ${formatDuration(fall)}`);
const split = createCalendar({ timeZone: 'America/New_York', weekly: { sun: ['01:30-02:30'] } });
for (const i of businessIntervals(split, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')) {
  console.log(`  01:30-02:30 on the fall-back night: ${ny(i.start)} → ${ny(i.end)}`);
}

console.log('\n— Overnight shifts and holidays');
const nights = createCalendar({ timeZone: 'Europe/London', weekly: { mon: ['22:00-06:00'], tue: ['22:00-06:00'] }, holidays: ['2026-03-10'] });
console.log(`  Tuesday 03:00 (Monday's shift, Tuesday a holiday) open? ${isBusinessTime(nights, '2026-03-10T03:00:00Z')}`);
console.log(`  Tuesday 23:00 (Tuesday's own shift) open?             ${isBusinessTime(nights, '2026-03-10T23:00:00Z')}`);

console.log('\n— Looking back and looking for the next transition');
console.log(`  Saturday noon, previous business time: ${ny(previousBusinessTime(newYork, '2026-03-07T12:00:00-05:00'))}   (the close, not 16:59:59.999)`);
const at = '2026-03-06T10:00:00-05:00';
console.log(`  Friday 10:00: next closing ${ny(nextClosing(newYork, at)!)}, next opening ${ny(nextOpening(newYork, at)!)}`);

console.log('\n— Business days, holidays and overrides');
console.log(`  Thanksgiving a business day? ${isBusinessDay(newYork, '2026-11-26')}`);
console.log(`  Christmas Eve decided by: ${JSON.stringify(isHoliday(newYork, '2026-12-24'))}`);
console.log(`  Business days in [Mon 23 Nov, Mon 30 Nov): ${businessDaysBetween(newYork, '2026-11-23', '2026-11-30')}`);
console.log(`  Monday 10:00, previous business day's close: ${ny(addBusinessDays(newYork, '2026-03-09T10:00:00-04:00', -1))}`);

console.log('\n— "By end of next business day"');
console.log(`  Ticket Friday 10:00 → due ${ny(addBusinessDays(newYork, '2026-03-06T10:00:00-05:00', 1))}`);
console.log(`  Ticket Wednesday 25 Nov 10:00 (Thanksgiving next) → due ${ny(addBusinessDays(newYork, '2026-11-25T10:00:00-05:00', 1))}`);

console.log('\n— Composition');
const maintenance = createCalendar({ timeZone: 'UTC', weekly: { sun: ['02:00-04:00'] } });
const service = subtractCalendars(calendar24x7(), maintenance);
console.log(`  24x7 minus Sunday 02:00-04:00 UTC maintenance, one week: ${formatDuration(businessTimeBetween(service, '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z'))}`);
const london = createCalendar({ timeZone: 'Europe/London', weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } });
const sydney = createCalendar({ timeZone: 'Australia/Sydney', weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays } });
const sun = unionCalendars(london, sydney, newYork);
console.log(`  Follow-the-sun (London + Sydney + New York), Tuesday 10 March: ${formatDuration(businessTimeBetween(sun, '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'))} covered`);
