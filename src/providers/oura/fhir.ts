/** Oura's FHIR sources: which canonical `data` fields of `src/providers/oura/normalize*.ts` feed which metric. */
import { kindSource, type MetricSource } from '../../export/fhir/metric-types.js';

export const OURA_SOURCES: readonly MetricSource[] = [
  kindSource('sleep_period', { metric: 'sleep_duration', provider: 'oura', resource: 'sleep', field: 'total_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'deep_sleep_duration', provider: 'oura', resource: 'sleep', field: 'deep_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'light_sleep_duration', provider: 'oura', resource: 'sleep', field: 'light_sleep_seconds' }),
  kindSource('sleep_period', { metric: 'rem_sleep_duration', provider: 'oura', resource: 'sleep', field: 'rem_sleep_seconds' }),
  // Oura's average_hrv is RMSSD: project code, never LOINC 80404-7 (SDNN).
  kindSource('sleep_period', { metric: 'hrv_rmssd', provider: 'oura', resource: 'sleep', field: 'average_hrv_ms' }),
  // Oura's lowest heart rate of a sleep period is what its app reports as resting heart rate.
  kindSource('sleep_period', { metric: 'resting_heart_rate', provider: 'oura', resource: 'sleep', field: 'lowest_heart_rate_bpm' }),
  kindSource('sleep_period', { metric: 'respiratory_rate', provider: 'oura', resource: 'sleep', field: 'average_breath_per_min' }),
  kindSource('activity_day', { metric: 'steps', provider: 'oura', resource: 'daily_activity', field: 'steps' }),
  kindSource('activity_day', { metric: 'activity_score', provider: 'oura', resource: 'daily_activity', field: 'score' }),
  kindSource('daily_scores', { metric: 'oxygen_saturation', provider: 'oura', resource: 'daily_spo2', field: 'spo2_average_pct' }),
  kindSource('daily_scores', { metric: 'temperature_deviation', provider: 'oura', resource: 'daily_readiness', field: 'temperature_deviation_c' }),
  kindSource('daily_scores', { metric: 'readiness_score', provider: 'oura', resource: 'daily_readiness', field: 'score' }),
  kindSource('daily_scores', { metric: 'sleep_score', provider: 'oura', resource: 'daily_sleep', field: 'score' }),
  kindSource('daily_scores', { metric: 'stress_high_duration', provider: 'oura', resource: 'daily_stress', field: 'stress_high_seconds' }),
  kindSource('daily_scores', { metric: 'recovery_high_duration', provider: 'oura', resource: 'daily_stress', field: 'recovery_high_seconds' }),
  kindSource('daily_scores', { metric: 'cardiovascular_age', provider: 'oura', resource: 'daily_cardiovascular_age', field: 'vascular_age_years' }),
  kindSource('daily_scores', { metric: 'vo2_max', provider: 'oura', resource: 'vo2_max', field: 'vo2_max_ml_kg_min' }),
  kindSource('profile', { metric: 'body_weight', provider: 'oura', resource: 'personal_info', field: 'weight_kg' }),
  kindSource('profile', { metric: 'body_height', provider: 'oura', resource: 'personal_info', field: 'height_m', scale: 100 }),
  { metric: 'heart_rate', provider: 'oura', resource: 'heartrate' },
];
