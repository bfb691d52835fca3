/**
 * The calendar every library is configured with: Mon-Fri 09:00-17:00 in America/New_York, closed on the US
 * federal holidays of 2025-2027.
 */
import type { CalendarSpec } from '../src/calendar/index.js';

export const ZONE = 'America/New_York';
export const OPEN_MINUTE = 9 * 60;
export const CLOSE_MINUTE = 17 * 60;

/**
 * US federal holidays 2025-2027 (5 U.S.C. 6103), as the dates offices are closed. A holiday on a Saturday is
 * observed the Friday before, one on a Sunday the Monday after (OPM rule). Weekday-rule holidays:
 * MLK = 3rd Monday of January, Washington's Birthday = 3rd Monday of February, Memorial Day = last Monday of May,
 * Labor Day = 1st Monday of September, Columbus Day = 2nd Monday of October, Thanksgiving = 4th Thursday of
 * November. {@link checkFederalHolidays} recomputes the list from these rules.
 */
export const US_FEDERAL_HOLIDAYS_2025_2027: readonly string[] = [
  // 2025 (Inauguration Day, 2025-01-20, falls on MLK day)
  '2025-01-01', // New Year's Day (Wed)
  '2025-01-20', // Martin Luther King Jr. Day
  '2025-02-17', // Washington's Birthday
  '2025-05-26', // Memorial Day
  '2025-06-19', // Juneteenth (Thu)
  '2025-07-04', // Independence Day (Fri)
  '2025-09-01', // Labor Day
  '2025-10-13', // Columbus Day
  '2025-11-11', // Veterans Day (Tue)
  '2025-11-27', // Thanksgiving Day
  '2025-12-25', // Christmas Day (Thu)
  // 2026
  '2026-01-01', // New Year's Day (Thu)
  '2026-01-19', // Martin Luther King Jr. Day
  '2026-02-16', // Washington's Birthday
  '2026-05-25', // Memorial Day
  '2026-06-19', // Juneteenth (Fri)
  '2026-07-03', // Independence Day observed (July 4 is a Saturday)
  '2026-09-07', // Labor Day
  '2026-10-12', // Columbus Day
  '2026-11-11', // Veterans Day (Wed)
  '2026-11-26', // Thanksgiving Day
  '2026-12-25', // Christmas Day (Fri)
  // 2027
  '2027-01-01', // New Year's Day (Fri)
  '2027-01-18', // Martin Luther King Jr. Day
  '2027-02-15', // Washington's Birthday
  '2027-05-31', // Memorial Day
  '2027-06-18', // Juneteenth observed (June 19 is a Saturday)
  '2027-07-05', // Independence Day observed (July 4 is a Sunday)
  '2027-09-06', // Labor Day
  '2027-10-11', // Columbus Day
  '2027-11-11', // Veterans Day (Thu)
  '2027-11-25', // Thanksgiving Day
  '2027-12-24', // Christmas Day observed (December 25 is a Saturday)
  '2027-12-31', // New Year's Day 2028 observed (January 1, 2028 is a Saturday)
];

const WEEK = ['09:00-17:00'];

export const BENCH_SPEC: CalendarSpec = {
  name: 'US office, Mon-Fri 09-17',
  timeZone: ZONE,
  weekly: { mon: WEEK, tue: WEEK, wed: WEEK, thu: WEEK, fri: WEEK },
  holidays: [...US_FEDERAL_HOLIDAYS_2025_2027],
};

// ---------------------------------------------------------------------------------------------------------------
// Cross-check of the literal list against the rules (pure date arithmetic in UTC)
// ---------------------------------------------------------------------------------------------------------------

const key = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** The `n`-th `weekday` (0 = Sunday) of a month; `n = -1` for the last one. */
function nthWeekday(y: number, m: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = utc(y, m, 1).getUTCDay();
    return utc(y, m, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
  }
  const lastDay = utc(y, m + 1, 0);
  return utc(y, m, lastDay.getUTCDate() - ((lastDay.getUTCDay() - weekday + 7) % 7));
}

/** A fixed-date holiday moved to Friday / Monday when it falls on Saturday / Sunday. */
function observed(d: Date): Date {
  const wd = d.getUTCDay();
  return wd === 6 ? new Date(d.getTime() - 86_400_000) : wd === 0 ? new Date(d.getTime() + 86_400_000) : d;
}

/** The closed dates of year `y` by the rules (including New Year's Day of `y + 1` observed on December 31). */
function federalHolidays(y: number): string[] {
  const fixed = (m: number, d: number): Date => observed(utc(y, m, d));
  const days = [
    fixed(1, 1), nthWeekday(y, 1, 1, 3), nthWeekday(y, 2, 1, 3), nthWeekday(y, 5, 1, -1), fixed(6, 19), fixed(7, 4),
    nthWeekday(y, 9, 1, 1), nthWeekday(y, 10, 1, 2), fixed(11, 11), nthWeekday(y, 11, 4, 4), fixed(12, 25),
  ];
  const nextNewYear = observed(utc(y + 1, 1, 1));
  if (nextNewYear.getUTCFullYear() === y) days.push(nextNewYear);
  return days.filter((d) => d.getUTCFullYear() === y).map(key);
}

/** Throws when the literal list differs from the rules (a data error in the benchmark, not a timing check). */
export function checkFederalHolidays(): void {
  const computed = [2025, 2026, 2027].flatMap(federalHolidays).sort();
  const listed = [...US_FEDERAL_HOLIDAYS_2025_2027].sort();
  if (computed.join() !== listed.join()) {
    throw new Error(`US_FEDERAL_HOLIDAYS_2025_2027 differs from the rules:\n listed   ${listed.join(' ')}\n computed ${computed.join(' ')}`);
  }
}
