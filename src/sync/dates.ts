/**
 * Day and instant arithmetic for sync windows. Days are `YYYY-MM-DD` calendar days handled as
 * UTC dates (no time zone can shift them); instants are ISO-8601 UTC strings with milliseconds,
 * the one format the engine writes, so coverage and cursors compare correctly as strings.
 */
import type { LocalDay } from '../core/types.js';
import { WearablesError } from '../core/errors.js';

import { DAY_MS, addDays, dayStartMs, daysBetween } from '../core/dates.js';

// Calendar-day arithmetic lives in core (analysis and the report use it without the engine).
export { DAY_MS, addDays, dayStartMs, daysBetween };

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The UTC calendar day of an instant. */
export function utcDay(instant: Date): LocalDay {
  return instant.toISOString().slice(0, 10);
}

/** The canonical instant string the engine stores (`2024-05-01T00:00:00.000Z`). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Parses an instant given as ISO-8601 (any offset) or as a day (its 00:00 UTC) into epoch ms.
 * Throws VALIDATION_ERROR naming the bad value.
 */
export function parseInstant(value: string, label: string): number {
  const ms = isDay(value) ? dayStartMs(value) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new WearablesError('VALIDATION_ERROR', `${label} "${value}" is not a valid date or ISO-8601 date-time.`, {
      hint: 'Use YYYY-MM-DD or an ISO-8601 date-time such as 2024-05-01T00:00:00Z.',
    });
  }
  return ms;
}

/** The earlier of two days (or instants in the engine's canonical format). */
export function minString(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two days (or instants in the engine's canonical format). */
export function maxString(a: string, b: string): string {
  return a >= b ? a : b;
}
