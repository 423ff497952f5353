/** WHOOP's view of a workout: sport name, activity strain, heart rate, energy, distance and zones. */
import { rngFor } from '../prng.js';
import type { WorkoutTruth } from '../person/types.js';
import { whoopInstant, whoopOffset, updatedAt, withScore } from './render-common.js';
import type { WhoopRenderContext, WhoopWorkoutEntry } from './types.js';

const KCAL_PER_KJ = 0.239006;

const SPORT: Record<WorkoutTruth['activity'], string> = {
  running: 'running',
  cycling: 'cycling',
  strength_training: 'weightlifting',
  walking: 'walking',
  hiking: 'hiking/rucking',
  swimming: 'swimming',
};

/** Share of the workout spent in heart-rate zones 0..5, by intensity. */
const ZONE_SHARES: Record<WorkoutTruth['intensity'], readonly number[]> = {
  easy: [0.05, 0.45, 0.4, 0.1, 0, 0],
  moderate: [0.02, 0.15, 0.4, 0.33, 0.1, 0],
  hard: [0.01, 0.07, 0.2, 0.37, 0.28, 0.07],
};
const INTENSITY_LOAD: Record<WorkoutTruth['intensity'], number> = { easy: 0.45, moderate: 0.65, hard: 0.85 };
const ZONE_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five'] as const;

function zoneDurations(durationMs: number, intensity: WorkoutTruth['intensity']): Record<string, number> {
  const shares = ZONE_SHARES[intensity];
  const zones: Record<string, number> = {};
  let assigned = 0;
  ZONE_NAMES.forEach((name, index) => {
    const value = index === ZONE_NAMES.length - 1 ? durationMs - assigned : Math.round(durationMs * (shares[index] ?? 0));
    zones[`zone_${name}_milli`] = Math.max(0, value);
    assigned += value;
  });
  return zones;
}

/** Renders a `WorkoutV2` (spec schema). */
export function renderWhoopWorkout(seed: number, entry: WhoopWorkoutEntry, ctx: WhoopRenderContext): Record<string, unknown> {
  const { truth } = entry;
  const head = {
    id: entry.id,
    user_id: ctx.userId,
    created_at: whoopInstant(ctx.createdAtMs),
    updated_at: updatedAt(ctx),
    start: whoopInstant(entry.startMs),
    end: whoopInstant(entry.endMs),
    timezone_offset: whoopOffset(entry.offsetMinutes),
    sport_name: SPORT[truth.activity],
  };
  return withScore(head, ctx, () => {
    const rng = rngFor(seed, 'whoop-workout', truth.key);
    const durationMs = entry.endMs - entry.startMs;
    const average = truth.averageHeartRateBpm + rng.int(-2, 3);
    const load = (durationMs / 3_600_000) * INTENSITY_LOAD[truth.intensity] * 12;
    const climbs = truth.activity === 'hiking' || truth.activity === 'running' || truth.activity === 'cycling';
    return {
      strain: Math.round(21 * (1 - Math.exp(-load / 8)) * 1e4) / 1e4,
      average_heart_rate: average,
      max_heart_rate: Math.round(average * rng.uniform(1.1, 1.2)),
      kilojoule: Math.round(((truth.caloriesKcal * rng.uniform(1.0, 1.1)) / KCAL_PER_KJ) * 1000) / 1000,
      // A fraction, as real responses send it (shared/specs/recorded/whoop/unresolved_provenance/workout_record_1.json).
      percent_recorded: rng.chance(0.9) ? 1 : Math.round(rng.uniform(0.92, 0.999) * 1000) / 1000,
      ...(truth.distanceMeters === null ? {} : { distance_meter: Math.round(truth.distanceMeters * rng.uniform(0.97, 1.03) * 100) / 100 }),
      ...(climbs ? { altitude_gain_meter: Math.round(rng.uniform(5, 250) * 10) / 10, altitude_change_meter: Math.round(rng.uniform(-3, 3) * 10) / 10 } : {}),
      zone_durations: zoneDurations(durationMs, truth.intensity),
    };
  });
}
