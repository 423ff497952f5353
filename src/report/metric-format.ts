/**
 * How the report names and prints a metric for a person: "Systolic blood pressure (mmHg)" instead
 * of `systolic_mmhg`, bedtime as a clock time (23:06), durations in hours and minutes.
 */
import { metricInfo } from '../analysis/metric-catalog.js';
import { providerModule } from '../providers/registry.js';
import { clockTime } from './chart-ticks.js';

/** Names in words where the metric's own name does not read well once its unit suffix is dropped. */
const NAMES: Readonly<Record<string, string>> = {
  total_sleep_seconds: 'Time asleep',
  awake_seconds: 'Time awake in bed',
  sleep_efficiency_pct: 'Sleep efficiency',
  bedtime_hours: 'Bedtime',
  average_hrv_ms: 'Heart rate variability (RMSSD)',
  resting_heart_rate_bpm: 'Resting heart rate',
  respiratory_rate: 'Breathing rate',
  spo2_pct: 'Blood oxygen (SpO2)',
  temperature_deviation_c: 'Temperature deviation',
  skin_temp_c: 'Skin temperature',
  readiness_score: 'Readiness score',
  recovery_score: 'Recovery score',
  systolic_mmhg: 'Systolic blood pressure',
  diastolic_mmhg: 'Diastolic blood pressure',
  weight_kg: 'Weight',
  fat_ratio_pct: 'Body fat',
};

/** Units in words (the unit a chart is drawn in, not always the stored one). */
const UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'hours',
  h: 'hours',
  ms: 'ms',
  bpm: 'beats per minute',
  score: 'score 0–100',
  'breaths/min': 'breaths per minute',
  min: 'minutes',
  count: 'count',
  'strain 0-21': 'score 0–21',
};

const SUFFIX = /_(seconds|pct|ms|bpm|kg|mmhg|c|hours)$/;

/** The metric's name in words: `deep_sleep_seconds` → "Deep sleep". */
export function metricName(metric: string): string {
  const named = NAMES[metric];
  if (named) return named;
  const words = metric.replace(SUFFIX, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The metric's unit as the report shows it: "hours" for seconds, "clock time" for bedtime. */
export function metricUnit(metric: string): string {
  if (metric === 'bedtime_hours') return 'clock time';
  const unit = metricInfo(metric)?.unit ?? '';
  return UNIT_WORDS[unit] ?? unit;
}

/** "Systolic blood pressure (mmHg)". */
export function metricLabel(metric: string): string {
  const unit = metricUnit(metric);
  const name = metricName(metric);
  return unit && unit !== name.toLowerCase() ? `${name} (${unit})` : name;
}

/** A value in the metric's stored unit, printed for a person: 23:06, 7 h 12 min, 61.5 ms, 8,412 steps. */
export function formatMetricValue(metric: string, value: number): string {
  if (metric === 'bedtime_hours') return clockTime(value);
  const unit = metricInfo(metric)?.unit;
  if (unit === 's') {
    const minutes = Math.round(value / 60);
    return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
  }
  const decimals = Math.abs(value) >= 100 ? 0 : Math.min(metricInfo(metric)?.decimals ?? 1, 1);
  const text = value.toLocaleString('en-US', { maximumFractionDigits: decimals });
  // Units that are words or scales ("score", "strain 0-21") are said by the label, not after each value.
  return unit && !/^(score|count|strain)/.test(unit) ? `${text} ${unit}` : text;
}

/** A source id for a legend: the provider's declared display name (an unknown id capitalised). */
export function sourceName(source: string): string {
  return providerModule(source)?.displayName ?? source.charAt(0).toUpperCase() + source.slice(1);
}
