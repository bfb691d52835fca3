// The numbers the calendar engine is tuned by, each with the reason for its value.

/** Milliseconds in a minute: interval boundaries are whole local minutes. */
export const MINUTE_MS = 60_000;

/** Milliseconds in a calendar day of the local wall clock (a local date is `floor(localMs / DAY_MS)`). */
export const DAY_MS = 86_400_000;

/**
 * How many consecutive years without business time (or without a transition) end a search with
 * `no_business_time` or `null`. Ten years is longer than any real closure a calendar expresses (a site shut for
 * a year, a contract gap) and short enough that a calendar that never opens fails in milliseconds.
 */
export const EMPTY_YEARS_LIMIT = 10;

/**
 * Margin around a UTC-year block for which zone offsets are resolved. A local day spans up to 26 h of real
 * time, an overnight interval reaches up to 48 h past its date's midnight, and offsets range over ±15 h, so
 * four days on either side cover every preimage that can touch the block.
 */
export const SEGMENT_MARGIN_MS = 4 * DAY_MS;

/**
 * How many compiled years one calendar keeps (about 10 KB each for office hours); the oldest is dropped first.
 * 64 covers an SLA batch spanning several years in either direction without recompiling.
 */
export const BLOCK_CACHE_SIZE = 64;

/**
 * The Gregorian calendar repeats exactly every 400 years (146,097 days = 20,871 weeks): the same dates fall on
 * the same weekdays, and leap years recur.
 */
export const GREGORIAN_CYCLE_YEARS = 400;

/**
 * From this year on, the time-zone data in every platform is a fixed annual rule (explicit transitions in the
 * IANA data end by 2037; ICU extends the zone's final rule forever). Together with the 400-year Gregorian
 * cycle, year `y >= PERIODIC_FROM_YEAR + 400` of a calendar without dated holidays or overrides near it has
 * the same business time as year `y - 400` (checked once per zone, see `zoneRepeats`), so long measures sum
 * cached year totals instead of compiling thousands of years.
 */
export const PERIODIC_FROM_YEAR = 2040;

/** Default cap of `businessIntervals`: far more stretches than any report shows, far fewer than a year typo makes. */
export const DEFAULT_INTERVALS_LIMIT = 100_000;
