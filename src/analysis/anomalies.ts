/**
 * Anomalies against robust baselines (|value − median| ≥ 3 robust σ), and episodes: runs of
 * consecutive days (one quiet day allowed) with anomalies, summarised per metric by their peak.
 */
import type { LocalDay, ProviderId } from '../core/types.js';
import { addDays } from '../core/time/days.js';
import type { Baseline } from './baselines.js';
import type { CanonicalDay } from './daily-view.js';
import { metricSeries } from './daily-view.js';
import { metricInfo, roundFor } from './metric-catalog.js';
import { round } from './stats.js';

/** Robust z-score from which a value is flagged. */
export const ANOMALY_Z = 3;

export interface Anomaly {
  day: LocalDay;
  metric: string;
  value: number;
  baseline: number;
  /** Robust z-score (value − median) / spread. */
  z: number;
  direction: 'high' | 'low';
  /** Whether the move is unfavourable for the person (null: neither direction is). */
  worse: boolean | null;
  source: ProviderId;
}

export interface EpisodeMetric {
  metric: string;
  direction: 'high' | 'low';
  days: number;
  peak_day: LocalDay;
  peak_value: number;
  baseline: number;
}

export interface Episode {
  start: LocalDay;
  end: LocalDay;
  metrics: EpisodeMetric[];
}

/** Every value of the window that lies `ANOMALY_Z` robust σ or more from its baseline. */
export function findAnomalies(days: readonly CanonicalDay[], baselines: readonly Baseline[]): Anomaly[] {
  const out: Anomaly[] = [];
  for (const baseline of baselines) {
    const info = metricInfo(baseline.metric);
    for (const point of metricSeries(days, baseline.metric)) {
      const z = (point.value - baseline.median) / baseline.spread;
      if (Math.abs(z) < ANOMALY_Z) continue;
      const direction = z > 0 ? 'high' : 'low';
      const worse = info?.better ? (info.better === 'higher') === (direction === 'low') : null;
      out.push({ day: point.day, metric: baseline.metric, value: roundFor(info, point.value), baseline: baseline.median, z: round(z, 1), direction, worse, source: point.provider });
    }
  }
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.day.localeCompare(b.day));
}

function summarise(anomalies: readonly Anomaly[]): EpisodeMetric[] {
  const byKey = new Map<string, Anomaly[]>();
  for (const anomaly of anomalies) {
    const key = `${anomaly.metric}|${anomaly.direction}`;
    byKey.set(key, [...(byKey.get(key) ?? []), anomaly]);
  }
  return [...byKey.values()]
    .map((list) => {
      const peak = list.reduce((best, item) => (Math.abs(item.z) > Math.abs(best.z) ? item : best));
      return { metric: peak.metric, direction: peak.direction, days: list.length, peak_day: peak.day, peak_value: peak.value, baseline: peak.baseline, z: Math.abs(peak.z) };
    })
    .sort((a, b) => b.days - a.days || b.z - a.z)
    .map(({ z: _z, ...rest }) => rest);
}

/** Groups anomalies into episodes of at least `minDays` days (runs allowing one quiet day). */
export function findEpisodes(anomalies: readonly Anomaly[], minDays = 2): Episode[] {
  const days = [...new Set(anomalies.map((anomaly) => anomaly.day))].sort();
  const runs: LocalDay[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && addDays(last, 2) >= day) run.push(day);
    else runs.push([day]);
  }
  return runs
    .filter((run) => run.length >= minDays)
    .map((run) => {
      const start = run[0] as LocalDay;
      const end = run[run.length - 1] as LocalDay;
      const inside = anomalies.filter((anomaly) => anomaly.day >= start && anomaly.day <= end);
      return { start, end, metrics: summarise(inside) };
    });
}
