/** Stats, health probes and purging of a provider's data. */
import { statSync } from 'node:fs';
import type { ProviderId } from '../../core/types.js';
import type { StoreStats } from '../store.js';
import { appliedVersion } from './migrate.js';
import { clearChecks } from './open-checks.js';
import type { AccountContext, SqliteContext } from './sqlite-context.js';

/** File size (database + WAL), per-resource record counts/day ranges, per-series sample counts. */
export function stats(context: AccountContext): StoreStats {
  const records = context
    .statement(
      `SELECT provider, resource, count(*) AS count, min(day) AS firstDay, max(day) AS lastDay
FROM records WHERE account_id = ? GROUP BY provider, resource ORDER BY provider, resource`,
    )
    .all(context.accountId) as StoreStats['records'];
  const samples = context
    .statement(
      `SELECT series.provider AS provider, series.name AS series, count(*) AS count, min(samples.ts) AS first, max(samples.ts) AS last
FROM samples JOIN series ON series.series_id = samples.series_id WHERE series.account_id = ?
GROUP BY samples.series_id ORDER BY series.provider, series.name`,
    )
    .all(context.accountId) as StoreStats['samples'];
  return { path: context.path, sizeBytes: fileSize(context), schemaVersion: appliedVersion(context.db), records, samples };
}

/** Reads a table, and writes inside a transaction that is rolled back (proves the write lock). */
export function probe(context: SqliteContext): { readable: boolean; writable: boolean } {
  let readable = false;
  let writable = false;
  try {
    context.statement('SELECT count(*) AS count FROM schema_migrations').get();
    readable = true;
  } catch (error) {
    context.logger?.warn({ err: error }, 'cache read probe failed');
  }
  try {
    const write = context.statement("INSERT INTO meta (key, value) VALUES ('probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    context.db.exec('BEGIN IMMEDIATE');
    try {
      write.run(context.now().toISOString());
      writable = true;
    } finally {
      context.db.exec('ROLLBACK');
    }
  } catch (error) {
    context.logger?.warn({ err: error }, 'cache write probe failed');
  }
  return { readable, writable };
}

/**
 * Removes every record, event, sample, series, coverage row, check, cursor and sync run of a provider in this account.
 * Deleted cells are zeroed (secure_delete), the file is rebuilt (VACUUM, which also drops stale
 * cell copies left in page free space) and the WAL truncated, so the data is gone from disk.
 */
export function purgeProvider(context: AccountContext, provider: ProviderId): void {
  context.db.pragma('secure_delete = ON');
  try {
    context.db
      .transaction(() => {
        context.statement('DELETE FROM samples WHERE series_id IN (SELECT series_id FROM series WHERE account_id = ? AND provider = ?)').run(context.accountId, provider);
        for (const table of ['series', 'records', 'events', 'coverage', 'cursors', 'sync_runs']) {
          context.statement(`DELETE FROM ${table} WHERE account_id = ? AND provider = ?`).run(context.accountId, provider);
        }
        clearChecks(context, provider);
      })
      .immediate();
  } finally {
    context.db.pragma('secure_delete = OFF');
  }
  // Pages keep stale copies of moved cells in their free space; rebuilding the file drops them.
  // The rows are already deleted: if another process blocks the rebuild, say so and carry on.
  try {
    context.db.exec('VACUUM');
    if (context.path !== null) context.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    context.logger?.warn({ err: error }, 'purge deleted the rows but could not compact the cache file; run the purge again when no sync is running');
  }
}

export function fileSize(context: SqliteContext): number {
  if (context.path === null) return 0;
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(`${context.path}${suffix}`).size;
    } catch {
      // A missing -wal file simply adds nothing.
    }
  }
  return total;
}
