import type { BusinessCalendar } from '../calendar/engine.js';
import { businessMsIntervals } from '../calendar/internal.js';
import type { SlaSegment } from './result.js';

/** Why the clock is in its current state: the event that put it there, and the condition that held. */
export interface Cause {
  readonly eventIndex: number | null;
  readonly text: string;
}

interface RawSegment {
  from: number;
  to: number;
  kind: SlaSegment['kind'];
  cause: string;
  eventIndex: number | null;
  businessMs: number;
}

/**
 * How much of one running stretch (between two events, or from the last event to `now`) the explanation shows
 * opening by opening: 366 days. A longer stretch (a ticket left open for years, or `now` at 9999-12-31) ends
 * with one summary `counting` segment.
 */
export const DETAILED_RUN_MS = 366 * 86_400_000;

/** The explanation of one cycle, built as the clock advances: stretches that continue one another are merged. */
export class SegmentLog {
  private readonly list: RawSegment[] = [];

  /** Appends a segment, extending the last one when it continues it (same kind and cause, no gap). */
  push(from: number, to: number, kind: SlaSegment['kind'], cause: string, eventIndex: number | null, businessMs: number): void {
    const last = this.list[this.list.length - 1];
    if (last !== undefined && last.to === from && last.kind === kind && last.cause === cause && last.eventIndex === eventIndex) {
      last.to = to;
      last.businessMs += businessMs;
    } else {
      this.list.push({ from, to, kind, cause, eventIndex, businessMs });
    }
  }

  /**
   * A running stretch `[from, to)` with `counted` business ms: counting inside the calendar's hours,
   * outside-hours between them, for the first {@link DETAILED_RUN_MS} of the stretch; the rest of a longer
   * stretch is one `counting` segment (its `businessMs` is the business time in it, its span includes the closed
   * hours). So the explanation grows with the events, never with the time between them.
   */
  running(cal: BusinessCalendar, from: number, to: number, counted: number, cause: Cause, closed: string): void {
    const detailTo = to - from > DETAILED_RUN_MS ? from + DETAILED_RUN_MS : to;
    let at = from;
    let detailed = 0;
    const flat = businessMsIntervals(cal, from, detailTo);
    for (let k = 0; k < flat.length; k += 2) {
      const s = flat[k]!, e = flat[k + 1]!;
      if (s > at) this.push(at, s, 'outside_hours', closed, null, 0);
      this.push(s, e, 'counting', cause.text, cause.eventIndex, e - s);
      detailed += e - s;
      at = e;
    }
    if (detailTo < to) {
      if (counted > detailed) this.push(at, to, 'counting', cause.text, cause.eventIndex, counted - detailed);
      else this.push(at, to, 'outside_hours', closed, null, 0);
    } else if (at < to) this.push(at, to, 'outside_hours', closed, null, 0);
  }

  /** Fresh result objects with `Date`s. */
  toResult(): SlaSegment[] {
    return this.list.map((s) => ({ ...s, from: new Date(s.from), to: new Date(s.to) }));
  }
}
