/**
 * Activity from the ScanWatch: daily aggregates, workouts (the person's workouts with Withings
 * categories and attribution) and intraday steps / heart rate per 5 minutes.
 */
import type { DayTruth, SyntheticPerson, WorkoutTruth } from '../person.js';
import { activityDayStartMs } from '../person/activity.js';
import { rngFor, round } from '../prng.js';
import { DAY_MS, MINUTE_MS } from '../time.js';
import { DEVICES, deviceHash, intId, seconds, zoneForOffset, type SimDocument } from './common.js';

const SLOT_MS = 5 * MINUTE_MS;
const STEP_WEIGHT: Record<string, number> = { '0': 0, '1': 0, '2': 4, '3': 60, '4': 260, '5': 520 };
const CATEGORY: Record<WorkoutTruth['activity'], number> = { running: 2, cycling: 6, strength_training: 16, walking: 1, hiking: 3, swimming: 7 };
const INTENSITY: Record<WorkoutTruth['intensity'], number> = { easy: 30, moderate: 55, hard: 80 };
const ATTRIB: Record<WorkoutTruth['source'], number> = { autodetected: 0, confirmed: 7, manual: 2 };

/** Steps per 5-minute slot of the activity day, summing to the day's steps. */
export function stepsPerSlot(day: DayTruth): number[] {
  const weights = [...day.activity.class5min].map((code) => STEP_WEIGHT[code] ?? 0);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map(() => 0);
  const raw = weights.map((weight) => Math.floor((weight / total) * day.activity.steps));
  const missing = day.activity.steps - raw.reduce((sum, value) => sum + value, 0);
  const busiest = weights.indexOf(Math.max(...weights));
  raw[busiest] = (raw[busiest] ?? 0) + missing;
  return raw;
}

/** The `getactivity` document of a day (visible once the day is over). */
export function activityDocument(person: SyntheticPerson, day: DayTruth): SimDocument {
  const classes = [...day.activity.class5min];
  const count = (code: string) => classes.filter((value) => value === code).length * 300;
  const dayEnd = activityDayStartMs(day.day, day.offsetMinutes) - 4 * 3_600_000 + DAY_MS;
  const modified = seconds(dayEnd) + 3600;
  const hasWorkout = day.workouts.length > 0;
  return {
    json: {
      date: day.day,
      timezone: zoneForOffset(day.offsetMinutes),
      deviceid: deviceHash(person.seed, 'watch'),
      hash_deviceid: deviceHash(person.seed, 'watch'),
      brand: 1,
      is_tracker: true,
      modified,
      model: DEVICES.watch.model,
      modelid: DEVICES.watch.modelId,
      steps: day.activity.steps,
      distance: round(day.activity.steps * 0.74, 0),
      elevation: Math.round(day.activity.steps / 1100),
      soft: count('3'),
      moderate: count('4'),
      intense: count('5'),
      active: count('4') + count('5'),
      calories: round(day.activity.activeCaloriesKcal, 1),
      totalcalories: round(day.activity.totalCaloriesKcal, 1),
      hr_average: Math.round(day.restingHrBpm + 18),
      hr_min: Math.round(day.restingHrBpm - 2),
      hr_max: Math.round(day.restingHrBpm + (hasWorkout ? 95 : 60)),
      hr_zone_0: count('3'),
      hr_zone_1: count('4'),
      hr_zone_2: count('5'),
      hr_zone_3: hasWorkout ? 300 : 0,
    },
    availableAtMs: dayEnd,
    modifiedMs: modified * 1000,
  };
}

/** The `getworkouts` document of one workout. */
export function workoutDocument(person: SyntheticPerson, workout: WorkoutTruth): SimDocument {
  const rng = rngFor(person.seed, 'withings-workout', workout.key);
  const modified = seconds(workout.endMs) + 600;
  const minutes = (workout.endMs - workout.startMs) / MINUTE_MS;
  return {
    json: {
      id: intId(person.seed, 'workout', workout.key),
      category: CATEGORY[workout.activity],
      timezone: zoneForOffset(workout.offsetMinutes),
      model: DEVICES.watch.modelId,
      attrib: ATTRIB[workout.source],
      startdate: seconds(workout.startMs),
      enddate: seconds(workout.endMs),
      date: workout.day,
      modified,
      deviceid: deviceHash(person.seed, 'watch'),
      data: {
        calories: Math.round(workout.caloriesKcal),
        intensity: INTENSITY[workout.intensity],
        distance: Math.round(workout.distanceMeters ?? 0),
        hr_average: Math.round(workout.averageHeartRateBpm),
        hr_min: Math.round(workout.averageHeartRateBpm - 25),
        hr_max: Math.round(workout.averageHeartRateBpm + 22),
        hr_zone_0: Math.round(minutes * 0.2) * 60,
        hr_zone_1: Math.round(minutes * 0.4) * 60,
        hr_zone_2: Math.round(minutes * 0.3) * 60,
        hr_zone_3: Math.round(minutes * 0.1) * 60,
        pause_duration: rng.int(0, 3) * 60,
        steps: ['running', 'walking', 'hiking'].includes(workout.activity) ? Math.round(minutes * (workout.activity === 'running' ? 160 : 105)) : 0,
        elevation: workout.activity === 'hiking' ? rng.int(5, 40) : 0,
        spo2_average: rng.int(95, 99),
      },
    },
    availableAtMs: workout.endMs + 10 * MINUTE_MS,
    modifiedMs: modified * 1000,
  };
}

/**
 * Intraday entries with `startMs <= t < endMs`: steps per 5 minutes of activity and heart rate
 * samples, merged per timestamp like the service does.
 */
export function intradayEntries(person: SyntheticPerson, startMs: number, endMs: number): Map<number, Record<string, unknown>> {
  const entries = new Map<number, Record<string, unknown>>();
  const base = { deviceid: deviceHash(person.seed, 'watch'), model: DEVICES.watch.model, model_id: DEVICES.watch.modelId };
  for (const day of person.days()) {
    const dayStart = activityDayStartMs(day.day, day.offsetMinutes);
    if (dayStart + DAY_MS <= startMs || dayStart >= endMs) continue;
    stepsPerSlot(day).forEach((steps, slot) => {
      const at = dayStart + slot * SLOT_MS;
      if (steps > 0 && at >= startMs && at < endMs) entries.set(seconds(at), { ...base, steps, duration: 300 });
    });
  }
  for (const sample of person.heartRate(startMs, endMs - 1)) {
    const key = seconds(sample.ms);
    entries.set(key, { ...base, ...(entries.get(key) ?? {}), heart_rate: Math.round(sample.bpm) });
  }
  return entries;
}
