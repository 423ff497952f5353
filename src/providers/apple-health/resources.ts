/**
 * What an Apple Health import stores. Nothing is pulled by window: every resource is filled by
 * importing an export file, so windows, overlaps and history caps do not apply (the widest
 * window is the whole allowed history). Copies written by other providers' apps have resources
 * of their own, which the day view does not read (`source-origin.ts`).
 */
import type { RecordKind } from '../../core/records/record.js';
import type { ResourceSpec } from '../provider.js';

const WHOLE_HISTORY = 366 * 30;

function document(name: string, recordKind: RecordKind, description: string): ResourceSpec {
  return { name, description, kind: 'document', recordKind, windowing: 'day', maxWindowDays: WHOLE_HISTORY, overlapDays: 0 };
}

export const APPLE_HEALTH_RESOURCES: readonly ResourceSpec[] = [
  document('activity', 'activity_day', "Steps, active energy, walking distance, floors and exercise minutes per local day, each hour from the best of Apple's own writers (Apple Watch > iPhone > other apps)."),
  document('vitals', 'daily_scores', 'Resting heart rate, HRV (SDNN, not RMSSD), SpO2, respiratory rate and VO2 max per local day, from the best writer of the day.'),
  document('sleep', 'sleep_period', "Nights and naps from sleep analysis stages (core, deep, REM, awake, in bed), one per writer and session, dated by the wake day."),
  document('measures', 'body_measure', 'Weigh-ins, body fat and blood pressure readings from Apple devices, the Health app and other apps (one record per writer and instant).'),
  document('workouts', 'workout', 'Workouts with duration, energy, distance and heart rate.'),
  document('copied_sleep', 'sleep_period', 'Nights the Oura, WHOOP or Withings apps copied into Apple Health (kept apart: never in the day view).'),
  document('copied_measures', 'body_measure', 'Weigh-ins and blood pressure the Withings app (Health Mate) or others copied into Apple Health (kept apart).'),
  document('copied_workouts', 'workout', 'Workouts other providers\' apps copied into Apple Health (kept apart).'),
  { name: 'heart_rate', description: 'Heart-rate readings (bpm) of Apple devices and other apps, tagged with their origin.', kind: 'series', recordKind: null, windowing: 'datetime', maxWindowDays: WHOLE_HISTORY, overlapDays: 0, series: 'heart_rate' },
  { name: 'hrv_sdnn', description: 'HRV readings as SDNN (ms), tagged with their origin.', kind: 'series', recordKind: null, windowing: 'datetime', maxWindowDays: WHOLE_HISTORY, overlapDays: 0, series: 'hrv_sdnn' },
];
