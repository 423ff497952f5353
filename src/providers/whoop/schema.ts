/**
 * Minimal zod schemas of the WHOOP v2 fields we read (the WHOOP OpenAPI spec, `specs/whoop/whoop-openapi.json` of the project's shared spec folder).
 * Objects are loose so unknown fields survive into `raw`; `score_state` is a plain string so a new
 * state never fails a sync. `score` is optional everywhere: the spec sends it only when SCORED.
 */
import { z } from 'zod';

const num = z.number().nullish();
const text = z.string().nullish();

/** `{ records: [...], next_token }` — WHOOP's list envelope. Records are validated one by one later. */
export const whoopPageSchema = z.looseObject({
  records: z.array(z.unknown()),
  next_token: z.string().nullish(),
});

export const profileSchema = z.looseObject({ user_id: num, email: text, first_name: text, last_name: text });

export const bodyMeasurementSchema = z.looseObject({ height_meter: num, weight_kilogram: num, max_heart_rate: num });

export const cycleSchema = z.looseObject({
  id: z.number().int(),
  start: z.string(),
  end: text,
  timezone_offset: z.string(),
  updated_at: text,
  score_state: z.string(),
  score: z.looseObject({ strain: num, kilojoule: num, average_heart_rate: num, max_heart_rate: num }).nullish(),
});

export const recoverySchema = z.looseObject({
  cycle_id: z.number().int(),
  sleep_id: text,
  updated_at: text,
  score_state: z.string(),
  score: z
    .looseObject({
      user_calibrating: z.boolean().nullish(),
      recovery_score: num,
      resting_heart_rate: num,
      hrv_rmssd_milli: num,
      spo2_percentage: num,
      skin_temp_celsius: num,
    })
    .nullish(),
});

const stageSummary = z.looseObject({
  total_in_bed_time_milli: num,
  total_awake_time_milli: num,
  total_no_data_time_milli: num,
  total_light_sleep_time_milli: num,
  total_slow_wave_sleep_time_milli: num,
  total_rem_sleep_time_milli: num,
  sleep_cycle_count: num,
  disturbance_count: num,
});

const sleepNeeded = z.looseObject({
  baseline_milli: num,
  need_from_sleep_debt_milli: num,
  need_from_recent_strain_milli: num,
  need_from_recent_nap_milli: num,
});

export const sleepSchema = z.looseObject({
  /** The record's v1 integer id (null for records created after v2); v1 webhooks name it. */
  v1_id: num,
  id: z.string().min(1),
  cycle_id: num,
  start: z.string(),
  end: z.string(),
  timezone_offset: z.string(),
  nap: z.boolean().nullish(),
  updated_at: text,
  score_state: z.string(),
  score: z
    .looseObject({
      stage_summary: stageSummary.nullish(),
      sleep_needed: sleepNeeded.nullish(),
      respiratory_rate: num,
      sleep_performance_percentage: num,
      sleep_consistency_percentage: num,
      sleep_efficiency_percentage: num,
    })
    .nullish(),
});

const zoneDurations = z.looseObject({
  zone_zero_milli: num,
  zone_one_milli: num,
  zone_two_milli: num,
  zone_three_milli: num,
  zone_four_milli: num,
  zone_five_milli: num,
});

export const workoutSchema = z.looseObject({
  /** The record's v1 integer id (null for records created after v2); v1 webhooks name it. */
  v1_id: num,
  id: z.string().min(1),
  start: z.string(),
  end: z.string(),
  timezone_offset: z.string(),
  sport_name: text,
  sport_id: num,
  updated_at: text,
  score_state: z.string(),
  score: z
    .looseObject({
      strain: num,
      average_heart_rate: num,
      max_heart_rate: num,
      kilojoule: num,
      percent_recorded: num,
      distance_meter: num,
      altitude_gain_meter: num,
      altitude_change_meter: num,
      zone_durations: zoneDurations.nullish(),
    })
    .nullish(),
});

export type WhoopCycle = z.infer<typeof cycleSchema>;
export type WhoopRecovery = z.infer<typeof recoverySchema>;
export type WhoopSleep = z.infer<typeof sleepSchema>;
export type WhoopWorkout = z.infer<typeof workoutSchema>;
