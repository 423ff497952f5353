/** Robust personal baselines: median and spread (MAD / IQR) of each metric over a window. */
import type { CanonicalDay } from './daily-view.js';
import { metricSeries } from './daily-view.js';
import { metricInfo, roundFor } from './metric-catalog.js';
import { mad, median, quantile, robustSpread } from './stats.js';

/** Days of data a baseline needs before anything is judged against it. */
export const MIN_BASELINE_DAYS = 14;

export interface Baseline {
  metric: string;
  unit: string;
  n: number;
  median: number;
  mad: number;
  p25: number;
  p75: number;
  /** Robust σ estimate used for anomaly scores (never below the metric's `minSpread`). */
  spread: number;
}

/** Baselines of `metrics` that have at least `MIN_BASELINE_DAYS` values; the rest go to `tooFew`. */
export function computeBaselines(
  days: readonly CanonicalDay[],
  metrics: readonly string[],
): { baselines: Baseline[]; tooFew: Array<{ metric: string; n: number }> } {
  const baselines: Baseline[] = [];
  const tooFew: Array<{ metric: string; n: number }> = [];
  for (const metric of metrics) {
    const info = metricInfo(metric);
    const values = metricSeries(days, metric).map((point) => point.value);
    if (values.length === 0 || !info) continue;
    if (values.length < MIN_BASELINE_DAYS) {
      tooFew.push({ metric, n: values.length });
      continue;
    }
    baselines.push({
      metric,
      unit: info.unit,
      n: values.length,
      median: roundFor(info, median(values) as number),
      mad: roundFor(info, mad(values) as number),
      p25: roundFor(info, quantile(values, 0.25) as number),
      p75: roundFor(info, quantile(values, 0.75) as number),
      spread: robustSpread(values, info.minSpread),
    });
  }
  return { baselines, tooFew };
}
