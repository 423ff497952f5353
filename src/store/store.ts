/**
 * The async store seam: one account's view of the cache. A driver (`StoreDatabase`, database.ts:
 * SQLite embedded, PostgreSQL hosted) hands out one `Store` per account; every row a `Store`
 * reads or writes belongs to its account, so nothing reads across accounts. Every driver passes
 * the shared suite in `test/store/store-contract.ts`. All methods are async even where the driver
 * is synchronous, so callers never depend on a driver's timing.
 */
import type { RecordEnvelope } from '../core/records/record.js';
import type { LocalDay, ProviderId, Sample, TimeWindow } from '../core/types.js';

/**
 * A record as the store takes it: a normalized record of any kind (the store keeps `data` as
 * given and never reads it; the kind is what the resource declares, so it is not stored).
 */
export interface StorableRecord extends RecordEnvelope {
  data: object;
}

/** A record as read back from the store. */
export interface StoredRecord extends RecordEnvelope {
  /** The normalized fields as stored. */
  data: Record<string, unknown>;
  /** When this row's content last changed in our store (ISO-8601 UTC, ms precision). */
  storedAt: string;
  /** SHA-256 of the canonical raw payload; equal hash means byte-identical content. */
  contentHash: string;
}

/**
 * A record's normalized columns only (no `raw` payload, no hash): what the analysis reads. A
 * 365-day trend over these reads a fraction of the bytes of whole records.
 */
export type DayRecord = Pick<StoredRecord, 'provider' | 'resource' | 'id' | 'day' | 'start' | 'end' | 'tzOffset' | 'data' | 'storedAt'>;

export type ChangeKind = 'created' | 'updated' | 'deleted';

/** One entry of the event feed ("what changed since X"). */
export interface ChangeEvent {
  /** Monotonic sequence number; the basis of the opaque cursor. */
  seq: number;
  /** When the change was stored (ISO-8601 UTC). */
  at: string;
  provider: ProviderId;
  resource: string;
  id: string;
  day: LocalDay | null;
  change: ChangeKind;
  /**
   * The record's normalized fields as stored now (the feed keeps a reference, not a copy): null
   * for a deletion, and null when the record was deleted after this change.
   */
  data: Record<string, unknown> | null;
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface RecordQuery {
  provider: ProviderId;
  resource: string;
  /** Inclusive first local day. */
  startDay?: LocalDay;
  /** Inclusive last local day. */
  endDay?: LocalDay;
  limit?: number;
  offset?: number;
  /** Sort by day (then start); default ascending. */
  order?: 'asc' | 'desc';
}

export interface SampleQuery {
  provider: ProviderId;
  series: string;
  /** Epoch ms inclusive. */
  start: number;
  /** Epoch ms exclusive. */
  end: number;
  limit?: number;
  offset?: number;
}

export interface SampleBucket {
  /** Bucket start, epoch ms. */
  start: number;
  count: number;
  min: number;
  avg: number;
  max: number;
}

export interface EventQuery {
  /** Opaque cursor from a previous answer, or an ISO-8601 instant (strict: changes after it). */
  since?: string;
  /** ISO-8601 instant, strict upper bound. */
  until?: string;
  providers?: ProviderId[];
  resources?: string[];
  limit?: number;
}

export interface EventPage {
  events: ChangeEvent[];
  /**
   * Pass back as `since` to continue. Present even when the feed is exhausted (`hasMore` false),
   * so a poller resumes exactly where it stopped; null only when no resume point is known (an
   * `until`-bounded query that matched nothing).
   */
  nextCursor: string | null;
  /** More events match right now (ask again with `nextCursor`). */
  hasMore: boolean;
  /**
   * Set when the cursor (or instant) points before the oldest retained event: events between it
   * and `oldestRetainedAt` were compacted away (retention), so a poller must re-read the current
   * state of what it mirrors instead of trusting the feed for that span. The page then starts at
   * the oldest retained event.
   */
  gap?: { oldestRetainedAt: string | null };
}

/**
 * One unit of work: everything a completely fetched chunk changes, committed atomically (all or
 * nothing, in this order): records upserted, missing records deleted, the sample range replaced
 * or samples upserted, coverage marked, open-window check recorded, cursor moved.
 */
export interface ChunkWrite {
  records?: readonly StorableRecord[];
  /** Deletion reconciliation after a complete fetch (see `deleteMissing`). */
  deleteMissing?: { provider: ProviderId; resource: string; window: TimeWindow; keepIds: readonly string[] };
  /** Samples of `series` in [start, end) are removed before `samples` are written. */
  replaceSamples?: { provider: ProviderId; series: string; start: number; end: number };
  samples?: readonly Sample[];
  covered?: { provider: ProviderId; resource: string; window: TimeWindow; syncedAt: string };
  checked?: { provider: ProviderId; resource: string; window: TimeWindow; checkedAt: string };
  cursor?: { provider: ProviderId; resource: string; cursor: string };
}

export interface ChunkResult extends UpsertResult {
  /** Records deleted by the reconciliation. */
  deleted: number;
  /** Samples removed by `replaceSamples`. */
  samplesRemoved: number;
  /** Samples written. */
  samplesWritten: number;
}

export interface SyncRun {
  id: number;
  provider: ProviderId;
  /** Resource names this run covered. */
  resources: string[];
  mode: 'incremental' | 'full' | 'targeted' | 'fresh';
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'partial' | 'failed';
  /** Per-resource counts. */
  counts: Record<string, { fetched: number; created: number; updated: number; unchanged: number; deleted: number }>;
  /** Error code + message (no secrets) when failed/partial. */
  error: string | null;
}

/** One recorded complete fetch of a resource's still-open window (see `Store.markChecked`). */
export interface OpenCheck {
  start: string;
  end: string;
  /** When the run that fetched it started (ISO-8601 UTC): data arriving later is not in it. */
  checkedAt: string;
}

export interface StoreStats {
  /** Which driver answers (absent: sqlite, the embedded default). */
  driver?: 'sqlite' | 'postgres';
  /** The database file, or `postgres://host:port/db` (never a password); null in memory. */
  path: string | null;
  sizeBytes: number;
  schemaVersion: number;
  records: Array<{ provider: ProviderId; resource: string; count: number; firstDay: string | null; lastDay: string | null }>;
  samples: Array<{ provider: ProviderId; series: string; count: number; first: number | null; last: number | null }>;
}

export interface Store {
  /** The account every row of this store belongs to. */
  readonly accountId: string;
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  schemaVersion(): Promise<number>;

