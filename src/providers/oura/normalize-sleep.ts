/**
 * Pure normalizers for Oura's sleep collections. The 5-minute HR/HRV arrays, the hypnogram
 * (`sleep_phase_5_min`) and `movement_30_sec` stay in `raw` only: `data` keeps the summary
 * numbers so answers stay small.
 */
import type { z } from 'zod';
import type { dailySleepSchema, sleepSchema, sleepTimeSchema } from './schema.js';
import type { KindCore } from '../../core/records/record.js';
import { dayCore, flattenContributors, offsetFromSeconds, orNull, spanCore } from './normalize-common.js';

/** `sleep` → one record per sleep period (long sleep, nap, rest ...). */
export function normalizeSleep(sleep: z.infer<typeof sleepSchema>): KindCore<'sleep_period'> {
  const readiness = sleep.readiness;
  return spanCore('sleep_period', sleep, { day: sleep.day, start: sleep.bedtime_start, end: sleep.bedtime_end }, {
    sleep_type: orNull(sleep.type),
    period: orNull(sleep.period),
    total_sleep_seconds: orNull(sleep.total_sleep_duration),
    deep_sleep_seconds: orNull(sleep.deep_sleep_duration),
    rem_sleep_seconds: orNull(sleep.rem_sleep_duration),
    light_sleep_seconds: orNull(sleep.light_sleep_duration),
    awake_seconds: orNull(sleep.awake_time),
    time_in_bed_seconds: orNull(sleep.time_in_bed),
    efficiency_pct: orNull(sleep.efficiency),
    latency_seconds: orNull(sleep.latency),
    // Oura's average_hrv is RMSSD in milliseconds.
    average_hrv_ms: orNull(sleep.average_hrv),
    lowest_heart_rate_bpm: orNull(sleep.lowest_heart_rate),
    average_heart_rate_bpm: orNull(sleep.average_heart_rate),
    average_breath_per_min: orNull(sleep.average_breath),
    restless_periods: orNull(sleep.restless_periods),
    readiness_score: orNull(readiness?.score),
    readiness_score_delta: orNull(sleep.readiness_score_delta),
    sleep_score_delta: orNull(sleep.sleep_score_delta),
    temperature_deviation_c: orNull(readiness?.temperature_deviation),
    temperature_trend_deviation_c: orNull(readiness?.temperature_trend_deviation),
    low_battery_alert: orNull(sleep.low_battery_alert),
    sleep_algorithm_version: orNull(sleep.sleep_algorithm_version),
  });
}

/** `daily_sleep` → the day's sleep score and its contributors. */
export function normalizeDailySleep(document: z.infer<typeof dailySleepSchema>): KindCore<'daily_scores'> {
  return dayCore('daily_scores', document, { score: orNull(document.score), ...flattenContributors(document.contributors) });
}

/** `sleep_time` → the recommended bedtime window (offsets from the day's midnight, seconds). */
export function normalizeSleepTime(document: z.infer<typeof sleepTimeSchema>): KindCore<'daily_scores'> {
  const window = document.optimal_bedtime;
  const core = dayCore('daily_scores', document, {
    recommendation: orNull(document.recommendation),
    status: orNull(document.status),
    optimal_bedtime_start_offset_seconds: orNull(window?.start_offset),
    optimal_bedtime_end_offset_seconds: orNull(window?.end_offset),
  });
  // sleep_time has no timestamp; its window carries the day's offset from UTC in seconds.
  const dayTz = window?.day_tz;
  return typeof dayTz === 'number' ? { ...core, tzOffset: offsetFromSeconds(dayTz) } : core;
}
