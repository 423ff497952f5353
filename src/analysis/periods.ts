/** Day ranges and calendar buckets (day, ISO week from Monday, month) over `YYYY-MM-DD` days. */
import { EARLIEST_DAY } from '../core/bounds.js';
import { WearablesError } from '../core/errors.js';
import type { LocalDay } from '../core/types.js';
import { addDays, daysBetween, isDay, weekdayOf } from '../core/time/days.js';

export type Resolution = 'day' | 'week' | 'month';

/**
 * Longest span (days) any analysis walks day by day: EARLIEST_DAY to today is under 20 years.
 * The tools bound their ranges far tighter; this keeps a pure function from looping without end
 * (or allocating per day of a millennium) whatever it is handed.
 */
export const MAX_SPAN_DAYS = 7_400;

/**
 * Throws VALIDATION_ERROR unless both ends are real days, the start no earlier than EARLIEST_DAY,
 * and the span is at most MAX_SPAN_DAYS; returns the span in days (inclusive).
 */
export function checkSpan(startDay: LocalDay, endDay: LocalDay): number {
  const span = isDay(startDay) && isDay(endDay) ? daysBetween(startDay, endDay) + 1 : Number.NaN;
  if (startDay >= EARLIEST_DAY && span <= MAX_SPAN_DAYS) return Math.max(0, span);
  throw new WearablesError('VALIDATION_ERROR', `The range ${startDay.slice(0, 12)}..${endDay.slice(0, 12)} cannot be analysed: use days from ${EARLIEST_DAY} on, spanning at most ${MAX_SPAN_DAYS} days`, {
    hint: `Ask for days from ${EARLIEST_DAY} up to tomorrow.`,
  });
}

/** Every day of an inclusive range (at most MAX_SPAN_DAYS; see `checkSpan`). */
export function daysOf(startDay: LocalDay, endDay: LocalDay): LocalDay[] {
  const span = checkSpan(startDay, endDay);
  const out: LocalDay[] = [];
  for (let index = 0; index < span; index += 1) out.push(addDays(startDay, index));
  return out;
}

/** The first day of the bucket holding `day`. */
export function bucketStart(day: LocalDay, resolution: Resolution): LocalDay {
  if (resolution === 'day') return day;
  if (resolution === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = weekdayOf(day);
  return addDays(day, -((weekday + 6) % 7));
}

/** The first day of the bucket before the one starting at `start`. */
export function previousBucketStart(start: LocalDay, resolution: Resolution): LocalDay {
  return bucketStart(addDays(start, -1), resolution);
}

/** The resolution that keeps a range to about 31 buckets or fewer. */
export function defaultResolution(startDay: LocalDay, endDay: LocalDay): Resolution {
  const days = daysBetween(startDay, endDay) + 1;
  if (days <= 31) return 'day';
  return days <= 200 ? 'week' : 'month';
}

/** Collapses sorted days into compact ranges: `2024-06-01`, `2024-06-03..2024-06-05`. */
export function dayRanges(days: readonly LocalDay[]): string[] {
  const out: string[] = [];
  let first: LocalDay | undefined;
  let last: LocalDay | undefined;
  const flush = (): void => {
    if (first && last) out.push(first === last ? first : `${first}..${last}`);
  };
  for (const day of days) {
    if (last && addDays(last, 1) === day) last = day;
    else {
      flush();
      first = day;
      last = day;
    }
  }
  flush();
  return out;
}
