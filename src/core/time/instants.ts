/**
 * Instants: ISO-8601 date-times with an offset, and the one canonical form the engine writes
 * (`2024-05-01T06:30:00.000Z`, `toISOString()`), in which string order is time order.
 */
import { WearablesError } from '../errors.js';
import { isDay, utcDayStartMs } from './days.js';

/** Milliseconds in one minute. */
export const MINUTE_MS = 60_000;

/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;

/** An ISO-8601 date-time with an explicit offset (`Z`, `+05:45`, `-0930`), seconds optional. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

const DATE_TIME_PREFIX = /^\d{4}-\d{2}-\d{2}T/;

const INSTANT_HINT = 'Use an ISO-8601 date-time with an offset, such as 2024-05-01T00:00:00Z.';

/** The canonical instant string the engine stores (`2024-05-01T00:00:00.000Z`). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Epoch ms of an ISO-8601 date-time with an explicit offset; null when `value` is not one. The
 * date must exist (`Date.parse` alone reads 2024-02-30T00:00Z as March 1st).
 */
export function tryParseInstant(value: string): number | null {
  if (!INSTANT_PATTERN.test(value) || !isDay(value.slice(0, 10))) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Epoch ms of an ISO-8601 date-time with an explicit offset. Throws VALIDATION_ERROR naming
 * `label` and (a bounded part of) the bad value.
 */
export function parseInstant(value: string, label: string): number {
  const ms = tryParseInstant(value);
  if (ms === null) {
    throw new WearablesError('VALIDATION_ERROR', `${label} ${JSON.stringify(String(value).slice(0, 40))} is not an ISO-8601 instant with an offset.`, {
      hint: INSTANT_HINT,
    });
  }
  return ms;
}

/**
 * Epoch ms of a sync window bound: a day means its 00:00 UTC (sync windows count UTC days), any
 * other value must be an ISO-8601 date-time on a real day (one without an offset is read in the
 * server's zone, as `Date.parse` does). Throws VALIDATION_ERROR naming `label` and the bad value.
 */
export function parseUtcDayOrInstant(value: string, label: string): number {
  const dateTime = DATE_TIME_PREFIX.test(value) && isDay(value.slice(0, 10));
  const ms = isDay(value) ? utcDayStartMs(value) : dateTime ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new WearablesError('VALIDATION_ERROR', `${label} "${value}" is not a valid date or ISO-8601 date-time.`, {
      hint: 'Use YYYY-MM-DD or an ISO-8601 date-time such as 2024-05-01T00:00:00Z.',
    });
  }
  return ms;
}

/** The earlier of two days, or of two instants in the canonical form. */
export function minString(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two days, or of two instants in the canonical form. */
export function maxString(a: string, b: string): string {
  return a >= b ? a : b;
}
