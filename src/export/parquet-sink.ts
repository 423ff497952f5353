/**
 * Parquet via hyparquet-writer's incremental `ParquetWriter`: rows are buffered into columns and
 * written one row group at a time, and the byte buffer is flushed to the file after each group
 * (and whenever it passes 1 MB), so memory stays flat however many rows are exported. Columns are
 * typed (timestamps as UTC-adjusted TIMESTAMP(MILLIS), days as DATE, whole numbers INT64, other
 * numbers DOUBLE, BOOLEAN, UTF8 strings, JSON for nested/mixed values) and SNAPPY-compressed.
 * An empty window still writes a valid file with its schema and no row group.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter, type ColumnSource } from 'hyparquet-writer';
import { canonicalJson } from '../store/canonical-json.js';
import type { Column, ColumnType } from './columns.js';
import { epochMs, type RowSink } from './row-sink.js';

/** Rows per row group: large enough for good compression, small enough to keep memory flat. */
export const PARQUET_ROW_GROUP_SIZE = 50_000;
const FLUSH_BYTES = 1 << 20;
const DAY_MS = 86_400_000;

/** A hyparquet `Writer` that streams its bytes to an open file descriptor. */
class FileDescriptorWriter extends ByteWriter {
  constructor(private readonly fd: number) {
    super(FLUSH_BYTES * 2);
  }

  override ensure(size: number): void {
    if (this.index > FLUSH_BYTES) this.flush();
    super.ensure(size);
  }

  flush(): void {
    if (this.index === 0) return;
    writeSync(this.fd, new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

/** Opens a Parquet sink for `columns`. */
export async function openParquetSink(path: string, columns: readonly Column[], rowGroupSize = PARQUET_ROW_GROUP_SIZE): Promise<RowSink> {
  const fd = openSync(path, 'wx', 0o600);
  let closed = false;
  const close = (): void => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  try {
    const writer = new ParquetWriter({ writer: new FileDescriptorWriter(fd), schema: parquetSchema(columns), codec: 'SNAPPY', createdBy: 'wearables-mcp' });
    let buffer = emptyBuffer(columns);
    let buffered = 0;
    const flushGroup = async (): Promise<void> => {
      if (buffered === 0) return;
      const columnData: ColumnSource[] = columns.map((column, index) => ({ name: column.name, data: buffer[index] ?? [] }));
      await writer.write({ columnData, rowGroupSize: buffered });
      buffer = emptyBuffer(columns);
      buffered = 0;
    };
    return {
      async write(rows) {
        for (const row of rows) {
          columns.forEach((column, index) => buffer[index]?.push(convert(column.type, row[column.name])));
          buffered++;
          if (buffered >= rowGroupSize) await flushGroup();
        }
      },
      async finish() {
        await flushGroup();
        await writer.finish();
        fsyncSync(fd);
        close();
      },
      async abandon() {
        close();
      },
    };
  } catch (error) {
    close();
    throw error;
  }
}

function emptyBuffer(columns: readonly Column[]): unknown[][] {
  return columns.map(() => []);
}

/** The Parquet schema of `columns` (every column optional). */
export function parquetSchema(columns: readonly Column[]): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.map((column) => schemaElement(column))];
}

function schemaElement(column: Column): SchemaElement {
  const base = { name: column.name, repetition_type: 'OPTIONAL' as const };
  switch (column.type) {
    case 'string':
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8' };
    case 'json':
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'JSON' };
    case 'int':
      return { ...base, type: 'INT64' };
    case 'double':
      return { ...base, type: 'DOUBLE' };
    case 'boolean':
      return { ...base, type: 'BOOLEAN' };
    case 'date':
      return { ...base, type: 'INT32', converted_type: 'DATE' };
    case 'timestamp':
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } };
  }
}

/** One value in the representation hyparquet-writer expects for the column's type. */
function convert(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : canonicalJson(value);
    case 'json':
      return value;
    case 'int':
      return typeof value === 'number' && Number.isFinite(value) ? BigInt(Math.trunc(value)) : null;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? Math.floor(Date.parse(`${value}T00:00:00Z`) / DAY_MS) : null;
    case 'timestamp': {
      const ms = epochMs(value);
      return ms === null ? null : BigInt(ms);
    }
  }
}
