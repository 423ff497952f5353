/**
 * Pure normalizers for Oura's daily summary collections (one document per local day). The
 * minute-level `met` array and `class_5_min` of daily_activity stay in `raw` only.
 */
import type { z } from 'zod';
import type {
  dailyActivitySchema,
  dailyCardiovascularAgeSchema,
  dailyReadinessSchema,
  dailyResilienceSchema,
  dailySpo2Schema,
  dailyStressSchema,
  vo2MaxSchema,
} from './schema.js';
import type { KindCore } from '../../core/records/record.js';
import { dayCore, flattenContributors, orNull } from './normalize-common.js';

/** `daily_readiness` → score, contributors, temperature deviation (°C). */
export function normalizeDailyReadiness(document: z.infer<typeof dailyReadinessSchema>): KindCore<'daily_scores'> {
  // Readiness timestamps are midnight UTC whatever the zone: dayCore leaves the offset unknown.
  return dayCore('daily_scores', document, {
    score: orNull(document.score),
    temperature_deviation_c: orNull(document.temperature_deviation),
    temperature_trend_deviation_c: orNull(document.temperature_trend_deviation),
    ...flattenContributors(document.contributors),
  });
}

/** `daily_activity` → steps, calories (kcal), time per activity level (s), MET minutes, score. */
export function normalizeDailyActivity(document: z.infer<typeof dailyActivitySchema>): KindCore<'activity_day'> {
  return dayCore('activity_day', document, {
    score: orNull(document.score),
    steps: orNull(document.steps),
    active_calories: orNull(document.active_calories),
    total_calories: orNull(document.total_calories),
    target_calories: orNull(document.target_calories),
    equivalent_walking_distance_m: orNull(document.equivalent_walking_distance),
    target_distance_m: orNull(document.target_meters),
    distance_to_target_m: orNull(document.meters_to_target),
    high_activity_seconds: orNull(document.high_activity_time),
    medium_activity_seconds: orNull(document.medium_activity_time),
    low_activity_seconds: orNull(document.low_activity_time),
    sedentary_seconds: orNull(document.sedentary_time),
    resting_seconds: orNull(document.resting_time),
    non_wear_seconds: orNull(document.non_wear_time),
    high_activity_met_minutes: orNull(document.high_activity_met_minutes),
    medium_activity_met_minutes: orNull(document.medium_activity_met_minutes),
    low_activity_met_minutes: orNull(document.low_activity_met_minutes),
    sedentary_met_minutes: orNull(document.sedentary_met_minutes),
    average_met: orNull(document.average_met_minutes),
    inactivity_alerts: orNull(document.inactivity_alerts),
    ...flattenContributors(document.contributors),
  });
}

/** `daily_stress` → seconds in high stress / high recovery and the day's summary. */
export function normalizeDailyStress(document: z.infer<typeof dailyStressSchema>): KindCore<'daily_scores'> {
  return dayCore('daily_scores', document, {
    stress_high_seconds: orNull(document.stress_high),
    recovery_high_seconds: orNull(document.recovery_high),
    day_summary: orNull(document.day_summary),
  });
}

/** `daily_resilience` → level and contributors (0–100). */
export function normalizeDailyResilience(document: z.infer<typeof dailyResilienceSchema>): KindCore<'daily_scores'> {
  return dayCore('daily_scores', document, { level: orNull(document.level), ...flattenContributors(document.contributors) });
}

/** `daily_spo2` → average SpO2 (%) during sleep and the breathing disturbance index. */
export function normalizeDailySpo2(document: z.infer<typeof dailySpo2Schema>): KindCore<'daily_scores'> {
  return dayCore('daily_scores', document, {
    spo2_average_pct: orNull(document.spo2_percentage?.average),
    breathing_disturbance_index: orNull(document.breathing_disturbance_index),
  });
}

/** `daily_cardiovascular_age` → predicted vascular age (years). Recorded documents have no id: the day is used. */
export function normalizeDailyCardiovascularAge(document: z.infer<typeof dailyCardiovascularAgeSchema>): KindCore<'daily_scores'> {
  return dayCore('daily_scores', document, { vascular_age_years: orNull(document.vascular_age) });
}

/** `vo2_max` → VO2 max (ml/kg/min). */
export function normalizeVo2Max(document: z.infer<typeof vo2MaxSchema>): KindCore<'daily_scores'> {
  return dayCore('daily_scores', document, { vo2_max_ml_kg_min: orNull(document.vo2_max) });
}
