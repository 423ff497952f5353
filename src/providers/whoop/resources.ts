/**
 * The WHOOP v2 resources we mirror, as `ResourceSpec`s, plus the API path of each.
 *
 * Every time-axis list (`/v2/cycle`, `/v2/recovery`, `/v2/activity/sleep`,
 * `/v2/activity/workout`) is filtered by when a record *started* (`start`/`end` date-times), paged
 * with `limit` (25 at most) and `nextToken`, so they are windowed by `datetime`.
 *
 * Overlap (days re-fetched before the cursor on every incremental sync): 10 days for all four.
 * A record keeps its old `start` when it changes later, so a list filtered by start only shows a
 * change to a sync whose window reaches back to that start:
 * - scores arrive late: a record is listed as PENDING_SCORE until the strap uploads and WHOOP
 *   scores it, which can take days when the strap stays unsynced;
 * - users edit sleep and workout times in the app days later, which re-scores the sleep, its
 *   recovery and its cycle (same ids, new `updated_at`);
 * - the ongoing cycle gets its `end` and final strain only when the next sleep starts;
 * - deleted records (a removed nap or workout) disappear from the list.
 * We aim to catch all of these for a week. Re-scores inside the re-listed window are caught by
 * the upsert (content hash, `updated_at`); deletions only on local days the engine can prove
 * complete, i.e. days wholly inside the re-listed window (for datetime windows that leaves out
 * about a day and a half at its start and the still-open last day). Ten days therefore give a
 * full week of deletion coverage for a few extra records per sync. Older changes need
 * `sync --full` (the same trade-off as Oura's overlap).
 *
 * profile and body_measurement are snapshots fetched whole (windowing 'none'); an identical
 * payload is stored as unchanged, so it creates no event.
 */
import type { RecordKind } from '../../core/records/record.js';
import type { ResourceSpec } from '../provider.js';

/** A `ResourceSpec` plus the WHOOP API path it is listed from. */
export interface WhoopResourceSpec extends ResourceSpec {
  /** Path under the API base URL (`https://api.prod.whoop.com/developer`), e.g. `/v2/cycle`. */
  path: string;
}

/** WHOOP answers at most 25 records per page. */
export const WHOOP_PAGE_LIMIT = 25;
/** WHOOP documents no window limit; 90 days keeps chunks (and deletion reconciliation) coarse. */
const WINDOW_DAYS = 90;
const OVERLAP_DAYS = 10;

function listed(name: string, recordKind: RecordKind, description: string, path: string): WhoopResourceSpec {
  return { name, description, kind: 'document', recordKind, windowing: 'datetime', maxWindowDays: WINDOW_DAYS, overlapDays: OVERLAP_DAYS, path };
}

function snapshot(name: string, recordKind: RecordKind, description: string, path: string): WhoopResourceSpec {
  return { name, description, kind: 'document', recordKind, windowing: 'none', maxWindowDays: 1, overlapDays: 0, path };
}

/** Every WHOOP resource this project syncs. */
export const WHOOP_RESOURCES: readonly WhoopResourceSpec[] = [
  snapshot('profile', 'profile', 'Basic profile: first and last name, email (snapshot).', '/v2/user/profile/basic'),
  snapshot('body_measurement', 'profile', 'Height, weight and WHOOP max heart rate (snapshot).', '/v2/user/measurement/body'),
  listed('cycle', 'activity_day', 'Physiological cycles (sleep onset to next sleep onset): day strain, energy, heart rate.', '/v2/cycle'),
  listed('recovery', 'daily_scores', 'Recovery per cycle: recovery score, HRV (RMSSD), resting heart rate, SpO2, skin temperature.', '/v2/recovery'),
  listed('sleep', 'sleep_period', 'Sleeps and naps: stages, performance, consistency, efficiency, respiratory rate.', '/v2/activity/sleep'),
  listed('workout', 'workout', 'Workouts: sport, strain, heart rate, energy, distance, heart-rate zone durations.', '/v2/activity/workout'),
];

/** The WHOOP spec for a resource name, or undefined when WHOOP has no such resource. */
export function whoopResource(name: string): WhoopResourceSpec | undefined {
  return WHOOP_RESOURCES.find((resource) => resource.name === name);
}
