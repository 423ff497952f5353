/**
 * Health insights over a window of the day view: robust baselines, anomalies and episodes against
 * them, declared correlations and the data gaps. Every number cited is a stored value (or a
 * statistic of stored values) with its day; with too little data it says so and judges nothing.
 */
import type { LocalDay, ProviderId } from '../core/types.js';
import { findAnomalies, findEpisodes, type Anomaly, type Episode } from './anomalies.js';
import { computeBaselines, MIN_BASELINE_DAYS, type Baseline } from './baselines.js';
import { computeCorrelations, type Correlation } from './correlations.js';
import type { CanonicalDay } from './daily-view.js';
import { dayRanges, daysOf } from './periods.js';

/** Metrics the insights judge. */
export const INSIGHT_METRICS: readonly string[] = [
  'total_sleep_seconds',
  'bedtime_hours',
  'sleep_efficiency_pct',
  'average_hrv_ms',
  'resting_heart_rate_bpm',
  'respiratory_rate',
  'temperature_deviation_c',
  'spo2_pct',
  'readiness_score',
  'recovery_score',
  'strain',
  'steps',
  'weight_kg',
  'systolic_mmhg',
];

export interface InsightOptions {
  /** Most anomalies listed (the strongest first). */
  maxAnomalies?: number;
  /** Most metrics listed per episode. */
  maxEpisodeMetrics?: number;
}

export interface HealthInsights {
  window: { start_date: LocalDay; end_date: LocalDay; days: number };
  status: 'ok' | 'too_little_data';
  message: string;
  days_with_data: number;
  /** Days on which each provider supplied at least one value. */
  sources: Record<ProviderId, number>;
  baselines: Array<Omit<Baseline, 'spread'>>;
  anomalies: Anomaly[];
  anomalies_total: number;
  episodes: Episode[];
  correlations: Correlation[];
  gaps: { no_data: string[]; no_sleep: string[] };
  too_few_for_baseline: Array<{ metric: string; n: number }>;
}

function sourceDays(days: readonly CanonicalDay[]): Record<ProviderId, number> {
  const out: Record<ProviderId, number> = {};
  for (const day of days) {
    const providers = new Set(Object.values(day.metrics).flatMap((reading) => reading.values.map((value) => value.provider)));
    for (const provider of providers) out[provider] = (out[provider] ?? 0) + 1;
  }
  return out;
}

function findGaps(days: readonly CanonicalDay[], range: { startDay: LocalDay; endDay: LocalDay }): HealthInsights['gaps'] {
  const byDay = new Map(days.map((day) => [day.day, day]));
  const all = daysOf(range.startDay, range.endDay);
  const noData = all.filter((day) => !byDay.has(day));
  const noSleep = all.filter((day) => byDay.has(day) && !byDay.get(day)?.metrics.total_sleep_seconds);
  return { no_data: dayRanges(noData), no_sleep: dayRanges(noSleep) };
}

/** Computes the insights of `days` (already limited to `range`). */
export function computeInsights(days: readonly CanonicalDay[], range: { startDay: LocalDay; endDay: LocalDay }, options: InsightOptions = {}): HealthInsights {
  const inRange = days.filter((day) => day.day >= range.startDay && day.day <= range.endDay);
  const windowDays = daysOf(range.startDay, range.endDay).length;
  const base = {
    window: { start_date: range.startDay, end_date: range.endDay, days: windowDays },
    days_with_data: inRange.length,
    sources: sourceDays(inRange),
    gaps: findGaps(inRange, range),
  };
  if (inRange.length < MIN_BASELINE_DAYS) {
    const message =
      `Too little data: ${inRange.length} day(s) with data in ${range.startDay}..${range.endDay}; a personal baseline needs at least ${MIN_BASELINE_DAYS}. ` +
      'Nothing is judged. Sync more history (the sync tool) or ask again for a longer window.';
    return { ...base, status: 'too_little_data', message, baselines: [], anomalies: [], anomalies_total: 0, episodes: [], correlations: [], too_few_for_baseline: [] };
  }
  const { baselines, tooFew } = computeBaselines(inRange, INSIGHT_METRICS);
  const anomalies = findAnomalies(inRange, baselines);
  const maxMetrics = options.maxEpisodeMetrics ?? 4;
  const episodes = findEpisodes(anomalies).map((episode) => ({ ...episode, metrics: episode.metrics.slice(0, maxMetrics) }));
  const correlations = computeCorrelations(inRange);
  const message =
    `Baselines from ${inRange.length} days with data (${range.startDay}..${range.endDay}); ${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'} ` +
    `(|robust z| >= 3) in ${episodes.length} episode(s) of 2+ days.`;
  return {
    ...base,
    status: 'ok',
    message,
    baselines: baselines.map(({ spread: _spread, ...rest }) => rest),
    anomalies: anomalies.slice(0, options.maxAnomalies ?? 8),
    anomalies_total: anomalies.length,
    episodes,
    correlations,
    too_few_for_baseline: tooFew,
  };
}
