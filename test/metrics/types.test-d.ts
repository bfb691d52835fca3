import { describe, expectTypeOf, it } from 'vitest';
import type { SlaResult } from '../../src/sla/index.js';
import {
  durationMetrics, quantile, slaCompliance, kaplanMeier, parseOpenSlo, doraPerformanceLevel,
  type DurationMetrics, type MetricAccessor, type MetricGroup, type QuantileMethod, type SlaCompliance, type KaplanMeierResult, type OpenSlo, type DoraLevel,
} from '../../src/metrics/index.js';

interface Ticket { id: string; priority: number; openedAt: string; resolvedAt: string | null }

describe('metrics types', () => {
  it('returns number | null values, never a bare number for something that can be missing', () => {
    expectTypeOf(quantile).returns.toEqualTypeOf<number | null>();
    expectTypeOf<DurationMetrics['value']>().toEqualTypeOf<number | null>();
    expectTypeOf<DurationMetrics['groups']>().toEqualTypeOf<readonly MetricGroup<DurationMetrics>[] | undefined>();
    expectTypeOf<KaplanMeierResult['median']>().toEqualTypeOf<number | null>();
    expectTypeOf<SlaCompliance['value']>().toEqualTypeOf<number | null>();
  });

  it('names fields of the record type, or takes functions of it', () => {
    expectTypeOf<MetricAccessor<Ticket, unknown>>().toEqualTypeOf<'id' | 'priority' | 'openedAt' | 'resolvedAt' | ((record: Ticket, index: number) => unknown)>();
    durationMetrics([] as Ticket[], { by: 'priority', start: 'openedAt', end: (t) => t.resolvedAt });
    // @ts-expect-error: not a field of Ticket
    durationMetrics([] as Ticket[], { by: 'team' });
  });

  it('takes SLA results as they come from itsm-kit/sla', () => {
    expectTypeOf(slaCompliance<SlaResult>).parameter(0).toEqualTypeOf<readonly SlaResult[]>();
    // @ts-expect-error: the stage is spelled 'canceled'
    slaCompliance([{ stage: 'cancelled', breached: false }]);
  });

  it('spells the quantile methods and DORA levels as documented', () => {
    expectTypeOf<QuantileMethod>().toEqualTypeOf<'R-1' | 'R-2' | 'R-3' | 'R-4' | 'R-5' | 'R-6' | 'R-7' | 'R-8' | 'R-9'>();
    expectTypeOf(doraPerformanceLevel).returns.toHaveProperty('overall').toEqualTypeOf<DoraLevel | null>();
    expectTypeOf(kaplanMeier).returns.toEqualTypeOf<KaplanMeierResult>();
    expectTypeOf(parseOpenSlo).returns.toEqualTypeOf<OpenSlo>();
  });
});
