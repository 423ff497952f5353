/**
 * Oura-style scores derived from the person's truth. These are plausible imitations, not
 * Oura's algorithms: what matters is direction (poor sleep -> low sleep score -> low readiness
 * the same morning; fever -> low body-temperature contributor) and ranges ([1, 100]).
 */
import { clamp, round } from '../prng.js';
import type { SyntheticPerson } from '../person.js';
import type { DayTruth, SleepPeriodTruth } from '../person/types.js';
import { MINUTE_MS } from '../time.js';

export interface SleepScore {
  score: number;
  contributors: {
    deep_sleep: number;
    efficiency: number;
    latency: number;
    rem_sleep: number;
    restfulness: number;
    timing: number;
    total_sleep: number;
  };
}

export interface ReadinessScore {
  score: number;
  contributors: {
    activity_balance: number;
    body_temperature: number;
    hrv_balance: number;
    previous_day_activity: number;
    previous_night: number;
    recovery_index: number;
    resting_heart_rate: number;
    sleep_balance: number;
    sleep_regularity: number;
  };
  temperatureDeviation: number;
  temperatureTrendDeviation: number;
}

export interface ActivityScore {
  score: number;
  targetCalories: number;
  contributors: {
    meet_daily_targets: number;
    move_every_hour: number;
    recovery_time: number;
    stay_active: number;
    training_frequency: number;
    training_volume: number;
  };
}

export interface ResilienceScore {
  level: 'limited' | 'adequate' | 'solid' | 'strong' | 'exceptional';
  contributors: { sleep_recovery: number; daytime_recovery: number; stress: number };
}

const c100 = (value: number): number => clamp(Math.round(value), 1, 100);
const mean = (values: readonly number[]): number =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Sleep score of one main sleep period. */
export function scoreSleep(sleep: SleepPeriodTruth): SleepScore {
  const hours = sleep.totalSleepSeconds / 3600;
  const midpointMs = (sleep.bedtimeStartMs + sleep.bedtimeEndMs) / 2;
  const midLocalHour = (((midpointMs / MINUTE_MS + sleep.offsetMinutes) / 60) % 24 + 24) % 24;
  const midFrom3 = Math.abs((midLocalHour > 12 ? midLocalHour - 24 : midLocalHour) - 3);
  const latencyMin = sleep.latencySeconds / 60;
  const contributors = {
    deep_sleep: c100((sleep.deepSeconds / 60 / 85) * 100),
    efficiency: c100((sleep.efficiencyPercent - 70) * 3.6),
    latency: c100(latencyMin < 5 ? 70 + latencyMin * 6 : latencyMin <= 20 ? 100 : 100 - (latencyMin - 20) * 2.5),
    rem_sleep: c100((sleep.remSeconds / 60 / 105) * 100),
    restfulness: c100(100 - (sleep.restlessPeriods / Math.max(1, sleep.movement30s.length)) * 260),
    timing: c100(100 - Math.max(0, midFrom3 - 1) * 30),
    total_sleep: c100(100 - Math.max(0, 8 - hours) * 24),
  };
  const score =
    0.35 * contributors.total_sleep +
    0.1 * contributors.efficiency +
    0.15 * contributors.restfulness +
    0.1 * contributors.rem_sleep +
    0.1 * contributors.deep_sleep +
    0.1 * contributors.latency +
    0.1 * contributors.timing;
  return { score: c100(score), contributors };
}

/** Precomputed Oura scores for every day of a person (rescored days are recomputed on demand). */
export class OuraScores {
  private readonly days: readonly DayTruth[];
  private readonly indexOf: Map<string, number>;
  private readonly sleepScores = new Map<string, SleepScore>();
  private readonly activityCache = new Map<string, ActivityScore>();
  private readonly readinessCache = new Map<string, ReadinessScore | undefined>();
  private readonly resilienceCache = new Map<string, ResilienceScore>();

  constructor(private readonly person: SyntheticPerson) {
    this.days = person.days();
    this.indexOf = new Map(this.days.map((d, i) => [d.day, i]));
    for (const d of this.days) {
      const main = mainSleep(d);
      if (main) this.sleepScores.set(d.day, scoreSleep(main));
    }
  }

  /** Sleep score of a day's main night (undefined when not worn). */
  sleep(day: string): SleepScore | undefined {
    return this.sleepScores.get(day);
  }

  private window(day: string, length: number): DayTruth[] {
    const i = this.indexOf.get(day) ?? 0;
    return this.days.slice(Math.max(0, i - length), i);
  }

  /** Readiness of a day, optionally with a replacement previous-night sleep score. */
  readiness(day: string, previousNight?: SleepScore): ReadinessScore | undefined {
    if (previousNight) return this.computeReadiness(day, previousNight);
    if (!this.readinessCache.has(day)) this.readinessCache.set(day, this.computeReadiness(day));
    return this.readinessCache.get(day);
  }

