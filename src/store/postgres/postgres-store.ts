/**
 * One account's `Store` on a shared PostgreSQL pool. Reads run on the pool; every write that
 * emits events or merges coverage runs in one transaction that first locks the account row, so
 * one account's writers commit one after another (the feed's order, see events.ts) while other
 * accounts write in parallel. Failures become `CACHE_ERROR`s with a hint (pg-errors.ts).
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, Sample, TimeWindow } from '../../core/types.js';
import type {
  ChunkResult,
  ChunkWrite,
  DayRecord,
  EventPage,
  EventQuery,
  OpenCheck,
  RecordQuery,
  SampleBucket,
  SampleQuery,
  Store,
  StoreStats,
  StorableRecord,
  StoredRecord,
  SyncRun,
  UpsertResult,
} from '../store.js';
import { canonicalWindow } from '../windows.js';
import { listEvents } from './events.js';
import { appliedVersion } from './migrate.js';
import { inTransaction, lockAccount, type PgContext } from './pg-context.js';
import { toPgCacheError } from './pg-errors.js';
import { countRecords, deleteMissingRows, deletionWindow, getRecord, queryDayRecords, queryRecords, toRowValues, upsertRecordRows } from './records.js';
import { aggregateSamples, countSamples, deleteSampleRange, prepareSamples, querySamples, validateRange, writeSamples } from './samples.js';
import {
  clearCoverage,
  finishSyncRun,
  getCursor,
  instantOf,
  listChecks,
  listSyncRuns,
  markChecked,
  markCovered,
  missingWindows,
  setCursor,
  startSyncRun,
  validateCursor,
} from './sync-state.js';

export interface PostgresStoreOptions {
  /** Whether `close()` closes the whole database (a store opened alone) or only this view. */
  onClose?: () => Promise<void>;
  /** Re-runs the migrations (the database's `migrate`). */
  migrate: () => Promise<void>;
}

export class PostgresStore implements Store {
  #closed = false;

