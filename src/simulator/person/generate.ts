/**
 * The day-by-day generator. One pass in calendar order plans each day's happenings and the night
 * ending on it (that night depends on the previous day's training and evening tags); a second
 * pass fills in daytime activity, which needs both adjacent nights.
 *
 * Physiology: a latent nightly "strain" `z` (AR(1) noise + illness + alcohol + late nights +
 * jet lag + training load + recent sleep shortfall) lowers HRV (`exp(-0.2 z)`) and raises resting HR
 * (`1 + 0.04 z`), so the two always move inversely.
 */
import { clamp, round, rngFor } from '../prng.js';
import { addDays, dayOfWeek, localTimeMs } from '../time.js';
import { buildClass5min, metPerMinute, summarizeActivity } from './activity.js';
import { planEveningTags, planSessions, planWorkouts, type WorkoutContext } from './happenings.js';
import { buildSleepPeriod, type NightPlan } from './night.js';
import { PLANTED, planFlags, planOffset } from './plan.js';
import type { Habits } from './profile.js';
import type { DayTruth, PersonProfile, SleepPeriodTruth, TagTruth } from './types.js';

export interface GenerateInput {
  seed: number;
  anchorDay: string;
  /** Relative index of the first and last generated day (first <= 0 <= last). */
  firstIndex: number;
  lastIndex: number;
  profile: PersonProfile;
  habits: Habits;
}

function plannedTags(seed: number, index: number, day: string, offset: number): TagTruth[] {
  const out: TagTruth[] = [];
  if (index === PLANTED.sickWeek[0]) {
    const end = addDays(day, PLANTED.sickWeek[1] - PLANTED.sickWeek[0]);
    out.push({
      key: `${day}#t-flu`,
      code: 'custom',
      customName: 'Flu',
      comment: 'fever, stayed in bed',
      startMs: localTimeMs(day, 8 * 60 + 5, offset) + 12_000,
      endMs: localTimeMs(end, 20 * 60, offset),
      offsetMinutes: offset,
    });
  }
  if (index === PLANTED.trip[0] + 1) {
    out.push({
      key: `${day}#t-jetlag`,
      code: 'custom',
      customName: 'Jet lag',
      comment: `flew ${seed % 2 === 0 ? 'NYC-LIS' : 'NYC-MAD'}`,
      startMs: localTimeMs(day, 9 * 60 + 14, offset) + 3_000,
      endMs: null,
      offsetMinutes: offset,
    });
  }
  return out;
}

