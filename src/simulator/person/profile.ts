/** The person's stable traits and habits, drawn once from the seed. */
import { rngFor, round, uuidFor } from '../prng.js';
import { addDays, localTimeMs } from '../time.js';
import type { PersonProfile, RingTruth } from './types.js';

/** Daily-rhythm habits that drive the day plan. Minutes are relative to local midnight of the wake day. */
export interface Habits {
  /** Usual bedtime, minutes relative to midnight of the wake day (negative = previous evening). */
  bedMinutes: number;
  /** Usual weekday wake time, minutes after midnight. */
  wakeMinutes: number;
  /** Multiplier on daytime movement. */
  activityLevel: number;
  /** VO2 max (mL/kg/min) at the start of the history. */
  vo2MaxBase: number;
}

/** The person's profile for a seed. */
export function makeProfile(seed: number): PersonProfile {
  const rng = rngFor(seed, 'profile');
  const biologicalSex = rng.chance(0.5) ? 'male' : 'female';
  const heightM = round(biologicalSex === 'male' ? rng.uniform(1.72, 1.9) : rng.uniform(1.6, 1.76), 2);
  const bmi = rng.uniform(21, 26);
  const weightKg = round(bmi * heightM * heightM, 1);
  const age = rng.int(29, 52);
  const heightCm = heightM * 100;
  // Mifflin-St Jeor.
  const bmrKcal = Math.round(10 * weightKg + 6.25 * heightCm - 5 * age + (biologicalSex === 'male' ? 5 : -161));
  return {
    id: uuidFor(seed, 'person'),
    email: `synthetic.person.${seed}@example.com`,
    age,
    biologicalSex,
    weightKg,
    heightM,
    baselineRestingHrBpm: rng.int(48, 60),
    baselineHrvMs: rng.int(40, 78),
    sleepNeedSeconds: Math.round(rng.uniform(7.4, 8.1) * 3600 / 30) * 30,
    homeOffsetMinutes: -300,
    bmrKcal,
  };
}

/** The person's habits for a seed. */
export function makeHabits(seed: number): Habits {
  const rng = rngFor(seed, 'habits');
  return {
    bedMinutes: rng.int(-75, -20),
    wakeMinutes: rng.int(390, 435),
    activityLevel: rng.uniform(0.85, 1.2),
    vo2MaxBase: rng.int(40, 50),
  };
}

/**
 * Two rings: an old Gen3 (its set-up time unknown, which Oura reports as the Unix epoch, as in
 * the recorded `ring_configuration` sample) and the current Gen4 set up 200 days before the anchor.
 */
export function makeRings(seed: number, anchorDay: string, homeOffsetMinutes: number): RingTruth[] {
  const rng = rngFor(seed, 'rings');
  const size = rng.int(7, 12);
  return [
    {
      key: 'ring-0',
      color: 'stealth_black',
      design: 'heritage',
      firmwareVersion: '2.9.32',
      hardwareType: 'gen3',
      size,
      setUpAtMs: 0,
    },
    {
      key: 'ring-1',
      color: rng.pick(['brushed_silver', 'glossy_gold', 'silver', 'titanium'] as const),
      design: 'horizon',
      firmwareVersion: '1.4.2',
      hardwareType: 'gen4',
      size,
      setUpAtMs: localTimeMs(addDays(anchorDay, -200), 19 * 60 + 42, homeOffsetMinutes) + 11_000,
    },
  ];
}
