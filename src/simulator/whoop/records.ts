/**
 * Every WHOOP record the person will ever have, indexed once; JSON is rendered on request.
 *
 * Timeline of a night: WHOOP detects the sleep when the user wakes (visible one upload delay
 * after waking), which also opens a new cycle (starting at that sleep's start) and closes the
 * previous one (its `end` = this sleep's start). Sleep, recovery and the new cycle are
 * PENDING_SCORE until scored a little later; the ongoing cycle is re-scored every hour.
 * The most recent night that had ended when the simulator started arrives late: it stays
 * PENDING_SCORE until start + `lateScoreDelayMs` or `releaseLateScores()`.
 */
import { rngFor, uuidFor } from '../prng.js';
import type { SyntheticPerson } from '../person.js';
import { renderWhoopCycle, renderWhoopRecovery } from './render-cycle.js';
import { detectionShift, renderWhoopSleep } from './render-sleep.js';
import { renderWhoopWorkout } from './render-workout.js';
import type { WhoopCollection, WhoopCycleEntry, WhoopRenderContext, WhoopRescore, WhoopSleepEntry, WhoopWorkoutEntry } from './types.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** First cycle id; cycles count up from here (WHOOP cycle ids are integers). */
const FIRST_CYCLE_ID = 93_845;

export type WhoopEntry = WhoopCycleEntry | WhoopSleepEntry | WhoopWorkoutEntry;

export interface WhoopRecordStoreOptions {
  startMs: number;
  lateScoreDelayMs: number;
}

/** The indexed WHOOP records of one synthetic person. */
export class WhoopRecordStore {
  readonly userId: number;
  /** Wake day of the night whose scores arrive late, or null. */
  readonly heldNight: string | null;
  readonly cycles: WhoopCycleEntry[] = [];
  readonly sleeps: WhoopSleepEntry[] = [];
  readonly workouts: WhoopWorkoutEntry[] = [];
  private readonly rescores: Array<{ day: string; atMs: number }> = [];
  private readonly deletions = new Map<string, number>();
  private releasedAtMs: number | null = null;
  private readonly heldUntilMs: number;

  constructor(
    private readonly person: SyntheticPerson,
    options: WhoopRecordStoreOptions,
  ) {
    this.userId = 10_000 + (person.seed % 90_000);
    this.build();
    const ended = this.cycles.filter((cycle) => cycle.sleep.endMs <= options.startMs);
    this.heldNight = ended[ended.length - 1]?.day.day ?? null;
    this.heldUntilMs = options.startMs + options.lateScoreDelayMs;
  }

  private sleepEntry(truth: WhoopSleepEntry['truth'], cycleId: number): WhoopSleepEntry {
    const seed = this.person.seed;
    const shift = detectionShift(seed, truth.key);
    const rng = rngFor(seed, 'whoop-sleep-timeline', truth.key);
    const endMs = truth.bedtimeEndMs + shift.endMs;
    const availableAtMs = endMs + rng.int(5, 40) * MINUTE_MS;
    return {
      collection: 'sleep',
      id: uuidFor(seed, 'whoop', 'sleep', truth.key),
      truth,
      startMs: truth.bedtimeStartMs + shift.startMs,
      endMs,
      cycleId,
      nightOf: truth.kind === 'main' ? truth.day : null,
      availableAtMs,
      scoreAtMs: availableAtMs + rng.int(10, 45) * MINUTE_MS,
    };
  }

  private build(): void {
    const { person } = this;
    const mains = person.sleepPeriods().filter((sleep) => sleep.kind === 'main').sort((a, b) => a.bedtimeStartMs - b.bedtimeStartMs);
    mains.forEach((truth, index) => {
      const day = person.day(truth.day);
      if (!day) return;
      const sleep = this.sleepEntry(truth, FIRST_CYCLE_ID + index);
      const cycle: WhoopCycleEntry = { collection: 'cycle', id: sleep.cycleId, index, day, sleep, startMs: sleep.startMs, next: null, availableAtMs: sleep.availableAtMs };
      const previous = this.cycles[this.cycles.length - 1];
      if (previous) previous.next = cycle;
      this.cycles.push(cycle);
      this.sleeps.push(sleep);
    });
    for (const nap of person.sleepPeriods().filter((sleep) => sleep.kind === 'nap')) {
      const cycle = [...this.cycles].reverse().find((candidate) => candidate.startMs <= nap.bedtimeStartMs);
      if (cycle) this.sleeps.push(this.sleepEntry(nap, cycle.id));
    }
    this.sleeps.sort((a, b) => a.startMs - b.startMs);
    for (const truth of person.days().flatMap((day) => day.workouts)) {
      const rng = rngFor(person.seed, 'whoop-workout-timeline', truth.key);
      const endMs = truth.endMs + rng.int(-2, 1) * MINUTE_MS;
      const availableAtMs = endMs + rng.int(5, 20) * MINUTE_MS;
      this.workouts.push({
        collection: 'workout',
        id: uuidFor(person.seed, 'whoop', 'workout', truth.key),
        truth,
        startMs: truth.startMs + rng.int(-1, 2) * MINUTE_MS,
        endMs,
        offsetMinutes: truth.offsetMinutes,
        availableAtMs,
        scoreAtMs: availableAtMs + rng.int(5, 30) * MINUTE_MS,
      });
    }
  }

  /** Entries of a collection in ascending start order (visible or not); recoveries are their cycles. */
  all(collection: WhoopCollection): readonly WhoopEntry[] {
    if (collection === 'sleep') return this.sleeps;
    if (collection === 'workout') return this.workouts;
    return this.cycles;
  }

