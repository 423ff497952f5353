/**
 * Canonical records: every provider document is normalized into one of a closed set of kinds,
 * each with a typed `data` shape (snake_case fields, units in the names). Readers switch on
 * `kind` and read typed fields; the provider payload stays in `raw` and is never read in place
 * of a canonical field.
 */
import type { ActivityDayData } from './activity-day.js';
import type { AnnotationData } from './annotation.js';
import type { BodyMeasureData } from './body-measure.js';
import type { DailyScoresData } from './daily-scores.js';
import type { DeviceData } from './device.js';
import type { GoalsData } from './goals.js';
import type { ProfileData } from './profile.js';
import type { SessionData } from './session.js';
import type { SignalRecordingData } from './signal-recording.js';
import type { SleepPeriodData } from './sleep-period.js';
import type { SleepSegmentData } from './sleep-segment.js';
import type { WorkoutData } from './workout.js';
import type { ProviderId } from '../types.js';

/** The `data` shape of each canonical kind. */
export type RecordDataByKind = {
  sleep_period: SleepPeriodData;
  sleep_segment: SleepSegmentData;
  daily_scores: DailyScoresData;
  activity_day: ActivityDayData;
  workout: WorkoutData;
  session: SessionData;
  annotation: AnnotationData;
  body_measure: BodyMeasureData;
  signal_recording: SignalRecordingData;
  profile: ProfileData;
  device: DeviceData;
  goals: GoalsData;
};

/** Every canonical kind a resource can declare. */
export const RECORD_KINDS = [
  'sleep_period',
  'sleep_segment',
  'daily_scores',
  'activity_day',
  'workout',
  'session',
  'annotation',
  'body_measure',
  'signal_recording',
  'profile',
  'device',
  'goals',
] as const satisfies ReadonlyArray<keyof RecordDataByKind>;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * The `data` of a document too broken to normalize (its identity could still be read): only
 * the fields that failed. Its record has kind `unreadable`, whatever its resource declares.
 */
export type UnreadableData = { schema_mismatch_fields: string[] };

/** The identity and time of a record, the same for every kind. */
export interface RecordEnvelope {
  provider: ProviderId;
  /** Resource name as the provider declares it, e.g. `daily_sleep`, `sleep`, `workout`. */
  resource: string;
  /** The provider's stable id for the document (for day documents without id: the day). */
  id: string;
  /** Local day the record belongs to (the user's day, not the UTC day); null for snapshots. */
  day: string | null;
  /** ISO-8601 start with offset, when the record spans time. */
  start: string | null;
  /** ISO-8601 end with offset. */
  end: string | null;
  /** UTC offset of the record's local time, `+02:00`; null when unknown. */
  tzOffset: string | null;
  /** Provider's last-modified timestamp when it sends one (ISO-8601), else null. */
  updatedAt: string | null;
  /** The untouched provider payload, kept so nothing the provider sent is lost. */
  raw: unknown;
}

/** A record of one kind: `kind` tells which `data` shape it carries. */
export type KindRecord<K extends RecordKind> = RecordEnvelope & { kind: K; data: RecordDataByKind[K] };

/** A record whose document could not be normalized beyond its identity. */
export type UnreadableRecord = RecordEnvelope & { kind: 'unreadable'; data: UnreadableData };

/**
 * One provider document after the pure normalize step, typed by kind: `NormalizedRecord` is
 * any kind (switch on `kind`), `NormalizedRecord<'workout'>` one kind.
 */
export type NormalizedRecord<K extends RecordKind = RecordKind> = { [P in K]: KindRecord<P> }[K] | UnreadableRecord;

/** The identity and time of a record without what the provider's wrapper adds (`provider`, `resource`, `raw`). */
export type RecordPlacement = Omit<RecordEnvelope, 'provider' | 'resource' | 'raw'>;

/** What one normalizer fills for a record of kind `K`; `provider`, `resource` and `raw` are added later. */
export type KindCore<K extends RecordKind> = RecordPlacement & { kind: K; data: RecordDataByKind[K] };

/** What a provider's normalizers fill: a record of any kind (or unreadable) without `provider`, `resource`, `raw`. */
export type RecordCore = { [P in RecordKind]: KindCore<P> }[RecordKind] | (RecordPlacement & { kind: 'unreadable'; data: UnreadableData });

/** True for every canonical kind name (`unreadable` is not one a resource can declare). */
export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

/** The named (not pattern) fields of a data shape `D` whose values are of type `V`. */
export type FieldOf<D, V> = {
  [P in keyof D]-?: string extends P
    ? never
    : `contributor_${string}` extends P
      ? never
      : `meastype_${number}` extends P
        ? never
        : NonNullable<D[P]> extends V
          ? P
          : never;
}[keyof D] &
  string;

/** The named fields of kind `K` whose values are numbers: what a numeric column can read. */
export type NumberField<K extends RecordKind> = FieldOf<RecordDataByKind[K], number>;

/** A numeric field of `data` (a finite number), else null: the one typed read table columns share. */
export function numberIn<D extends object>(data: D, field: FieldOf<D, number>): number | null {
  const value: unknown = data[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A text field of `data`, else null. */
export function textIn<D extends object>(data: D, field: FieldOf<D, string>): string | null {
  const value: unknown = data[field];
  return typeof value === 'string' ? value : null;
}
