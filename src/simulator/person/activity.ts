/**
 * Daytime movement: a 5-minute activity class string over the activity day (04:00 to 04:00
 * local, as Oura defines it), per-minute METs derived from it, and the totals derived from both.
 */
import { round, rngFor, type Rng } from '../prng.js';
import { localTimeMs, MINUTE_MS } from '../time.js';
import type { ActivityTruth, SleepPeriodTruth, WorkoutTruth } from './types.js';

export const SLOTS_PER_DAY = 288;
const SLOT_MS = 5 * MINUTE_MS;

/** Start (epoch ms) of the activity day: 04:00 local. */
export function activityDayStartMs(day: string, offsetMinutes: number): number {
  return localTimeMs(day, 4 * 60, offsetMinutes);
}

export interface ClassInput {
  day: string;
  offsetMinutes: number;
  /** Sleep periods that may overlap the activity day (this day's and the next day's). */
  sleeps: readonly SleepPeriodTruth[];
  workouts: readonly WorkoutTruth[];
  /** Multiplier on daytime movement (habit x illness x travel). */
  level: number;
}

/** The 5-minute activity classes of a full activity day. */
export function buildClass5min(input: ClassInput, rng: Rng): string {
  const start = activityDayStartMs(input.day, input.offsetMinutes);
  // One charging break on most days, in the evening.
  const chargeStart = rng.chance(0.6) ? rng.int(180, 200) : -1;
  const chargeLength = rng.int(1, 6);
  let previous = '2';
  let out = '';
  for (let slot = 0; slot < SLOTS_PER_DAY; slot += 1) {
    const mid = start + slot * SLOT_MS + SLOT_MS / 2;
    const sleep = input.sleeps.find((s) => mid >= s.bedtimeStartMs && mid < s.bedtimeEndMs);
    if (sleep) {
      previous = sleep.worn ? '1' : '0';
      out += previous;
      continue;
    }
    const workout = input.workouts.find((w) => mid >= w.startMs && mid < w.endMs);
    if (workout) {
      const cls = workout.intensity === 'hard' ? '5' : workout.intensity === 'moderate' ? (rng.chance(0.6) ? '5' : '4') : rng.chance(0.7) ? '4' : '3';
      previous = cls;
      out += cls;
      continue;
    }
    if (slot >= chargeStart && slot < chargeStart + chargeLength) {
      previous = '0';
      out += '0';
      continue;
    }
    if ((previous === '2' || previous === '3') && rng.chance(0.45)) {
      out += previous;
      continue;
    }
    const r = rng.next();
    const low = 0.22 * input.level;
    const medium = 0.035 * input.level;
    const high = 0.003 * input.level;
    previous = r < high ? '5' : r < high + medium ? '4' : r < high + medium + low ? '3' : '2';
    out += previous;
  }
  return out;
}

/** MET range [low, high] per class code ('0'..'5'). */
const MET_RANGE: ReadonlyArray<readonly [number, number]> = [
  [0.9, 0.9],
  [0.9, 0.9],
  [1, 1.2],
  [1.5, 2.9],
  [3, 5.9],
  [6, 11],
];

/** Per-minute METs for a class string (5 minutes per class), deterministic per `(seed, day)`. */
export function metPerMinute(seed: number, day: string, class5min: string): number[] {
  const rng = rngFor(seed, 'met', day);
  const out = new Array<number>(class5min.length * 5);
  for (let slot = 0; slot < class5min.length; slot += 1) {
    const [lo, hi] = MET_RANGE[class5min.charCodeAt(slot) - 48] ?? [1, 1.2];
    const centre = lo + (hi - lo) * rng.next();
    const spread = (hi - lo) / 3;
    for (let m = 0; m < 5; m += 1) {
      // Uniform noise around the slot's centre, clamped to the class range, 0.1 MET steps.
      const value = Math.min(hi, Math.max(lo, centre + (rng.next() - 0.5) * spread));
      out[slot * 5 + m] = Math.round(value * 10) / 10;
    }
  }
  return out;
}

function stepsPerMinute(cls: number, met: number): number {
  if (cls === 2) return 1;
  if (cls === 3) return 8 + (met - 1.5) * 18;
  if (cls === 4) return 45 + (met - 3) * 20;
  if (cls === 5) return 110 + (met - 6) * 8;
  return 0;
}

/**
 * Activity totals from a (possibly partial, for the day in progress) class string and its METs.
 * MET minutes count `MET - 1` per minute, which reproduces the recorded Oura sample's ratios.
 */
export function summarizeActivity(
  class5min: string,
  met: readonly number[],
  weightKg: number,
  bmrKcal: number,
): Omit<ActivityTruth, 'class5min'> {
  // MET-minutes and steps per class code '0'..'5'.
  const byClass = [0, 0, 0, 0, 0, 0];
  let steps = 0;
  let metSum = 0;
  for (let i = 0; i < met.length; i += 1) {
    const code = class5min.charCodeAt((i / 5) | 0) - 48;
    const cls = code >= 0 && code <= 5 ? code : 2;
    const value = met[i] ?? 1;
    byClass[cls] = (byClass[cls] ?? 0) + (value - 1);
    steps += stepsPerMinute(cls, value);
    metSum += value;
  }
  let alerts = 0;
  for (const run of class5min.match(/2{12,}/g) ?? []) alerts += Math.floor(run.length / 12);
  const [, , sedentary = 0, low = 0, medium = 0, high = 0] = byClass;
  const activeMetMinutes = Math.max(0, low + medium + high);
  const activeCalories = Math.round((activeMetMinutes * weightKg) / 60);
  const fraction = class5min.length / SLOTS_PER_DAY;
  return {
    steps: Math.round(steps),
    activeCaloriesKcal: activeCalories,
    totalCaloriesKcal: Math.round(bmrKcal * 1.08 * fraction + activeCalories),
    highMetMinutes: Math.round(high),
    mediumMetMinutes: Math.round(medium),
    lowMetMinutes: Math.round(low),
    sedentaryMetMinutes: Math.round(sedentary),
    averageMet: met.length === 0 ? 0 : round(metSum / met.length, 3),
    equivalentWalkingDistanceMeters: Math.round(activeCalories * 14.5),
    inactivityAlerts: Math.min(alerts, 6),
  };
}
