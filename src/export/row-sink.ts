/** The writer seam of the tabular formats: rows in pages, then finish (or abandon on failure). */
import type { Column, Row } from './columns.js';

export interface RowSink {
  /** Appends a page of rows (every row has the sink's columns, or a subset of them). */
  write(rows: readonly Row[]): Promise<void>;
  /** Completes the file (footer, flush) and closes it. */
  finish(): Promise<void>;
  /** Closes the file after a failure; the caller removes it. Never throws. */
  abandon(): Promise<void>;
}

/** Opens a sink writing `columns` to `path`. */
export type RowSinkFactory = (path: string, columns: readonly Column[]) => Promise<RowSink>;

/** Renders a timestamp column value (ISO string or epoch ms) as epoch ms, or null. */
export function epochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}
