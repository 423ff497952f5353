/** Withings' declaration for the day view (fields as `src/providers/withings/normalize*.ts` writes them). */
import { MIN_NIGHT_SECONDS, type ResourceMapping } from '../../analysis/source-mapping.js';

export const WITHINGS_MAPPINGS: readonly ResourceMapping[] = [
  {
    provider: 'withings',
    resource: 'measures', kind: 'body_measure',
    combine: 'mean',
    // Weight goals are measure groups too, and an ambiguous weigh-in may be a guest on the scale:
    // only the user's own measurements count.
    skipWhen: [
      { field: 'category', equals: 'goal' },
      { field: 'attribution', equals: 'ambiguous' },
    ],
    fields: [
      { metric: 'weight_kg', field: 'weight_kg', unit: 'kg' },
      { metric: 'fat_ratio_pct', field: 'fat_ratio_pct', unit: '%' },
      { metric: 'systolic_mmhg', field: 'systolic_mmhg', unit: 'mmHg' },
      { metric: 'diastolic_mmhg', field: 'diastolic_mmhg', unit: 'mmHg' },
      { metric: 'spo2_pct', field: 'spo2_pct', unit: '%' },
    ],
  },
  {
    provider: 'withings',
    resource: 'sleep_summary', kind: 'sleep_period',
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
      { metric: 'resting_heart_rate_bpm', field: 'lowest_heart_rate_bpm', unit: 'bpm' },
      { metric: 'respiratory_rate', field: 'respiratory_rate', unit: 'breaths/min' },
      { metric: 'sleep_score', field: 'sleep_score', unit: 'score' },
    ],
  },
  {
    provider: 'withings',
    resource: 'activity', kind: 'activity_day',
    combine: 'one',
    fields: [
      { metric: 'steps', field: 'steps', unit: 'steps' },
      { metric: 'active_calories', field: 'active_calories', unit: 'kcal' },
      { metric: 'total_calories', field: 'total_calories', unit: 'kcal' },
      { metric: 'active_minutes', field: ['moderate_activity_seconds', 'intense_activity_seconds'], unit: 'min', scale: 1 / 60 },
    ],
  },
  {
    provider: 'withings',
    resource: 'workouts', kind: 'workout',
    combine: 'sum',
    fields: [
      { metric: 'workout_count', derive: 'count', unit: 'count' },
      { metric: 'workout_minutes', field: 'duration_seconds', unit: 'min', scale: 1 / 60 },
    ],
  },
];
