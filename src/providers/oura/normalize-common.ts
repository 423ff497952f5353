/** Small pure helpers shared by the Oura normalizers. */
import type { ContributorFields } from '../../core/records/daily-scores.js';
import type { KindCore, RecordDataByKind, RecordKind } from '../../core/records/record.js';

export type { RecordCore } from '../../core/records/record.js';

const OFFSET_PATTERN = /(?:([+-])(\d{2}):?(\d{2})|Z)$/;

/**
 * The UTC offset (`+02:00`) an ISO-8601 timestamp was written with; `Z` gives `+00:00`;
 * null when the timestamp has no offset or is missing.
 */
export function offsetOf(timestamp: string | null | undefined): string | null {
  if (!timestamp) return null;
  const match = OFFSET_PATTERN.exec(timestamp);
  if (!match) return null;
  if (match[1] === undefined) return '+00:00';
  return `${match[1]}${match[2]}:${match[3]}`;
}

/** `+02:00` from an offset in seconds east of UTC (Oura's `day_tz`). */
export function offsetFromSeconds(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(seconds) / 60);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The offset from a `timezone` field when a document has one: minutes east of UTC (Oura v1
 * style) or an offset string. Null otherwise.
 */
export function offsetFromTimezoneField(document: Record<string, unknown>): string | null {
  const timezone = document.timezone;
  if (typeof timezone === 'number' && Number.isFinite(timezone)) return offsetFromSeconds(timezone * 60);
  if (typeof timezone === 'string') return offsetOf(timezone);
  return null;
}

/** Seconds between two ISO timestamps, or null if either is missing / unparseable. */
export function durationSeconds(start: string | null | undefined, end: string | null | undefined): number | null {
  if (!start || !end) return null;
  const milliseconds = Date.parse(end) - Date.parse(start);
  return Number.isFinite(milliseconds) ? Math.round(milliseconds / 1000) : null;
}

/** Flattens `{ deep_sleep: 45 }` into `{ contributor_deep_sleep: 45 }`. */
export function flattenContributors(contributors: Record<string, number | null | undefined> | null | undefined): ContributorFields {
  const flat: ContributorFields = {};
  for (const [key, value] of Object.entries(contributors ?? {})) flat[`contributor_${key}`] = value ?? null;
  return flat;
}

/** Oura's `meta.updated_at` when the document carries one (the recorded responses do not). */
export function updatedAtOf(document: { meta?: { updated_at?: string | null | undefined } | null | undefined }): string | null {
  return document.meta?.updated_at ?? null;
}

/** Mean of the non-null numbers of a sample array (session heart rate, ...), rounded to 0.1. */
export function meanOf(items: ReadonlyArray<number | null> | null | undefined): number | null {
  const values = (items ?? []).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
}

/** `undefined` → `null`, so every canonical field is present and JSON-stable. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

/** A day-keyed summary document (no time span): start/end null, offset from its timestamp. */
export function dayCore<K extends RecordKind>(
  kind: K,
  document: { id?: string | null; day: string; timestamp?: string | null; meta?: { updated_at?: string | null } | null },
  data: RecordDataByKind[K],
): KindCore<K> {
  return {
    kind,
    id: document.id ?? document.day,
    day: document.day,
    start: null,
    end: null,
    tzOffset: dayTimestampOffset(document.timestamp) ?? offsetFromTimezoneField(document as Record<string, unknown>),
    updatedAt: updatedAtOf(document),
    data,
  };
}

const UTC_MIDNIGHT = /T00:00:00(?:\.0+)?(?:\+00:00|Z)$/;

/**
 * The offset of a daily document's `timestamp`, or null when it says nothing about the person:
 * readiness and daily sleep are stamped `T00:00:00+00:00` whatever the zone (recorded
 * daily_readiness_page_1.json and daily_sleep_page_1.json of a user whose daily_activity_page_1.json
 * says -05:00). The client fills those from the person's reported zone.
 */
export function dayTimestampOffset(timestamp: string | null | undefined): string | null {
  if (timestamp && UTC_MIDNIGHT.test(timestamp)) return null;
  return offsetOf(timestamp);
}

/** A document spanning time (sleep, workout, session, tag): offset from its start timestamp. */
export function spanCore<K extends RecordKind>(
  kind: K,
  document: { id: string; meta?: { updated_at?: string | null } | null },
  span: { day: string | null; start: string | null; end: string | null },
  data: RecordDataByKind[K],
): KindCore<K> {
  return {
    kind,
    id: document.id,
    day: span.day,
    start: span.start,
    end: span.end,
    tzOffset: offsetOf(span.start) ?? offsetOf(span.end) ?? offsetFromTimezoneField(document as Record<string, unknown>),
    updatedAt: updatedAtOf(document),
    data,
  };
}
