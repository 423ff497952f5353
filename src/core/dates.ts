/**
 * Calendar days, shared by every layer: the person's local day of an instant, and arithmetic on
 * `YYYY-MM-DD` days handled as UTC dates (no time zone can shift them).
 */
import type { LocalDay } from './types.js';

/** The local calendar day (`YYYY-MM-DD`) of an instant, in this machine's time zone. */
export function localDay(date: Date): LocalDay {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Milliseconds in one calendar day. */
export const DAY_MS = 86_400_000;

/** `day` shifted by `days` (negative goes back). */
export function addDays(day: LocalDay, days: number): LocalDay {
  return new Date(dayStartMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds of `day` 00:00 UTC. */
export function dayStartMs(day: LocalDay): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDay, to: LocalDay): number {
  return Math.round((dayStartMs(to) - dayStartMs(from)) / DAY_MS);
}
