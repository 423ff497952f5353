/**
 * The flat rows the WHOOP tools answer with (the seed's data model): score wrapper lifted,
 * seconds, kcal, `avg_hr_bpm`/`max_hr_bpm`, named stages and zones; every derived field null when
 * `score_state` is not SCORED. Each row names its local day, its source and its id.
 */
import { z } from 'zod';
import { numberIn, textIn, type FieldOf } from '../../../core/records/record.js';
import type { StoredKindRecord } from '../../../store/kind-rows.js';

type Cycle = StoredKindRecord<'activity_day'>;
type Recovery = StoredKindRecord<'daily_scores'>;
type Sleep = StoredKindRecord<'sleep_period'>;
type Workout = StoredKindRecord<'workout'>;

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

function baseOf(record: { day: string | null; id: string }) {
  return { day: record.day ?? '', source: 'whoop' as const, id: record.id };
}

function spanOf(record: { start: string | null; end: string | null; tzOffset: string | null }) {
  return { start: record.start, end: record.end, timezone_offset: record.tzOffset };
}

/** Numbers from the typed `data` only (an unscored record stays null). */
function numbers<D extends object, F extends FieldOf<D, number>>(record: { data: D }, keys: readonly F[]): Record<F, number | null> {
  return Object.fromEntries(keys.map((key) => [key, numberIn(record.data, key)])) as Record<F, number | null>;
}

const state = (record: { data: { score_state?: string } }): string => textIn(record.data, 'score_state') ?? 'UNKNOWN';

/** A stored cycle as a row. */
export function cycleRow(record: Cycle): CycleRow {
  return {
    ...baseOf(record),
    ...spanOf(record),
    ...numbers(record, ['cycle_id', 'strain', 'avg_hr_bpm', 'max_hr_bpm', 'calories'] as const),
    ongoing: record.end === null,
    score_state: state(record),
  };
}

/** A stored recovery as a row. */
export function recoveryRow(record: Recovery): RecoveryRow {
  return {
    ...baseOf(record),
    ...numbers(record, ['cycle_id', 'recovery_score', 'resting_heart_rate_bpm', 'hrv_rmssd_ms', 'spo2_pct', 'skin_temp_c'] as const),
    sleep_id: record.data.sleep_id ?? null,
    score_state: state(record),
    user_calibrating: record.data.user_calibrating ?? null,
  };
}

/** A stored sleep (or nap) as a row. */
export function sleepRow(record: Sleep): SleepRow {
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
function zonesOf(record: Workout): Record<string, number> | null {
  const zones = record.data.zone_durations_seconds;
  if (!zones) return null;
  return Object.fromEntries(ZONES.map((zone) => [zone, typeof zones[zone] === 'number' ? zones[zone] : 0]));
}

/** A stored workout as a row. */
export function workoutRow(record: Workout): WorkoutRow {
  return {
    ...baseOf(record),
    ...spanOf(record),
    ...numbers(record, ['duration_seconds', 'strain', 'avg_hr_bpm', 'max_hr_bpm', 'calories', 'distance_meter'] as const),
    sport_name: record.data.sport_name ?? null,
    score_state: state(record),
    zone_durations_seconds: zonesOf(record),
  };
}
