/** Daytime 5-minute heart-rate samples of one activity day (night samples come from the sleep periods). */
import { rngFor } from '../prng.js';
import { MINUTE_MS } from '../time.js';
import { activityDayStartMs } from './activity.js';
import type { DayTruth, HeartRateSample, SleepPeriodTruth } from './types.js';

const STEP_MS = 5 * MINUTE_MS;

const CLASS_OFFSET_BPM: Record<string, number> = { '2': 14, '3': 28, '4': 50, '5': 75 };

/**
 * Awake/workout samples in `[04:00 local of day, windowEndMs)`, skipping sleep, non-wear and
 * the gaps a ring leaves (~7% of slots). Timestamps keep a per-day seconds phase, like real data.
 */
export function daytimeHeartRate(
  seed: number,
  day: DayTruth,
  windowEndMs: number,
  sleeps: readonly SleepPeriodTruth[],
): HeartRateSample[] {
  const rng = rngFor(seed, 'hr-day', day.day);
  const start = activityDayStartMs(day.day, day.offsetMinutes);
  const phase = rng.int(0, 299) * 1000;
  const out: HeartRateSample[] = [];
  const sickBump = 7 * day.flags.sickIntensity;
  for (let t = start + phase; t < windowEndMs; t += STEP_MS) {
    const drop = rng.chance(0.07);
    const noise = rng.normal(0, 3);
    if (drop) continue;
    if (sleeps.some((s) => t >= s.bedtimeStartMs && t < s.bedtimeEndMs)) continue;
    const cls = day.activity.class5min[Math.floor((t - start) / STEP_MS)] ?? '2';
    if (cls === '0' || cls === '1') continue;
    const workout = day.workouts.find((w) => t >= w.startMs && t < w.endMs);
    if (workout) {
      out.push({ ms: t, bpm: Math.round(workout.averageHeartRateBpm + noise * 2), source: 'workout' });
      continue;
    }
    const session = day.sessions.find((s) => t >= s.startMs && t < s.endMs);
    if (session) {
      out.push({ ms: t, bpm: Math.round(day.restingHrBpm + 8 + noise), source: 'session' });
      continue;
    }
    const bpm = day.restingHrBpm + (CLASS_OFFSET_BPM[cls] ?? 14) + sickBump + noise;
    out.push({ ms: t, bpm: Math.round(bpm), source: 'awake' });
  }
  return out;
}

/**
 * Night samples of a worn sleep period, one per 5-minute slot. Source `rest`: the real API
 * labels in-bed 5-minute samples `rest` (public recordings show `"source":"rest"` overnight).
 */
export function sleepHeartRate(sleep: SleepPeriodTruth): HeartRateSample[] {
  if (!sleep.worn) return [];
  const out: HeartRateSample[] = [];
  sleep.heartRate5min.forEach((bpm, i) => {
    if (bpm !== null) out.push({ ms: sleep.bedtimeStartMs + i * STEP_MS, bpm, source: 'rest' });
  });
  return out;
}
