/**
 * Minimal zod schemas of the Oura fields we read ("minimal version of the schema"). Objects are
 * loose so unknown fields survive into `raw`; enums are plain strings so a new enum value never
 * fails a sync.
 *
 * Where the official spec (v1.29) and recorded real responses disagree, the recording wins:
 * - `meta` (required in the spec) is absent from every recorded document: optional here.
 * - `daily_cardiovascular_age` has no `id` in the recording (spec: required): optional; the
 *   normalizer uses the day as id.
 * - heart rate rows carry no `timestamp_unix` in the recording (spec: required): optional.
 */
import { z } from 'zod';
import { DAY_PATTERN } from '../../core/time/days.js';

const day = z.string().regex(DAY_PATTERN, 'expected YYYY-MM-DD');
const text = z.string().nullish();
const num = z.number().nullish();
const contributors = z.record(z.string(), z.number().nullish()).nullish();
const meta = z.looseObject({ updated_at: z.string().nullish() }).nullish();

/** `{ data: [...], next_token }` — Oura's list envelope. Items are validated one by one later. */
export const ouraPageSchema = z.looseObject({
  data: z.array(z.unknown()),
  next_token: z.string().nullish(),
});
export type OuraPage = z.infer<typeof ouraPageSchema>;

export const personalInfoSchema = z.looseObject({
  id: z.string().nullish(),
  age: num,
  weight: num,
  height: num,
  biological_sex: text,
});

export const dailySleepSchema = z.looseObject({
  id: z.string(), day, score: num, contributors, timestamp: text, meta,
});

export const sleepSchema = z.looseObject({
  id: z.string(),
  day,
  bedtime_start: z.string(),
  bedtime_end: z.string(),
  type: text,
  period: num,
  total_sleep_duration: num,
  deep_sleep_duration: num,
  rem_sleep_duration: num,
  light_sleep_duration: num,
  awake_time: num,
  time_in_bed: num,
  efficiency: num,
  latency: num,
  average_hrv: num,
  lowest_heart_rate: num,
  average_heart_rate: num,
  average_breath: num,
  restless_periods: num,
  readiness_score_delta: num,
  sleep_score_delta: num,
  low_battery_alert: z.boolean().nullish(),
  sleep_algorithm_version: text,
  readiness: z
    .looseObject({ score: num, contributors, temperature_deviation: num, temperature_trend_deviation: num })
    .nullish(),
  meta,
});

export const sleepTimeSchema = z.looseObject({
  id: z.string(),
  day,
  recommendation: text,
  status: text,
  optimal_bedtime: z.looseObject({ day_tz: num, start_offset: num, end_offset: num }).nullish(),
  meta,
});

export const dailyReadinessSchema = z.looseObject({
  id: z.string(), day, score: num, contributors, temperature_deviation: num, temperature_trend_deviation: num, timestamp: text, meta,
});

export const dailyActivitySchema = z.looseObject({
  id: z.string(),
  day,
  timestamp: text,
  score: num,
  contributors,
  steps: num,
  active_calories: num,
  total_calories: num,
  target_calories: num,
  equivalent_walking_distance: num,
  target_meters: num,
  meters_to_target: num,
  high_activity_time: num,
  medium_activity_time: num,
  low_activity_time: num,
  sedentary_time: num,
  resting_time: num,
  non_wear_time: num,
  high_activity_met_minutes: num,
  medium_activity_met_minutes: num,
  low_activity_met_minutes: num,
  sedentary_met_minutes: num,
  average_met_minutes: num,
  inactivity_alerts: num,
  meta,
});

export const dailyStressSchema = z.looseObject({ id: z.string(), day, stress_high: num, recovery_high: num, day_summary: text, meta });

export const dailyResilienceSchema = z.looseObject({ id: z.string(), day, level: text, contributors, meta });

export const dailySpo2Schema = z.looseObject({
  id: z.string(), day, spo2_percentage: z.looseObject({ average: num }).nullish(), breathing_disturbance_index: num, meta,
});

export const dailyCardiovascularAgeSchema = z.looseObject({ id: z.string().nullish(), day, vascular_age: num, meta });

export const vo2MaxSchema = z.looseObject({ id: z.string(), day, timestamp: text, vo2_max: num, meta });

export const workoutSchema = z.looseObject({
  id: z.string(),
  day,
  activity: text,
  intensity: text,
  source: text,
  label: text,
  calories: num,
  distance: num,
  start_datetime: z.string(),
  end_datetime: z.string(),
  meta,
});

const sampleSeries = z.looseObject({ interval: num, items: z.array(z.number().nullable()).nullish() }).nullish();

export const sessionSchema = z.looseObject({
  id: z.string(),
  day,
  type: text,
  mood: text,
  start_datetime: z.string(),
  end_datetime: z.string(),
  heart_rate: sampleSeries,
  heart_rate_variability: sampleSeries,
  meta,
});

export const tagSchema = z.looseObject({ id: z.string(), day, text, tags: z.array(z.string()).nullish(), timestamp: text, meta });

export const enhancedTagSchema = z.looseObject({
  id: z.string(),
  start_day: day,
  end_day: day.nullish(),
  start_time: z.string(),
  end_time: text,
  tag_type_code: text,
  custom_name: text,
  comment: text,
  meta,
});

export const restModePeriodSchema = z.looseObject({
  id: z.string(),
  start_day: day,
  end_day: day.nullish(),
  start_time: text,
  end_time: text,
  episodes: z.array(z.unknown()).nullish(),
  meta,
});

export const ringConfigurationSchema = z.looseObject({
  id: z.string(),
  color: text,
  design: text,
  firmware_version: text,
  hardware_type: text,
  size: num,
  set_up_at: text,
  meta,
});

export const heartRateRowSchema = z.looseObject({
  bpm: z.number(),
  source: text,
  timestamp: z.string(),
  timestamp_unix: z.number().nullish(),
});
