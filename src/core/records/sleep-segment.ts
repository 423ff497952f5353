/**
 * The `sleep_segment` kind: one stage segment of a night, with its heart rate, breathing and
 * snoring. Series are `[epochSeconds, value]` pairs in time order.
 */
import type { RecordDataBase } from './record-data-base.js';

/** The `data` of a `sleep_segment` record. */
export type SleepSegmentData = RecordDataBase & {
  /** `awake`, `light`, `deep`, `rem` (or `state_<n>` for an unknown code). */
  stage: string;
  duration_seconds: number;
  /** Mean heart rate over the segment, bpm. */
  heart_rate_bpm: number | null;
  /** Mean breaths per minute over the segment. */
  respiratory_rate: number | null;
  snoring_seconds: number | null;
  heart_rate: Array<[number, number]>;
  respiration_rate: Array<[number, number]>;
  device_model: string | null;
};
