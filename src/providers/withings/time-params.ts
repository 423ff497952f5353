/** Window bounds in the formats Withings parameters take. */
import { WearablesError } from '../../core/errors.js';
import { DAY_PATTERN, utcDayStartMs } from '../../core/time/days.js';

/** Epoch seconds of an ISO instant or a day (its 00:00 UTC). */
export function epochSeconds(value: string): number {
  const ms = DAY_PATTERN.test(value) ? utcDayStartMs(value) : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new WearablesError('VALIDATION_ERROR', `"${value}" is not a date or ISO-8601 instant.`, { hint: 'Use 2024-05-01 or 2024-05-01T00:00:00Z.' });
  }
  return Math.floor(ms / 1000);
}
