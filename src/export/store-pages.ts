/**
 * Pages through the store so exports keep memory flat: records by limit/offset (the store's
 * stable day/start/id order), samples by a keyset on the timestamp (unique per series), which
 * stays fast deep into a million-row series where OFFSET would rescan.
 */
import type { LocalDay, ProviderId, Sample } from '../core/types.js';
import type { StoreReader, StoredRecord } from '../store/store.js';

/** Default rows per page. */
export const DEFAULT_PAGE_SIZE = 5000;

export interface RecordWindow {
  provider: ProviderId;
  resource: string;
  /** Inclusive day bounds; omitted for snapshot resources (they have no day). */
  startDay?: LocalDay;
  endDay?: LocalDay;
}

/** Record pages of one resource, ascending. */
export async function* recordPages(store: StoreReader, window: RecordWindow, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<StoredRecord[]> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.queryRecords({ ...window, limit: pageSize, offset, order: 'asc' });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
  }
}

export interface SampleWindow {
  provider: ProviderId;
  series: string;
  /** Epoch ms inclusive. */
  start: number;
  /** Epoch ms exclusive. */
  end: number;
}

/** Sample pages of one series in `[start, end)`, ascending by time. */
export async function* samplePages(store: StoreReader, window: SampleWindow, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<Sample[]> {
  let start = window.start;
  while (start < window.end) {
    const page = await store.querySamples({ ...window, start, limit: pageSize });
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (page.length < pageSize || !last) return;
    start = last.ts + 1;
  }
}