  constructor(
    private readonly context: PgContext,
    readonly accountId: string,
    private readonly options: PostgresStoreOptions,
  ) {}

  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new WearablesError('CACHE_ERROR', `Database ${operation} failed: the store is closed.`, { hint: 'Open the store again.' });
    }
    try {
      return await work();
    } catch (error) {
      throw toPgCacheError(error, operation);
    }
  }

  /** A write transaction holding the account row lock. */
  private write<T>(operation: string, work: (client: import('pg').PoolClient, at: Date) => Promise<T>): Promise<T> {
    return this.run(operation, () =>
      inTransaction(this.context, async (client) => {
        await lockAccount(client, this.accountId);
        return work(client, this.context.now());
      }),
    );
  }

  migrate(): Promise<void> {
    return this.run('migration', () => this.options.migrate());
  }
  schemaVersion(): Promise<number> {
    return this.run('schema version read', () => appliedVersion(this.context.pool));
  }

  upsertRecords(records: readonly StorableRecord[]): Promise<UpsertResult> {
    return this.run('record upsert', async () => {
      const rows = toRowValues(records);
      if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
      return this.write('record upsert', (client, at) => upsertRecordRows(client, this.accountId, rows, at));
    });
  }

  writeChunk(write: ChunkWrite): Promise<ChunkResult> {
    return this.run('chunk write', async () => {
      // Everything is validated before the transaction: a bad part writes nothing.
      const rows = toRowValues(write.records ?? []);
      const deletion = write.deleteMissing ? { ...write.deleteMissing, days: deletionWindow(write.deleteMissing.window) } : undefined;
      if (write.replaceSamples) validateRange(write.replaceSamples.start, write.replaceSamples.end);
      const samples = prepareSamples(write.samples ?? []);
      const covered = write.covered ? { ...write.covered, window: checkedWindow(write.covered.window), at: instantOf(write.covered.syncedAt, 'syncedAt') } : undefined;
      const checked = write.checked ? { ...write.checked, window: checkedWindow(write.checked.window), at: instantOf(write.checked.checkedAt, 'checkedAt') } : undefined;
      if (write.cursor) validateCursor(write.cursor.cursor);
      return this.write('chunk write', async (client, at) => {
        const result: ChunkResult = { created: 0, updated: 0, unchanged: 0, deleted: 0, samplesRemoved: 0, samplesWritten: 0 };
        if (rows.length > 0) Object.assign(result, await upsertRecordRows(client, this.accountId, rows, at));
        if (deletion) result.deleted = await deleteMissingRows(client, this.accountId, deletion.provider, deletion.resource, deletion.days, deletion.keepIds, at);
        if (write.replaceSamples) {
          const range = write.replaceSamples;
          result.samplesRemoved = await deleteSampleRange(client, this.accountId, range.provider, range.series, range.start, range.end);
        }
        if (samples.length > 0) result.samplesWritten = await writeSamples(this.context, client, this.accountId, samples);
        if (covered) await markCovered(client, this.accountId, covered.provider, covered.resource, covered.window, covered.at);
        if (checked) await markChecked(client, this.accountId, checked.provider, checked.resource, checked.window, checked.at);
        if (write.cursor) await setCursor(client, this.accountId, write.cursor.provider, write.cursor.resource, write.cursor.cursor, at);
        return result;
      });
    });
  }

  deleteMissing(provider: ProviderId, resource: string, window: TimeWindow, keepIds: readonly string[]): Promise<number> {
    return this.run('record deletion', async () => {
      const days = deletionWindow(window);
      return this.write('record deletion', (client, at) => deleteMissingRows(client, this.accountId, provider, resource, days, keepIds, at));
    });
  }
  queryRecords(query: RecordQuery): Promise<StoredRecord[]> {
    return this.run('record query', () => queryRecords(this.context.pool, this.accountId, query));
  }
  queryDayRecords(query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<DayRecord[]> {
    return this.run('record query', () => queryDayRecords(this.context.pool, this.accountId, query));
  }
  countRecords(query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<number> {
    return this.run('record count', () => countRecords(this.context.pool, this.accountId, query));
  }
  getRecord(provider: ProviderId, resource: string, id: string): Promise<StoredRecord | null> {
    return this.run('record read', () => getRecord(this.context.pool, this.accountId, provider, resource, id));
  }

  upsertSamples(samples: readonly Sample[]): Promise<number> {
    return this.run('sample upsert', async () => {
      const prepared = prepareSamples(samples);
      if (prepared.length === 0) return 0;
      return inTransaction(this.context, (client) => writeSamples(this.context, client, this.accountId, prepared));
    });
  }
  deleteSamples(provider: ProviderId, series: string, start: number, end: number): Promise<number> {
    return this.run('sample deletion', () => deleteSampleRange(this.context.pool, this.accountId, provider, series, start, end));
  }
  querySamples(query: SampleQuery): Promise<Sample[]> {
    return this.run('sample query', () => querySamples(this.context.pool, this.accountId, query));
  }
  countSamples(query: Omit<SampleQuery, 'limit' | 'offset'>): Promise<number> {
    return this.run('sample count', () => countSamples(this.context.pool, this.accountId, query));
  }
  aggregateSamples(query: Omit<SampleQuery, 'limit' | 'offset'> & { bucketMs: number }): Promise<SampleBucket[]> {
    return this.run('sample aggregation', () => aggregateSamples(this.context.pool, this.accountId, query));
  }

  markCovered(provider: ProviderId, resource: string, window: TimeWindow, syncedAt: string): Promise<void> {
    return this.run('coverage update', async () => {
      const checked = checkedWindow(window);
      const at = instantOf(syncedAt, 'syncedAt');
      await this.write('coverage update', (client) => markCovered(client, this.accountId, provider, resource, checked, at));
    });
  }
  missingWindows(provider: ProviderId, resource: string, window: TimeWindow): Promise<TimeWindow[]> {
    return this.run('coverage read', () => missingWindows(this.context.pool, this.accountId, provider, resource, window));
  }
  clearCoverage(provider: ProviderId, resource?: string): Promise<void> {
    return this.write('coverage clear', (client) => clearCoverage(client, this.accountId, provider, resource));
  }
  markChecked(provider: ProviderId, resource: string, window: TimeWindow, checkedAt: string): Promise<void> {
    return this.run('open window check', async () => {
      const checked = checkedWindow(window);
      const at = instantOf(checkedAt, 'checkedAt');
      await this.write('open window check', (client) => markChecked(client, this.accountId, provider, resource, checked, at));
    });
  }
  listChecks(provider: ProviderId, resource: string): Promise<OpenCheck[]> {
    return this.run('open window check read', () => listChecks(this.context.pool, this.accountId, provider, resource));
  }

  getCursor(provider: ProviderId, resource: string): Promise<string | null> {
    return this.run('cursor read', () => getCursor(this.context.pool, this.accountId, provider, resource));
  }
  setCursor(provider: ProviderId, resource: string, cursor: string): Promise<void> {
    return this.run('cursor write', () => setCursor(this.context.pool, this.accountId, provider, resource, cursor, this.context.now()));
  }

  startSyncRun(run: Pick<SyncRun, 'provider' | 'resources' | 'mode'>): Promise<number> {
    return this.run('sync run start', () => startSyncRun(this.context.pool, this.accountId, run, this.context.now()));
  }
  finishSyncRun(id: number, result: Pick<SyncRun, 'status' | 'counts' | 'error'>): Promise<void> {
    return this.run('sync run finish', () => finishSyncRun(this.context.pool, this.accountId, id, result, this.context.now()));
  }
  listSyncRuns(options?: { provider?: ProviderId; limit?: number }): Promise<SyncRun[]> {
    return this.run('sync run list', () => listSyncRuns(this.context.pool, this.accountId, options));
  }

  listEvents(query: EventQuery): Promise<EventPage> {
    return this.run('event feed read', () => listEvents(this.context.pool, this.accountId, query));
  }

  purgeProvider(provider: ProviderId): Promise<void> {
    return this.write('purge', async (client) => {
      await client.query('DELETE FROM samples WHERE series_id IN (SELECT series_id FROM series WHERE account_id = $1 AND provider = $2)', [this.accountId, provider]);
      for (const table of ['series', 'records', 'events', 'coverage', 'open_checks', 'cursors', 'sync_runs']) {
        await client.query(`DELETE FROM ${table} WHERE account_id = $1 AND provider = $2`, [this.accountId, provider]);
      }
    });
  }

  stats(): Promise<StoreStats> {
    return this.run('stats', async () => {
      const pool = this.context.pool;
      const records = await pool.query<StoreStats['records'][number]>(
        `SELECT provider, resource, count(*) AS count, min(day) AS "firstDay", max(day) AS "lastDay"
FROM records WHERE account_id = $1 GROUP BY provider, resource ORDER BY provider, resource`,
        [this.accountId],
      );
      const samples = await pool.query<StoreStats['samples'][number]>(
        `SELECT s.provider, s.name AS series, count(*) AS count, min(x.ts) AS first, max(x.ts) AS last
FROM samples x JOIN series s ON s.series_id = x.series_id WHERE s.account_id = $1 GROUP BY s.series_id, s.provider, s.name ORDER BY s.provider, s.name`,
        [this.accountId],
      );
      const size = await pool.query<{ bytes: number | null }>(
        `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [this.context.schema],
      );
      return {
        driver: 'postgres' as const,
        path: this.context.location,
        sizeBytes: size.rows[0]?.bytes ?? 0,
        schemaVersion: await appliedVersion(pool),
        records: records.rows,
        samples: samples.rows,
      };
    });
  }

  /** Reads a table, and writes inside a transaction that is rolled back (proves the write path). */
  async probe(): Promise<{ readable: boolean; writable: boolean }> {
    if (this.#closed) return { readable: false, writable: false };
    let readable = false;
    let writable = false;
    try {
      await this.context.pool.query('SELECT count(*) FROM schema_migrations');
      readable = true;
    } catch (error) {
      this.context.logger?.warn({ err: toPgCacheError(error, 'read probe') }, 'database read probe failed');
    }
    try {
      const client = await this.context.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("INSERT INTO meta (key, value) VALUES ('probe', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [this.context.now().toISOString()]);
        writable = true;
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    } catch (error) {
      this.context.logger?.warn({ err: toPgCacheError(error, 'write probe') }, 'database write probe failed');
    }
    return { readable, writable };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.options.onClose) await this.options.onClose();
  }
}

function checkedWindow(window: TimeWindow): TimeWindow {
  const canonical = canonicalWindow(window);
  return { start: canonical.start, end: canonical.end };
}
