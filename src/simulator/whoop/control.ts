/** WHOOP data controls of the simulator (`simulator.control.whoop`). */
import type { TokenCounters } from '../token-store.js';
import type { WhoopContext, WhoopCounters } from './context.js';
import { WHOOP_COLLECTIONS, type WhoopCollection } from './types.js';

export interface WhoopControl {
  /**
   * Re-scores the main night of wake day `day` (its sleep, recovery and cycle keep their ids and
   * start; content and `updated_at` change), now or at `atMs`. Returns the `collection/id`s.
   */
  rescoreNight(day: string, options?: { atMs?: number }): string[];
  /** Deletes a record (404 and gone from lists from now on). Returns false if it does not exist. */
  deleteRecord(collection: WhoopCollection, id: string): boolean;
  /** Lets the late night's pending scores arrive now. */
  releaseLateScores(): void;
  /** Wake day of the night whose scores arrive late (null if none). */
  heldNight(): string | null;
  /** Records of a collection exactly as the API serves them now (no window), ascending by start. */
  records(collection: WhoopCollection): Array<Record<string, unknown>>;
  /** The cycle id of the main night waking on `day` (null if none). */
  cycleIdOf(day: string): number | null;
  /** What `/oauth/oauth2/auth` answers. */
  setAuthorizeDecision(decision: 'approve' | 'deny'): void;
  counters(): WhoopCounters & TokenCounters & { rateLimited: number };
}

/** Builds the WHOOP control object. */
export function createWhoopControl(ctx: WhoopContext): WhoopControl {
  const { records, clock } = ctx;
  return {
    rescoreNight: (day, options = {}) => records.rescore(day, options.atMs ?? clock.nowMs()),
    deleteRecord: (collection, id) => (WHOOP_COLLECTIONS as readonly string[]).includes(collection) && records.delete(collection, id, clock.nowMs()),
    releaseLateScores: () => records.releaseLateScores(clock.nowMs()),
    heldNight: () => records.heldNight,
    records: (collection) => {
      const now = clock.nowMs();
      return records.visible(collection, now).map((entry) => records.render(collection, entry, now));
    },
    cycleIdOf: (day) => records.cycles.find((cycle) => cycle.day.day === day)?.id ?? null,
    setAuthorizeDecision: (decision) => {
      ctx.authorizeDecision = decision;
    },
    counters: () => ({ ...ctx.counters, ...ctx.tokens.counters, rateLimited: ctx.limiter.refused }),
  };
}
