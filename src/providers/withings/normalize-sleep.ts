/**
 * `v2/sleep getsummary` (one record per sleep, on the local day it ends) and `v2/sleep get`
 * (the night's series: one record per stage segment with its heart rate, breathing and snoring
 * maps). Stage durations in seconds; the Withings index and AHI in events per hour.
 */
import type { SleepPeriodData } from '../../core/records/sleep-period.js';
import { isoFromEpoch, numberOrNull, orNull, withingsRecord, type Normalized } from './normalize-common.js';
import { sleepSegmentSchema, sleepSummarySchema } from './schema.js';
import { localTime } from './timezone.js';

/** The `data_fields` requested from `getsummary` (every field of the spec's summary object). */
export const SLEEP_SUMMARY_FIELDS: readonly string[] = [
  'total_timeinbed', 'total_sleep_time', 'asleepduration', 'lightsleepduration', 'remsleepduration', 'deepsleepduration',
  'sleep_efficiency', 'sleep_latency', 'wakeup_latency', 'durationtosleep', 'durationtowakeup', 'wakeupduration', 'wakeupcount', 'waso', 'nb_rem_episodes',
  'out_of_bed_count', 'hr_average', 'hr_min', 'hr_max', 'rr_average', 'rr_min', 'rr_max', 'breathing_disturbances_intensity',
  'snoring', 'snoringepisodecount', 'sleep_score', 'night_events', 'apnea_hypopnea_index', 'withings_index',
  'mvt_score_avg', 'mvt_active_duration', 'rmssd_start_avg', 'rmssd_end_avg',
];

/** The `data_fields` requested from `v2/sleep get`. */
export const SLEEP_SERIES_FIELDS: readonly string[] = ['hr', 'rr', 'snoring', 'rmssd', 'sdnn_1', 'mvt_score'];

/** Sleep states of `v2/sleep get`. */
export const SLEEP_STATES: Readonly<Record<number, string>> = { 0: 'awake', 1: 'light', 2: 'deep', 3: 'rem' };

/** A sleep summary's data: the canonical sleep period plus Withings' own breathing index (events per hour). */
export type WithingsSleepData = SleepPeriodData & { withings_index: number | null };

/** `getsummary` item → canonical sleep fields shared with Oura/WHOOP where the meaning matches. */
export function normalizeSleepSummary(document: unknown): Normalized<'sleep_period'> {
  const parsed = sleepSummarySchema.safeParse(document);
  if (!parsed.success) return null;
  const sleep = parsed.data;
  const fields = sleep.data ?? {};
  const value = (key: string) => numberOrNull(fields[key]);
  // "Not available" is sent as -1 for the indices (summary 2081804405 of recorded
  // sleep_getsummary_1.json: apnea_hypopnea_index and breathing_disturbances_intensity -1).
  const index = (key: string) => {
    const reported = value(key);
    return reported === null || reported < 0 ? null : reported;
  };
  const start = localTime(sleep.startdate, sleep.timezone);
  const end = localTime(sleep.enddate, sleep.timezone);
  const efficiency = value('sleep_efficiency');
  const stages = [value('lightsleepduration'), value('deepsleepduration'), value('remsleepduration')];
  const data: WithingsSleepData = {
    sleep_score: value('sleep_score'),
    time_in_bed_seconds: value('total_timeinbed') ?? sleep.enddate - sleep.startdate,
    // 2020-era summaries have only the stage durations (recorded sleep_getsummary_legacy_1.json):
    // asleep is then their sum, as Withings' own total is.
    total_sleep_seconds: value('total_sleep_time') ?? value('asleepduration') ?? sumOf(stages),
    light_sleep_seconds: value('lightsleepduration'),
    deep_sleep_seconds: value('deepsleepduration'),
    rem_sleep_seconds: value('remsleepduration'),
    awake_seconds: value('wakeupduration'),
    waso_seconds: value('waso'),
    // Withings reports efficiency as a ratio (0.91); canonical is percent like Oura's.
    efficiency_pct: efficiency === null ? null : Math.round((efficiency <= 1 ? efficiency * 100 : efficiency) * 10) / 10,
    // The legacy names of the same latencies (durationtosleep / durationtowakeup).
    latency_seconds: value('sleep_latency') ?? value('durationtosleep'),
    wakeup_latency_seconds: value('wakeup_latency') ?? value('durationtowakeup'),
    wakeup_count: value('wakeupcount'),
    out_of_bed_count: value('out_of_bed_count'),
    rem_episodes: value('nb_rem_episodes'),
    average_heart_rate_bpm: value('hr_average'),
    lowest_heart_rate_bpm: value('hr_min'),
    max_heart_rate_bpm: value('hr_max'),
    respiratory_rate: value('rr_average'),
    respiratory_rate_min: value('rr_min'),
    respiratory_rate_max: value('rr_max'),
    snoring_seconds: value('snoring'),
    snoring_episodes: value('snoringepisodecount'),
    breathing_disturbances_intensity: index('breathing_disturbances_intensity'),
    apnea_hypopnea_index: index('apnea_hypopnea_index'),
    withings_index: value('withings_index'),
    hrv_rmssd_start_ms: value('rmssd_start_avg'),
    hrv_rmssd_end_ms: value('rmssd_end_avg'),
    movement_score_avg: value('mvt_score_avg'),
    device_model_id: orNull(sleep.model_id),
    source_kind: sleep.model === 32 ? 'sleep_monitor' : sleep.model === 16 ? 'tracker' : null,
    completed: orNull(sleep.completed),
  };
  return withingsRecord('sleep_summary', 'sleep_period', {
    id: String(sleep.id ?? `${sleep.startdate}`),
    day: sleep.date,
    start: start.iso,
    end: end.iso,
    tzOffset: end.known ? end.offset : null,
    updatedAt: isoFromEpoch(sleep.modified),
    data,
    raw: document,
  });
}

