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

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, date: number): boolean {
  if (month < 1 || month > 12 || date < 1 || date > (DAYS_IN_MONTH[month - 1] ?? 0)) return false;
  return month !== 2 || date < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

/** The two-digit number at `index`, or NaN. */
function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index) - 48;
  const units = text.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : NaN;
}

/** `YYYY-MM-DD HH:MM:SS ±HHMM`: separators at fixed places. */
function hasSeparators(text: string): boolean {
  return text.length === 25 && text[4] === '-' && text[7] === '-' && text[10] === ' ' && text[13] === ':' && text[16] === ':' && text[19] === ' ' && (text[20] === '+' || text[20] === '-');
}

/** A parsed instant; the strings are cut from the export's own text only when asked for. */
class ParsedInstant implements AppleInstant {
  constructor(
    private readonly text: string,
    readonly ms: number,
    readonly hour: number,
  ) {}

  get day(): LocalDay {
    return this.text.slice(0, 10);
  }

  get offset(): string {
    return `${this.text.slice(20, 23)}:${this.text.slice(23, 25)}`;
  }

  get iso(): string {
    return `${this.text.slice(0, 10)}T${this.text.slice(11, 19)}${this.offset}`;
  }
}

/**
 * Parses an export timestamp; null for anything else (a malformed date, an impossible one such
 * as 2024-02-31, or the pre-2016 compact format). Hand-written: it runs twice per sample.
 */
export function parseAppleDate(value: string | undefined): AppleInstant | null {
  if (value === undefined || !hasSeparators(value)) return null;
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const date = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  const offset = (twoDigits(value, 21) * 60 + twoDigits(value, 23)) * (value[20] === '-' ? -1 : 1);
  // NaN fails every comparison below, so a non-digit anywhere refuses the date.
  if (!(hour <= 23 && minute <= 59 && second <= 60 && Math.abs(offset) <= 14 * 60) || !isRealDate(year, month, date)) return null;
  return new ParsedInstant(value, Date.UTC(year, month - 1, date, hour, minute, second) - offset * 60_000, hour);
}
