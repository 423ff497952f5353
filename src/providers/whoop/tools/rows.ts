/**
 * The flat rows the WHOOP tools answer with (the seed's data model): score wrapper lifted,
 * seconds, kcal, `avg_hr_bpm`/`max_hr_bpm`, named stages and zones; every derived field null when
 * `score_state` is not SCORED. Each row names its local day, its source and its id.
 */
import { z } from 'zod';
import type { StoredRecord } from '../../../store/store.js';

const num = z.number().nullable();
const base = {
  day: z.string().describe('The user’s local day of this record (from its own timezone_offset).'),
  source: z.literal('whoop'),
  id: z.string().describe('WHOOP id (cycle ids are integers, written as text; sleeps and workouts are UUIDs).'),
};
const span = {
  start: z.string().nullable(),
  end: z.string().nullable().describe('Null for the cycle the user is still in.'),
  timezone_offset: z.string().nullable(),
};
const scoreState = z.string().describe('SCORED, PENDING_SCORE (WHOOP still scoring) or UNSCORABLE; derived fields are null unless SCORED.');

export const cycleRowSchema = z.object({
  ...base,
  ...span,
  cycle_id: num,
  ongoing: z.boolean(),
  score_state: scoreState,
  strain: num.describe('Day strain, 0-21.'),
  avg_hr_bpm: num,
  max_hr_bpm: num,
  calories: num.describe('kcal'),
});

export const recoveryRowSchema = z.object({
  ...base,
  cycle_id: num,
  sleep_id: z.string().nullable(),
  score_state: scoreState,
  recovery_score: num.describe('0-100 %'),
  resting_heart_rate_bpm: num,
  hrv_rmssd_ms: num,
  spo2_pct: num,
  skin_temp_c: num,
  user_calibrating: z.boolean().nullable(),
});

export const sleepRowSchema = z.object({
  ...base,
  ...span,
  cycle_id: num,
  nap: z.boolean(),
  score_state: scoreState,
  sleep_performance_pct: num,
  sleep_consistency_pct: num,
  sleep_efficiency_pct: num,
  respiratory_rate: num,
  total_sleep_seconds: num,
  in_bed_seconds: num,
  light_sleep_seconds: num,
  rem_sleep_seconds: num,
  deep_sleep_seconds: num,
  awake_seconds: num,
  disturbance_count: num,
});

export const workoutRowSchema = z.object({
  ...base,
  ...span,
  sport_name: z.string().nullable(),
  duration_seconds: num,
  score_state: scoreState,
  strain: num,
  avg_hr_bpm: num,
  max_hr_bpm: num,
  calories: num.describe('kcal'),
  distance_meter: num,
  zone_durations_seconds: z.record(z.string(), z.number()).nullable().describe('Seconds in heart-rate zones zero..five.'),
});

export type CycleRow = z.infer<typeof cycleRowSchema>;
export type RecoveryRow = z.infer<typeof recoveryRowSchema>;
export type SleepRow = z.infer<typeof sleepRowSchema>;
export type WorkoutRow = z.infer<typeof workoutRowSchema>;

function baseOf(record: StoredRecord) {
  return { day: record.day ?? '', source: 'whoop' as const, id: record.id };
}

function spanOf(record: StoredRecord) {
  return { start: record.start, end: record.end, timezone_offset: record.tzOffset };
}

/** Numbers from the normalized `data` only: never from `raw`, so an unscored record stays null. */
function numbers<K extends string>(record: StoredRecord, keys: readonly K[]): Record<K, number | null> {
  return Object.fromEntries(
    keys.map((key) => {
      const value = record.data[key];
      return [key, typeof value === 'number' && Number.isFinite(value) ? value : null];
    }),
  ) as Record<K, number | null>;
}

function text(record: StoredRecord, key: string): string | null {
  const value = record.data[key];
  return typeof value === 'string' ? value : null;
}

const state = (record: StoredRecord): string => text(record, 'score_state') ?? 'UNKNOWN';

/** A stored cycle as a row. */
export function cycleRow(record: StoredRecord): CycleRow {
  return {
    ...baseOf(record),
    ...spanOf(record),
    ...numbers(record, ['cycle_id', 'strain', 'avg_hr_bpm', 'max_hr_bpm', 'calories'] as const),
    ongoing: record.end === null,
    score_state: state(record),
  };
}

/** A stored recovery as a row. */
export function recoveryRow(record: StoredRecord): RecoveryRow {
  const calibrating = record.data.user_calibrating;
  return {
    ...baseOf(record),
    ...numbers(record, ['cycle_id', 'recovery_score', 'resting_heart_rate_bpm', 'hrv_rmssd_ms', 'spo2_pct', 'skin_temp_c'] as const),
    sleep_id: text(record, 'sleep_id'),
    score_state: state(record),
    user_calibrating: typeof calibrating === 'boolean' ? calibrating : null,
  };
}

/** A stored sleep (or nap) as a row. */
export function sleepRow(record: StoredRecord): SleepRow {
  return {
    ...baseOf(record),
    ...spanOf(record),
    ...numbers(record, [
      'cycle_id',
      'sleep_performance_pct',
      'sleep_consistency_pct',
      'sleep_efficiency_pct',
      'respiratory_rate',
      'total_sleep_seconds',
      'in_bed_seconds',
      'light_sleep_seconds',
      'rem_sleep_seconds',
      'deep_sleep_seconds',
      'awake_seconds',
      'disturbance_count',
    ] as const),
    nap: record.data.nap === true,
    score_state: state(record),
  };
}

const ZONES = ['zone_zero', 'zone_one', 'zone_two', 'zone_three', 'zone_four', 'zone_five'] as const;

/** Zone seconds in zone order (the store keeps `data` with sorted keys). */
function zonesOf(record: StoredRecord): Record<string, number> | null {
  const zones = record.data.zone_durations_seconds;
  if (!zones || typeof zones !== 'object' || Array.isArray(zones)) return null;
  const values = zones as Record<string, unknown>;
  return Object.fromEntries(ZONES.map((zone) => [zone, typeof values[zone] === 'number' ? (values[zone] as number) : 0]));
}

/** A stored workout as a row. */
export function workoutRow(record: StoredRecord): WorkoutRow {
  return {
    ...baseOf(record),
    ...spanOf(record),
    ...numbers(record, ['duration_seconds', 'strain', 'avg_hr_bpm', 'max_hr_bpm', 'calories', 'distance_meter'] as const),
    sport_name: text(record, 'sport_name'),
    score_state: state(record),
    zone_durations_seconds: zonesOf(record),
  };
}
