// A deliberately naive business-time oracle for tests: Monday to Friday 09:00-17:00 UTC, minute stepping. It is
// shaped as a calendar (the business clock under the well-known symbol), independent of the calendar engine.
import { BUSINESS_CLOCK } from '../../src/core/business-clock.js';
import type { IncidentCalendar } from '../../src/incident/index.js';

const MIN = 60_000;
export const isBusinessMinute = (t: number): boolean => {
  const d = new Date(t);
  const day = d.getUTCDay();
  const m = d.getUTCHours() * 60 + d.getUTCMinutes();
  return day >= 1 && day <= 5 && m >= 9 * 60 && m < 17 * 60;
};

export const naiveBusinessTime: IncidentCalendar = {
  timeZone: 'UTC',
  [BUSINESS_CLOCK]: {
    addBusinessMs(t: number, ms: number): number {
      let u = t;
      let rest = Math.abs(ms);
      if (ms >= 0) {
        while (rest > 0) { if (isBusinessMinute(u)) rest -= MIN; u += MIN; }
      } else {
        while (rest > 0) { if (isBusinessMinute(u - MIN)) rest -= MIN; u -= MIN; }
      }
      return u;
    },
    nextBusinessMs(t: number): number {
      let u = t;
      while (!isBusinessMinute(u)) u += MIN;
      return u;
    },
  },
} as IncidentCalendar;
