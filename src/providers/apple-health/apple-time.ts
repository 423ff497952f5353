/**
 * Apple Health timestamps (`2024-03-01 07:12:00 -0500`): every record carries the offset of the
 * phone at the time it was written, so the person's local day and hour are read from the string
 * itself, never from the machine's zone. Hand-parsed: an export holds millions of them.
 */
import type { LocalDay } from '../../core/types.js';

/** One instant of the export, with the local day and hour it had where it was recorded. */
export interface AppleInstant {
  /** Epoch milliseconds (UTC). */
  ms: number;
  /** The person's local day, `YYYY-MM-DD`. */
  day: LocalDay;
  /** Local hour of day, 0–23. */
  hour: number;
  /** ISO-8601 with the record's own offset: `2024-03-01T07:12:00-05:00`. */
  iso: string;
  /** `-05:00`. */
  offset: string;
}

const APPLE_DATE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/;

/** Parses an export timestamp; null for anything else (a malformed or pre-2016 format date). */
export function parseAppleDate(value: string | undefined): AppleInstant | null {
  if (value === undefined) return null;
  const match = APPLE_DATE.exec(value);
  if (!match) return null;
  const [, year, month, date, hours, minutes, seconds, sign, offsetHours, offsetMinutes] = match as unknown as string[];
  const hour = Number(hours);
  const offsetTotal = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  const local = Date.UTC(Number(year), Number(month) - 1, Number(date), hour, Number(minutes), Number(seconds));
  if (Number.isNaN(local) || hour > 23 || Math.abs(offsetTotal) > 14 * 60) return null;
  const day = value.slice(0, 10);
  // Date.UTC rolls 2024-02-31 over into March: such a date is not a real one.
  if (new Date(local).toISOString().slice(0, 10) !== day) return null;
  const offset = `${sign}${offsetHours}:${offsetMinutes}`;
  return { ms: local - offsetTotal * 60_000, day, hour, iso: `${day}T${value.slice(11, 19)}${offset}`, offset };
}
