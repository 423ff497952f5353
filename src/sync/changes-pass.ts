/**
 * The change pass of resources that declare `modifiedSince`: after the windowed fetches of a
 * regular run, ask for every document created or modified since the previous run started (any
 * date, so edits older than the overlap are caught) and upsert them. Its own cursor
 * (`<resource>#modified`) is the start of the last run that finished the pass; it only upserts —
 * deletions and coverage stay with the windowed fetches, which prove them.
 */
import { addCounts, type ResourceCounts } from './counts.js';
import { throwIfCancelled } from './cancel.js';
import type { ChunkContext } from './store-chunk.js';

/** Cursor key of a resource's change pass. */
export function changesCursorKey(resource: string): string {
  return `${resource}#modified`;
}

/** Runs the change pass (no-op for resources without `modifiedSince`, and on the first run). */
export async function runChangesPass(context: ChunkContext, counts: ResourceCounts, now: () => Date): Promise<void> {
  const { provider, spec, store, signal } = context;
  if (!spec.modifiedSince || spec.kind !== 'document' || spec.windowing === 'none') return;
  const key = changesCursorKey(spec.name);
  const since = await store.getCursor(provider.id, key);
  const startedAt = now().toISOString();
  if (since !== null && since < startedAt) {
    const window = { start: since, end: startedAt };
    for await (const page of provider.fetchWindow(spec, window, { http: context.http, signal, modifiedSince: since })) {
      throwIfCancelled(signal);
      if (page.invalid) context.onInvalid?.(page.invalid);
      const records = page.records.filter((record) => record.resource === spec.name);
      if (records.length > 0) addCounts(counts, { fetched: records.length, ...(await store.upsertRecords(records)) });
    }
    throwIfCancelled(signal);
  }
  await store.setCursor(provider.id, key, startedAt);
}
