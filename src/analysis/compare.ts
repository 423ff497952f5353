/** Compares metrics between two periods of the day view (n, mean, median, min, max, change). */
import type { LocalDay, ProviderId } from '../core/types.js';
import type { CanonicalDay } from './daily-view.js';
import { metricSeries } from './daily-view.js';
import { metricInfo, roundFor } from './metric-catalog.js';
import { mean, median } from './stats.js';

export interface PeriodStats {
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface MetricComparison {
  metric: string;
  unit: string;
  a: PeriodStats;
  b: PeriodStats;
  /** b.mean − a.mean. */
  change: number | null;
  /** Change in percent of a.mean. */
  change_pct: number | null;
}

function periodStats(metric: string, days: readonly CanonicalDay[], range: { startDay: LocalDay; endDay: LocalDay }, source?: ProviderId): PeriodStats {
  const info = metricInfo(metric);
  const values = metricSeries(days, metric, source)
    .filter((point) => point.day >= range.startDay && point.day <= range.endDay)
    .map((point) => point.value);
  const r = (value: number | null): number | null => (value === null ? null : roundFor(info, value));
  return {
    n: values.length,
    mean: r(mean(values)),
    median: r(median(values)),
    min: values.length ? r(Math.min(...values)) : null,
    max: values.length ? r(Math.max(...values)) : null,
  };
}

/** One comparison per metric between period `a` and period `b` (both read from `days`). */
export function comparePeriods(
  days: readonly CanonicalDay[],
  metrics: readonly string[],
  a: { startDay: LocalDay; endDay: LocalDay },
  b: { startDay: LocalDay; endDay: LocalDay },
  source?: ProviderId,
): MetricComparison[] {
  return metrics.map((metric) => {
    const info = metricInfo(metric);
    const left = periodStats(metric, days, a, source);
    const right = periodStats(metric, days, b, source);
    const change = left.mean !== null && right.mean !== null ? roundFor(info, right.mean - left.mean) : null;
    const changePct = change !== null && left.mean ? Math.round((change / Math.abs(left.mean)) * 1000) / 10 : null;
    return { metric, unit: info?.unit ?? '', a: left, b: right, change, change_pct: changePct };
  });
}
