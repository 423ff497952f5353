/**
 * The `daily_scores` kind: what a source concludes about one local day (sleep score, readiness
 * or recovery, resilience, stress, blood oxygen, cardiovascular age, VO2 max, bedtime guidance).
 * One record holds the scores of one source document; which fields it fills depends on the
 * document. Scores are 0–100, temperatures °C, durations seconds, HRV (RMSSD) ms.
 */
import type { RecordDataBase } from './record-data-base.js';

/** A score's contributors, flattened: `{ contributor_deep_sleep: 45 }` (each 0–100). */
export type ContributorFields = { [key: `contributor_${string}`]: number | null };

/** The `contributor_` prefix of `ContributorFields` keys. */
export const CONTRIBUTOR_PREFIX = 'contributor_';

/** A day's score with its contributors and, for readiness, the body temperature deviation. */
export type DayScoreFields = {
  score?: number | null;
  temperature_deviation_c?: number | null;
  temperature_trend_deviation_c?: number | null;
};

/** Recovery after the night: score, resting heart rate, HRV, SpO2, skin temperature. */
export type RecoveryFields = {
  /** `SCORED`, `PENDING_SCORE`, `UNSCORABLE`: every derived field is null unless `SCORED`. */
  score_state?: string;
  cycle_id?: number;
  sleep_id?: string | null;
  recovery_score?: number | null;
  resting_heart_rate_bpm?: number | null;
  hrv_rmssd_ms?: number | null;
  /** The same RMSSD under the name sleep periods use. */
  average_hrv_ms?: number | null;
  /** HRV as SDNN (ms), as phones and watches report it: never mixed with RMSSD. */
  hrv_sdnn_ms?: number | null;
  spo2_pct?: number | null;
  skin_temp_c?: number | null;
  user_calibrating?: boolean | null;
};

/** Stress, resilience, breathing during sleep, cardiovascular fitness. */
export type WellbeingFields = {
  stress_high_seconds?: number | null;
  recovery_high_seconds?: number | null;
  /** `restored`, `normal`, `stressful`. */
  day_summary?: string | null;
  /** `limited`, `adequate`, `solid`, `strong`, `exceptional`. */
  level?: string | null;
  spo2_average_pct?: number | null;
  breathing_disturbance_index?: number | null;
  /** Breaths per minute. */
  respiratory_rate?: number | null;
  vascular_age_years?: number | null;
  vo2_max_ml_kg_min?: number | null;
};

/** The recommended bedtime window, as offsets in seconds from the day's midnight. */
export type BedtimeFields = {
  recommendation?: string | null;
  status?: string | null;
  optimal_bedtime_start_offset_seconds?: number | null;
  optimal_bedtime_end_offset_seconds?: number | null;
};

/** The `data` of a `daily_scores` record. */
export type DailyScoresData = RecordDataBase & ContributorFields & DayScoreFields & RecoveryFields & WellbeingFields & BedtimeFields;

/** A score's contributors by name (`{ deep_sleep: 45 }`), from its flattened `contributor_` fields (nulls left out). */
export function contributorsOf(data: ContributorFields): Record<string, number> {
  const contributors: Record<string, number> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith(CONTRIBUTOR_PREFIX) && typeof value === 'number') contributors[key.slice(CONTRIBUTOR_PREFIX.length)] = value;
  }
  return contributors;
}
