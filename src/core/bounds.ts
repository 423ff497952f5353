/**
 * The one range of calendar days any input may name. Inputs are bounded where they enter (tool
 * arguments, CLI flags, sync `since`, webhook spans) against these, so no request can make the
 * server walk years that hold no data, allocate a bucket per day of a millennium, or spend the
 * user's provider quota on empty history.
 */
import type { LocalDay } from './types.js';
import { DAY_MS, utcDayOf } from './time/days.js';
import { HOUR_MS } from './time/instants.js';

/**
 * No provider here holds data before this day (the first connected scale shipped in 2009; the
 * rings and straps started later; each provider declares its own `history.earliestDay`). Seed 002's `full=True` pulls from 2010-01-01; one more year of
 * margin costs nothing once history starts are discovered per account.
 */
export const EARLIEST_DAY: LocalDay = '2009-01-01';

/**
 * The latest day an input may name: tomorrow in the time zone furthest ahead (UTC+14), i.e. the
 * UTC date of `now + 14 h + 1 day`. Anything later cannot hold data for anyone.
 */
export function latestDay(now: Date): LocalDay {
  return utcDayOf(now.getTime() + 14 * HOUR_MS + DAY_MS);
}

/** Clamps a `YYYY-MM-DD` day into `[EARLIEST_DAY, latestDay(now)]`. */
export function clampDay(day: LocalDay, now: Date): LocalDay {
  if (day < EARLIEST_DAY) return EARLIEST_DAY;
  const latest = latestDay(now);
  return day > latest ? latest : day;
}

/** Whether a `YYYY-MM-DD` day lies inside `[EARLIEST_DAY, latestDay(now)]`. */
export function isDayInRange(day: LocalDay, now: Date): boolean {
  return day >= EARLIEST_DAY && day <= latestDay(now);
}
