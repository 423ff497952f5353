/** Sleep-derived Oura documents: sleep, daily_sleep, daily_readiness, daily_spo2. */
import { clamp } from '../prng.js';
import type { SleepPeriodTruth } from '../person/types.js';
import { STAGE_CODES } from '../person/types.js';
import { localIso } from '../time.js';
import { sample, withMeta } from './render-common.js';
import { scoreSleep, type OuraScores, type ReadinessScore, type SleepScore } from './scores.js';
import type { RenderContext } from './types.js';

const OURA_STAGE: Record<string, string> = {
  [STAGE_CODES.deep]: '1',
  [STAGE_CODES.light]: '2',
  [STAGE_CODES.rem]: '3',
  [STAGE_CODES.awake]: '4',
};

/** The sleep period after re-scores: awake time re-classified as light sleep. */
export function rescoredSleep(sleep: SleepPeriodTruth, ctx: RenderContext): SleepPeriodTruth {
  if (!ctx.rescore) return sleep;
  const shift = Math.min(ctx.rescore.extraSleepSeconds, Math.max(0, sleep.awakeSeconds - sleep.latencySeconds - 60));
  const total = sleep.totalSleepSeconds + shift;
  return {
    ...sleep,
    awakeSeconds: sleep.awakeSeconds - shift,
    lightSeconds: sleep.lightSeconds + shift,
    totalSleepSeconds: total,
    efficiencyPercent: clamp(Math.round((total / sleep.timeInBedSeconds) * 100), 1, 100),
  };
}

/** Sleep score of a (possibly re-scored) main night. */
export function effectiveSleepScore(sleep: SleepPeriodTruth, ctx: RenderContext): SleepScore {
  const base = scoreSleep(rescoredSleep(sleep, ctx));
  if (!ctx.rescore) return base;
  return { ...base, score: clamp(base.score + ctx.rescore.scoreDelta, 1, 100) };
}

/** Readiness of a day given its (possibly re-scored) main night. */
export function effectiveReadiness(
  scores: OuraScores,
  main: SleepPeriodTruth,
  ctx: RenderContext,
): ReadinessScore | undefined {
  if (!ctx.rescore) return scores.readiness(main.day);
  const readiness = scores.readiness(main.day, effectiveSleepScore(main, ctx));
  if (!readiness) return undefined;
  return { ...readiness, score: clamp(readiness.score + Math.round(ctx.rescore.scoreDelta / 2), 1, 100) };
}

function readinessContributors(r: ReadinessScore, ctx: RenderContext): Record<string, number> {
  const { sleep_regularity: regularity, ...recorded } = r.contributors;
  // The recorded (Dec 2024) responses have no `sleep_regularity`; 1.29 added it.
  return ctx.shape === 'v1.29' ? { ...recorded, sleep_regularity: regularity } : recorded;
}

/** A `sleep` document (PublicModifiedSleepModel), field order as in the recorded sample. */
export function renderSleep(
  id: string,
  truth: SleepPeriodTruth,
  scores: OuraScores,
  ctx: RenderContext,
): Record<string, unknown> {
  const sleep = rescoredSleep(truth, ctx);
  const readiness = sleep.kind === 'main' ? effectiveReadiness(scores, truth, ctx) : undefined;
  const body: Record<string, unknown> = {
    average_breath: sleep.respiratoryRate,
    average_heart_rate: sleep.averageHeartRateBpm,
    average_hrv: sleep.averageHrvMs,
    awake_time: sleep.awakeSeconds,
    bedtime_end: localIso(sleep.bedtimeEndMs, sleep.offsetMinutes),
    bedtime_start: localIso(sleep.bedtimeStartMs, sleep.offsetMinutes),
    day: sleep.day,
    deep_sleep_duration: sleep.deepSeconds,
    efficiency: sleep.efficiencyPercent,
    heart_rate: sample(300, sleep.heartRate5min, sleep.bedtimeStartMs, sleep.offsetMinutes),
    hrv: sample(300, sleep.hrv5min, sleep.bedtimeStartMs, sleep.offsetMinutes),
    latency: sleep.latencySeconds,
    light_sleep_duration: sleep.lightSeconds,
    low_battery_alert: false,
    lowest_heart_rate: sleep.lowestHeartRateBpm,
    movement_30_sec: sleep.movement30s,
    period: sleep.period,
    readiness: readiness
      ? {
          contributors: readinessContributors(readiness, ctx),
          score: readiness.score,
          temperature_deviation: readiness.temperatureDeviation,
          temperature_trend_deviation: readiness.temperatureTrendDeviation,
        }
      : null,
    readiness_score_delta: sleep.kind === 'main' ? 0 : 1,
    rem_sleep_duration: sleep.remSeconds,
    restless_periods: sleep.restlessPeriods,
    sleep_phase_5_min: [...sleep.hypnogram5min].map((c) => OURA_STAGE[c] ?? '2').join(''),
    sleep_score_delta: sleep.kind === 'main' ? 0 : 1,
    sleep_algorithm_version: 'v2',
    time_in_bed: sleep.timeInBedSeconds,
    total_sleep_duration: sleep.totalSleepSeconds,
    type: sleep.kind === 'main' ? 'long_sleep' : 'sleep',
  };
  if (ctx.shape === 'v1.29') body.sleep_analysis_reason = ctx.rescore ? 'bedtime_edit' : 'foreground_sleep_analysis';
  return withMeta('sleep', id, ctx, body);
}

/** A `daily_sleep` document. Timestamp is local midnight with the local offset (recorded sample). */
export function renderDailySleep(id: string, main: SleepPeriodTruth, ctx: RenderContext): Record<string, unknown> {
  const score = effectiveSleepScore(main, ctx);
  return withMeta('daily_sleep', id, ctx, {
    contributors: score.contributors,
    day: main.day,
    score: score.score,
    timestamp: localIso(Date.parse(`${main.day}T00:00:00Z`) - main.offsetMinutes * 60_000, main.offsetMinutes),
  });
}

/**
 * A `daily_readiness` document. The recorded sample writes the timestamp as local midnight with
 * `+00:00` even for a user at `+01:00`; mirrored here (spec: just "Timestamp of the daily readiness").
 */
export function renderDailyReadiness(
  id: string,
  main: SleepPeriodTruth,
  scores: OuraScores,
  ctx: RenderContext,
): Record<string, unknown> | null {
  const readiness = effectiveReadiness(scores, main, ctx);
  if (!readiness) return null;
  return withMeta('daily_readiness', id, ctx, {
    contributors: readinessContributors(readiness, ctx),
    day: main.day,
    score: readiness.score,
    temperature_deviation: readiness.temperatureDeviation,
    temperature_trend_deviation: readiness.temperatureTrendDeviation,
    timestamp: `${main.day}T00:00:00+00:00`,
  });
}

/** A `daily_spo2` document (average with 3 decimals, as recorded). */
export function renderDailySpo2(id: string, main: SleepPeriodTruth, ctx: RenderContext): Record<string, unknown> {
  return withMeta('daily_spo2', id, ctx, {
    day: main.day,
    spo2_percentage: main.spo2Percent === null ? null : { average: main.spo2Percent },
    breathing_disturbance_index: main.breathingDisturbanceIndex,
  });
}