/** The sum of stage durations when every one is known, else null. */
function sumOf(values: ReadonlyArray<number | null>): number | null {
  return values.every((entry): entry is number => entry !== null) ? values.reduce((total, entry) => total + entry, 0) : null;
}

/** Numeric `{ "<epoch>": value }` map → sorted `[epochSeconds, value]` pairs (non-numbers dropped). */
export function epochMap(value: unknown): Array<[number, number]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .map(([epoch, entry]) => [Number(epoch), entry] as const)
    .filter((pair): pair is readonly [number, number] => Number.isFinite(pair[0]) && typeof pair[1] === 'number')
    .map(([epoch, entry]): [number, number] => [epoch, entry])
    .sort((a, b) => a[0] - b[0]);
}

function meanOfPairs(pairs: ReadonlyArray<[number, number]>): number | null {
  if (pairs.length === 0) return null;
  return Math.round((pairs.reduce((sum, [, value]) => sum + value, 0) / pairs.length) * 10) / 10;
}

/** 24:00 − 18:00: the shift that files evening segments on the wake-up day. */
const NIGHT_SHIFT_SECONDS = 6 * 3600;

/**
 * One `v2/sleep get` segment → a record: stage, span, mean HR/RR, snoring, and the raw maps.
 * `timezone` is the user's (segments carry none); null leaves the offset unknown.
 */
export function normalizeSleepSegment(document: unknown, timezone: string | null | undefined): Normalized<'sleep_segment'> {
  const parsed = sleepSegmentSchema.safeParse(document);
  if (!parsed.success) return null;
  const segment = parsed.data;
  const start = localTime(segment.startdate, timezone);
  const end = localTime(segment.enddate, timezone);
  const raw = segment as Record<string, unknown>;
  // A night belongs to its wake-up day, as its summary does: a Paris night starting 2021-04-17
  // 22:30 is dated 2021-04-18 (recorded sleep_get_1.json / sleep_getsummary_1.json). Segments that
  // start from 18:00 on are filed on the next local day; afternoon naps stay on theirs.
  const day = localTime(segment.startdate + NIGHT_SHIFT_SECONDS, timezone).day;
  const heartRate = epochMap(raw.hr);
  const respiration = epochMap(raw.rr);
  const snoring = epochMap(raw.snoring);
  return withingsRecord('sleep_series', 'sleep_segment', {
    id: String(segment.startdate),
    day,
    start: start.iso,
    end: end.iso,
    tzOffset: start.known ? start.offset : null,
    updatedAt: null,
    data: {
      stage: SLEEP_STATES[segment.state] ?? `state_${segment.state}`,
      duration_seconds: segment.enddate - segment.startdate,
      heart_rate_bpm: meanOfPairs(heartRate),
      respiratory_rate: meanOfPairs(respiration),
      snoring_seconds: snoring.length === 0 ? null : snoring.reduce((sum, [, value]) => sum + value, 0),
      heart_rate: heartRate,
      respiration_rate: respiration,
      device_model: orNull(segment.model),
    },
    raw: document,
  });
}
