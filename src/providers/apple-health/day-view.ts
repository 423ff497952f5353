/**
 * Apple Health in the cross-device day view (fields as `day-records.ts`, `sleep-sessions.ts`,
 * `measures.ts` and `workouts.ts` write them). Only Apple's own resources are declared: the
 * `copied_*` resources hold what the Oura, WHOOP and Withings apps copied in, which those
 * providers deliver themselves, so a night or a weigh-in never counts twice. HRV is SDNN here and
 * feeds no day-view metric (the catalog's HRV is RMSSD); it is exported to FHIR as SDNN.
 */
import { MIN_NIGHT_SECONDS, type ResourceMapping } from '../../analysis/source-mapping.js';

export const APPLE_HEALTH_MAPPINGS: readonly ResourceMapping[] = [
  {
    provider: 'apple-health',
    resource: 'sleep',
    kind: 'sleep_period',
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
      { metric: 'bedtime_hours', derive: 'start_clock_hours', unit: 'h' },
    ],
  },
  {
    provider: 'apple-health',
    resource: 'vitals',
    kind: 'daily_scores',
    combine: 'one',
    fields: [
      { metric: 'resting_heart_rate_bpm', field: 'resting_heart_rate_bpm', unit: 'bpm' },
      { metric: 'respiratory_rate', field: 'respiratory_rate', unit: 'breaths/min' },
      { metric: 'spo2_pct', field: 'spo2_pct', unit: '%' },
    ],
  },
  {
    provider: 'apple-health',
    resource: 'activity',
    kind: 'activity_day',
    combine: 'one',
    fields: [
      { metric: 'steps', field: 'steps', unit: 'steps' },
      { metric: 'active_calories', field: 'active_calories', unit: 'kcal' },
      { metric: 'active_minutes', field: 'active_seconds', unit: 'min', scale: 1 / 60 },
    ],
  },
  {
    provider: 'apple-health',
    resource: 'measures',
    kind: 'body_measure',
    combine: 'mean',
    fields: [
      { metric: 'weight_kg', field: 'weight_kg', unit: 'kg' },
      { metric: 'fat_ratio_pct', field: 'fat_ratio_pct', unit: '%' },
      { metric: 'systolic_mmhg', field: 'systolic_mmhg', unit: 'mmHg' },
      { metric: 'diastolic_mmhg', field: 'diastolic_mmhg', unit: 'mmHg' },
    ],
  },
  {
    provider: 'apple-health',
    resource: 'workouts',
    kind: 'workout',
    combine: 'sum',
    fields: [
      { metric: 'workout_count', derive: 'count', unit: 'count' },
      { metric: 'workout_minutes', field: 'duration_seconds', unit: 'min', scale: 1 / 60 },
    ],
  },
];