/** Generates every day from `firstIndex` to `lastIndex` relative to the anchor day. */
export function generateDays(input: GenerateInput): DayTruth[] {
  const { seed, profile, habits } = input;
  const days: DayTruth[] = [];
  let strain = 0;
  let debtHours = 0;
  const sickEnd = PLANTED.sickWeek[1];

  for (let index = input.firstIndex; index <= input.lastIndex; index += 1) {
    const day = addDays(input.anchorDay, index);
    const flags = planFlags(seed, index, day);
    const offset = planOffset(index, profile.homeOffsetMinutes);
    const previous = days[days.length - 1];
    flags.alcoholPreviousEvening = previous?.tags.some((t) => t.code === 'tag_generic_alcohol') ?? false;

    // --- the night ending this morning ---
    const rng = rngFor(seed, 'night', day);
    const load = (previous?.workouts ?? []).reduce((sum, w) => sum + w.caloriesKcal / profile.weightKg / 8, 0);
    strain = 0.6 * strain + rng.normal(0, 0.45);
    const alcohol = flags.alcoholPreviousEvening ? 1 : 0;
    const z =
      strain +
      3.2 * flags.sickIntensity +
      0.9 * alcohol +
      (flags.lateNight ? 0.5 : 0) +
      (flags.jetLag ? 1.3 : 0) +
      (flags.traveling ? 0.3 : 0) +
      0.35 * load +
      0.3 * Math.max(0, debtHours - 1);
    const hrvMs = Math.max(12, Math.round(profile.baselineHrvMs * Math.exp(-0.2 * z + rng.normal(0, 0.04))));
    const restingHrBpm = Math.round(profile.baselineRestingHrBpm * (1 + 0.04 * z) + rng.normal(0, 0.5));
    const temperatureDeviationC = round(
      rng.normal(0, 0.1) + 0.85 * flags.sickIntensity + (flags.jetLag ? 0.15 : 0) + 0.1 * alcohol,
      2,
    );

    const weekendNight = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
    let bed = habits.bedMinutes + (weekendNight ? 55 : 0) + rng.normal(0, 18);
    let wake = weekendNight ? habits.wakeMinutes + 75 + rng.normal(0, 25) : habits.wakeMinutes + rng.normal(0, 10);
    if (flags.lateNight) bed = rng.uniform(70, 150);
    if (flags.sick || flags.restMode) {
      bed -= 40;
      wake += 70;
    }
    if (flags.jetLag) {
      bed = rng.uniform(60, 120);
      wake = habits.wakeMinutes + rng.uniform(60, 100);
    } else if (flags.traveling) {
      bed += 30;
      wake += 45;
    }
    wake = Math.max(wake, bed + 200);
    const bedtimeStartMs = Math.round(localTimeMs(day, bed, offset) / 1000) * 1000;
    const bedtimeEndMs = Math.round(localTimeMs(day, wake, offset) / 1000) * 1000;
    const latencyMinutes = flags.jetLag
      ? rng.uniform(20, 45)
      : flags.sick
        ? rng.uniform(15, 35)
        : flags.lateNight
          ? rng.uniform(2, 8)
          : rng.uniform(4, 18);
    const mainPlan: NightPlan = {
      day,
      period: 0,
      kind: 'main',
      worn: !flags.missingNight,
      offsetMinutes: offset,
      bedtimeStartMs,
      bedtimeEndMs,
      latencySeconds: Math.round(latencyMinutes * 2) * 30,
      efficiency: clamp(0.915 + rng.normal(0, 0.02) - 0.07 * flags.sickIntensity - (flags.jetLag ? 0.06 : 0) - 0.03 * alcohol, 0.72, 0.97),
      deepFraction: clamp(0.165 + rng.normal(0, 0.025) - 0.05 * flags.sickIntensity - 0.04 * alcohol + 0.02 * load, 0.06, 0.28),
      remFraction: clamp(0.22 + rng.normal(0, 0.025) - 0.05 * alcohol - (flags.lateNight ? 0.03 : 0), 0.1, 0.32),
      restingHrBpm,
      hrvMs,
      respiratoryRate: round(14.2 + rng.normal(0, 0.3) + 1.8 * flags.sickIntensity, 1),
      spo2Percent: round(clamp(97.2 + rng.normal(0, 0.5) - 1.2 * flags.sickIntensity, 93, 99.6), 3),
      breathingDisturbanceIndex: Math.round(clamp(6 + rng.normal(0, 3) + 10 * flags.sickIntensity + 4 * alcohol, 0, 40)),
    };
    const sleeps: SleepPeriodTruth[] = [buildSleepPeriod(mainPlan, rng)];
    const main = sleeps[0];
    // Sleep debt: an exponential (~5-night) average of the nightly shortfall, in hours.
    debtHours = 0.8 * debtHours + 0.2 * Math.max(0, (profile.sleepNeedSeconds - (main?.totalSleepSeconds ?? 0)) / 3600);

    const napChance = flags.sick ? 0.5 : flags.jetLag ? 0.4 : 0.05;
    if (rng.chance(napChance)) {
      const napStart = Math.round(localTimeMs(day, rng.uniform(840, 990), offset) / 1000) * 1000;
      const napPlan: NightPlan = {
        ...mainPlan,
        period: 1,
        kind: 'nap',
        worn: true,
        bedtimeStartMs: napStart,
        bedtimeEndMs: napStart + Math.round(rng.uniform(20, 55)) * 60_000,
        latencySeconds: Math.round(rng.uniform(3, 10)) * 60,
        efficiency: clamp(0.8 + rng.normal(0, 0.05), 0.6, 0.95),
        deepFraction: 0.05,
        remFraction: 0.05,
        restingHrBpm: restingHrBpm + 4,
        spo2Percent: null,
        breathingDisturbanceIndex: null,
      };
      sleeps.push(buildSleepPeriod(napPlan, rng));
    }

    // --- the waking day ---
    const ctx: WorkoutContext = {
      day,
      offsetMinutes: offset,
      flags,
      recovering: index > sickEnd && index <= sickEnd + 3,
      weightKg: profile.weightKg,
      restingHrBpm,
    };
    const happenRng = rngFor(seed, 'happenings', day);
    const workouts = planWorkouts(ctx, happenRng);
    const sessions = planSessions(ctx, happenRng);
    const tags = [...plannedTags(seed, index, day, offset), ...planEveningTags(ctx, happenRng)];
    const daysSinceSick = index - sickEnd;
    const fitness = habits.vo2MaxBase + (1.5 * (index - input.firstIndex)) / 365 - (daysSinceSick > 0 && daysSinceSick <= 30 ? 2 : 0);
    const measureVo2 = ((index % 8) + 8) % 8 === 3 && !flags.sick && !flags.missingNight;

    days.push({
      day,
      index,
      offsetMinutes: offset,
      flags,
      restingHrBpm,
      hrvMs,
      temperatureDeviationC,
      sleeps,
      activity: { class5min: '', ...summarizeActivity('', [], profile.weightKg, profile.bmrKcal) },
      stressHighSeconds: 0,
      recoveryHighSeconds: 0,
      workouts,
      sessions,
      tags,
      vo2Max: measureVo2 ? Math.round(fitness + happenRng.normal(0, 0.6)) : null,
      cardiovascularAgeYears: clamp(Math.round(profile.age - (fitness - 42) * 0.5 + (daysSinceSick > 0 && daysSinceSick <= 14 ? 1 : 0)), 18, 100),
    });
  }

  // Second pass: daytime activity (needs this and the next night) and stress.
  days.forEach((truth, i) => {
    const next = days[i + 1];
    const { flags } = truth;
    const level =
      input.habits.activityLevel *
      (flags.sick ? 0.35 : flags.restMode ? 0.5 : flags.traveling ? 1.35 : flags.weekend ? 1.1 : 1);
    const rng = rngFor(seed, 'activity', truth.day);
    const class5min = buildClass5min(
      {
        day: truth.day,
        offsetMinutes: truth.offsetMinutes,
        sleeps: [...truth.sleeps, ...(next?.sleeps ?? [])],
        workouts: truth.workouts,
        level,
      },
      rng,
    );
    const met = metPerMinute(seed, truth.day, class5min);
    truth.activity = { class5min, ...summarizeActivity(class5min, met, profile.weightKg, profile.bmrKcal) };
    const stressMinutes =
      75 + rng.normal(0, 30) + 150 * flags.sickIntensity + (flags.traveling ? 60 : 0) + (flags.lateNight ? 45 : 0) + (flags.alcoholPreviousEvening ? 30 : 0);
    const recoveryMinutes = 110 + rng.normal(0, 35) + (flags.weekend ? 40 : 0) - 70 * flags.sickIntensity - (flags.lateNight ? 40 : 0);
    truth.stressHighSeconds = Math.max(0, Math.round(stressMinutes / 15)) * 900;
    truth.recoveryHighSeconds = Math.max(0, Math.round(recoveryMinutes / 15)) * 900;
  });
  return days;
}
