/**
 * Writes one resource as a table (CSV, JSONL, Parquet). Documents take two passes over the store:
 * the first collects the column set and types (a header / Parquet schema must be known before
 * the first row; a bounded sample could miss a key that appears late), the second writes. Both
 * passes are paged reads, so memory stays flat; a column that appears between the passes (a sync
 * running meanwhile) aborts the file rather than dropping values. Series have a fixed schema and
 * take one pass.
 */
import { WearablesError } from '../core/errors.js';
import type { ExportTarget } from './export-targets.js';
import { dayRangeToEpoch } from './export-targets.js';
import type { ExportFormat } from './export-types.js';
import { ColumnScanner, DOCUMENT_FIXED_COLUMNS, recordRow, SAMPLE_COLUMNS, sampleRow, type Column, type Row } from './columns.js';
import { openCsvSink } from './csv-sink.js';
import { openJsonlSink } from './jsonl-sink.js';
import { openParquetSink } from './parquet-sink.js';
import type { RowSinkFactory } from './row-sink.js';
import { recordPages, samplePages, type RecordWindow, type SampleWindow } from './store-pages.js';
import type { StoreReader } from '../store/store.js';

const SINKS: Record<Exclude<ExportFormat, 'fhir'>, RowSinkFactory> = {
  csv: openCsvSink,
  jsonl: openJsonlSink,
  parquet: openParquetSink,
};

export interface TableExportRequest {
  store: StoreReader;
  target: ExportTarget;
  format: Exclude<ExportFormat, 'fhir'>;
  start?: string;
  end?: string;
  pageSize: number;
  /** Called after each page with the rows written so far and the expected total. */
  onPage: (rows: number, total: number) => void;
}

/** The rows of a target as pages, plus how many there are and (for documents) a scan of columns. */
interface TableSource {
  total: number;
  pages(): AsyncGenerator<Row[]>;
  columns(needScan: boolean): Promise<readonly Column[]>;
}

/** Writes the target's rows to `tempPath`; returns the row count. */
export async function writeTable(request: TableExportRequest, tempPath: string): Promise<number> {
  const source = await tableSource(request);
  const columns = await source.columns(request.format !== 'jsonl');
  const known = new Set(columns.map((column) => column.name));
  const sink = await SINKS[request.format](tempPath, columns);
  let rows = 0;
  try {
    for await (const page of source.pages()) {
      if (request.format !== 'jsonl') assertKnownColumns(page, known);
      await sink.write(page);
      rows += page.length;
      request.onPage(rows, source.total);
    }
    await sink.finish();
  } catch (error) {
    await sink.abandon();
    throw error;
  }
  return rows;
}

async function tableSource(request: TableExportRequest): Promise<TableSource> {
  const { store, target, pageSize } = request;
  if (target.spec.kind === 'series') {
    const window: SampleWindow = { provider: target.provider.id, series: target.spec.series ?? target.spec.name, ...dayRangeToEpoch(request.start, request.end) };
    return {
      total: await store.countSamples(window),
      async *pages() {
        for await (const page of samplePages(store, window, pageSize)) yield page.map(sampleRow);
      },
      columns: async () => SAMPLE_COLUMNS,
    };
  }
  const window: RecordWindow = {
    provider: target.provider.id,
    resource: target.spec.name,
    // Snapshots (windowing 'none') have no day: they are exported whole.
    ...(target.spec.windowing !== 'none' && request.start ? { startDay: request.start } : {}),
    ...(target.spec.windowing !== 'none' && request.end ? { endDay: request.end } : {}),
  };
  return {
    total: await store.countRecords(window),
    async *pages() {
      for await (const page of recordPages(store, window, pageSize)) yield page.map(recordRow);
    },
    async columns(needScan) {
      if (!needScan) return DOCUMENT_FIXED_COLUMNS.map((name) => ({ name, type: 'string' as const }));
      const scanner = new ColumnScanner();
      for await (const page of recordPages(store, window, pageSize)) for (const record of page) scanner.add(recordRow(record));
      return scanner.columns();
    },
  };
}

function assertKnownColumns(rows: readonly Row[], known: ReadonlySet<string>): void {
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (known.has(name)) continue;
      throw new WearablesError('EXPORT_ERROR', `The cache changed during the export (new field "${name}"); nothing was written.`, {
        hint: 'Run the export again once the sync has finished.',
        isRetryable: true,
      });
    }
  }
}
