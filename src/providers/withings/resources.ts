/**
 * The Withings services we mirror, as `ResourceSpec`s, plus the service (path + action) of each.
 *
 * Overlap (days re-fetched before the cursor on every incremental sync):
 * - measures: groups are attributed, edited or deleted after the fact (an ambiguous weigh-in
 *   assigned later, a manual correction): 7 days. Changes older than that come through
 *   `lastupdate` (`modifiedSince`).
 * - activity is finalised the next day: 2 days; workouts are confirmed or edited later: 7 days.
 * - sleep summaries arrive when the device syncs (a Sleep Analyzer in the morning, a watch when
 *   the phone app opens) and are re-computed: 7 days. Night series: 2 days.
 * - heart/stetho recordings are immutable once uploaded, but upload late: 7 days.
 * - intraday series arrive with the tracker's sync: 1 day.
 * Window widths: intraday activity and the sleep series serve at most 24 hours a request (spec),
 * so they are cut into 1-day windows and their first sync goes back only `historyDays` (14).
 */
import type { ResourceSpec } from '../provider.js';

/** A Withings service: path under the API base and the `action` parameter. */
export interface WithingsService {
  path: string;
  action: string;
}

/**
 * A `ResourceSpec` plus the Withings service it is listed from. `modifiedSince` marks services
 * that take `lastupdate`; `historyDays` caps the first sync of per-day (24-hour) services.
 */
export interface WithingsResourceSpec extends ResourceSpec {
  service: WithingsService;
}

/** Services used outside resource syncs (signals, signing, tokens). */
export const WITHINGS_SERVICES = {
  heartGet: { path: '/v2/heart', action: 'get' },
  stethoGet: { path: '/v2/stetho', action: 'get' },
  getnonce: { path: '/v2/signature', action: 'getnonce' },
  oauth2: { path: '/v2/oauth2', action: 'requesttoken' },
} as const;

/** Every Withings resource this project syncs. */
export const WITHINGS_RESOURCES: readonly WithingsResourceSpec[] = [
  {
    name: 'measures',
    description: 'Body measures (weight, body composition, blood pressure, SpO2, temperature, ECG intervals, ...) and weight goals.',
    kind: 'document',
    recordKind: 'body_measure',
    windowing: 'datetime',
    maxWindowDays: 90,
    overlapDays: 7,
    modifiedSince: true,
    service: { path: '/measure', action: 'getmeas' },
  },
  {
    name: 'activity',
    description: 'Daily activity: steps, distance, floors, calories, time per intensity, heart rate.',
    kind: 'document',
    recordKind: 'activity_day',
    windowing: 'day',
    maxWindowDays: 30,
    overlapDays: 2,
    modifiedSince: true,
    service: { path: '/v2/measure', action: 'getactivity' },
  },
  {
    name: 'workouts',
    description: 'Workouts: category, duration, calories, distance, heart rate and zones.',
    kind: 'document',
    recordKind: 'workout',
    windowing: 'day',
    maxWindowDays: 30,
    overlapDays: 7,
    modifiedSince: true,
    service: { path: '/v2/measure', action: 'getworkouts' },
  },
  {
    name: 'intraday_steps',
    description: 'Intraday steps as recorded by the tracker.',
    kind: 'series',
    recordKind: null,
    series: 'steps',
    windowing: 'datetime',
    maxWindowDays: 1,
    overlapDays: 1,
    historyDays: 14,
    service: { path: '/v2/measure', action: 'getintradayactivity' },
  },
  {
    name: 'intraday_heart_rate',
    description: 'Intraday heart rate (bpm) as recorded by the tracker.',
    kind: 'series',
    recordKind: null,
    series: 'heart_rate',
    windowing: 'datetime',
    maxWindowDays: 1,
    overlapDays: 1,
    historyDays: 14,
    service: { path: '/v2/measure', action: 'getintradayactivity' },
  },
  {
    name: 'sleep_summary',
    description: 'Sleep summaries: score, stages, heart rate, breathing, snoring, apnea index.',
    kind: 'document',
    recordKind: 'sleep_period',
    windowing: 'day',
    maxWindowDays: 30,
    overlapDays: 7,
    modifiedSince: true,
    service: { path: '/v2/sleep', action: 'getsummary' },
  },
  {
    name: 'sleep_series',
    description: "The night's series: sleep stage segments with heart rate, respiration rate and snoring.",
    kind: 'document',
    recordKind: 'sleep_segment',
    windowing: 'datetime',
    maxWindowDays: 1,
    overlapDays: 2,
    historyDays: 14,
    service: { path: '/v2/sleep', action: 'get' },
  },
  {
    name: 'heart_records',
    description: 'ECG recordings: signal id, AFib classification, heart rate (the signal is fetched on demand).',
    kind: 'document',
    recordKind: 'signal_recording',
    windowing: 'datetime',
    maxWindowDays: 90,
    overlapDays: 7,
    service: { path: '/v2/heart', action: 'list' },
  },
  {
    name: 'stetho_records',
    description: 'Stethoscope recordings: signal id, valvular heart disease flag (the sound is fetched on demand).',
    kind: 'document',
    recordKind: 'signal_recording',
    windowing: 'datetime',
    maxWindowDays: 90,
    overlapDays: 7,
    service: { path: '/v2/stetho', action: 'list' },
  },
  {
    name: 'devices',
    description: 'Devices linked to the account: type, model, battery, firmware (snapshot).',
    kind: 'document',
    recordKind: 'device',
    windowing: 'none',
    maxWindowDays: 1,
    overlapDays: 0,
    service: { path: '/v2/user', action: 'getdevice' },
  },
  {
    name: 'goals',
    description: 'Goals: steps per day, sleep duration, weight (snapshot).',
    kind: 'document',
    recordKind: 'goals',
    windowing: 'none',
    maxWindowDays: 1,
    overlapDays: 0,
    service: { path: '/v2/user', action: 'getgoals' },
  },
];

/** The Withings spec for a resource name, or undefined. */
export function withingsResource(name: string): WithingsResourceSpec | undefined {
  return WITHINGS_RESOURCES.find((resource) => resource.name === name);
}
