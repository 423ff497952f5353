/**
 * The Oura collections we mirror, as `ResourceSpec`s, plus the API path of each.
 *
 * Overlap (days re-fetched before the cursor on every incremental sync), chosen per collection:
 * - Sleep-derived documents (sleep, daily_sleep, daily_readiness, sleep_time, daily_spo2,
 *   daily_resilience, daily_stress, daily_cardiovascular_age, vo2_max) reach Oura's cloud only
 *   when the user opens the app, which can be days later, and are re-scored when later nights or
 *   baselines arrive: 7 days.
 * - daily_activity keeps updating through the day and is finalised the next morning: 2 days.
 * - workout / session / tag / enhanced_tag / rest_mode_period are edited or confirmed by the user
 *   after the fact (autodetected workouts are confirmed, tags get an end time): 7 days.
 * - heartrate: the in-bed samples of a night arrive with the sleep itself (when the user opens
 *   the app, possibly days later), so it gets the same 7-day overlap as sleep; a 1-day overlap
 *   lost most of a late night's samples in the sync scenario tests.
 * - personal_info / ring_configuration are snapshots fetched whole (windowing 'none').
 *
 * maxWindowDays: Oura documents no limit for day collections and pages with `next_token`, so a
 * wide window (90 days) keeps request counts low. Heart rate is limited to 30 days per request
 * (the API answers 400 for longer ranges), so the sync engine chunks it.
 */
import type { RecordKind } from '../../core/records/record.js';
import type { ResourceSpec } from '../provider.js';

/** A `ResourceSpec` plus the Oura API path it is listed from. */
export interface OuraResourceSpec extends ResourceSpec {
  /** Path under the API base URL, e.g. `/v2/usercollection/daily_sleep`. */
  path: string;
}

const DAY_WINDOW_DAYS = 90;
/** Oura rejects heart rate ranges longer than 30 days. */
export const HEARTRATE_MAX_WINDOW_DAYS = 30;

function dayResource(name: string, recordKind: RecordKind, description: string, overlapDays: number, apiName: string = name): OuraResourceSpec {
  return {
    name,
    description,
    kind: 'document',
    recordKind,
    windowing: 'day',
    maxWindowDays: DAY_WINDOW_DAYS,
    overlapDays,
    path: `/v2/usercollection/${apiName}`,
  };
}

/** Every Oura collection this project syncs. */
export const OURA_RESOURCES: readonly OuraResourceSpec[] = [
  {
    name: 'personal_info',
    description: 'Profile: age, weight, height, biological sex (snapshot).',
    kind: 'document',
    recordKind: 'profile',
    windowing: 'none',
    maxWindowDays: 1,
    overlapDays: 0,
    path: '/v2/usercollection/personal_info',
  },
  dayResource('daily_sleep', 'daily_scores', 'Daily sleep score and its contributors.', 7),
  dayResource('sleep', 'sleep_period', 'Sleep periods: stages, efficiency, latency, HRV, heart rate, breathing.', 7),
  dayResource('sleep_time', 'daily_scores', 'Recommended bedtime window.', 7),
  dayResource('daily_readiness', 'daily_scores', 'Daily readiness score, contributors and temperature deviation.', 7),
  dayResource('daily_activity', 'activity_day', 'Daily activity: steps, calories, activity time, score.', 2),
  dayResource('daily_stress', 'daily_scores', 'Daily time in high stress and high recovery.', 7),
  dayResource('daily_resilience', 'daily_scores', 'Daily resilience level and contributors.', 7),
  dayResource('daily_spo2', 'daily_scores', 'Average blood oxygen during sleep and breathing disturbance index.', 7),
  dayResource('daily_cardiovascular_age', 'daily_scores', 'Predicted cardiovascular (vascular) age.', 7),
  dayResource('vo2_max', 'daily_scores', 'Estimated VO2 max.', 7, 'vO2_max'),
  dayResource('workout', 'workout', 'Workouts: activity, intensity, calories, distance.', 7),
  dayResource('session', 'session', 'Guided and unguided sessions (breathing, meditation, ...).', 7),
  dayResource('tag', 'annotation', 'User notes and tags (legacy tags).', 7),
  dayResource('enhanced_tag', 'annotation', 'User tags with type codes and durations.', 7),
  dayResource('rest_mode_period', 'annotation', 'Rest mode periods.', 7),
  {
    name: 'ring_configuration',
    description: 'Ring hardware, size, color and firmware (snapshot).',
    kind: 'document',
    recordKind: 'device',
    windowing: 'none',
    maxWindowDays: 1,
    overlapDays: 0,
    path: '/v2/usercollection/ring_configuration',
  },
  {
    name: 'heartrate',
    description: 'Heart rate samples (bpm) with their source: awake, rest, sleep, workout, ...',
    kind: 'series',
    recordKind: null,
    series: 'heart_rate',
    windowing: 'datetime',
    maxWindowDays: HEARTRATE_MAX_WINDOW_DAYS,
    overlapDays: 7,
    path: '/v2/usercollection/heartrate',
  },
];

/** The Oura spec for a resource name, or undefined when Oura has no such collection. */
export function ouraResource(name: string): OuraResourceSpec | undefined {
  return OURA_RESOURCES.find((resource) => resource.name === name);
}