  private computeReadiness(day: string, previousNight?: SleepScore): ReadinessScore | undefined {
    const truth = this.person.day(day);
    const main = truth ? mainSleep(truth) : undefined;
    const night = previousNight ?? this.sleepScores.get(day);
    if (!truth || !main || !night) return undefined;
    const prior = this.window(day, 14).map(mainSleep).filter((s): s is SleepPeriodTruth => s !== undefined);
    const hrvRatio = prior.length ? main.averageHrvMs / mean(prior.map((s) => s.averageHrvMs)) : 1;
    const rhrDiff = prior.length ? main.lowestHeartRateBpm - mean(prior.map((s) => s.lowestHeartRateBpm)) : 0;
    const sleepAvg = prior.length ? mean(prior.map((s) => s.totalSleepSeconds)) : main.totalSleepSeconds;
    const need = this.person.profile.sleepNeedSeconds;
    const previousDay = this.window(day, 1)[0];
    const activeAvg = mean(this.window(day, 14).map((d) => d.activity.activeCaloriesKcal));
    const lowestAt = main.heartRate5min.indexOf(main.lowestHeartRateBpm) / Math.max(1, main.heartRate5min.length);
    const bedtimes = this.window(day, 7).map(mainSleep).filter((s): s is SleepPeriodTruth => s !== undefined)
      .map((s) => (((s.bedtimeStartMs / MINUTE_MS + s.offsetMinutes + 720) % 1440) + 1440) % 1440);
    const bedSpread = bedtimes.length > 1 ? Math.sqrt(mean(bedtimes.map((b) => (b - mean(bedtimes)) ** 2))) : 0;
    const tempPrior = this.window(day, 3).map((d) => d.temperatureDeviationC);
    const ratioScore = (ratio: number): number => (ratio >= 0.7 && ratio <= 1.6 ? 95 : ratio < 0.7 ? 95 - (0.7 - ratio) * 120 : 95 - (ratio - 1.6) * 40);
    const contributors = {
      activity_balance: c100(ratioScore(activeAvg / 450)),
      body_temperature: c100(100 - Math.max(0, Math.abs(truth.temperatureDeviationC) - 0.1) * 110),
      hrv_balance: c100(hrvRatio >= 1 ? 95 + (hrvRatio - 1) * 30 : 95 - (1 - hrvRatio) * 220),
      previous_day_activity: c100(ratioScore((previousDay?.activity.activeCaloriesKcal ?? 450) / 450)),
      previous_night: night.score,
      recovery_index: c100(100 - Math.max(0, lowestAt - 0.45) * 160),
      resting_heart_rate: c100(95 - rhrDiff * 9),
      sleep_balance: c100(100 - Math.max(0, (need - sleepAvg) / 60 - 15) * 0.8),
      sleep_regularity: c100(100 - bedSpread * 0.8),
    };
    const score =
      0.22 * contributors.previous_night +
      0.1 * contributors.sleep_balance +
      0.15 * contributors.hrv_balance +
      0.15 * contributors.resting_heart_rate +
      0.14 * contributors.body_temperature +
      0.08 * contributors.recovery_index +
      0.08 * contributors.previous_day_activity +
      0.08 * contributors.activity_balance;
    return {
      score: c100(score),
      contributors,
      temperatureDeviation: truth.temperatureDeviationC,
      temperatureTrendDeviation: round(truth.temperatureDeviationC - mean(tempPrior), 2),
    };
  }

  /** Activity score and contributors of a day. */
  activity(day: string): ActivityScore | undefined {
    const cached = this.activityCache.get(day);
    if (cached) return cached;
    const truth = this.person.day(day);
    if (!truth) return undefined;
    const week = [...this.window(day, 6), truth];
    const readiness = this.readiness(day)?.score ?? 80;
    const targetCalories = readiness < 70 ? 350 : readiness < 85 ? 450 : 550;
    const trainingDays = week.filter((d) => d.activity.mediumMetMinutes + d.activity.highMetMinutes > 120).length;
    const volume = week.reduce((s, d) => s + d.activity.mediumMetMinutes + d.activity.highMetMinutes, 0);
    const restDays = week.filter((d) => d.activity.highMetMinutes < 30).length;
    const hits = week.filter((d) => d.activity.activeCaloriesKcal >= targetCalories).length;
    const sedentaryHours = (truth.activity.class5min.split('2').length - 1) / 12;
    const contributors = {
      meet_daily_targets: c100(30 + (hits / 7) * 70),
      move_every_hour: c100(100 - truth.activity.inactivityAlerts * 15),
      recovery_time: c100(restDays >= 2 ? 100 : restDays === 1 ? 85 : 55),
      stay_active: c100(100 - Math.max(0, sedentaryHours - 7) * 9),
      training_frequency: c100(trainingDays >= 3 ? 100 : 40 + trainingDays * 20),
      training_volume: c100((volume / 1800) * 100),
    };
    const score = mean(Object.values(contributors));
    const result = { score: c100(score), targetCalories, contributors };
    this.activityCache.set(day, result);
    return result;
  }

  /** Long-term resilience from the last 14 days of readiness, daytime recovery and stress. */
  resilience(day: string): ResilienceScore {
    const cached = this.resilienceCache.get(day);
    if (cached) return cached;
    const today = this.person.day(day);
    const window = [...this.window(day, 13), ...(today ? [today] : [])];
    const readiness = window.map((d) => this.readiness(d.day)?.score).filter((s): s is number => s !== undefined);
    const recovery = window.map((d) => d.recoveryHighSeconds / Math.max(1, d.recoveryHighSeconds + d.stressHighSeconds));
    const stress = window.map((d) => d.stressHighSeconds / 3600);
    const contributors = {
      sleep_recovery: round(clamp((mean(readiness) - 45) * 1.6, 0, 100), 1),
      daytime_recovery: round(clamp(mean(recovery) * 100, 0, 100), 1),
      stress: round(clamp(100 - mean(stress) * 22, 0, 100), 1),
    };
    const overall = mean(Object.values(contributors));
    const level = overall < 35 ? 'limited' : overall < 50 ? 'adequate' : overall < 65 ? 'solid' : overall < 80 ? 'strong' : 'exceptional';
    const result: ResilienceScore = { level, contributors };
    this.resilienceCache.set(day, result);
    return result;
  }
}

/** The worn main sleep period of a day, if any. */
export function mainSleep(day: DayTruth): SleepPeriodTruth | undefined {
  const main = day.sleeps[0];
  return main && main.kind === 'main' && main.worn ? main : undefined;
}
