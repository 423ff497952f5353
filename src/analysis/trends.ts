/** Per-bucket statistics of one metric's series (n, mean, min, max, change vs the previous bucket). */
import type { LocalDay, ProviderId } from '../core/types.js';
import { addDays, utcDayOf, utcDayStartMs } from '../core/time/days.js';
import type { CanonicalDay } from './daily-view.js';
import { metricSeries } from './daily-view.js';
import { metricInfo, roundFor } from './metric-catalog.js';
import { bucketStart, checkSpan, previousBucketStart, type Resolution } from './periods.js';

export interface TrendBucket {
  start: LocalDay;
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Mean minus the previous bucket's mean (null when either has no data). */
  change: number | null;
}

export interface Trend {
  metric: string;
  unit: string;
  resolution: Resolution;
  buckets: TrendBucket[];
  /** How many days each provider supplied the value used. */
  sources: Record<ProviderId, number>;
}

/**
 * Buckets `metric` over `[startDay, endDay]`. `days` may start earlier (one bucket before) so the
 * first bucket's change compares with real data.
 */
export function computeTrend(
  days: readonly CanonicalDay[],
  metric: string,
  range: { startDay: LocalDay; endDay: LocalDay },
  resolution: Resolution,
  source?: ProviderId,
): Trend {
  const info = metricInfo(metric);
  const series = metricSeries(days, metric, source);
  const groups = new Map<LocalDay, number[]>();
  const sources: Record<ProviderId, number> = {};
  for (const point of series) {
    if (point.day > range.endDay) continue;
    const key = bucketStart(point.day, resolution);
    groups.set(key, [...(groups.get(key) ?? []), point.value]);
    if (point.day >= range.startDay) sources[point.provider] = (sources[point.provider] ?? 0) + 1;
  }
  const stat = (values: readonly number[] | undefined) => {
    if (!values || values.length === 0) return { n: 0, mean: null, min: null, max: null };
    const total = values.reduce((sum, value) => sum + value, 0);
    return { n: values.length, mean: total / values.length, min: Math.min(...values), max: Math.max(...values) };
  };
  const buckets: TrendBucket[] = [];
  const rounded = (value: number | null): number | null => (value === null ? null : roundFor(info, value));
  checkSpan(range.startDay, range.endDay);
  for (let start = bucketStart(range.startDay, resolution); start <= range.endDay; ) {
    const own = stat(groups.get(start));
    const previous = stat(groups.get(previousBucketStart(start, resolution)));
    const change = own.mean !== null && previous.mean !== null ? own.mean - previous.mean : null;
    buckets.push({ start, n: own.n, mean: rounded(own.mean), min: rounded(own.min), max: rounded(own.max), change: rounded(change) });
    start = nextBucket(start, resolution);
  }
  return { metric, unit: info?.unit ?? '', resolution, buckets, sources };
}

function nextBucket(start: LocalDay, resolution: Resolution): LocalDay {
  if (resolution === 'day') return addDays(start, 1);
  if (resolution === 'week') return addDays(start, 7);
  const date = new Date(utcDayStartMs(start));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return utcDayOf(date);
}
