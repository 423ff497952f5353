/** DuckDB as the independent reader of exported CSV and Parquet files. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let connection: Promise<DuckDBConnection> | undefined;

/**
 * Runs `sql` on an in-memory DuckDB and returns plain row objects: integers (BIGINT too) as
 * numbers, dates/timestamps/lists as DuckDB's text form.
 */
export async function duck(sql: string): Promise<Array<Record<string, unknown>>> {
  connection ??= DuckDBInstance.create(':memory:').then((instance) => instance.connect());
  const reader = await (await connection).runAndReadAll(sql);
  return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])));
}

function plain(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/** A path quoted as a DuckDB string literal. */
export function literal(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}
