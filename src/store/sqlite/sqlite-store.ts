/**
 * The `Store` of one account on the database's better-sqlite3 connection. Every method is async per the seam, runs its
 * synchronous work in one go (no transaction spans an await), and turns SQLite failures into
 * `CACHE_ERROR`s with a hint.
 */
import { WearablesError } from '../../core/errors.js';
import type { ProviderId, Sample, TimeWindow } from '../../core/types.js';
import type { ChunkResult, ChunkWrite, DayRecord, EventPage, EventQuery, OpenCheck, RecordQuery, SampleBucket, SampleQuery, Store, StoreStats, StorableRecord, StoredRecord, SyncRun, UpsertResult } from '../store.js';
import { clearCoverage, markCovered, missingWindows } from './coverage.js';
import { listEvents } from './events.js';
import { clearChecks, listChecks, markChecked } from './open-checks.js';
import { probe, purgeProvider, stats } from './maintenance.js';
import { appliedVersion, applyMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { countRecords, getRecord, queryDayRecords, queryRecords } from './records-read.js';
import { deleteMissing, upsertRecords } from './records-write.js';
import { aggregateSamples, countSamples, deleteSamples, querySamples, upsertSamples } from './samples.js';
import { forAccountContext, type AccountContext, type SqliteContext } from './sqlite-context.js';
import { writeChunk } from './chunk.js';
import { finishSyncRun, getCursor, listSyncRuns, setCursor, startSyncRun } from './sync-state.js';

/** What a `SqliteStore` needs of its database: serialized access to the connection, and closing it. */
export interface SqliteHandle {
  /** Runs `work` on the connection (after any connection transaction of this handle), translating failures once. */
  run<T>(operation: string, work: (context: SqliteContext) => T): Promise<T>;
  close(): Promise<void>;
}

/** Implements `Store` for one account over an open, migrated database (built by `SqliteDatabase.forAccount`). */
export class SqliteStore implements Store {
  #closed = false;

  /** @param ownsDatabase closing this store closes the database (`openSqliteStore`). */
  constructor(
    private readonly handle: SqliteHandle,
    readonly accountId: string,
    private readonly ownsDatabase = false,
  ) {}

  /** Runs `work` bound to this account, translating failures once. */
  private run<T>(operation: string, work: (context: AccountContext) => T): Promise<T> {
    if (this.#closed) {
      return Promise.reject(new WearablesError('CACHE_ERROR', `Cache ${operation} failed: the store is closed.`, { hint: 'Open the store again.' }));
    }
    return this.handle.run(operation, (context) => work(forAccountContext(context, this.accountId)));
  }

  migrate(): Promise<void> {
    return this.run('migration', (context) => {
      applyMigrations(context.db, MIGRATIONS, { path: context.path ?? ':memory:', now: () => context.now(), logger: context.logger });
    });
  }
  schemaVersion(): Promise<number> {
    return this.run('schema version read', (context) => appliedVersion(context.db));
  }

  writeChunk(write: ChunkWrite): Promise<ChunkResult> {
    return this.run('chunk write', (context) => writeChunk(context, write));
  }
  upsertRecords(records: readonly StorableRecord[]): Promise<UpsertResult> {
    return this.run('record upsert', (context) => upsertRecords(context, records));
  }
  deleteMissing(provider: ProviderId, resource: string, window: TimeWindow, keepIds: readonly string[]): Promise<number> {
    return this.run('record deletion', (context) => deleteMissing(context, provider, resource, window, keepIds));
  }
  queryRecords(query: RecordQuery): Promise<StoredRecord[]> {
    return this.run('record query', (context) => queryRecords(context, query));
  }
  queryDayRecords(query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<DayRecord[]> {
    return this.run('record query', (context) => queryDayRecords(context, query));
  }
  countRecords(query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<number> {
    return this.run('record count', (context) => countRecords(context, query));
  }
  getRecord(provider: ProviderId, resource: string, id: string): Promise<StoredRecord | null> {
    return this.run('record read', (context) => getRecord(context, provider, resource, id));
  }

  upsertSamples(samples: readonly Sample[]): Promise<number> {
    return this.run('sample upsert', (context) => upsertSamples(context, samples));
  }
  deleteSamples(provider: ProviderId, series: string, start: number, end: number): Promise<number> {
    return this.run('sample deletion', (context) => deleteSamples(context, provider, series, start, end));
  }
  querySamples(query: SampleQuery): Promise<Sample[]> {
    return this.run('sample query', (context) => querySamples(context, query));
  }
  countSamples(query: Omit<SampleQuery, 'limit' | 'offset'>): Promise<number> {
    return this.run('sample count', (context) => countSamples(context, query));
  }
  aggregateSamples(query: Omit<SampleQuery, 'limit' | 'offset'> & { bucketMs: number }): Promise<SampleBucket[]> {
    return this.run('sample aggregation', (context) => aggregateSamples(context, query));
  }

  markCovered(provider: ProviderId, resource: string, window: TimeWindow, syncedAt: string): Promise<void> {
    return this.run('coverage update', (context) => markCovered(context, provider, resource, window, syncedAt));
  }
  missingWindows(provider: ProviderId, resource: string, window: TimeWindow): Promise<TimeWindow[]> {
    return this.run('coverage read', (context) => missingWindows(context, provider, resource, window));
  }
  clearCoverage(provider: ProviderId, resource?: string): Promise<void> {
    return this.run('coverage reset', (context) => {
      clearCoverage(context, provider, resource);
      clearChecks(context, provider, resource);
    });
  }
  markChecked(provider: ProviderId, resource: string, window: TimeWindow, checkedAt: string): Promise<void> {
    return this.run('freshness update', (context) => markChecked(context, provider, resource, window, checkedAt));
  }
  listChecks(provider: ProviderId, resource: string): Promise<OpenCheck[]> {
    return this.run('freshness read', (context) => listChecks(context, provider, resource));
  }

  getCursor(provider: ProviderId, resource: string): Promise<string | null> {
    return this.run('cursor read', (context) => getCursor(context, provider, resource));
  }
  setCursor(provider: ProviderId, resource: string, cursor: string): Promise<void> {
    return this.run('cursor update', (context) => setCursor(context, provider, resource, cursor));
  }

  startSyncRun(run: Pick<SyncRun, 'provider' | 'resources' | 'mode'>): Promise<number> {
    return this.run('sync run start', (context) => startSyncRun(context, run));
  }
  finishSyncRun(id: number, result: Pick<SyncRun, 'status' | 'counts' | 'error'>): Promise<void> {
    return this.run('sync run finish', (context) => finishSyncRun(context, id, result));
  }
  listSyncRuns(options?: { provider?: ProviderId; limit?: number }): Promise<SyncRun[]> {
    return this.run('sync run list', (context) => listSyncRuns(context, options));
  }

  listEvents(query: EventQuery): Promise<EventPage> {
    return this.run('event feed read', (context) => listEvents(context, query));
  }

  purgeProvider(provider: ProviderId): Promise<void> {
    return this.run('purge', (context) => purgeProvider(context, provider));
  }
  stats(): Promise<StoreStats> {
    return this.run('stats', (context) => stats(context));
  }
  probe(): Promise<{ readable: boolean; writable: boolean }> {
    if (this.#closed) return Promise.resolve({ readable: false, writable: false });
    return this.run('probe', (context) => probe(context)).catch(() => ({ readable: false, writable: false }));
  }

  /** Closes this view (idempotent; later calls fail with CACHE_ERROR), and the database when the view owns it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.ownsDatabase) await this.handle.close();
  }
}
