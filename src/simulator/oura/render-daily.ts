/** Daytime Oura documents: daily_activity, daily_stress, daily_resilience, cardiovascular age, VO2 max, sleep_time. */
import { activityDayStartMs, SLOTS_PER_DAY, summarizeActivity } from '../person/activity.js';
import type { DayTruth, PersonProfile, SleepPeriodTruth } from '../person/types.js';
import { HOUR_MS, localIso, MINUTE_MS, utcIso } from '../time.js';
import { sample, withMeta } from './render-common.js';
import type { OuraScores } from './scores.js';
import type { RenderContext } from './types.js';

/** Minutes of the activity day elapsed at `nowMs` (0..1440). */
export function elapsedActivityMinutes(day: DayTruth, nowMs: number): number {
  const start = activityDayStartMs(day.day, day.offsetMinutes);
  return Math.max(0, Math.min(SLOTS_PER_DAY * 5, Math.floor((nowMs - start) / MINUTE_MS)));
}

/** Progress metadata of a day still in progress: one new version per hour of data. */
function progressMeta(day: DayTruth, minutes: number): { atMs: number; version: number } {
  const start = activityDayStartMs(day.day, day.offsetMinutes);
  const hours = Math.floor(minutes / 60);
  return { atMs: start + Math.max(minutes, 30) * MINUTE_MS, version: 1 + hours };
}

/**
 * A `daily_activity` document. For the day in progress the class string and MET series cover only
 * the elapsed 5-minute slots and every total is computed over them (the document is updated in
 * place, same id, as the day goes on).
 */
export function renderDailyActivity(
  id: string,
  day: DayTruth,
  metFullDay: readonly number[],
  profile: PersonProfile,
  scores: OuraScores,
  ctx: RenderContext,
): Record<string, unknown> {
  const minutes = elapsedActivityMinutes(day, ctx.nowMs);
  const slots = Math.floor(minutes / 5);
  const classes = day.activity.class5min.slice(0, slots);
  const met = metFullDay.slice(0, slots * 5);
  const totals = summarizeActivity(classes, met, profile.weightKg, profile.bmrKcal);
  const score = scores.activity(day.day);
  const count = (c: string): number => classes.split(c).length - 1;
  const targetCalories = score?.targetCalories ?? 450;
  const targetMeters = Math.round((targetCalories * 17.9) / 100) * 100;
  const start = activityDayStartMs(day.day, day.offsetMinutes);
  return withMeta(
    'daily_activity',
    id,
    ctx,
    {
      class_5_min: classes,
      score: score?.score ?? null,
      active_calories: totals.activeCaloriesKcal,
      average_met_minutes: totals.averageMet,
      contributors: score?.contributors ?? {},
      equivalent_walking_distance: totals.equivalentWalkingDistanceMeters,
      high_activity_met_minutes: totals.highMetMinutes,
      high_activity_time: count('5') * 300,
      inactivity_alerts: totals.inactivityAlerts,
      low_activity_met_minutes: totals.lowMetMinutes,
      low_activity_time: count('3') * 300,
      medium_activity_met_minutes: totals.mediumMetMinutes,
      medium_activity_time: count('4') * 300,
      met: sample(60, met, start, day.offsetMinutes),
      meters_to_target: Math.round((targetMeters - totals.equivalentWalkingDistanceMeters) / 100) * 100,
      non_wear_time: count('0') * 300,
      resting_time: count('1') * 300,
      sedentary_met_minutes: totals.sedentaryMetMinutes,
      sedentary_time: count('2') * 300,
      steps: totals.steps,
      target_calories: targetCalories,
      target_meters: targetMeters,
      total_calories: totals.totalCaloriesKcal,
      day: day.day,
      timestamp: localIso(start, day.offsetMinutes),
    },
    progressMeta(day, minutes),
  );
}

/** A `daily_stress` document; while the day is in progress totals are partial and `day_summary` is null. */
export function renderDailyStress(id: string, day: DayTruth, ctx: RenderContext): Record<string, unknown> {
  const minutes = elapsedActivityMinutes(day, ctx.nowMs);
  const fraction = minutes / (SLOTS_PER_DAY * 5);
  const stress = Math.floor((day.stressHighSeconds * fraction) / 900) * 900;
  const recovery = Math.floor((day.recoveryHighSeconds * fraction) / 900) * 900;
  const complete = fraction >= 1;
  const summary = !complete ? null : stress > 2 * recovery ? 'stressful' : recovery > 2 * stress ? 'restored' : 'normal';
  return withMeta(
    'daily_stress',
    id,
    ctx,
    { day: day.day, stress_high: stress, recovery_high: recovery, day_summary: summary },
    progressMeta(day, minutes),
  );
}

/** A `daily_resilience` document (no `meta` in the 1.29 schema). */
export function renderDailyResilience(id: string, day: DayTruth, scores: OuraScores, ctx: RenderContext): Record<string, unknown> {
  const resilience = scores.resilience(day.day);
  return withMeta('daily_resilience', id, ctx, { day: day.day, contributors: resilience.contributors, level: resilience.level });
}

/** A `daily_cardiovascular_age` document; the recorded sample has no `id` (1.29 requires one). */
export function renderCardiovascularAge(id: string, day: DayTruth, ctx: RenderContext): Record<string, unknown> {
  const body = { day: day.day, vascular_age: day.cardiovascularAgeYears };
  return ctx.shape === 'v1.29' ? withMeta('daily_cardiovascular_age', id, ctx, body) : body;
}

/**
 * A `vO2_max` document. The recorded sample writes `timestamp` as UTC with `Z`
 * (`2023-09-17T14:15:22Z`), unlike other collections; mirrored.
 */
export function renderVo2Max(id: string, day: DayTruth, atMs: number, ctx: RenderContext): Record<string, unknown> {
  return withMeta('vO2_max', id, ctx, {
    day: day.day,
    timestamp: `${utcIso(atMs).slice(0, 19)}Z`,
    vo2_max: day.vo2Max ?? 0,
  });
}

/** A `sleep_time` recommendation from the last week's bedtimes. */
export function renderSleepTime(
  id: string,
  day: DayTruth,
  recent: readonly SleepPeriodTruth[],
  ctx: RenderContext,
): Record<string, unknown> {
  const bedOffsets = recent.map((s) => Math.round((s.bedtimeStartMs - Date.parse(`${s.day}T00:00:00Z`) + s.offsetMinutes * MINUTE_MS) / 1000));
  let body: Record<string, unknown>;
  if (recent.length < 5) {
    body = { day: day.day, optimal_bedtime: null, recommendation: null, status: 'not_enough_nights' };
  } else {
    const avg = bedOffsets.reduce((a, b) => a + b, 0) / bedOffsets.length;
    if (avg > 30 * 60) {
      body = { day: day.day, optimal_bedtime: null, recommendation: 'earlier_bedtime', status: 'only_recommended_found' };
    } else {
      const start = Math.round(avg / 900) * 900 - 1800;
      body = {
        day: day.day,
        optimal_bedtime: { day_tz: day.offsetMinutes * 60, end_offset: start + HOUR_MS / 1000, start_offset: start },
        recommendation: 'follow_optimal_bedtime',
        status: 'optimal_found',
      };
    }
  }
  return withMeta('sleep_time', id, ctx, body);
}