  /**
   * Inserts or updates records idempotently, in one transaction. A record whose content hash is
   * unchanged is left alone and emits no event; created/updated rows emit one event each.
   */
  upsertRecords(records: readonly StorableRecord[]): Promise<UpsertResult>;
  /** Commits one chunk's changes atomically (see `ChunkWrite`); validation fails before anything is written. */
  writeChunk(write: ChunkWrite): Promise<ChunkResult>;
  /**
   * Reconciles deletions after a complete fetch of `window` (days inclusive start, exclusive end,
   * matched on `day`): deletes stored records of that resource in the window whose id is not in
   * `keepIds`, emitting a `deleted` event for each. Returns how many were deleted.
   */
  deleteMissing(provider: ProviderId, resource: string, window: TimeWindow, keepIds: readonly string[]): Promise<number>;
  queryRecords(query: RecordQuery): Promise<StoredRecord[]>;
  /** Like `queryRecords` (ascending, every row of the range) but the normalized columns only. */
  queryDayRecords(query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<DayRecord[]>;
  countRecords(query: Omit<RecordQuery, 'limit' | 'offset' | 'order'>): Promise<number>;
  getRecord(provider: ProviderId, resource: string, id: string): Promise<StoredRecord | null>;

  /** Idempotent on (provider, series, ts): a later value replaces the earlier one. */
  upsertSamples(samples: readonly Sample[]): Promise<number>;
  /** Removes samples of a series in [start, end) (used before re-writing a re-fetched window). */
  deleteSamples(provider: ProviderId, series: string, start: number, end: number): Promise<number>;
  querySamples(query: SampleQuery): Promise<Sample[]>;
  countSamples(query: Omit<SampleQuery, 'limit' | 'offset'>): Promise<number>;
  /** Aggregates into fixed buckets of `bucketMs` aligned to epoch (min/avg/max/count). */
  aggregateSamples(query: Omit<SampleQuery, 'limit' | 'offset'> & { bucketMs: number }): Promise<SampleBucket[]>;

  /** Marks `[window.start, window.end)` of a resource as completely synced at `syncedAt`. */
  markCovered(provider: ProviderId, resource: string, window: TimeWindow, syncedAt: string): Promise<void>;
  /** The parts of `window` never completely synced (merged, ascending). */
  missingWindows(provider: ProviderId, resource: string, window: TimeWindow): Promise<TimeWindow[]>;
  /** Removes coverage and open-window checks (used when forcing a re-sync of a window). */
  clearCoverage(provider: ProviderId, resource?: string): Promise<void>;
  /**
   * Records that `window` of a resource (part of its still-open recent window, which is never
   * marked covered) was fetched completely by a run that started at `checkedAt`. Shared by every
   * process on the cache, so a repeated read within the freshness window fetches nothing.
   */
  markChecked(provider: ProviderId, resource: string, window: TimeWindow, checkedAt: string): Promise<void>;
  /** The recorded open-window checks of a resource, newest first. */
  listChecks(provider: ProviderId, resource: string): Promise<OpenCheck[]>;

  /** Per-resource sync cursor (opaque string chosen by the sync engine; here: last synced end). */
  getCursor(provider: ProviderId, resource: string): Promise<string | null>;
  setCursor(provider: ProviderId, resource: string, cursor: string): Promise<void>;

  startSyncRun(run: Pick<SyncRun, 'provider' | 'resources' | 'mode'>): Promise<number>;
  finishSyncRun(id: number, result: Pick<SyncRun, 'status' | 'counts' | 'error'>): Promise<void>;
  listSyncRuns(options?: { provider?: ProviderId; limit?: number }): Promise<SyncRun[]>;

  listEvents(query: EventQuery): Promise<EventPage>;

  /** Removes every record, sample, cursor, coverage row and event of a provider (on disconnect --purge). */
  purgeProvider(provider: ProviderId): Promise<void>;
  stats(): Promise<StoreStats>;
  /** Cheap read and write probes for health_check. */
  probe(): Promise<{ readable: boolean; writable: boolean }>;
  /**
   * Closes this view. A store opened alone (`openSqliteStore`) closes its database; a view from
   * `StoreDatabase.forAccount` leaves the shared database open (close that instead).
   */
  close(): Promise<void>;
}

/** The reads of the cache (tools, exports, analysis); writes (upserts, deletions, coverage, cursors) belong to the sync engine. */
export type StoreReader = Pick<
  Store,
  | 'accountId'
  | 'schemaVersion'
  | 'queryRecords'
  | 'queryDayRecords'
  | 'countRecords'
  | 'getRecord'
  | 'querySamples'
  | 'countSamples'
  | 'aggregateSamples'
  | 'missingWindows'
  | 'listChecks'
  | 'getCursor'
  | 'listSyncRuns'
  | 'listEvents'
  | 'stats'
  | 'probe'
>;
