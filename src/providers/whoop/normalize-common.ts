/**
 * Small pure helpers of the WHOOP normalizers: units, offsets and the local-day rules.
 *
 * Local-day rules (`NormalizedRecord.day`, always the user's local day from the record's own
 * `timezone_offset`, never the UTC day):
 * - sleep (naps too): the local date it ended on (the wake-up day);
 * - workout: the local date it started on;
 * - cycle: WHOOP cycles run from one sleep onset to the next, so a cycle that starts at 23:30 on
 *   the 14th is the 15th's: the day the user wakes up into, whose recovery and waking hours it
 *   holds. The rule is the local date 12 hours after the cycle starts (sleep onsets from noon to
 *   noon map to the day that follows). It uses only `start`, so the ongoing cycle (no `end` yet)
 *   already has its day and a cycle keeps that day when it ends: a cycle is on exactly one day.
 *   (Its `end` is the next bedtime, on either side of midnight: not a stable day.)
 * - recovery: the day of its cycle (a recovery belongs to one cycle and comes from the sleep that
 *   starts it, which ends on the same day).
 */
import type { RecordDataByKind, RecordKind } from '../../core/records/record.js';
import type { KindCore } from './record-core.js';

/** 1 kJ = 0.239006 kcal. */
export const KCAL_PER_KJ = 0.239006;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const OFFSET_PATTERN = /^([+-])(\d{2}):?(\d{2})$/;

/** Minutes east of UTC of a WHOOP Time Zone Designator (`-05:00`, `+0530`, `Z`); null when unreadable. */
export function offsetMinutes(designator: string | null | undefined): number | null {
  if (designator === null || designator === undefined) return null;
  if (designator === 'Z' || designator === 'z') return 0;
  const match = OFFSET_PATTERN.exec(designator.trim());
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** `+02:00` form of an offset in minutes (canonical `tzOffset`). */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The canonical `+hh:mm` offset of a designator, or null. */
export function canonicalOffset(designator: string | null | undefined): string | null {
  const minutes = offsetMinutes(designator);
  return minutes === null ? null : formatOffset(minutes);
}

/** The local calendar date of `instant` (+ `shiftMs`) at the designator's offset; null when unreadable. */
export function localDateOf(instant: string | null | undefined, designator: string | null | undefined, shiftMs = 0): string | null {
  const minutes = offsetMinutes(designator);
  const ms = instant ? Date.parse(instant) : Number.NaN;
  if (minutes === null || Number.isNaN(ms)) return null;
  return new Date(ms + shiftMs + minutes * MINUTE_MS).toISOString().slice(0, 10);
}

/** The local day of a cycle (see module docs): the local date 12 hours after it starts. */
export function cycleDay(start: string, designator: string): string | null {
  return localDateOf(start, designator, 12 * HOUR_MS);
}

/** Milliseconds → seconds with one decimal; null stays null. */
export function seconds(milliseconds: number | null | undefined): number | null {
  return typeof milliseconds === 'number' && Number.isFinite(milliseconds) ? Math.round(milliseconds / 100) / 10 : null;
}

/** Kilojoules → whole kilocalories; null stays null. */
export function kilocalories(kilojoules: number | null | undefined): number | null {
  return typeof kilojoules === 'number' && Number.isFinite(kilojoules) ? Math.round(kilojoules * KCAL_PER_KJ) : null;
}

/** Rounds to `digits` decimals; null stays null. */
export function rounded(value: number | null | undefined, digits = 1): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `undefined` → `null`, so every canonical field is present and JSON-stable. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

/**
 * The score fields of a record: `derived` when WHOOP scored it, otherwise the same keys all null
 * (the top-level `score_state` says why: PENDING_SCORE, UNSCORABLE).
 */
export function scoredFields<T extends Record<string, unknown>>(scoreState: string, derived: T): { [K in keyof T]: T[K] | null } {
  if (scoreState === 'SCORED') return derived;
  return Object.fromEntries(Object.keys(derived).map((key) => [key, null])) as { [K in keyof T]: null };
}

/** A record spanning time with WHOOP's offset and `updated_at`. */
export function spanCore<K extends RecordKind>(
  kind: K,
  id: string,
  document: { start: string; end?: string | null; timezone_offset: string; updated_at?: string | null },
  day: string | null,
  data: RecordDataByKind[K],
): KindCore<K> {
  return {
    kind,
    id,
    day,
    start: document.start,
    end: document.end ?? null,
    tzOffset: canonicalOffset(document.timezone_offset),
    updatedAt: document.updated_at ?? null,
    data,
  };
}
