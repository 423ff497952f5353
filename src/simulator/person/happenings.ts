/** Workouts, guided sessions and tags of one day, drawn from the day's plan. */
import { round, type Rng } from '../prng.js';
import { dayOfWeek, localTimeMs, MINUTE_MS } from '../time.js';
import type { DayFlags, SessionTruth, TagTruth, WorkoutTruth } from './types.js';

type Activity = WorkoutTruth['activity'];

/** METs of each workout activity at moderate effort. */
export const WORKOUT_MET: Record<Activity, number> = {
  running: 9.5,
  cycling: 7.5,
  strength_training: 5,
  walking: 3.4,
  hiking: 6,
  swimming: 7,
};

const SPEED_MPS: Partial<Record<Activity, number>> = { running: 3, cycling: 7, hiking: 1.1, swimming: 0.6 };

interface WorkoutSlot {
  activity: Activity;
  startMinutes: number;
  minDuration: number;
  maxDuration: number;
  chance: number;
}

/** The weekly plan by day of week (0 = Sunday). */
const WEEKLY: Record<number, WorkoutSlot[]> = {
  0: [{ activity: 'walking', startMinutes: 630, minDuration: 40, maxDuration: 80, chance: 0.75 }],
  1: [{ activity: 'running', startMinutes: 1095, minDuration: 35, maxDuration: 50, chance: 0.8 }],
  2: [],
  3: [{ activity: 'strength_training', startMinutes: 1110, minDuration: 45, maxDuration: 60, chance: 0.8 }],
  4: [{ activity: 'cycling', startMinutes: 405, minDuration: 45, maxDuration: 75, chance: 0.75 }],
  5: [],
  6: [{ activity: 'running', startMinutes: 540, minDuration: 60, maxDuration: 90, chance: 0.8 }],
};

export interface WorkoutContext {
  day: string;
  offsetMinutes: number;
  flags: DayFlags;
  /** True during the few days after illness when the person does not train. */
  recovering: boolean;
  weightKg: number;
  restingHrBpm: number;
}

function makeWorkout(
  ctx: WorkoutContext,
  index: number,
  activity: Activity,
  startMinutes: number,
  durationMinutes: number,
  rng: Rng,
): WorkoutTruth {
  const startMs = localTimeMs(ctx.day, startMinutes, ctx.offsetMinutes) + rng.int(0, 59) * 1000;
  const endMs = startMs + Math.round(durationMinutes * MINUTE_MS);
  const effort = rng.uniform(0.85, 1.2);
  const met = WORKOUT_MET[activity] * effort;
  const intensity = met >= 8 ? 'hard' : met >= 4.5 ? 'moderate' : 'easy';
  const speed = SPEED_MPS[activity];
  const source =
    activity === 'walking' ? 'autodetected' : activity === 'strength_training' ? 'manual' : 'confirmed';
  return {
    key: `${ctx.day}#w${index}`,
    day: ctx.day,
    activity,
    startMs,
    endMs,
    offsetMinutes: ctx.offsetMinutes,
    intensity,
    caloriesKcal: round(((met - 1) * ctx.weightKg * durationMinutes) / 60, 3),
    distanceMeters: speed === undefined ? null : round(speed * effort * durationMinutes * 60, 1),
    averageHeartRateBpm: Math.round(ctx.restingHrBpm + 12 * met + rng.normal(0, 4)),
    source,
    label: activity === 'running' && durationMinutes >= 60 ? 'Long run' : null,
  };
}

