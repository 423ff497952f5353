/**
 * Every Oura document the person will ever have, indexed once; JSON is rendered on request.
 *
 * Visibility: a document is served when the simulator clock has passed its `availableAtMs`
 * (sleep-derived documents: wake time + a per-night sync delay; the day in progress: from 04:30
 * local, updated in place), unless deleted. The most recent night that had ended when the
 * simulator started is held back ("late arrival": the user has not opened the app yet) until the
 * clock passes start + `lateSleepDelayMs` or `releaseLateSleep()` is called.
 */
import type { SyntheticPerson } from '../person.js';
import type { DayTruth, HeartRateSample, SleepPeriodTruth } from '../person/types.js';
import { activityDayStartMs } from '../person/activity.js';
import { rngFor, uuidFor } from '../prng.js';
import { localTimeMs, MINUTE_MS, wallClock } from '../time.js';
import { renderDailyActivity, renderCardiovascularAge, renderDailyResilience, renderDailyStress, renderSleepTime, renderVo2Max } from './render-daily.js';
import { renderEnhancedTag, renderRestMode, renderRing, renderSession, renderTag, renderWorkout } from './render-other.js';
import { renderDailyReadiness, renderDailySleep, renderDailySpo2, renderSleep } from './render-sleep.js';
import { mainSleep, OuraScores } from './scores.js';
import { OURA_COLLECTIONS, type OuraCollection, type OuraDocument, type OuraShape, type RenderContext, type RescoreEffect } from './types.js';

export interface OuraDocumentStoreOptions {
  /** Simulator time at start (epoch ms); decides which night arrives late. */
  startMs: number;
  lateSleepDelayMs: number;
  shape: OuraShape;
}

interface Rescore {
  day: string;
  atMs: number;
  scoreDelta: number;
  extraSleepSeconds: number;
}

const RESCORED: ReadonlySet<OuraCollection> = new Set<OuraCollection>(['sleep', 'daily_sleep', 'daily_readiness']);

/** The indexed Oura documents of one synthetic person. */
export class OuraDocumentStore {
  readonly scores: OuraScores;
  /** The night (wake day) held back as a late arrival, or null. */
  readonly heldNight: string | null;
  private readonly byCollection = new Map<OuraCollection, OuraDocument[]>();
  private readonly byId = new Map<string, OuraDocument>();
  private readonly rescores: Rescore[] = [];
  private readonly deletions = new Map<string, number>();
  private releasedAtMs: number | null = null;
  private readonly heldUntilMs: number;
  private readonly wornSleeps: SleepPeriodTruth[];
  private readonly sleepDocByKey = new Map<string, OuraDocument>();

