/**
 * Planted episodes at deterministic positions relative to the anchor day ("today"), so any
 * history of at least ~100 days contains all of them whatever the seed or the date.
 */
import { rngFor } from '../prng.js';
import { addDays, dayOfWeek, localTimeMs } from '../time.js';
import type { DayFlags, PlannedEvents } from './types.js';

/** Relative day indexes (0 = anchor day) of the planted episodes; ranges are inclusive. */
export const PLANTED = {
  sickWeek: [-60, -54],
  restMode: [-59, -56],
  lateNightStreak: [-40, -36],
  trip: [-25, -19],
  /** Fixed missing nights; -25 is the overnight flight out. */
  missingNights: [-90, -33, -25, -12, -5],
  /** Sick severity for each day of the sick week. */
  sickIntensity: [0.6, 1, 1, 0.8, 0.6, 0.4, 0.25],
} as const;

/** UTC offset during the trip (home is `profile.homeOffsetMinutes`). */
export const TRIP_OFFSET_MINUTES = 60;

const RANDOM_MISSING_RATE = 0.015;

function inRange(index: number, range: readonly [number, number]): boolean {
  return index >= range[0] && index <= range[1];
}

/** Whether the main night ending on day `index` goes unrecorded. */
export function isMissingNight(seed: number, index: number, day: string): boolean {
  if ((PLANTED.missingNights as readonly number[]).includes(index)) return true;
  // Random gaps, but never in the last 3 days nor inside a planted episode (keeps them legible).
  if (index >= -2 && index <= 0) return false;
  if (inRange(index, PLANTED.sickWeek) || inRange(index, PLANTED.lateNightStreak) || inRange(index, [-26, -18])) {
    return false;
  }
  return rngFor(seed, 'missing-night', day).chance(RANDOM_MISSING_RATE);
}

/** The planned flags of a day (alcohol is filled in later from the previous evening's tags). */
export function planFlags(seed: number, index: number, day: string): DayFlags {
  const sickPos = index - PLANTED.sickWeek[0];
  const sick = inRange(index, PLANTED.sickWeek);
  const dow = dayOfWeek(day);
  return {
    sick,
    sickIntensity: sick ? (PLANTED.sickIntensity[sickPos] ?? 0) : 0,
    lateNight: inRange(index, PLANTED.lateNightStreak),
    traveling: inRange(index, PLANTED.trip),
    jetLag: index === PLANTED.trip[0] + 1 || index === PLANTED.trip[0] + 2,
    restMode: inRange(index, PLANTED.restMode),
    alcoholPreviousEvening: false,
    weekend: dow === 0 || dow === 6,
    missingNight: isMissingNight(seed, index, day),
  };
}

/** UTC offset of a day (local days of the trip are at `TRIP_OFFSET_MINUTES`). */
export function planOffset(index: number, homeOffsetMinutes: number): number {
  return inRange(index, PLANTED.trip) ? TRIP_OFFSET_MINUTES : homeOffsetMinutes;
}

/** The planned episodes as calendar days for an anchor day. */
export function planEvents(
  seed: number,
  anchorDay: string,
  firstIndex: number,
  homeOffsetMinutes: number,
): PlannedEvents {
  const at = (index: number): string => addDays(anchorDay, index);
  const missingNights: string[] = [];
  for (let index = firstIndex; index <= 0; index += 1) {
    if (isMissingNight(seed, index, at(index))) missingNights.push(at(index));
  }
  const restStart = at(PLANTED.restMode[0]);
  const restEnd = at(PLANTED.restMode[1]);
  return {
    sickWeek: { start: at(PLANTED.sickWeek[0]), end: at(PLANTED.sickWeek[1]) },
    lateNightStreak: { start: at(PLANTED.lateNightStreak[0]), end: at(PLANTED.lateNightStreak[1]) },
    trip: {
      start: at(PLANTED.trip[0]),
      end: at(PLANTED.trip[1]),
      homeOffsetMinutes,
      tripOffsetMinutes: TRIP_OFFSET_MINUTES,
    },
    restMode: {
      start: restStart,
      end: restEnd,
      startMs: localTimeMs(restStart, 10 * 60 + 12, homeOffsetMinutes) + 37_000,
      endMs: localTimeMs(restEnd, 8 * 60 + 31, homeOffsetMinutes) + 5_000,
      offsetMinutes: homeOffsetMinutes,
    },
    missingNights,
  };
}
