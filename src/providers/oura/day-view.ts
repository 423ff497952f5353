/** Oura's declaration for the day view (fields as `src/providers/oura/normalize*.ts` writes them). */
import { MIN_NIGHT_SECONDS, type ResourceMapping } from '../../analysis/source-mapping.js';

export const OURA_MAPPINGS: readonly ResourceMapping[] = [
  {
    provider: 'oura',
    resource: 'sleep', kind: 'sleep_period',
    combine: 'main_sleep',
    rankField: 'total_sleep_seconds',
    minRank: MIN_NIGHT_SECONDS,
    fields: [
      { metric: 'total_sleep_seconds', field: 'total_sleep_seconds', unit: 's' },
      { metric: 'deep_sleep_seconds', field: 'deep_sleep_seconds', unit: 's' },
      { metric: 'rem_sleep_seconds', field: 'rem_sleep_seconds', unit: 's' },
      { metric: 'light_sleep_seconds', field: 'light_sleep_seconds', unit: 's' },
      { metric: 'awake_seconds', field: 'awake_seconds', unit: 's' },
      { metric: 'time_in_bed_seconds', field: 'time_in_bed_seconds', unit: 's' },
      { metric: 'sleep_efficiency_pct', field: 'efficiency_pct', unit: '%' },
      { metric: 'sleep_latency_seconds', field: 'latency_seconds', unit: 's' },
      { metric: 'bedtime_hours', derive: 'start_clock_hours', unit: 'h' },
      // Oura's average_hrv is RMSSD (ms); its lowest sleeping heart rate is what the app calls resting HR.
      { metric: 'average_hrv_ms', field: 'average_hrv_ms', unit: 'ms' },
      { metric: 'resting_heart_rate_bpm', field: 'lowest_heart_rate_bpm', unit: 'bpm' },
      { metric: 'respiratory_rate', field: 'average_breath_per_min', unit: 'breaths/min' },
    ],
  },
  { provider: 'oura', resource: 'daily_sleep', kind: 'daily_scores', combine: 'one', fields: [{ metric: 'sleep_score', field: 'score', unit: 'score' }] },
  {
    provider: 'oura',
    resource: 'daily_readiness', kind: 'daily_scores',
    combine: 'one',
    fields: [
      { metric: 'readiness_score', field: 'score', unit: 'score' },
      { metric: 'temperature_deviation_c', field: 'temperature_deviation_c', unit: '°C' },
    ],
  },
  {
    provider: 'oura',
    resource: 'daily_activity', kind: 'activity_day',
    combine: 'one',
    fields: [
      { metric: 'steps', field: 'steps', unit: 'steps' },
      { metric: 'active_calories', field: 'active_calories', unit: 'kcal' },
      { metric: 'total_calories', field: 'total_calories', unit: 'kcal' },
      { metric: 'active_minutes', field: ['high_activity_seconds', 'medium_activity_seconds'], unit: 'min', scale: 1 / 60 },
    ],
  },
  { provider: 'oura', resource: 'daily_spo2', kind: 'daily_scores', combine: 'one', fields: [{ metric: 'spo2_pct', field: 'spo2_average_pct', unit: '%' }] },
  {
    provider: 'oura',
    resource: 'workout', kind: 'workout',
    combine: 'sum',
    fields: [
      { metric: 'workout_count', derive: 'count', unit: 'count' },
      { metric: 'workout_minutes', field: 'duration_seconds', unit: 'min', scale: 1 / 60 },
    ],
  },
];
