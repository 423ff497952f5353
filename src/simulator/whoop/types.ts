/** Shared types of the WHOOP simulator. */
import type { DayTruth, SleepPeriodTruth, WorkoutTruth } from '../person/types.js';

/** The WHOOP collections the simulator serves (and the control API addresses). */
export const WHOOP_COLLECTIONS = ['cycle', 'recovery', 'sleep', 'workout'] as const;
export type WhoopCollection = (typeof WHOOP_COLLECTIONS)[number];

/** An applied re-score of one night (cumulative when several apply). */
export interface WhoopRescore {
  count: number;
  /** Awake time re-classified as light sleep, ms. */
  extraSleepMs: number;
  /** Added to the recovery score. */
  recoveryDelta: number;
  atMs: number;
}

/** What a renderer gets besides the truth: the clock and the record's timeline. */
export interface WhoopRenderContext {
  nowMs: number;
  /** The WHOOP user id (an integer, as the spec has it). */
  userId: number;
  createdAtMs: number;
  /** When the score arrived (SCORED from then on); null = not scored yet. */
  scoredAtMs: number | null;
  unscorable: boolean;
  rescore: WhoopRescore | null;
  /** A later change that is not a (re-)score: a cycle ending, the ongoing cycle's hourly update. */
  touchedAtMs?: number;
}

/** One WHOOP sleep (main night or nap) as indexed: WHOOP's own start/end of a truth period. */
export interface WhoopSleepEntry {
  collection: 'sleep';
  id: string;
  truth: SleepPeriodTruth;
  startMs: number;
  endMs: number;
  cycleId: number;
  /** Wake day of the main night a re-score applies to (null for naps). */
  nightOf: string | null;
  availableAtMs: number;
  scoreAtMs: number;
}

/** One physiological cycle: from a main sleep's start to the next one's. */
export interface WhoopCycleEntry {
  collection: 'cycle';
  id: number;
  index: number;
  /** The waking day the cycle holds (its main sleep's wake day). */
  day: DayTruth;
  sleep: WhoopSleepEntry;
  startMs: number;
  /** The next cycle (its start ends this one once it is visible). */
  next: WhoopCycleEntry | null;
  availableAtMs: number;
}

export interface WhoopWorkoutEntry {
  collection: 'workout';
  id: string;
  truth: WorkoutTruth;
  startMs: number;
  endMs: number;
  offsetMinutes: number;
  availableAtMs: number;
  scoreAtMs: number;
}
