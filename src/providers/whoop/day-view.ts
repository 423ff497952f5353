/** WHOOP's declaration for the day view (fields as `src/providers/whoop/normalize*.ts` writes them). */
import { MIN_NIGHT_SECONDS, type ResourceMapping } from '../../analysis/source-mapping.js';

export const WHOOP_MAPPINGS: readonly ResourceMapping[] = [
  {
    provider: 'whoop',
    resource: 'sleep', kind: 'sleep_period',
    combine: 'main_sleep',
    rankField: 'total_sleep_seconds',
    minRank: MIN_NIGHT_SECONDS,
    skipWhen: [{ field: 'nap', equals: true }],
    fields: [
      { metric: 'total_sleep_seconds', field: 'total_sleep_seconds', unit: 's' },
      { metric: 'deep_sleep_seconds', field: 'deep_sleep_seconds', unit: 's' },
      { metric: 'rem_sleep_seconds', field: 'rem_sleep_seconds', unit: 's' },
      { metric: 'light_sleep_seconds', field: 'light_sleep_seconds', unit: 's' },
      { metric: 'awake_seconds', field: 'awake_seconds', unit: 's' },
      { metric: 'time_in_bed_seconds', field: 'in_bed_seconds', unit: 's' },
      { metric: 'sleep_efficiency_pct', field: 'sleep_efficiency_pct', unit: '%' },
      { metric: 'bedtime_hours', derive: 'start_clock_hours', unit: 'h' },
      { metric: 'respiratory_rate', field: 'respiratory_rate', unit: 'breaths/min' },
    ],
  },
  {
    provider: 'whoop',
    resource: 'recovery', kind: 'daily_scores',
    combine: 'one',
    fields: [
      { metric: 'recovery_score', field: 'recovery_score', unit: 'score' },
      // WHOOP's HRV is RMSSD (ms) too, measured during deep sleep.
      { metric: 'average_hrv_ms', field: 'average_hrv_ms', unit: 'ms' },
      { metric: 'resting_heart_rate_bpm', field: 'resting_heart_rate_bpm', unit: 'bpm' },
      { metric: 'spo2_pct', field: 'spo2_pct', unit: '%' },
      { metric: 'skin_temp_c', field: 'skin_temp_c', unit: '°C' },
    ],
  },
  {
    provider: 'whoop',
    resource: 'cycle', kind: 'activity_day',
    combine: 'one',
    fields: [
      { metric: 'strain', field: 'strain', unit: 'strain 0-21' },
      { metric: 'total_calories', field: 'calories', unit: 'kcal' },
    ],
  },
  {
    provider: 'whoop',
    resource: 'workout', kind: 'workout',
    combine: 'sum',
    fields: [
      { metric: 'workout_count', derive: 'count', unit: 'count' },
      { metric: 'workout_minutes', field: 'duration_seconds', unit: 'min', scale: 1 / 60 },
    ],
  },
];
