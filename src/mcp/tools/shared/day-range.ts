/**
 * Day-range inputs of the read tools. Dates are the user's local calendar days (`YYYY-MM-DD`, the
 * day a provider assigns a record to); `end_date` is inclusive; "today" is the server zone's.
 */
import { z } from 'zod';
import { WearablesError } from '../../../core/errors.js';
import { EARLIEST_DAY, latestDay } from '../../../core/bounds.js';
import type { LocalDay } from '../../../core/types.js';
import { addDays, daysBetween, isDay } from '../../../core/time/days.js';
import { localDayOf, SERVER_ZONE } from '../../../core/time/zones.js';
import { dayBoundsText, dayInput } from './inputs.js';

/** Widest window a read tool answers in one call. */
export const MAX_RANGE_DAYS = 366;

/** Shared input fields of every windowed read tool. */
export const dateRangeShape = {
  start_date: dayInput()
    .optional()
    .describe('First local day. Default: 6 days before end_date (7 days).'),
  end_date: dayInput().optional().describe('Last local day (inclusive). Default: today.'),
  fresh: z
    .boolean()
    .optional()
    .describe('Fetch from the provider first (default: answer from the cache).'),
};

export interface DayRange {
  startDay: LocalDay;
  endDay: LocalDay;
}

/** Number of days from `startDay` to `endDay`, both inclusive. */
export function daysInclusive(range: DayRange): number {
  return daysBetween(range.startDay, range.endDay) + 1;
}

/**
 * Throws VALIDATION_ERROR, naming the allowed range, when `day` lies outside
 * `[EARLIEST_DAY, latestDay(now)]` (or is no real `YYYY-MM-DD` day).
 */
export function assertDayInBounds(day: string, field: string, now: Date): void {
  if (isDay(day) && day >= EARLIEST_DAY && day <= latestDay(now)) return;
  throw new WearablesError('VALIDATION_ERROR', `${field} ${day.slice(0, 40)} is outside the days this server answers for (${dayBoundsText(now)})`, {
    hint: `Pass ${field} as a YYYY-MM-DD day from ${dayBoundsText(now)}.`,
  });
}

/** Names of the two range fields, for error messages. */
export interface RangeFieldNames {
  start: string;
  end: string;
}

/**
 * Applies defaults and checks the bounds, order and width of a requested day range. Both days
 * must lie in `[EARLIEST_DAY, latestDay(now)]`; a defaulted start never goes before EARLIEST_DAY.
 */
export function resolveDayRange(
  input: { start_date?: string | undefined; end_date?: string | undefined },
  now: Date,
  maxDays: number = MAX_RANGE_DAYS,
  names: RangeFieldNames = { start: 'start_date', end: 'end_date' },
): DayRange {
  if (input.end_date !== undefined) assertDayInBounds(input.end_date, names.end, now);
  if (input.start_date !== undefined) assertDayInBounds(input.start_date, names.start, now);
  const endDay = input.end_date ?? localDayOf(now, SERVER_ZONE);
  const defaultStart = addDays(endDay, -6);
  const startDay = input.start_date ?? (defaultStart < EARLIEST_DAY ? EARLIEST_DAY : defaultStart);
  if (startDay > endDay) {
    throw new WearablesError('VALIDATION_ERROR', `${names.start} ${startDay} is after ${names.end} ${endDay}`, {
      hint: `Pass a ${names.start} on or before ${names.end}.`,
    });
  }
  const range = { startDay, endDay };
  if (daysInclusive(range) > maxDays) {
    throw new WearablesError('VALIDATION_ERROR', `The range ${startDay}..${endDay} is wider than ${maxDays} days`, {
      hint: `Ask for at most ${maxDays} days per call (split longer periods).`,
    });
  }
  return range;
}
