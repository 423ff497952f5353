/**
 * What Apple's own writers record of one day of the synthetic person: the Watch (heart rate,
 * hourly steps / energy / distance, exercise minutes, sleep stages, resting heart rate, HRV as
 * SDNN, SpO2, breathing, VO2 max, workouts), the iPhone (steps while the watch is off, in-bed
 * time from the sleep schedule) and weights typed into the Health app.
 */
import type { DayTruth, SyntheticPerson } from '../person.js';
import { activityDayStartMs } from '../person/activity.js';
import { STAGE_CODES, type SleepPeriodTruth } from '../person/types.js';
import { rngFor, round } from '../prng.js';
import { HOUR_MS, MINUTE_MS } from '../time.js';
import { weightOn } from '../withings/measures.js';
import { HEALTH_APP, IPHONE, WATCH, type RecordRenderer } from './writers.js';
import { element } from './xml.js';

const CLASS_WEIGHT: Readonly<Record<string, number>> = { '0': 0, '1': 0, '2': 0.3, '3': 1, '4': 3, '5': 5 };
const APPLE_STAGE: Readonly<Record<string, string>> = { [STAGE_CODES.light]: 'AsleepCore', [STAGE_CODES.deep]: 'AsleepDeep', [STAGE_CODES.rem]: 'AsleepREM', [STAGE_CODES.awake]: 'Awake' };

/** The watch is on the charger from 19:00 to 20:00: the iPhone's steps count then. */
export const WATCH_CHARGING_HOUR = 15;

/** The share of each of the 24 hours (from 04:00) in the day's movement. */
function hourShares(day: DayTruth): number[] {
  const weights = Array.from({ length: 24 }, (_, hour) => [...day.activity.class5min.slice(hour * 12, hour * 12 + 12)].reduce((sum, code) => sum + (CLASS_WEIGHT[code] ?? 0), 0));
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return weights.map((weight) => weight / total);
}

/** Hourly steps, energy and distance: the watch except while charging, the phone most hours. */
function movement(render: RecordRenderer, day: DayTruth): string[] {
  const out: string[] = [];
  const start = activityDayStartMs(day.day, day.offsetMinutes);
  hourShares(day).forEach((share, hour) => {
    if (share === 0) return;
    const from = start + hour * HOUR_MS;
    const to = from + HOUR_MS - MINUTE_MS;
    const steps = Math.round(day.activity.steps * share);
    if (hour !== WATCH_CHARGING_HOUR) {
      out.push(render.quantity('StepCount', WATCH, from, to, day.offsetMinutes, steps, 'count'));
      out.push(render.quantity('ActiveEnergyBurned', WATCH, from, to, day.offsetMinutes, round(day.activity.activeCaloriesKcal * share, 3), 'kcal'));
      out.push(render.quantity('DistanceWalkingRunning', WATCH, from, to, day.offsetMinutes, round((steps * 0.76) / 1000, 4), 'km'));
    }
    // The phone stays behind on a desk part of the day: it counts fewer steps than the wrist.
    out.push(render.quantity('StepCount', IPHONE, from, to, day.offsetMinutes, Math.round(steps * 0.8), 'count'));
  });
  return out;
}

function heartRate(render: RecordRenderer, person: SyntheticPerson, day: DayTruth, fromMs: number, toMs: number): string[] {
  return person
    .heartRate(fromMs, toMs - 1)
    .map((sample) => render.quantity('HeartRate', WATCH, sample.ms, sample.ms, day.offsetMinutes, sample.bpm, 'count/min', { HKMetadataKeyHeartRateMotionContext: sample.source === 'rest' ? '1' : '0' }));
}

/** The watch's stages of the main night (runs of the hypnogram), and the phone's in-bed span. */
function night(render: RecordRenderer, sleep: SleepPeriodTruth, watchWorn: boolean): string[] {
  const out = [render.sleep(IPHONE, sleep.bedtimeStartMs, sleep.bedtimeEndMs, sleep.offsetMinutes, 'InBed')];
  if (!watchWorn) return out;
  const codes = sleep.hypnogram5min;
  for (let index = 0; index < codes.length; ) {
    let end = index + 1;
    while (end < codes.length && codes[end] === codes[index]) end++;
    const from = sleep.bedtimeStartMs + index * 5 * MINUTE_MS;
    const to = Math.min(sleep.bedtimeEndMs, sleep.bedtimeStartMs + end * 5 * MINUTE_MS);
    out.push(render.sleep(WATCH, from, to, sleep.offsetMinutes, APPLE_STAGE[codes[index] ?? ''] ?? 'Awake'));
    index = end;
  }
  return out;
}

