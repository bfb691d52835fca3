/**
 * The peer libraries, configured with the benchmark calendar, behind one small adapter each. Both compute in
 * the host's local zone (they have no zone option), which is why the process must run with
 * TZ=America/New_York. Inputs are epoch ms; each call builds the library's own date objects, as a user holding
 * a timestamp would.
 */
import { createRequire } from 'node:module';
import type { LocaleSpecification, Moment } from 'moment';
import dayjs from 'dayjs';
import dayjsBusinessTime from 'dayjs-business-time';
import { US_FEDERAL_HOLIDAYS_2025_2027 } from './calendar.fixtures.js';

// moment-business-time ships no types: it patches moment's prototype and exports moment itself.
declare module 'moment' {
  interface Moment {
    addWorkingTime(amount: number, unit: 'minutes'): this;
    workingDiff(other: import('moment').Moment, unit: 'minutes'): number;
  }
}

export interface PeerAdapter {
  readonly name: string;
  /** Epoch ms of `start` plus `minutes` business minutes. */
  add(start: number, minutes: number): number;
  /** Business minutes from `from` to `to` (`from <= to`). */
  between(from: number, to: number): number;
  /** The same operations returning the library's own objects (what the timed loop calls). */
  addRaw(start: number, minutes: number): unknown;
  betweenRaw(from: number, to: number): unknown;
}

const require = createRequire(import.meta.url);

let momentPeer: PeerAdapter | null = null;
let dayjsPeer: PeerAdapter | null = null;

/** moment-business-time, set up through moment's locale (`workinghours`, `holidays`). */
export function momentBusinessTime(): PeerAdapter {
  if (momentPeer !== null) return momentPeer;
  const moment = require('moment-business-time') as typeof import('moment');
  const day = ['09:00:00', '17:00:00'];
  // `updateLocale` is moment's documented way to change an existing locale (`locale(name, config)` would define
  // a new one and warn); the plugin reads `workinghours` and `holidays` from the current locale.
  moment.updateLocale('en', {
    workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
    holidays: [...US_FEDERAL_HOLIDAYS_2025_2027],
  } as LocaleSpecification);
  const addRaw = (start: number, minutes: number): Moment => moment(start).addWorkingTime(minutes, 'minutes');
  // `a.workingDiff(b)` is a - b.
  const betweenRaw = (from: number, to: number): number => moment(to).workingDiff(moment(from), 'minutes');
  momentPeer = {
    name: 'moment-business-time',
    add: (s, m) => addRaw(s, m).valueOf(),
    between: (a, b) => betweenRaw(a, b) + 0, // + 0 turns the plugin's -0 into 0
    addRaw,
    betweenRaw,
  };
  return momentPeer;
}

/** dayjs-business-time, set up with `setBusinessTime` and `setHolidays`. */
export function dayjsBusinessTimePeer(): PeerAdapter {
  if (dayjsPeer !== null) return dayjsPeer;
  dayjs.extend(dayjsBusinessTime);
  const day = [{ start: '09:00:00', end: '17:00:00' }];
  dayjs.setBusinessTime({ sunday: null, monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: null });
  dayjs.setHolidays([...US_FEDERAL_HOLIDAYS_2025_2027]);
  const addRaw = (start: number, minutes: number): dayjs.Dayjs => dayjs(start).addBusinessMinutes(minutes);
  // `a.businessMinutesDiff(b)` is b - a.
  const betweenRaw = (from: number, to: number): number => dayjs(from).businessMinutesDiff(dayjs(to));
  dayjsPeer = {
    name: 'dayjs-business-time',
    add: (s, m) => addRaw(s, m).valueOf(),
    between: (a, b) => betweenRaw(a, b) + 0,
    addRaw,
    betweenRaw,
  };
  return dayjsPeer;
}
