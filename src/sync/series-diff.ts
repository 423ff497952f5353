/**
 * Pure comparison of a completely re-fetched series chunk with what the store holds for the same
 * range, so the engine writes only what changed and reports honest counts.
 */
import type { Sample } from '../core/types.js';

export interface SeriesDiff {
  created: number;
  updated: number;
  unchanged: number;
  /** Stored points the provider no longer sends. */
  stale: number;
  /** Points to upsert: only new or changed ones, or every fetched point when stale ones exist. */
  toWrite: Sample[];
  /** True when the range must be cleared before writing (stale points exist). */
  replaceRange: boolean;
}

/**
 * Compares `stored` with `fetched` (both for one series and one range) by timestamp. When the
 * provider dropped points the whole range is replaced (delete + write all fetched points);
 * otherwise only new and changed points are upserted, so a repeated sync writes nothing.
 */
export function diffSeries(stored: readonly Sample[], fetched: readonly Sample[]): SeriesDiff {
  const storedByTs = new Map<number, Sample>();
  for (const sample of stored) storedByTs.set(sample.ts, sample);
  const latest = new Map<number, Sample>();
  for (const sample of fetched) latest.set(sample.ts, sample); // a later page wins, like the store
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const changed: Sample[] = [];
  for (const sample of latest.values()) {
    const before = storedByTs.get(sample.ts);
    if (!before) {
      created++;
      changed.push(sample);
    } else if (before.value !== sample.value || (before.source ?? null) !== (sample.source ?? null)) {
      updated++;
      changed.push(sample);
    } else {
      unchanged++;
    }
  }
  let stale = 0;
  for (const ts of storedByTs.keys()) if (!latest.has(ts)) stale++;
  const replaceRange = stale > 0;
  return { created, updated, unchanged, stale, replaceRange, toWrite: replaceRange ? [...latest.values()] : changed };
}