function vitals(render: RecordRenderer, day: DayTruth, sleep: SleepPeriodTruth | undefined, seed: number): string[] {
  const rng = rngFor(seed, 'apple-vitals', day.day);
  const wake = sleep?.bedtimeEndMs ?? activityDayStartMs(day.day, day.offsetMinutes) + 3 * HOUR_MS;
  const at = (hours: number) => wake + hours * HOUR_MS;
  const o = day.offsetMinutes;
  const out = [render.quantity('RestingHeartRate', WATCH, at(1), at(14), o, Math.round(day.restingHrBpm + 2), 'count/min')];
  // SDNN runs above the night's RMSSD; the watch samples it a few times a day.
  for (const hours of [-2, 4, 10]) out.push(render.quantity('HeartRateVariabilitySDNN', WATCH, at(hours), at(hours) + MINUTE_MS, o, round(day.hrvMs * 1.25 + rng.normal(0, 4), 3), 'ms'));
  if (sleep) {
    out.push(render.quantity('RespiratoryRate', WATCH, at(-3), at(-3), o, round(sleep.respiratoryRate, 1), 'count/min'));
    for (const hours of [-4, -1]) out.push(render.quantity('OxygenSaturation', WATCH, at(hours), at(hours), o, round((sleep.spo2Percent ?? 96) / 100 + rng.normal(0, 0.005), 2), '%'));
  }
  if (day.vo2Max !== null) out.push(render.quantity('VO2Max', WATCH, at(3), at(3), o, day.vo2Max, 'mL/min·kg'));
  return out;
}

/** A workout: iOS 16+ statistics for recent days, the older total attributes before. */
function workouts(render: RecordRenderer, day: DayTruth): string[] {
  return day.workouts.flatMap((workout) => {
    const minutes = (workout.endMs - workout.startMs) / MINUTE_MS;
    const type = `HKWorkoutActivityType${workout.activity === 'strength_training' ? 'TraditionalStrengthTraining' : workout.activity[0]?.toUpperCase() + workout.activity.slice(1)}`;
    const common = render.common(WATCH, workout.startMs, workout.endMs, workout.offsetMinutes);
    const distanceKm = workout.distanceMeters === null ? null : round(workout.distanceMeters / 1000, 3);
    const modern = day.index > -180;
    const statistics = modern
      ? [
          element('WorkoutStatistics', { type: 'HKQuantityTypeIdentifierActiveEnergyBurned', startDate: common['startDate'], endDate: common['endDate'], sum: workout.caloriesKcal, unit: 'kcal' }, [], '  '),
          element('WorkoutStatistics', { type: 'HKQuantityTypeIdentifierHeartRate', startDate: common['startDate'], endDate: common['endDate'], average: workout.averageHeartRateBpm, minimum: workout.averageHeartRateBpm - 25, maximum: workout.averageHeartRateBpm + 22, unit: 'count/min' }, [], '  '),
          ...(distanceKm === null ? [] : [element('WorkoutStatistics', { type: 'HKQuantityTypeIdentifierDistanceWalkingRunning', startDate: common['startDate'], endDate: common['endDate'], sum: distanceKm, unit: 'km' }, [], '  ')]),
        ]
      : [];
    const totals = modern ? {} : { totalDistance: distanceKm, totalDistanceUnit: distanceKm === null ? null : 'km', totalEnergyBurned: workout.caloriesKcal, totalEnergyBurnedUnit: 'kcal' };
    return [
      element('Workout', { workoutActivityType: type, duration: round(minutes, 4), durationUnit: 'min', ...totals, ...common }, [element('MetadataEntry', { key: 'HKIndoorWorkout', value: '0' }, [], '  '), ...statistics]),
      render.quantity('AppleExerciseTime', WATCH, workout.startMs, workout.endMs, workout.offsetMinutes, Math.round(minutes), 'min'),
    ];
  });
}

/** A weight typed into the Health app every second Sunday-ish (every 14th day). */
function typedWeight(render: RecordRenderer, person: SyntheticPerson, day: DayTruth): string[] {
  if (((day.index % 14) + 14) % 14 !== 3) return [];
  const at = activityDayStartMs(day.day, day.offsetMinutes) + 4 * HOUR_MS + 30 * MINUTE_MS;
  return [render.quantity('BodyMass', HEALTH_APP, at, at, day.offsetMinutes, round(weightOn(person, day) + 0.3, 1), 'kg', { HKWasUserEntered: '1' })];
}

/** Whether the watch was worn to bed the night ending on `day` (it charges overnight one night in nine). */
export function watchSleptIn(seed: number, day: DayTruth): boolean {
  return !rngFor(seed, 'apple-watch-night', day.day).chance(1 / 9);
}

/** Every record Apple's writers made of `day`'s activity day (04:00 to 04:00) and the night ending on it. */
export function appleDayRecords(render: RecordRenderer, person: SyntheticPerson, day: DayTruth, nextDay: DayTruth | undefined): string[] {
  const start = activityDayStartMs(day.day, day.offsetMinutes);
  const end = nextDay ? activityDayStartMs(nextDay.day, nextDay.offsetMinutes) : start + 24 * HOUR_MS;
  const main = day.sleeps.find((sleep) => sleep.kind === 'main');
  return [
    ...(main ? night(render, main, watchSleptIn(person.seed, day)) : []),
    ...heartRate(render, person, day, start, end),
    ...movement(render, day),
    ...vitals(render, day, main, person.seed),
    ...workouts(render, day),
    ...typedWeight(render, person, day),
  ];
}
