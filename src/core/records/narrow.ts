/**
 * Narrowing stored `data` to its kind, once, where rows are read. The store keeps `data` as the
 * normalizer wrote it and the resource declares the kind, so a row is of its resource's kind
 * when it carries the fields every record of that kind has; a row without them is an identity-only
 * (unreadable) document, or was written by something other than a normalizer.
 */
import type { RecordDataByKind, RecordKind } from './record.js';

/** The keys of `T` that are not optional (index signatures left out). */
type RequiredKeys<T> = { [P in keyof T]-?: string extends P ? never : `${number}` extends P ? never : Record<never, never> extends Pick<T, P> ? never : P }[keyof T];

/** The fields every record of a kind carries (null when the source had no value). */
export const REQUIRED_FIELDS: { readonly [K in RecordKind]: ReadonlyArray<RequiredKeys<RecordDataByKind[K]>> } = {
  sleep_period: ['total_sleep_seconds', 'light_sleep_seconds', 'deep_sleep_seconds', 'rem_sleep_seconds', 'awake_seconds'],
  sleep_segment: ['stage', 'duration_seconds', 'heart_rate_bpm', 'respiratory_rate', 'snoring_seconds', 'heart_rate', 'respiration_rate', 'device_model'],
  daily_scores: [],
  activity_day: [],
  workout: ['duration_seconds'],
  session: ['session_type', 'mood', 'duration_seconds', 'average_heart_rate_bpm', 'average_hrv_ms'],
  annotation: [],
  body_measure: ['category', 'attribution', 'attribution_detail', 'device_model', 'device_model_id', 'comment', 'measures'],
  signal_recording: ['signal_id'],
  profile: [],
  device: [],
  goals: ['steps_goal', 'sleep_goal_seconds', 'weight_goal_kg'],
};

/**
 * `data` typed as `kind` when it has every field the kind requires, else null (the row is an
 * unreadable document: only `schema_mismatch_fields`, or not a normalizer's output).
 */
export function narrowData<K extends RecordKind>(kind: K, data: Readonly<Record<string, unknown>>): RecordDataByKind[K] | null {
  const required: readonly string[] = REQUIRED_FIELDS[kind];
  for (const field of required) if (!(field in data)) return null;
  // Every required field is present; the stored object is what the normalizer of this kind wrote.
  return data as RecordDataByKind[K];
}
