/**
 * Runs one resource over its planned windows, chunk by chunk, oldest first. A chunk is fetched
 * completely, then its records, deletions, samples, coverage and cursor are committed in one
 * `writeChunk`, so an error or a crash mid-chunk leaves nothing of it and both where the stored
 * data ends.
 */
import type { TimeWindow } from '../core/types.js';
import type { SyncRun } from '../store/store.js';
import { runChangesPass } from './changes-pass.js';
import type { ResourceCounts } from './counts.js';
import { advanceCursor, chunkWindow, coverableWindow, openPart, type RunBounds } from './plan-windows.js';
import type { ResourcePlan } from './resource-plan.js';
import { commitChunk, fetchDocumentChunk, fetchSeriesChunk, type ChunkContext } from './store-chunk.js';

export interface ResourceRunInput extends ChunkContext {
  /** Windows to fetch (each is cut to `maxWindowDays`); ignored for snapshot resources. */
  windows: readonly TimeWindow[];
  /** Backfill hooks and resumed progress (see `ResourcePlan`). */
  plan?: Omit<ResourcePlan, 'windows'>;
  bounds: RunBounds;
  /** Whether a resource without a cursor gets one from this run (regular runs, not targeted). */
  allowFirstCursor: boolean;
  now: () => Date;
  /** Mutated as data is stored, so the caller has honest counts even when this throws. */
  counts: ResourceCounts;
  /** Called after each completely stored chunk. */
  onChunk?: (done: number, total: number) => void;
  /** The run's mode: regular runs (incremental, full) also run the change pass of `modifiedSince` resources. */
  mode?: SyncRun['mode'];
}

/** Fetches and stores every chunk of one resource. Throws the first error, leaving later chunks. */
export async function runResource(input: ResourceRunInput): Promise<void> {
  const { spec, store, provider, bounds } = input;
  if (spec.windowing === 'none') {
    const snapshot = await fetchDocumentChunk(input, { start: bounds.today, end: bounds.endDay });
    await commitChunk(store, snapshot, { cursor: { provider: provider.id, resource: spec.name, cursor: input.now().toISOString() } }, input.counts);
    input.onChunk?.(1, 1);
    return;
  }
  const windowing = spec.windowing;
  const chunks = input.windows.flatMap((window) => chunkWindow(window, windowing, spec.maxWindowDays));
  let cursor = await store.getCursor(provider.id, spec.name);
  const doneBefore = input.plan?.doneBefore ?? 0;
  if (chunks.length === 0 && doneBefore > 0) input.onChunk?.(doneBefore, doneBefore);
  for (const [index, chunk] of chunks.entries()) {
    const fetched = spec.kind === 'series' ? await fetchSeriesChunk(input, chunk) : await fetchDocumentChunk(input, chunk);
    const covered = coverableWindow(chunk, windowing, bounds, spec.lateDataHours);
    const next = advanceCursor(cursor, chunk, input.allowFirstCursor);
    await commitChunk(
      store,
      fetched,
      {
        ...(covered ? { covered: { provider: provider.id, resource: spec.name, window: covered, syncedAt: input.now().toISOString() } } : {}),
        ...(next !== null ? { cursor: { provider: provider.id, resource: spec.name, cursor: next } } : {}),
      },
      input.counts,
    );
    if (next !== null) cursor = next;
    await input.plan?.onStored?.(chunk);
    input.onChunk?.(doneBefore + index + 1, doneBefore + chunks.length);
  }
  // Every window was stored to its end: its open part is now checked as of this run's start.
  for (const window of input.windows) {
    const open = openPart(window, windowing, bounds, spec.lateDataHours);
    if (open) await store.markChecked(provider.id, spec.name, open, bounds.nowInstant);
  }
  await input.plan?.onComplete?.();
  if (input.mode === 'incremental' || input.mode === 'full') await runChangesPass(input, input.counts, input.now);
}
