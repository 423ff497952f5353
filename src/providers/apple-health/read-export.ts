/**
 * The importer: an Apple Health export file → provider pages, streamed. Text comes from
 * `export-source.ts` (zip or xml), elements from `export-parser.ts`, pages from
 * `export-normalizer.ts`; one chunk of text and one page are in memory at a time, plus the
 * day accumulators.
 */
import type { ProviderPage } from '../provider.js';
import { createExportParser } from './export-parser.js';
import { ExportNormalizer, type ImportSummary } from './export-normalizer.js';
import { readExportText } from './export-source.js';

export interface ReadExportOptions {
  /** The app clock (days after tomorrow are refused). */
  now: Date;
  signal?: AbortSignal;
  /** Progress after each chunk: uncompressed bytes read, total, elements read so far. */
  onProgress?: (progress: { bytesRead: number; totalBytes: number; elements: number }) => void;
  pageSize?: number;
  /** Largest export.xml accepted, bytes. */
  maxBytes?: number;
}

export interface ExportReading {
  /** The pages, in order: samples and workouts while reading, then day, sleep and measure records. */
  pages: AsyncIterable<ProviderPage>;
  /** Filled while `pages` is consumed; complete once it has ended. */
  summary: ImportSummary;
}

/** Reads the export at `path` (export.zip or export.xml) as normalized pages. */
export function readAppleHealthExport(path: string, options: ReadExportOptions): ExportReading {
  const normalizer = new ExportNormalizer({ now: options.now, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
  async function* pages(): AsyncGenerator<ProviderPage> {
    const parser = createExportParser((item) => normalizer.add(item));
    const text = readExportText(path, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      onProgress: (bytesRead, totalBytes) => options.onProgress?.({ bytesRead, totalBytes, elements: normalizer.summary.elements }),
    });
    for await (const chunk of text) {
      parser.write(chunk);
      for (let page = normalizer.takePage(); page; page = normalizer.takePage()) yield page;
    }
    parser.close();
    yield* normalizer.finish();
  }
  return { pages: pages(), summary: normalizer.summary };
}
