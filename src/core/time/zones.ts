/**
 * The person's local days. A record's day is the day on the wearer's wall clock, which is not
 * the UTC day: a night that ends at 07:00 in Kathmandu (+05:45) ended on the previous UTC day.
 * A `Zone` says where that wall clock is: a fixed UTC offset a provider reported for the person,
 * or the server's own zone (with its DST rules) when the person's is unknown.
 */
import type { LocalDay } from '../types.js';
import { utcDayOf, utcDayStartMs } from './days.js';
import { MINUTE_MS } from './instants.js';

/** Where local days are reckoned: a fixed offset (minutes east of UTC), or the server's zone. */
export type Zone = { readonly kind: 'offset'; readonly offsetMinutes: number } | { readonly kind: 'server' };

/** The server's own time zone (the process's `TZ`), DST transitions included. */
export const SERVER_ZONE: Zone = Object.freeze({ kind: 'server' });

/** Largest offset any zone uses (UTC+14 / UTC-12, with margin): 18 hours in minutes. */
const MAX_OFFSET_MINUTES = 18 * 60;

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** A zone at a fixed offset in minutes east of UTC (`-570` is -09:30). */
export function offsetZone(offsetMinutes: number): Zone {
  return Object.freeze({ kind: 'offset', offsetMinutes });
}

/** `-05:00` → -300; null for anything else, including offsets beyond ±18 h. */
export function parseOffset(offset: string | null | undefined): number | null {
  const match = offset ? OFFSET.exec(offset) : null;
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[3]) >= 60 || minutes > MAX_OFFSET_MINUTES) return null;
  return match[1] === '-' ? -minutes : minutes;
}

/** Minutes east of UTC → `+05:45` / `-09:30` / `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** The offset of `zone` at an instant, in minutes east of UTC. */
export function offsetAt(instant: Date | number, zone: Zone): number {
  if (zone.kind === 'offset') return zone.offsetMinutes;
  return -new Date(instant).getTimezoneOffset();
}

/** The person's local calendar day of an instant in `zone`. */
export function localDayOf(instant: Date | number, zone: Zone): LocalDay {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (zone.kind === 'offset') return utcDayOf(ms + zone.offsetMinutes * MINUTE_MS);
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Epoch ms at which the local `day` starts in `zone`. In the server's zone a day may be 23 or 25
 * hours long; where midnight itself is skipped (DST at 00:00) the day starts at the first minute
 * that exists.
 */
export function localDayStartMs(day: LocalDay, zone: Zone): number {
  if (zone.kind === 'offset') return utcDayStartMs(day) - zone.offsetMinutes * MINUTE_MS;
  return new Date(`${day}T00:00:00`).getTime();
}

/** ISO-8601 local wall time of an instant with the zone's offset, to the second (`2024-10-10T02:00:00+02:00`). */
export function localIso(instant: Date | number, zone: Zone): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const offset = offsetAt(ms, zone);
  return `${utcDayOf(ms + offset * MINUTE_MS)}T${new Date(ms + offset * MINUTE_MS).toISOString().slice(11, 19)}${formatOffset(offset)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
