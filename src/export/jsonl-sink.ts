/**
 * JSON Lines: one row per line as canonical JSON (keys sorted at every depth), nested values kept
 * as JSON; an empty window gives an empty file. Series timestamps are ISO-8601 UTC strings.
 */
import { open } from 'node:fs/promises';
import { canonicalJson } from '../store/canonical-json.js';
import type { Column, Row } from './columns.js';
import type { RowSink } from './row-sink.js';

/** Opens a JSONL sink. */
export async function openJsonlSink(path: string, columns: readonly Column[]): Promise<RowSink> {
  const file = await open(path, 'wx', 0o600);
  const timestamps = columns.filter((column) => column.type === 'timestamp').map((column) => column.name);
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const lines = rows.map((row) => `${canonicalJson(render(row, timestamps))}\n`);
      await file.write(lines.join(''));
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

function render(row: Row, timestamps: readonly string[]): Row {
  const rendered: Row = { ...row };
  for (const name of timestamps) {
    const value = row[name];
    if (typeof value === 'number' && Number.isFinite(value)) rendered[name] = new Date(value).toISOString();
  }
  return rendered;
}
