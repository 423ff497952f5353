/**
 * The deterministic synthetic person: one seed gives one life (sleep, physiology, activity,
 * workouts, tags, planted episodes) over `historyDays` ending on the anchor day ("today" at
 * creation) plus `futureDays` that become visible as the simulator clock advances.
 *
 * This is provider-neutral ground truth in plain units. Oura (and later WHOOP/Withings)
 * render it into their own shapes; tests compare what a client stored against it.
 */
import { activityDayStartMs, metPerMinute } from './person/activity.js';
import { generateDays } from './person/generate.js';
import { daytimeHeartRate, sleepHeartRate } from './person/heart-rate.js';
import { planEvents } from './person/plan.js';
import { makeHabits, makeProfile, makeRings } from './person/profile.js';
import type {
  DayTruth,
  HeartRateSample,
  PersonProfile,
  PlannedEvents,
  RingTruth,
  SleepPeriodTruth,
} from './person/types.js';
import { DAY_MS, localDay } from './time.js';

export interface SyntheticPersonOptions {
  seed: number;
  /** The instant whose local (home) day is the anchor day "today". */
  now: Date;
  /** Days of history ending on the anchor day (inclusive). Default 400. */
  historyDays?: number;
  /** Days generated after the anchor day, revealed as the clock advances. Default 60. */
  futureDays?: number;
}

/** A deterministic synthetic person (see module docs). */
export class SyntheticPerson {
  readonly seed: number;
  readonly profile: PersonProfile;
  readonly events: PlannedEvents;
  /** The anchor day: the person's local day at creation ("today"). */
  readonly anchorDay: string;
  readonly rings: readonly RingTruth[];
  private readonly allDays: readonly DayTruth[];
  private readonly byDay: ReadonlyMap<string, DayTruth>;
  private readonly dayHeartRate = new Map<string, HeartRateSample[]>();
  private readonly dayMet = new Map<string, number[]>();

  constructor(options: SyntheticPersonOptions) {
    const historyDays = Math.max(1, Math.floor(options.historyDays ?? 400));
    const futureDays = Math.max(0, Math.floor(options.futureDays ?? 60));
    this.seed = options.seed >>> 0;
    this.profile = makeProfile(this.seed);
    this.anchorDay = localDay(options.now.getTime(), this.profile.homeOffsetMinutes);
    const firstIndex = -(historyDays - 1);
    this.events = planEvents(this.seed, this.anchorDay, firstIndex, this.profile.homeOffsetMinutes);
    this.rings = makeRings(this.seed, this.anchorDay, this.profile.homeOffsetMinutes);
    this.allDays = generateDays({
      seed: this.seed,
      anchorDay: this.anchorDay,
      firstIndex,
      lastIndex: futureDays,
      profile: this.profile,
      habits: makeHabits(this.seed),
    });
    this.byDay = new Map(this.allDays.map((d) => [d.day, d]));
  }

  /** Every generated day, history and future, in calendar order. */
  days(): readonly DayTruth[] {
    return this.allDays;
  }

  /** History days only (up to and including the anchor day). */
  history(): DayTruth[] {
    return this.allDays.filter((d) => d.index <= 0);
  }

  /** One day's truth, or undefined outside the generated range. */
  day(day: string): DayTruth | undefined {
    return this.byDay.get(day);
  }

  /** All sleep periods (worn or not) in calendar order. */
  sleepPeriods(): SleepPeriodTruth[] {
    return this.allDays.flatMap((d) => d.sleeps);
  }

  /** Per-minute METs of a day's activity (04:00 to 04:00 local), regenerated deterministically. */
  metPerMinute(day: string): readonly number[] {
    const truth = this.byDay.get(day);
    if (!truth) return [];
    let met = this.dayMet.get(day);
    if (!met) {
      met = metPerMinute(this.seed, day, truth.activity.class5min);
      this.dayMet.set(day, met);
    }
    return met;
  }

  /** The UTC offset (minutes) in effect at an instant, from the day plan. */
  offsetAt(ms: number): number {
    const guess = localDay(ms, this.profile.homeOffsetMinutes);
    const truth = this.byDay.get(guess);
    return truth ? truth.offsetMinutes : this.profile.homeOffsetMinutes;
  }

  /**
   * Heart-rate samples with `fromMs <= ms <= toMs`, sorted by time: 5-minute daytime samples
   * (`awake`/`workout`/`session`) and in-bed samples (`rest`) from worn sleep periods.
   */
  heartRate(fromMs: number, toMs: number): HeartRateSample[] {
    const out: HeartRateSample[] = [];
    this.allDays.forEach((truth, i) => {
      const start = activityDayStartMs(truth.day, truth.offsetMinutes);
      const nextDay = this.allDays[i + 1];
      const end = nextDay ? activityDayStartMs(nextDay.day, nextDay.offsetMinutes) : start + DAY_MS;
      if (end < fromMs || start > toMs) return;
      for (const sample of this.daytimeSamples(truth, end, nextDay)) {
        if (sample.ms >= fromMs && sample.ms <= toMs) out.push(sample);
      }
    });
    for (const sleep of this.sleepPeriods()) {
      if (sleep.bedtimeEndMs < fromMs || sleep.bedtimeStartMs > toMs) continue;
      for (const sample of sleepHeartRate(sleep)) {
        if (sample.ms >= fromMs && sample.ms <= toMs) out.push(sample);
      }
    }
    return out.sort((a, b) => a.ms - b.ms);
  }

  private daytimeSamples(truth: DayTruth, end: number, next: DayTruth | undefined): HeartRateSample[] {
    let cached = this.dayHeartRate.get(truth.day);
    if (!cached) {
      const sleeps = [...truth.sleeps, ...(next?.sleeps ?? [])];
      cached = daytimeHeartRate(this.seed, truth, end, sleeps);
      this.dayHeartRate.set(truth.day, cached);
    }
    return cached;
  }
}

/** Creates the synthetic person for a seed and a "now" (see `SyntheticPerson`). */
export function createSyntheticPerson(options: SyntheticPersonOptions): SyntheticPerson {
  return new SyntheticPerson(options);
}

export type {
  ActivityTruth,
  DayFlags,
  DayTruth,
  HeartRateSample,
  PersonProfile,
  PlannedEvents,
  RingTruth,
  SessionTruth,
  SleepPeriodTruth,
  TagTruth,
  WorkoutTruth,
} from './person/types.js';