  /** The id a collection uses for an entry (recoveries: the cycle id). */
  idOf(entry: WhoopEntry): string {
    return String(entry.id);
  }

  /** Whether an entry of `collection` is served at `nowMs`. */
  isVisible(collection: WhoopCollection, entry: WhoopEntry, nowMs: number): boolean {
    if (entry.availableAtMs > nowMs) return false;
    const deletedAt = this.deletions.get(`${collection}/${entry.id}`);
    return deletedAt === undefined || deletedAt > nowMs;
  }

  /**
   * What a webhook would tell about an entry at `nowMs`: whether its sleep is scored yet and how
   * often it was re-scored (a recovery follows its cycle's sleep).
   */
  versionAt(entry: WhoopEntry, nowMs: number): string {
    const sleep = entry.collection === 'cycle' ? entry.sleep : entry.collection === 'sleep' ? entry : null;
    if (!sleep) return entry.collection === 'workout' && entry.scoreAtMs <= nowMs ? 'scored' : 'pending';
    const scored = this.scoredAt(sleep.scoreAtMs, sleep.nightOf) <= nowMs;
    return `${scored ? 'scored' : 'pending'}:${this.rescoreOf(sleep.nightOf, nowMs)?.count ?? 0}`;
  }

  /** Visible entries at `nowMs`, ascending by start. */
  visible(collection: WhoopCollection, nowMs: number): WhoopEntry[] {
    return this.all(collection).filter((entry) => this.isVisible(collection, entry, nowMs));
  }

  /** An entry by id (visible or not). */
  find(collection: WhoopCollection, id: string): WhoopEntry | undefined {
    return this.all(collection).find((entry) => String(entry.id) === id);
  }

  private scoredAt(scoreAtMs: number, nightOf: string | null): number {
    if (nightOf === null || nightOf !== this.heldNight) return scoreAtMs;
    return Math.max(scoreAtMs, Math.min(this.heldUntilMs, this.releasedAtMs ?? Number.POSITIVE_INFINITY));
  }

  private rescoreOf(nightOf: string | null, nowMs: number): WhoopRescore | null {
    const applied = this.rescores.filter((rescore) => rescore.day === nightOf && rescore.atMs <= nowMs);
    if (applied.length === 0) return null;
    return { count: applied.length, extraSleepMs: 10 * MINUTE_MS * applied.length, recoveryDelta: -5 * applied.length, atMs: Math.max(...applied.map((r) => r.atMs)) };
  }

  private unscorable(entry: WhoopSleepEntry): boolean {
    return entry.nightOf !== this.heldNight && rngFor(this.person.seed, 'whoop-unscorable', entry.truth.key).chance(0.02);
  }

  private context(entry: WhoopSleepEntry | WhoopWorkoutEntry, nowMs: number): WhoopRenderContext {
    const nightOf = entry.collection === 'sleep' ? entry.nightOf : null;
    return {
      nowMs,
      userId: this.userId,
      createdAtMs: entry.availableAtMs,
      scoredAtMs: this.scoredAt(entry.scoreAtMs, nightOf),
      unscorable: entry.collection === 'sleep' && this.unscorable(entry),
      rescore: this.rescoreOf(nightOf, nowMs),
    };
  }

  /** End of a cycle at `nowMs`: the next cycle's start once that is visible, else null (ongoing). */
  cycleEnd(cycle: WhoopCycleEntry, nowMs: number): number | null {
    return cycle.next && cycle.next.availableAtMs <= nowMs ? cycle.next.startMs : null;
  }

  /** Renders an entry of `collection` as the API returns it at `nowMs`. */
  render(collection: WhoopCollection, entry: WhoopEntry, nowMs: number): Record<string, unknown> {
    const { person } = this;
    if (entry.collection === 'workout') return renderWhoopWorkout(person.seed, entry, this.context(entry, nowMs));
    if (entry.collection === 'sleep') return renderWhoopSleep(person.seed, person.profile, entry, this.context(entry, nowMs));
    const sleepContext = this.context(entry.sleep, nowMs);
    if (collection === 'recovery') {
      const sleep = renderWhoopSleep(person.seed, person.profile, entry.sleep, sleepContext);
      const performance = (sleep.score as { sleep_performance_percentage?: number } | undefined)?.sleep_performance_percentage ?? 85;
      return renderWhoopRecovery(person, entry, performance, sleepContext);
    }
    const endMs = this.cycleEnd(entry, nowMs);
    const touchedAtMs = endMs !== null && entry.next ? entry.next.availableAtMs : Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    return renderWhoopCycle(person, entry, endMs, { ...sleepContext, unscorable: false, touchedAtMs });
  }

  /** Re-scores the main night of wake day `day` at `atMs`: its sleep, recovery and cycle. Returns `collection/id`s. */
  rescore(day: string, atMs: number): string[] {
    const cycle = this.cycles.find((candidate) => candidate.day.day === day);
    if (!cycle) return [];
    this.rescores.push({ day, atMs });
    return [`sleep/${cycle.sleep.id}`, `recovery/${cycle.id}`, `cycle/${cycle.id}`];
  }

  /** Deletes a record from `atMs` on. Returns false when no such record exists. */
  delete(collection: WhoopCollection, id: string, atMs: number): boolean {
    if (!this.find(collection, id)) return false;
    this.deletions.set(`${collection}/${id}`, atMs);
    return true;
  }

  /** Lets the late night's scores arrive from `atMs` on. */
  releaseLateScores(atMs: number): void {
    this.releasedAtMs = Math.min(this.releasedAtMs ?? Number.POSITIVE_INFINITY, atMs);
  }
}
