/** Pure normalizers of WHOOP cycles and recoveries (a recovery belongs to one cycle). */
import type { WhoopCycle, WhoopRecovery } from './schema.js';
import { canonicalOffset, cycleDay, kilocalories, orNull, rounded, scoredFields } from './normalize-common.js';
import type { KindCore } from './record-core.js';

/** `cycle` → day strain, energy (kcal) and heart rate; id is the integer cycle id as a string. */
export function normalizeCycle(cycle: WhoopCycle): KindCore<'activity_day'> {
  const score = cycle.score;
  return {
    kind: 'activity_day',
    id: String(cycle.id),
    day: cycleDay(cycle.start, cycle.timezone_offset),
    start: cycle.start,
    end: cycle.end ?? null,
    tzOffset: canonicalOffset(cycle.timezone_offset),
    updatedAt: cycle.updated_at ?? null,
    data: {
      cycle_id: cycle.id,
      score_state: cycle.score_state,
      // WHOOP leaves `end` out while the user is still in the cycle.
      ongoing: !cycle.end,
      ...scoredFields(cycle.score_state, {
        strain: rounded(score?.strain, 2),
        avg_hr_bpm: orNull(score?.average_heart_rate),
        max_hr_bpm: orNull(score?.max_heart_rate),
        calories: kilocalories(score?.kilojoule),
      }),
    },
  };
}

/** What a recovery needs from its cycle to know its local day. */
export interface RecoveryCycleContext {
  start: string;
  timezone_offset: string;
}

/**
 * `recovery` → recovery score, HRV (RMSSD, ms), resting heart rate, SpO2, skin temperature. The
 * id is the cycle id (one recovery per cycle); day, start and offset come from the cycle.
 */
export function normalizeRecovery(recovery: WhoopRecovery, cycle: RecoveryCycleContext | null): KindCore<'daily_scores'> {
  const score = recovery.score;
  const hrv = rounded(score?.hrv_rmssd_milli, 1);
  return {
    kind: 'daily_scores',
    id: String(recovery.cycle_id),
    day: cycle ? cycleDay(cycle.start, cycle.timezone_offset) : null,
    start: cycle?.start ?? null,
    end: null,
    tzOffset: cycle ? canonicalOffset(cycle.timezone_offset) : null,
    updatedAt: recovery.updated_at ?? null,
    data: {
      cycle_id: recovery.cycle_id,
      sleep_id: orNull(recovery.sleep_id),
      score_state: recovery.score_state,
      ...scoredFields(recovery.score_state, {
        recovery_score: rounded(score?.recovery_score, 0),
        resting_heart_rate_bpm: rounded(score?.resting_heart_rate, 0),
        hrv_rmssd_ms: hrv,
        // The canonical name shared with Oura: WHOOP's HRV is RMSSD in ms too (measured in deep sleep).
        average_hrv_ms: hrv,
        spo2_pct: rounded(score?.spo2_percentage, 1),
        skin_temp_c: rounded(score?.skin_temp_celsius, 1),
        user_calibrating: orNull(score?.user_calibrating),
      }),
    },
  };
}
