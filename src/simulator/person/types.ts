/**
 * Provider-neutral physiological truth of the synthetic person, in plain units. Provider
 * simulators (Oura now, WHOOP/Withings later) render these values into their own JSON shapes;
 * nothing here knows about Oura scores, ids or field names.
 */

/** Sleep stage of one 5-minute slot of a hypnogram. */
export type SleepStage = 'deep' | 'light' | 'rem' | 'awake';

/** One-character stage codes used in `SleepPeriodTruth.hypnogram5min`. */
export const STAGE_CODES = { deep: 'D', light: 'L', rem: 'R', awake: 'W' } as const;

export interface PersonProfile {
  /** Stable person id (UUID), the same for every provider. */
  id: string;
  email: string;
  age: number;
  biologicalSex: 'male' | 'female';
  weightKg: number;
  heightM: number;
  /** Long-run resting heart rate (lowest nightly HR) in bpm. */
  baselineRestingHrBpm: number;
  /** Long-run nightly HRV (RMSSD) in ms. */
  baselineHrvMs: number;
  /** Nightly sleep need in seconds. */
  sleepNeedSeconds: number;
  /** Home UTC offset in minutes (e.g. -300 for -05:00). */
  homeOffsetMinutes: number;
  /** Basal metabolic rate (kcal/day). */
  bmrKcal: number;
}

/** One sleep period (main night or nap), keyed by the local day it ends on. */
export interface SleepPeriodTruth {
  /** Stable key `YYYY-MM-DD#n` (n = 0 for the main night, 1+ for naps). */
  key: string;
  /** Local day the period ends on (the wake day). */
  day: string;
  period: number;
  kind: 'main' | 'nap';
  /** False when the person slept but did not wear the ring (no Oura documents then). */
  worn: boolean;
  offsetMinutes: number;
  bedtimeStartMs: number;
  bedtimeEndMs: number;
  timeInBedSeconds: number;
  latencySeconds: number;
  totalSleepSeconds: number;
  deepSeconds: number;
  lightSeconds: number;
  remSeconds: number;
  awakeSeconds: number;
  /** Sleep efficiency, percent (total sleep / time in bed). */
  efficiencyPercent: number;
  /** 5-minute hypnogram, one `STAGE_CODES` character per slot from bedtime start. */
  hypnogram5min: string;
  /** 30-second movement: '1' still, '2' restless, '3' tossing, '4' active. */
  movement30s: string;
  restlessPeriods: number;
  /** 5-minute heart rate (bpm, null = gap) from bedtime start. */
  heartRate5min: Array<number | null>;
  /** 5-minute HRV (RMSSD ms, null = gap) from bedtime start. */
  hrv5min: Array<number | null>;
  averageHeartRateBpm: number;
  lowestHeartRateBpm: number;
  averageHrvMs: number;
  respiratoryRate: number;
  /** Average SpO2 percent (main nights only), else null. */
  spo2Percent: number | null;
  breathingDisturbanceIndex: number | null;
}

export interface WorkoutTruth {
  key: string;
  day: string;
  activity: 'running' | 'cycling' | 'strength_training' | 'walking' | 'hiking' | 'swimming';
  startMs: number;
  endMs: number;
  offsetMinutes: number;
  intensity: 'easy' | 'moderate' | 'hard';
  caloriesKcal: number;
  distanceMeters: number | null;
  averageHeartRateBpm: number;
  /** How the workout was recorded. */
  source: 'autodetected' | 'confirmed' | 'manual';
  label: string | null;
}

export interface SessionTruth {
  key: string;
  day: string;
  type: 'breathing' | 'meditation' | 'relaxation' | 'rest';
  startMs: number;
  endMs: number;
  offsetMinutes: number;
  mood: 'bad' | 'worse' | 'same' | 'good' | 'great' | null;
  /** 5-second samples during the session. */
  heartRate5s: Array<number | null> | null;
  hrv5s: Array<number | null> | null;
  motion5s: number[];
}

export interface TagTruth {
  key: string;
  /** Tag code, e.g. `tag_generic_alcohol`, or `custom`. */
  code: string;
  customName: string | null;
  comment: string;
  startMs: number;
  endMs: number | null;
  offsetMinutes: number;
}

export interface ActivityTruth {
  /** Activity class per 5 minutes from 04:00 local: '0' non-wear, '1' rest, '2' inactive, '3' low, '4' medium, '5' high. */
  class5min: string;
  steps: number;
  activeCaloriesKcal: number;
  totalCaloriesKcal: number;
  /** Sum over minutes of (MET - 1) per class, Oura's "MET minutes". */
  highMetMinutes: number;
  mediumMetMinutes: number;
  lowMetMinutes: number;
  sedentaryMetMinutes: number;
  averageMet: number;
  equivalentWalkingDistanceMeters: number;
  inactivityAlerts: number;
}

export interface DayFlags {
  sick: boolean;
  /** 0..1 severity during the sick week. */
  sickIntensity: number;
  lateNight: boolean;
  traveling: boolean;
  jetLag: boolean;
  restMode: boolean;
  alcoholPreviousEvening: boolean;
  weekend: boolean;
  /** The main night ending on this day was not recorded (ring not worn). */
  missingNight: boolean;
}

/** Everything true about one local day (the day a night ends on, and the waking day after it). */
export interface DayTruth {
  day: string;
  /** Position relative to the anchor day ("today" at creation): 0 = today, -1 = yesterday. */
  index: number;
  offsetMinutes: number;
  flags: DayFlags;
  /** Nightly resting heart rate (bpm), present even when the ring was not worn. */
  restingHrBpm: number;
  /** Nightly HRV (RMSSD ms), present even when the ring was not worn. */
  hrvMs: number;
  /** Skin temperature deviation from baseline, degrees Celsius. */
  temperatureDeviationC: number;
  /** Sleep periods ending on this day (main first); includes unworn ones with `worn: false`. */
  sleeps: SleepPeriodTruth[];
  activity: ActivityTruth;
  /** Seconds in high stress / high recovery zones during the day. */
  stressHighSeconds: number;
  recoveryHighSeconds: number;
  workouts: WorkoutTruth[];
  sessions: SessionTruth[];
  tags: TagTruth[];
  /** VO2 max estimate made this day (mL/kg/min), else null. */
  vo2Max: number | null;
  cardiovascularAgeYears: number;
}

export interface DayRange {
  start: string;
  end: string;
}

/** Planted, deterministic episodes a test can look for. Days are inclusive. */
export interface PlannedEvents {
  sickWeek: DayRange;
  lateNightStreak: DayRange;
  trip: DayRange & { homeOffsetMinutes: number; tripOffsetMinutes: number };
  restMode: { start: string; end: string; startMs: number; endMs: number; offsetMinutes: number };
  /** Wake days whose main night was not recorded. */
  missingNights: string[];
}

export interface RingTruth {
  key: string;
  color: 'stealth_black' | 'brushed_silver' | 'glossy_gold' | 'silver' | 'titanium';
  design: 'heritage' | 'horizon';
  firmwareVersion: string;
  hardwareType: 'gen3' | 'gen4';
  size: number;
  /** Set-up instant, or null when unknown. */
  setUpAtMs: number | null;
}

/** One heart-rate sample (instant in ms). */
export interface HeartRateSample {
  ms: number;
  bpm: number;
  source: 'awake' | 'rest' | 'workout' | 'session';
}
