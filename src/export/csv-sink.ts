/**
 * CSV (RFC 4180): CRLF line ends, fields quoted when they hold a comma, quote or line break,
 * a header of the sorted column names (an empty window gives a header-only file). Nested values
 * are JSON-encoded; booleans are `true`/`false`; null is an empty field; timestamps of series
 * (epoch ms) are written as ISO-8601 UTC, document timestamps keep their original offset.
 */
import { open } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { canonicalJson } from '../store/canonical-json.js';
import type { Column, Row } from './columns.js';
import type { RowSink } from './row-sink.js';

const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ } as const;

/** Opens a CSV sink and writes its header. */
export async function openCsvSink(path: string, columns: readonly Column[]): Promise<RowSink> {
  const file = await open(path, 'wx', 0o600);
  await file.write(stringify([columns.map((column) => column.name)], CSV_OPTIONS));
  return {
    async write(rows) {
      if (rows.length === 0) return;
      await file.write(stringify(rows.map((row) => columns.map((column) => cell(column, row[column.name]))), CSV_OPTIONS));
    },
    async finish() {
      await file.sync();
      await file.close();
    },
    async abandon() {
      await file.close().catch(() => undefined);
    },
  };
}

function cell(column: Column, value: Row[string]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return column.type === 'timestamp' ? new Date(value).toISOString() : String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return canonicalJson(value);
}
