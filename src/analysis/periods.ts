/** Day ranges and calendar buckets (day, ISO week from Monday, month) over `YYYY-MM-DD` days. */
import type { LocalDay } from '../core/types.js';
import { addDays, dayStartMs, daysBetween } from '../sync/dates.js';

export type Resolution = 'day' | 'week' | 'month';

/** Every day of an inclusive range. */
export function daysOf(startDay: LocalDay, endDay: LocalDay): LocalDay[] {
  const out: LocalDay[] = [];
  for (let day = startDay; day <= endDay; day = addDays(day, 1)) out.push(day);
  return out;
}

/** The first day of the bucket holding `day`. */
export function bucketStart(day: LocalDay, resolution: Resolution): LocalDay {
  if (resolution === 'day') return day;
  if (resolution === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = new Date(dayStartMs(day)).getUTCDay();
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
