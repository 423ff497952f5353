/**
 * The `workout` kind: one exercise session. Energy in kcal, distance in metres, durations in
 * seconds, heart rate in bpm.
 */
import type { RecordDataBase } from './record-data-base.js';

/** What every workout source reports. */
export type WorkoutCore = RecordDataBase & {
  duration_seconds: number | null;
};

/** Fields several sources fill under one meaning. */
export type WorkoutShared = {
  /** The activity in words (`running`, `cycling` ...). */
  activity?: string | null;
  /** A word (`easy`, `moderate`, `hard`) or a number on the source's own scale. */
  intensity?: string | number | null;
  calories?: number | null;
  active_calories?: number | null;
  distance_m?: number | null;
  average_heart_rate_bpm?: number | null;
  min_heart_rate_bpm?: number | null;
  max_heart_rate_bpm?: number | null;
  steps?: number | null;
};

/** A ring's workout: who recorded it and the user's label. */
export type WorkoutRingExtras = {
  /** `manual`, `autodetected`, `confirmed`, `workout_heart_rate`. */
  source?: string | null;
  label?: string | null;
};

/** Per-zone time of a strap workout, seconds. */
export type WorkoutZoneDurations = {
  zone_zero: number;
  zone_one: number;
  zone_two: number;
  zone_three: number;
  zone_four: number;
  zone_five: number;
};

/** A strap's workout: sport, strain, altitude, recording coverage and zones. */
export type WorkoutStrapExtras = {
  sport_name?: string | null;
  v1_id?: number | null;
  /** `SCORED`, `PENDING_SCORE`, `UNSCORABLE`: every derived field is null unless `SCORED`. */
  score_state?: string;
  strain?: number | null;
  avg_hr_bpm?: number | null;
  max_hr_bpm?: number | null;
  distance_meter?: number | null;
  altitude_gain_meter?: number | null;
  altitude_change_meter?: number | null;
  /** Share of the workout with heart rate recorded, 0–100. */
  percent_recorded?: number | null;
  zone_durations_seconds?: WorkoutZoneDurations | null;
};

/** A tracker's workout: category code, floors, heart-rate zones, pauses, SpO2, manual entry. */
export type WorkoutTrackerExtras = {
  category?: number | null;
  floors_climbed?: number | null;
  hr_zone_light_seconds?: number | null;
  hr_zone_moderate_seconds?: number | null;
  hr_zone_intense_seconds?: number | null;
  hr_zone_max_seconds?: number | null;
  pause_seconds?: number | null;
  spo2_average_pct?: number | null;
  /** Entered by hand rather than recorded by a device. */
  manual?: boolean;
};

/** The `data` of a `workout` record. */
export type WorkoutData = WorkoutCore & WorkoutShared & WorkoutRingExtras & WorkoutStrapExtras & WorkoutTrackerExtras;
