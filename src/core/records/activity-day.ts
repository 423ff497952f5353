/**
 * The `activity_day` kind: one local day of movement (or one physiological day from sleep to
 * sleep). Energy in kcal, distances in metres, durations in seconds, heart rate in bpm.
 */
import type { RecordDataBase } from './record-data-base.js';
import type { ContributorFields } from './daily-scores.js';

/** Movement totals several sources fill under one meaning. */
export type ActivityDayShared = {
  steps?: number | null;
  active_calories?: number | null;
  total_calories?: number | null;
  distance_m?: number | null;
  average_heart_rate_bpm?: number | null;
  min_heart_rate_bpm?: number | null;
  max_heart_rate_bpm?: number | null;
  device_model?: string | null;
  /** The day's activity score (0–100). */
  score?: number | null;
};

/** A ring's activity day: targets, time per activity level, MET minutes, contributors. */
export type ActivityDayLevels = ContributorFields & {
  target_calories?: number | null;
  equivalent_walking_distance_m?: number | null;
  target_distance_m?: number | null;
  distance_to_target_m?: number | null;
  high_activity_seconds?: number | null;
  medium_activity_seconds?: number | null;
  low_activity_seconds?: number | null;
  sedentary_seconds?: number | null;
  resting_seconds?: number | null;
  non_wear_seconds?: number | null;
  high_activity_met_minutes?: number | null;
  medium_activity_met_minutes?: number | null;
  low_activity_met_minutes?: number | null;
  sedentary_met_minutes?: number | null;
  average_met?: number | null;
  inactivity_alerts?: number | null;
};

/** A tracker's day: floors, time per intensity, heart-rate zones, time zone. */
export type ActivityDayIntensity = {
  floors_climbed?: number | null;
  soft_activity_seconds?: number | null;
  moderate_activity_seconds?: number | null;
  intense_activity_seconds?: number | null;
  active_seconds?: number | null;
  hr_zone_light_seconds?: number | null;
  hr_zone_moderate_seconds?: number | null;
  hr_zone_intense_seconds?: number | null;
  hr_zone_max_seconds?: number | null;
  is_tracker?: boolean | null;
  /** IANA zone the day was recorded in. */
  timezone?: string | null;
};

/** A strain day (one physiological cycle): strain, heart rate and energy of the cycle. */
export type ActivityDayStrain = {
  cycle_id?: number;
  /** `SCORED`, `PENDING_SCORE`, `UNSCORABLE`: every derived field is null unless `SCORED`. */
  score_state?: string;
  /** The cycle has not ended yet (no end time). */
  ongoing?: boolean;
  /** Cardiovascular strain, 0–21. */
  strain?: number | null;
  avg_hr_bpm?: number | null;
  max_hr_bpm?: number | null;
  /** Energy spent over the cycle, kcal. */
  calories?: number | null;
};

/** The `data` of an `activity_day` record. */
export type ActivityDayData = RecordDataBase & ActivityDayShared & ActivityDayLevels & ActivityDayIntensity & ActivityDayStrain;
