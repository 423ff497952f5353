/**
 * Writes a FHIR R4 Bundle (type `collection`) of Observations as streamed JSON: the opening, one
 * entry per observation as pages arrive, then the closing, so memory stays flat. Entries use
 * `urn:uuid:<id>` full URLs (ids are deterministic UUIDs).
 */
import { open } from 'node:fs/promises';
import type { LocalDay } from '../../core/types.js';
import type { StoreReader } from '../../store/store.js';
import type { ExportTarget } from '../export-targets.js';
import { sourcesFor } from './metrics.js';
import { observationPages, observationRowTotal } from './observation-pages.js';

export interface BundleExportRequest {
  store: StoreReader;
  target: ExportTarget;
  start?: LocalDay;
  end?: LocalDay;
  pageSize: number;
  now: () => Date;
  /** Called after each page with store rows read so far and their total. */
  onPage: (rows: number, total: number) => void;
}

/** Writes the Bundle to `tempPath`; returns the number of observations (bundle entries). */
export async function writeBundle(request: BundleExportRequest, tempPath: string): Promise<number> {
  const { target } = request;
  const read = {
    store: request.store,
    provider: target.provider,
    spec: target.spec,
    sources: sourcesFor(target.provider.id, target.spec.name),
    ...(request.start ? { start: request.start } : {}),
    ...(request.end ? { end: request.end } : {}),
    pageSize: request.pageSize,
  };
  const total = await observationRowTotal(read);
  const file = await open(tempPath, 'wx', 0o600);
  try {
    // FHIR JSON forbids empty arrays: `entry` is opened with the first observation only.
    await file.write(`{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(request.now().toISOString())}`);
    let entries = 0;
    let rows = 0;
    for await (const page of observationPages(read)) {
      const text = page.observations.map(
        (observation, index) => `${entries + index === 0 ? ',"entry":[' : ','}\n${JSON.stringify({ fullUrl: `urn:uuid:${observation.id}`, resource: observation })}`,
      );
      if (text.length > 0) await file.write(text.join(''));
      entries += page.observations.length;
      rows += page.rows;
      request.onPage(rows, total);
    }
    await file.write(entries > 0 ? '\n]}\n' : '}\n');
    await file.sync();
    return entries;
  } finally {
    await file.close();
  }
}
