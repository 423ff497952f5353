/** Per-resource counts of a sync run, as recorded in the `sync_runs` audit table. */
import type { SyncRun } from '../store/store.js';

export type ResourceCounts = SyncRun['counts'][string];

/** Fresh zero counts. */
export function emptyCounts(): ResourceCounts {
  return { fetched: 0, created: 0, updated: 0, unchanged: 0, deleted: 0 };
}

/** Adds `delta` into `target` in place. */
export function addCounts(target: ResourceCounts, delta: Partial<ResourceCounts>): void {
  target.fetched += delta.fetched ?? 0;
  target.created += delta.created ?? 0;
  target.updated += delta.updated ?? 0;
  target.unchanged += delta.unchanged ?? 0;
  target.deleted += delta.deleted ?? 0;
}
