/**
 * Day totals → Apple's day records: `activity` (an `activity_day`) and `vitals` (a
 * `daily_scores` day: resting heart rate, HRV as SDNN, SpO2, breathing, VO2 max). The id is the
 * day, so a newer export that adds samples to a day updates that one record, and a day whose
 * samples did not change hashes the same and writes nothing.
 */
import type { NormalizedRecord } from '../../core/types.js';
import { appleRecord, round } from './apple-record.js';
import type { DayMetricTotal, DayTotals } from './day-totals.js';

const value = (total: DayMetricTotal, decimals: number, scale = 1): number | null => (total.value === null ? null : round(total.value * scale, decimals));

function byOrigin(totals: Record<string, DayMetricTotal>): Record<string, Record<string, number>> {
  const entries = Object.entries(totals)
    .filter(([, total]) => total.value !== null)
    .map(([metric, total]) => [metric, Object.fromEntries(Object.entries(total.byOrigin).map(([origin, amount]) => [origin, round(amount, 2)]))]);
  return Object.fromEntries(entries) as Record<string, Record<string, number>>;
}

function activityRecord(totals: DayTotals): NormalizedRecord | null {
  const activity = totals.activity;
  if (Object.values(activity).every((total) => total.value === null)) return null;
  return appleRecord('activity', 'activity_day', {
    id: totals.day,
    day: totals.day,
    start: null,
    end: null,
    tzOffset: totals.offset,
    data: {
      steps: value(activity.steps, 0),
      active_calories: value(activity.active_kcal, 1),
      distance_m: value(activity.distance_m, 0),
      floors_climbed: value(activity.floors, 0),
      // Apple's exercise minutes: minutes of at least brisk-walk intensity.
      active_seconds: value(activity.exercise_minutes, 0, 60),
    },
    raw: { by_origin: byOrigin(activity), copies_left_out: totals.copies },
  });
}

function vitalsRecord(totals: DayTotals): NormalizedRecord | null {
  const vitals = totals.vitals;
  if (Object.values(vitals).every((total) => total.value === null)) return null;
  return appleRecord('vitals', 'daily_scores', {
    id: totals.day,
    day: totals.day,
    start: null,
    end: null,
    tzOffset: totals.offset,
    data: {
      resting_heart_rate_bpm: value(vitals.resting_heart_rate, 1),
      // SDNN, not RMSSD: the field name says so, and it never feeds the RMSSD metric of rings and straps.
      hrv_sdnn_ms: value(vitals.hrv_sdnn, 1),
      spo2_pct: value(vitals.spo2_pct, 1),
      respiratory_rate: value(vitals.respiratory_rate, 1),
      vo2_max_ml_kg_min: value(vitals.vo2_max, 1),
    },
    raw: { by_origin: byOrigin(vitals) },
  });
}

/** The `activity` and `vitals` records of every day with data, day by day. */
export function dayRecords(days: Iterable<DayTotals>): NormalizedRecord[] {
  const records: NormalizedRecord[] = [];
  for (const totals of days) {
    const activity = activityRecord(totals);
    const vitals = vitalsRecord(totals);
    if (activity) records.push(activity);
    if (vitals) records.push(vitals);
  }
  return records;
}
