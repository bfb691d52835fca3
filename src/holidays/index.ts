export { holidaysFromDateHolidays, calendarSpecWithHolidays } from './date-holidays.js';
export type {
  DateHolidaysLike, DateHolidaysOptions, DateHolidaysResult, CalendarHoliday, CalendarOverride,
} from './date-holidays.js';