  constructor(
    private readonly person: SyntheticPerson,
    private readonly options: OuraDocumentStoreOptions,
  ) {
    this.scores = new OuraScores(person);
    for (const c of OURA_COLLECTIONS) this.byCollection.set(c, []);
    this.wornSleeps = person.sleepPeriods().filter((s) => s.worn);
    const ended = this.wornSleeps.filter((s) => s.kind === 'main' && s.bedtimeEndMs <= options.startMs);
    this.heldNight = ended.length > 0 ? (ended[ended.length - 1]?.day ?? null) : null;
    this.heldUntilMs = options.startMs + options.lateSleepDelayMs;
    this.build();
    for (const list of this.byCollection.values()) {
      list.sort((a, b) => a.sortMs - b.sortMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
  }

  private idFor(collection: OuraCollection, key: string): string {
    return uuidFor(this.person.seed, 'oura', collection, key);
  }

  /** Indexes one document; `renderWith` receives the document's id. */
  private add(doc: Omit<OuraDocument, 'id' | 'render'> & { key: string; renderWith: (id: string, ctx: RenderContext) => Record<string, unknown> }): void {
    const { key, renderWith, ...rest } = doc;
    const id = this.idFor(doc.collection, key);
    const full: OuraDocument = { ...rest, id, render: (ctx) => renderWith(id, ctx) };
    this.byCollection.get(doc.collection)?.push(full);
    this.byId.set(`${doc.collection}/${id}`, full);
    if (doc.collection === 'sleep') this.sleepDocByKey.set(key, full);
  }

  /** A day document, filtered at a local wall-clock time of its day (midnight unless given). */
  private dayDoc(
    collection: OuraCollection,
    truth: DayTruth,
    availableAtMs: number,
    nightOf: string | null,
    renderWith: (id: string, ctx: RenderContext) => Record<string, unknown>,
    minutes = 0,
  ): void {
    const sortMs = localTimeMs(truth.day, minutes, truth.offsetMinutes);
    const filterWall = wallClock(sortMs, truth.offsetMinutes);
    this.add({ collection, key: truth.day, day: truth.day, filterWall, sortMs, availableAtMs, nightOf, renderWith });
  }

  /** A document filtered at an instant (workout start, tag time, bedtime end...). */
  private timedDoc(
    collection: OuraCollection,
    key: string,
    day: string | null,
    atMs: number,
    offsetMinutes: number,
    availableAtMs: number,
    renderWith: (id: string, ctx: RenderContext) => Record<string, unknown>,
    nightOf: string | null = null,
  ): void {
    this.add({ collection, key, day, filterWall: wallClock(atMs, offsetMinutes), sortMs: atMs, availableAtMs, nightOf, renderWith });
  }

  private build(): void {
    const { person, scores } = this;
    const days = person.days();
    days.forEach((truth, i) => {
      const syncDelay = rngFor(person.seed, 'oura-sync', truth.day).int(15, 75) * MINUTE_MS;
      const main = mainSleep(truth);
      const nightReady = main ? main.bedtimeEndMs + syncDelay : localTimeMs(truth.day, 9 * 60, truth.offsetMinutes);
      for (const sleep of truth.sleeps) {
        if (!sleep.worn) continue;
        // Sleep documents are matched on `bedtime_end` and appear one sync delay after waking.
        const render = (id: string, ctx: RenderContext): Record<string, unknown> => renderSleep(id, sleep, scores, ctx);
        const nightOf = sleep.kind === 'main' ? sleep.day : null;
        const { bedtimeEndMs: end, offsetMinutes: offset } = sleep;
        this.timedDoc('sleep', sleep.key, sleep.day, end, offset, end + syncDelay, render, nightOf);
      }
      if (main) {
        this.dayDoc('daily_sleep', truth, nightReady, truth.day, (id, ctx) => renderDailySleep(id, main, ctx));
        if (scores.readiness(truth.day)) {
          this.dayDoc('daily_readiness', truth, nightReady, truth.day, (id, ctx) => renderDailyReadiness(id, main, scores, ctx) ?? {});
        }
        this.dayDoc('daily_spo2', truth, nightReady, truth.day, (id, ctx) => renderDailySpo2(id, main, ctx));
      }
      this.dayDoc('daily_resilience', truth, nightReady, null, (id, ctx) => renderDailyResilience(id, truth, scores, ctx));
      this.dayDoc('daily_cardiovascular_age', truth, nightReady, null, (id, ctx) => renderCardiovascularAge(id, truth, ctx));
      const recent = days.slice(Math.max(0, i - 7), i).map(mainSleep).filter((s): s is SleepPeriodTruth => s !== undefined);
      this.dayDoc('sleep_time', truth, nightReady, null, (id, ctx) => renderSleepTime(id, truth, recent, ctx));
      // The activity day starts at 04:00 local; its document appears half an hour in and grows.
      const dayOpen = activityDayStartMs(truth.day, truth.offsetMinutes) + 30 * MINUTE_MS;
      const activity = (id: string, ctx: RenderContext): Record<string, unknown> =>
        renderDailyActivity(id, truth, person.metPerMinute(truth.day), person.profile, scores, ctx);
      this.dayDoc('daily_activity', truth, dayOpen, null, activity, 4 * 60);
      this.dayDoc('daily_stress', truth, dayOpen, null, (id, ctx) => renderDailyStress(id, truth, ctx));
      if (truth.vo2Max !== null) {
        const at = localTimeMs(truth.day, 12 * 60 + 14, truth.offsetMinutes) + 22_000;
        this.dayDoc('vO2_max', truth, at + 30 * MINUTE_MS, null, (id, ctx) => renderVo2Max(id, truth, at, ctx));
      }
      for (const w of truth.workouts) {
        this.timedDoc('workout', w.key, w.day, w.startMs, w.offsetMinutes, w.endMs + 10 * MINUTE_MS, (id, ctx) => renderWorkout(id, w, ctx));
      }
      for (const s of truth.sessions) {
        this.timedDoc('session', s.key, s.day, s.startMs, s.offsetMinutes, s.endMs + MINUTE_MS, (id, ctx) => renderSession(id, s, ctx));
      }
      for (const t of truth.tags) {
        const visibleAt = t.startMs + MINUTE_MS;
        this.timedDoc('enhanced_tag', t.key, truth.day, t.startMs, t.offsetMinutes, visibleAt, (id, ctx) => renderEnhancedTag(id, t, ctx));
        this.timedDoc('tag', t.key, truth.day, t.startMs, t.offsetMinutes, visibleAt, (id, ctx) => renderTag(id, t, ctx));
      }
    });
    const rest = person.events.restMode;
    if (person.day(rest.start)) {
      this.timedDoc('rest_mode_period', 'rest-0', rest.start, rest.startMs, rest.offsetMinutes, rest.startMs, (id, ctx) => renderRestMode(id, rest, ctx));
    }
    for (const ring of person.rings) {
      const at = ring.setUpAtMs ?? 0;
      this.timedDoc('ring_configuration', ring.key, null, at, 0, at, (id, ctx) => renderRing(id, ring, ctx));
    }
  }

  /** When a document becomes visible, after the late-arrival hold. */
  effectiveAvailableAt(doc: OuraDocument): number {
    if (doc.nightOf === null || doc.nightOf !== this.heldNight) return doc.availableAtMs;
    const hold = Math.min(this.heldUntilMs, this.releasedAtMs ?? Number.POSITIVE_INFINITY);
    return Math.max(doc.availableAtMs, hold);
  }

  /** Whether a document is served at `nowMs`. */
  isVisible(doc: OuraDocument, nowMs: number): boolean {
    if (this.effectiveAvailableAt(doc) > nowMs) return false;
    const deletedAt = this.deletions.get(`${doc.collection}/${doc.id}`);
    return deletedAt === undefined || deletedAt > nowMs;
  }

  /** All documents of a collection in API order (visible or not). */
  all(collection: OuraCollection): readonly OuraDocument[] {
    return this.byCollection.get(collection) ?? [];
  }

  /** Visible documents of a collection at `nowMs`, in API order. */
  visible(collection: OuraCollection, nowMs: number): OuraDocument[] {
    return this.all(collection).filter((d) => this.isVisible(d, nowMs));
  }

  /** A document by id (visible or not). */
  find(collection: OuraCollection, id: string): OuraDocument | undefined {
    return this.byId.get(`${collection}/${id}`);
  }

  /** The document's version at `nowMs`: when its latest applied re-score took effect (0: never re-scored). */
  versionAt(doc: OuraDocument, nowMs: number): number {
    return this.rescoreEffect(doc, nowMs)?.atMs ?? 0;
  }

  private rescoreEffect(doc: OuraDocument, nowMs: number): RescoreEffect | null {
    if (!RESCORED.has(doc.collection) || doc.nightOf === null) return null;
    const applied = this.rescores.filter((r) => r.day === doc.nightOf && r.atMs <= nowMs);
    if (applied.length === 0) return null;
    return {
      count: applied.length,
      scoreDelta: applied.reduce((s, r) => s + r.scoreDelta, 0),
      extraSleepSeconds: applied.reduce((s, r) => s + r.extraSleepSeconds, 0),
      atMs: Math.max(...applied.map((r) => r.atMs)),
    };
  }

  /** Renders a document as the API returns it at `nowMs`. */
  render(doc: OuraDocument, nowMs: number): Record<string, unknown> {
    const ctx: RenderContext = {
      nowMs,
      shape: this.options.shape,
      availableAtMs: this.effectiveAvailableAt(doc),
      rescore: this.rescoreEffect(doc, nowMs),
    };
    return doc.render(ctx);
  }

  /**
   * Re-scores the main night of `day` at `atMs` (now or later): the same ids get new content
   * (10 minutes of awake time re-classified as light sleep per re-score), scores shifted by
   * `scoreDelta`, and `meta.version` + 1. Returns the affected `collection/id`s.
   */
  rescore(day: string, atMs: number, scoreDelta = -6): string[] {
    const truth = this.person.day(day);
    if (!truth || !mainSleep(truth)) return [];
    this.rescores.push({ day, atMs, scoreDelta, extraSleepSeconds: 600 });
    return [...RESCORED].flatMap((c) => this.all(c).filter((d) => d.nightOf === day).map((d) => `${c}/${d.id}`));
  }

  /** Deletes a document from `atMs` on. Returns false when no such document exists. */
  delete(collection: OuraCollection, id: string, atMs: number): boolean {
    if (!this.find(collection, id)) return false;
    this.deletions.set(`${collection}/${id}`, atMs);
    return true;
  }

  /** Makes the held late night available from `atMs` on (as if the user opened the app). */
  releaseLateSleep(atMs: number): void {
    this.releasedAtMs = Math.min(this.releasedAtMs ?? Number.POSITIVE_INFINITY, atMs);
  }

  /**
   * Heart-rate samples visible at `nowMs` in `[fromMs, toMs]`: daytime samples up to now, and
   * in-bed (`rest`) samples only once their night's sleep document is visible.
   */
  heartRate(fromMs: number, toMs: number, nowMs: number): HeartRateSample[] {
    const samples = this.person.heartRate(fromMs, Math.min(toMs, nowMs));
    const nights = this.wornSleeps.filter((s) => s.bedtimeEndMs >= fromMs && s.bedtimeStartMs <= toMs);
    return samples.filter((s) => {
      if (s.source !== 'rest') return true;
      const night = nights.find((n) => s.ms >= n.bedtimeStartMs && s.ms < n.bedtimeEndMs);
      const doc = night ? this.sleepDocByKey.get(night.key) : undefined;
      return doc !== undefined && this.isVisible(doc, nowMs);
    });
  }
}