/** Workouts of the day: the weekly plan, skipped when sick; walking while travelling. */
export function planWorkouts(ctx: WorkoutContext, rng: Rng): WorkoutTruth[] {
  const { flags } = ctx;
  if (flags.sick || flags.restMode || ctx.recovering) return [];
  const out: WorkoutTruth[] = [];
  if (flags.traveling) {
    if (rng.chance(0.7)) out.push(makeWorkout(ctx, 0, 'walking', 660 + rng.int(0, 60), rng.int(60, 120), rng));
    return out;
  }
  for (const slot of WEEKLY[dayOfWeek(ctx.day)] ?? []) {
    if (!rng.chance(slot.chance)) continue;
    const duration = rng.int(slot.minDuration, slot.maxDuration);
    out.push(makeWorkout(ctx, out.length, slot.activity, slot.startMinutes + rng.int(-15, 20), duration, rng));
  }
  if (!flags.weekend && rng.chance(0.25)) {
    out.push(makeWorkout(ctx, out.length, 'walking', 490 + rng.int(0, 20), rng.int(18, 32), rng));
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

function samples(count: number, rng: Rng, next: () => number | null): Array<number | null> {
  const out: Array<number | null> = [];
  for (let i = 0; i < count; i += 1) out.push(rng.chance(0.03) ? null : next());
  return out;
}

/** An occasional breathing/meditation session (about one day in six). */
export function planSessions(ctx: WorkoutContext, rng: Rng): SessionTruth[] {
  if (!rng.chance(ctx.flags.sick ? 0.3 : 0.16)) return [];
  const type = rng.pick(['breathing', 'meditation', 'meditation', 'relaxation', 'rest'] as const);
  const startMinutes = type === 'breathing' ? rng.int(930, 1020) : rng.int(1260, 1320);
  const durationSeconds = type === 'breathing' ? rng.int(240, 360) : rng.int(480, 900);
  const startMs = localTimeMs(ctx.day, startMinutes, ctx.offsetMinutes) + rng.int(0, 59) * 1000;
  const count = Math.floor(durationSeconds / 5);
  // The recorded breathing session has no heart-rate series; meditations here carry one.
  const withHeart = type !== 'breathing';
  const bpmBase = ctx.restingHrBpm + 8;
  return [
    {
      key: `${ctx.day}#s0`,
      day: ctx.day,
      type,
      startMs,
      endMs: startMs + durationSeconds * 1000,
      offsetMinutes: ctx.offsetMinutes,
      mood: rng.pick(['same', 'good', 'good', 'great', null] as const),
      heartRate5s: withHeart ? samples(count, rng, () => round(bpmBase + rng.normal(0, 2), 0)) : null,
      hrv5s: withHeart ? samples(count, rng, () => Math.max(8, Math.round(50 + rng.normal(0, 12)))) : null,
      motion5s: Array.from({ length: count }, (_, i) => (i === 0 ? 0 : Math.max(0, Math.round(rng.normal(20, 7))))),
    },
  ];
}

/** Evening tags: alcohol (more on Fri/Sat), occasional caffeine or fasting. */
export function planEveningTags(ctx: WorkoutContext, rng: Rng): TagTruth[] {
  const { flags } = ctx;
  if (flags.sick || flags.restMode) return [];
  const dow = dayOfWeek(ctx.day);
  const out: TagTruth[] = [];
  const tag = (code: string, comment: string, fromMinutes: number, toMinutes: number): TagTruth => ({
    key: `${ctx.day}#t-${code.replace('tag_generic_', '')}`,
    code,
    customName: null,
    comment,
    startMs: localTimeMs(ctx.day, rng.int(fromMinutes, toMinutes), ctx.offsetMinutes) + rng.int(0, 59) * 1000,
    endMs: null,
    offsetMinutes: ctx.offsetMinutes,
  });
  if (rng.chance(dow === 5 || dow === 6 ? 0.3 : flags.traveling ? 0.25 : 0.05)) out.push(tag('tag_generic_alcohol', '', 1190, 1290));
  if (rng.chance(0.04)) out.push(tag('tag_generic_caffeine', 'late espresso', 960, 1050));
  if (rng.chance(0.03)) out.push(tag('tag_generic_fasting', '', 1200, 1230));
  return out.sort((a, b) => a.startMs - b.startMs);
}
