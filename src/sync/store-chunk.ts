/**
 * Fetches one request window of one resource to the end, then stores it as one unit of work
 * (`Store.writeChunk`): the chunk's records, deletions, samples, coverage and cursor commit
 * together or not at all, so an error or a crash mid-chunk leaves nothing half-done and the next
 * run simply fetches the chunk again. Pages are buffered until the chunk is complete; a chunk is
 * one request window (`maxWindowDays`), which bounds the buffer.
 */
import type { Sample, TimeWindow } from '../core/types.js';
import type { AuthorizedHttp } from '../core/http.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { ChunkWrite, StorableRecord, Store } from '../store/store.js';
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

/** A completely fetched chunk, not stored yet: what to write, and the counts known before writing. */
export interface FetchedChunk {
  write: ChunkWrite;
  /** Documents or points fetched. */
  fetched: number;
  /** Series chunks know their counts from the comparison with the stored range. */
  seriesCounts?: Omit<ResourceCounts, 'fetched'>;
}

/** Fetches a document chunk to its end: records of every page, samples, and the deletions it proves. */
export async function fetchDocumentChunk(context: ChunkContext, chunk: TimeWindow): Promise<FetchedChunk> {
  const { provider, spec, signal } = context;
  const seen = new Set<string>();
  const records: StorableRecord[] = [];
  const samples: Sample[] = [];
  let fetched = 0;
  for await (const page of provider.fetchWindow(spec, chunk, { http: context.http, signal })) {
    throwIfCancelled(signal);
    if (page.invalid) context.onInvalid?.(page.invalid);
    fetched += page.records.length;
    for (const record of page.records) {
      records.push(record);
      if (record.resource === spec.name) seen.add(record.id);
    }
    for (const sample of page.samples) samples.push(sample);
  }
  throwIfCancelled(signal);
  const write: ChunkWrite = { records, samples };
  if (spec.windowing !== 'none') {
    const window = reconcileWindow(chunk, spec.windowing);
    if (window) write.deleteMissing = { provider: provider.id, resource: spec.name, window, keepIds: [...seen] };
  }
  return { write, fetched };
}

/**
 * Fetches a series chunk to its end and compares it with the stored points of the same range:
 * only new or changed points are written (late samples caught); when the provider dropped points,
 * the range is replaced (stale points removed) in the same unit of work.
 */
export async function fetchSeriesChunk(context: ChunkContext, chunk: TimeWindow): Promise<FetchedChunk> {
  const { provider, spec, store, signal } = context;
  const series = spec.series ?? spec.name;
  const startMs = parseUtcDayOrInstant(chunk.start, 'window start');
  const endMs = parseUtcDayOrInstant(chunk.end, 'window end');
  const fetched: Sample[] = [];
  const records: StorableRecord[] = [];
  for await (const page of provider.fetchWindow(spec, chunk, { http: context.http, signal })) {
    throwIfCancelled(signal);
    for (const sample of page.samples) {
      // Edges belong to the neighbouring chunk; keeping them here would count them twice.
      if (sample.series === series && sample.ts >= startMs && sample.ts < endMs) fetched.push(sample);
    }
    for (const record of page.records) records.push(record);
  }
  throwIfCancelled(signal);
  const stored = await readAllSamples(store, provider.id, series, startMs, endMs);
  const diff = diffSeries(stored, fetched);
  const write: ChunkWrite = { records, samples: diff.toWrite };
  if (diff.replaceRange) write.replaceSamples = { provider: provider.id, series, start: startMs, end: endMs };
  return {
    write,
    fetched: fetched.length,
    seriesCounts: { created: diff.created, updated: diff.updated, unchanged: diff.unchanged, deleted: diff.stale },
  };
}

/**
 * Commits a fetched chunk with the coverage and cursor it earns (`extra`) in one `writeChunk`,
 * then adds its counts (nothing is counted as stored when the write fails).
 */
export async function commitChunk(store: Store, chunk: FetchedChunk, extra: Pick<ChunkWrite, 'covered' | 'cursor'>, counts: ResourceCounts): Promise<void> {
  const result = await store.writeChunk({ ...chunk.write, ...extra });
  if (chunk.seriesCounts) addCounts(counts, { fetched: chunk.fetched, ...chunk.seriesCounts });
  else addCounts(counts, { fetched: chunk.fetched, created: result.created, updated: result.updated, unchanged: result.unchanged, deleted: result.deleted });
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
