/**
 * Fetches one request window of one resource to the end and stores it. Documents are upserted
 * one store call per page and reconciled (deletions) only after the last page; series points are
 * buffered for the chunk and written as one replace step. Coverage and cursor are not touched
 * here: the caller moves them only after this resolved.
 */
import type { Sample, TimeWindow } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { addCounts, type ResourceCounts } from './counts.js';
import { throwIfCancelled } from './cancel.js';
import { parseUtcDayOrInstant } from '../core/time/instants.js';
import { reconcileWindow } from './plan-windows.js';
import { diffSeries } from './series-diff.js';

export interface ChunkContext {
  provider: Provider;
  spec: ResourceSpec;
  store: Store;
  http: AuthorizedHttp;
  signal?: AbortSignal;
  /** Told how many documents of a page did not match the provider's schema (kept, but noted). */
  onInvalid?: (count: number) => void;
}

/** Stores a complete document chunk; counts go into `counts` as they happen. */
export async function storeDocumentChunk(context: ChunkContext, chunk: TimeWindow, counts: ResourceCounts): Promise<void> {
  const { provider, spec, store, signal } = context;
  const seen = new Set<string>();
  for await (const page of provider.fetchWindow(spec, chunk, { http: context.http, signal })) {
    throwIfCancelled(signal);
    if (page.invalid) context.onInvalid?.(page.invalid);
    if (page.records.length > 0) {
      const result = await store.upsertRecords(page.records);
      addCounts(counts, { fetched: page.records.length, ...result });
      for (const record of page.records) if (record.resource === spec.name) seen.add(record.id);
    }
    if (page.samples.length > 0) await store.upsertSamples(page.samples);
  }
  throwIfCancelled(signal);
  if (spec.windowing === 'none') return;
  const window = reconcileWindow(chunk, spec.windowing);
  if (window) addCounts(counts, { deleted: await store.deleteMissing(provider.id, spec.name, window, [...seen]) });
}

/**
 * Stores a complete series chunk. The whole chunk is fetched first, then compared with the stored
 * points of the same range: new or changed points are upserted (late samples caught); when the
 * provider dropped points, the range is cleared and rewritten in two back-to-back calls (stale
 * points removed). Were the process to die between them, coverage and cursor have not moved,
 * so the next run re-fetches and rewrites this chunk.
 */
export async function storeSeriesChunk(context: ChunkContext, chunk: TimeWindow, counts: ResourceCounts): Promise<void> {
  const { provider, spec, store, signal } = context;
  const series = spec.series ?? spec.name;
  const startMs = parseUtcDayOrInstant(chunk.start, 'window start');
  const endMs = parseUtcDayOrInstant(chunk.end, 'window end');
  const fetched: Sample[] = [];
  for await (const page of provider.fetchWindow(spec, chunk, { http: context.http, signal })) {
    throwIfCancelled(signal);
    for (const sample of page.samples) {
      // Edges belong to the neighbouring chunk; keeping them here would count them twice.
      if (sample.series === series && sample.ts >= startMs && sample.ts < endMs) fetched.push(sample);
    }
    if (page.records.length > 0) await store.upsertRecords(page.records);
  }
  throwIfCancelled(signal);
  const stored = await readAllSamples(store, provider.id, series, startMs, endMs);
  const diff = diffSeries(stored, fetched);
  if (diff.replaceRange) await store.deleteSamples(provider.id, series, startMs, endMs);
  if (diff.toWrite.length > 0) await store.upsertSamples(diff.toWrite);
  addCounts(counts, { fetched: fetched.length, created: diff.created, updated: diff.updated, unchanged: diff.unchanged, deleted: diff.stale });
}

const SAMPLE_PAGE = 10_000;

async function readAllSamples(store: Store, provider: Provider['id'], series: string, start: number, end: number): Promise<Sample[]> {
  const all: Sample[] = [];
  for (let offset = 0; ; offset += SAMPLE_PAGE) {
    const page = await store.querySamples({ provider, series, start, end, limit: SAMPLE_PAGE, offset });
    all.push(...page);
    if (page.length < SAMPLE_PAGE) return all;
  }
}
