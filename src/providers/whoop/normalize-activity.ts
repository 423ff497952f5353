/** Pure normalizers of WHOOP sleeps (naps included) and workouts. */
import type { WorkoutZoneDurations } from '../../core/records/workout.js';
import type { WhoopSleep, WhoopWorkout } from './schema.js';
import { kilocalories, localDateOf, orNull, rounded, scoredFields, seconds, spanCore } from './normalize-common.js';
import type { KindCore } from './record-core.js';

function sum(...values: Array<number | null>): number | null {
  if (values.some((value) => value === null)) return null;
  return rounded((values as number[]).reduce((total, value) => total + value, 0), 1);
}

/** `sleep` → named stages in seconds, performance / consistency / efficiency, respiratory rate. Day: local wake-up date. */
export function normalizeSleep(sleep: WhoopSleep): KindCore<'sleep_period'> {
  const score = sleep.score;
  const stages = score?.stage_summary;
  const need = score?.sleep_needed;
  const light = seconds(stages?.total_light_sleep_time_milli);
  const rem = seconds(stages?.total_rem_sleep_time_milli);
  const deep = seconds(stages?.total_slow_wave_sleep_time_milli);
  const needParts = [need?.baseline_milli, need?.need_from_sleep_debt_milli, need?.need_from_recent_strain_milli, need?.need_from_recent_nap_milli];
  return spanCore('sleep_period', sleep.id, sleep, localDateOf(sleep.end, sleep.timezone_offset), {
    cycle_id: orNull(sleep.cycle_id),
    v1_id: orNull(sleep.v1_id),
    nap: sleep.nap ?? false,
    score_state: sleep.score_state,
    ...scoredFields(sleep.score_state, {
      sleep_performance_pct: rounded(score?.sleep_performance_percentage, 1),
      sleep_consistency_pct: rounded(score?.sleep_consistency_percentage, 1),
      sleep_efficiency_pct: rounded(score?.sleep_efficiency_percentage, 1),
      respiratory_rate: rounded(score?.respiratory_rate, 1),
      in_bed_seconds: seconds(stages?.total_in_bed_time_milli),
      total_sleep_seconds: sum(light, rem, deep),
      light_sleep_seconds: light,
      rem_sleep_seconds: rem,
      deep_sleep_seconds: deep,
      awake_seconds: seconds(stages?.total_awake_time_milli),
      no_data_seconds: seconds(stages?.total_no_data_time_milli),
      sleep_cycle_count: orNull(stages?.sleep_cycle_count),
      disturbance_count: orNull(stages?.disturbance_count),
      sleep_need_seconds: need ? sum(...needParts.map((part) => seconds(part ?? 0))) : null,
    }),
  });
}

/**
 * `percent_recorded` as a percent, unrounded. The spec documents 0–100 (example 100), but real
 * responses send a fraction (`1.0` in shared/specs/recorded/whoop/unresolved_provenance/
 * workout_record_1.json): the recorded response wins, so values up to 1 are fractions.
 */
function percentRecorded(value: number | null | undefined): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return value <= 1 ? Number((value * 100).toFixed(6)) : value;
}

const ZONES = ['zero', 'one', 'two', 'three', 'four', 'five'] as const;

/** `workout` → sport, strain, heart rate, kcal, distance, zone durations in seconds. Day: local start date. */
export function normalizeWorkout(workout: WhoopWorkout): KindCore<'workout'> {
  const score = workout.score;
  const zones = score?.zone_durations;
  const duration = (Date.parse(workout.end) - Date.parse(workout.start)) / 1000;
  return spanCore('workout', workout.id, workout, localDateOf(workout.start, workout.timezone_offset), {
    sport_name: orNull(workout.sport_name),
    v1_id: orNull(workout.v1_id),
    duration_seconds: Number.isFinite(duration) ? Math.round(duration) : null,
    score_state: workout.score_state,
    ...scoredFields(workout.score_state, {
      strain: rounded(score?.strain, 2),
      avg_hr_bpm: orNull(score?.average_heart_rate),
      max_hr_bpm: orNull(score?.max_heart_rate),
      calories: kilocalories(score?.kilojoule),
      distance_meter: rounded(score?.distance_meter, 1),
      altitude_gain_meter: rounded(score?.altitude_gain_meter, 1),
      altitude_change_meter: rounded(score?.altitude_change_meter, 1),
      percent_recorded: percentRecorded(score?.percent_recorded),
      zone_durations_seconds: zones
        ? (Object.fromEntries(ZONES.map((zone) => [`zone_${zone}`, seconds(zones[`zone_${zone}_milli`]) ?? 0])) as WorkoutZoneDurations)
        : null,
    }),
  });
}
