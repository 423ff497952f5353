/**
 * Bounded input fields of the tools. Every value a model can send is limited where it enters: a
 * day lies in the one range `src/core/bounds.ts` allows, a name or a cursor has a short maximum
 * length and a list a maximum item count, so no argument can make a tool loop over millennia,
 * allocate per item of a huge list or echo kilobytes back in an error.
 */
import { z } from 'zod';
import { EARLIEST_DAY, isDayInRange, latestDay } from '../../../core/bounds.js';
import { DAY_PATTERN } from '../../../core/time/days.js';

/** Longest resource name, metric name or code a tool accepts. */
export const MAX_NAME_LENGTH = 64;

/** Longest cursor or ISO-8601 instant a tool accepts. */
export const MAX_INSTANT_LENGTH = 64;

/** Most names in one list argument (`resources`, `metrics`). */
export const MAX_NAME_ITEMS = 50;

/** The allowed day range in words, for error messages (`2009-01-01 .. 2024-06-17 (tomorrow)`). */
export function dayBoundsText(now: Date): string {
  return `${EARLIEST_DAY} .. ${latestDay(now)}`;
}

/**
 * A `YYYY-MM-DD` day inside `[EARLIEST_DAY, latestDay(now)]`. The schema checks against the
 * wall clock (the widest range any server may answer); the range resolvers check again against
 * the app's own clock.
 */
export function dayInput() {
  return z.iso
    .date()
    .max(10)
    .refine((day) => !DAY_PATTERN.test(day) || isDayInRange(day, new Date()), {
    error: () => `must be a day from ${dayBoundsText(new Date())} (no data exists outside it)`,
  });
}

/** A resource or metric name: short, letters, digits, `_`, `.` and `-` only. */
export function nameInput() {
  return z
    .string()
    .min(1)
    .max(MAX_NAME_LENGTH)
    .regex(/^[A-Za-z0-9_.-]+$/, 'use a name such as daily_sleep (letters, digits, _ . -)');
}

/** Largest `offset` a paging tool accepts (far beyond any cached list a tool pages through). */
export const MAX_OFFSET = 1_000_000;

/** A paging offset: a whole number from 0 to MAX_OFFSET. */
export function offsetInput() {
  return z.number().int().min(0).max(MAX_OFFSET);
}

/** A list of at most `max` items of `item`. */
export function listInput<Item extends z.ZodType>(item: Item, max: number = MAX_NAME_ITEMS) {
  return z.array(item).max(max);
}
