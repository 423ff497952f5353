/**
 * Calendar and offset helpers. The simulator keeps instants as epoch milliseconds and local
 * days as `YYYY-MM-DD`; a UTC offset is carried in minutes east of UTC (`-300` = `-05:00`).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayCache = new Map<string, number>();

/** Epoch ms of UTC midnight of a `YYYY-MM-DD` day (throws on malformed input). */
export function dayToUtcMs(day: string): number {
  const cached = dayCache.get(day);
  if (cached !== undefined) return cached;
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`Not a YYYY-MM-DD day: ${day}`);
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  date.setUTCHours(0, 0, 0, 0);
  const ms = date.getTime();
  if (dayCache.size < 100_000) dayCache.set(day, ms);
  return ms;
}

/** `YYYY-MM-DD` of the UTC calendar day containing `ms`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Adds `n` calendar days to a day string. */
export function addDays(day: string, n: number): string {
  return utcDay(dayToUtcMs(day) + n * DAY_MS);
}

/** Whole days from `a` to `b` (`b - a`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToUtcMs(b) - dayToUtcMs(a)) / DAY_MS);
}

/** The local day of instant `ms` at a UTC offset. */
export function localDay(ms: number, offsetMinutes: number): string {
  return utcDay(ms + offsetMinutes * MINUTE_MS);
}

/** Epoch ms of local wall-clock `minutes` after local midnight of `day` at a UTC offset. */
export function localTimeMs(day: string, minutes: number, offsetMinutes: number): number {
  return dayToUtcMs(day) + (minutes - offsetMinutes) * MINUTE_MS;
}

/** Day of week of a day string, 0 = Sunday. */
export function dayOfWeek(day: string): number {
  return new Date(dayToUtcMs(day)).getUTCDay();
}

/** `+01:00` / `-05:00` for an offset in minutes. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** Wall-clock `YYYY-MM-DDTHH:MM:SS` (optionally `.mmm`) of `ms` at an offset, without the offset. */
export function wallClock(ms: number, offsetMinutes: number, millis = false): string {
  const iso = new Date(ms + offsetMinutes * MINUTE_MS).toISOString();
  return millis ? iso.slice(0, 23) : iso.slice(0, 19);
}

/** ISO-8601 local time with offset, e.g. `2024-10-10T01:01:59+02:00` (or `.000+02:00`). */
export function localIso(ms: number, offsetMinutes: number, millis = false): string {
  return `${wallClock(ms, offsetMinutes, millis)}${formatOffset(offsetMinutes)}`;
}

/** ISO-8601 UTC time written with `+00:00`, as Oura writes UTC instants. */
export function utcIso(ms: number): string {
  return localIso(ms, 0);
}

/** Parses an offset suffix (`Z`, `+01:00`, `-0500`) into minutes; null when absent. */
export function parseOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
