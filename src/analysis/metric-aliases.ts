/**
 * Common names of the canonical metrics (`hrv` -> `average_hrv_ms`, `rhr` ->
 * `resting_heart_rate_bpm`, `sleep` -> `total_sleep_seconds` ...), and the closest known name
 * for a name that is neither (edit distance), so a tool can answer "did you mean".
 */
import { METRIC_NAMES } from './metric-catalog.js';

/** Common name -> canonical metric. Keys are normalized (lower case, `_` between words). */
const ALIASES: Readonly<Record<string, string>> = {
  sleep: 'total_sleep_seconds',
  total_sleep: 'total_sleep_seconds',
  sleep_duration: 'total_sleep_seconds',
  sleep_time: 'total_sleep_seconds',
  deep_sleep: 'deep_sleep_seconds',
  deep: 'deep_sleep_seconds',
  rem: 'rem_sleep_seconds',
  rem_sleep: 'rem_sleep_seconds',
  light_sleep: 'light_sleep_seconds',
  awake: 'awake_seconds',
  awake_time: 'awake_seconds',
  time_in_bed: 'time_in_bed_seconds',
  efficiency: 'sleep_efficiency_pct',
  sleep_efficiency: 'sleep_efficiency_pct',
  latency: 'sleep_latency_seconds',
  sleep_latency: 'sleep_latency_seconds',
  bedtime: 'bedtime_hours',
  hrv: 'average_hrv_ms',
  heart_rate_variability: 'average_hrv_ms',
  rmssd: 'average_hrv_ms',
  rhr: 'resting_heart_rate_bpm',
  resting_hr: 'resting_heart_rate_bpm',
  resting_heart_rate: 'resting_heart_rate_bpm',
  respiratory: 'respiratory_rate',
  breathing_rate: 'respiratory_rate',
  spo2: 'spo2_pct',
  oxygen: 'spo2_pct',
  blood_oxygen: 'spo2_pct',
  temperature: 'temperature_deviation_c',
  temp: 'temperature_deviation_c',
  skin_temp: 'skin_temp_c',
  skin_temperature: 'skin_temp_c',
  readiness: 'readiness_score',
  recovery: 'recovery_score',
  step: 'steps',
  step_count: 'steps',
  calories: 'active_calories',
  active_kcal: 'active_calories',
  activity_minutes: 'active_minutes',
  workouts: 'workout_count',
  workout: 'workout_count',
  exercise_minutes: 'workout_minutes',
  weight: 'weight_kg',
  body_weight: 'weight_kg',
  fat: 'fat_ratio_pct',
  body_fat: 'fat_ratio_pct',
  fat_ratio: 'fat_ratio_pct',
  blood_pressure: 'systolic_mmhg',
  bp: 'systolic_mmhg',
  systolic: 'systolic_mmhg',
  diastolic: 'diastolic_mmhg',
};

const CANONICAL = new Set(METRIC_NAMES);

/** `Resting Heart-Rate` -> `resting_heart_rate`. */
function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The canonical metric `name` stands for (itself, or the metric of a common name), else undefined. */
export function resolveMetricName(name: string): string | undefined {
  const key = normalize(name);
  if (CANONICAL.has(key)) return key;
  return ALIASES[key];
}

/** Levenshtein distance (two rows; names are at most 64 characters). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The canonical metric whose name or common name is closest to `name` (ties: catalog order). */
export function closestMetric(name: string): string {
  const key = normalize(name);
  let best = METRIC_NAMES[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [candidate, metric] of [...METRIC_NAMES.map((metric) => [metric, metric] as const), ...Object.entries(ALIASES)]) {
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = metric;
      bestDistance = distance;
    }
  }
  return best;
}

/** A few common names, for descriptions. */
export const ALIAS_EXAMPLES = 'hrv, rhr, resting_heart_rate, sleep, deep_sleep, readiness, recovery, steps, weight, bp';
