/**
 * Calendar days (`YYYY-MM-DD`). A day by itself belongs to no zone: adding days or counting them
 * gives the same answer everywhere, so `addDays` and `daysBetween` have one version. A zone
 * matters only where a day meets an instant; that is why the two conversions below say `utc`,
 * and their local twins live in `zones.ts`.
 */
import type { LocalDay } from '../types.js';

/** Milliseconds in one UTC day (a local day may have 23 or 25 hours: see `zones.ts`). */
export const DAY_MS = 86_400_000;

/** The shape of a day, `YYYY-MM-DD`; `isDay` also checks that the day exists. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Epoch milliseconds of `day` 00:00 UTC (NaN when `day` is not `YYYY-MM-DD`). */
export function utcDayStartMs(day: LocalDay): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The UTC calendar day of an instant (a `Date` or epoch milliseconds). */
export function utcDayOf(instant: Date | number): LocalDay {
  return (typeof instant === 'number' ? new Date(instant) : instant).toISOString().slice(0, 10);
}

/** `day` shifted by `days` calendar days (negative goes back); the same in every zone. */
export function addDays(day: LocalDay, days: number): LocalDay {
  return utcDayOf(utcDayStartMs(day) + days * DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); the same in every zone. */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return Math.round((utcDayStartMs(to) - utcDayStartMs(from)) / DAY_MS);
}

/** Day of the week of a calendar day, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: LocalDay): number {
  return new Date(utcDayStartMs(day)).getUTCDay();
}
