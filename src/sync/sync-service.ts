/** The sync seam read by the CLI, MCP tools and (later) the scheduler and webhooks. */
import type { WearablesError } from '../core/errors.js';
import type { LocalDay, ProviderId, TimeWindow } from '../core/types.js';
import type { StoredRecord, SyncRun } from '../store/store.js';

export interface SyncProgress {
  provider: ProviderId;
  resource: string;
  /** Windows (requests chunks) completed / planned for this resource. */
  done: number;
  total: number;
  /** Records + samples fetched so far for this resource. */
  fetched: number;
}

/** A provider's run waits for another process's sync of it (shown as progress, never silent). */
export interface SyncWait {
  provider: ProviderId;
  /** The holder's pid, when known. */
  pid?: number;
  /** `waiting for another sync of <provider> (pid 1234)` */
  message: string;
}

/** What a caller may pass to the cache-first paths (reads that trigger a sync). */
export interface TargetedSyncOptions {
  onWait?: (wait: SyncWait) => void;
}

export interface SyncOptions {
  /** Default: every connected provider. */
  providers?: ProviderId[];
  /** Default: every resource of each provider. */
  resources?: string[];
  /**
   * Backfill the whole history: from the account's first day (the provider's history start),
   * paced to its request budget; resumes an earlier full sync that was interrupted (crash,
   * RATE_LIMITED, cancellation) without fetching its stored windows again.
   */
  full?: boolean;
  /**
   * Start day for this run (overrides cursors and the default history). Clamped to the
   * provider's history start (and EARLIEST_DAY); the result's notices say so.
   */
  since?: LocalDay;
  onProgress?: (progress: SyncProgress) => void;
  /** Called when a provider's run starts waiting for another process's sync of it. */
  onWait?: (wait: SyncWait) => void;
  signal?: AbortSignal;
}

export interface ProviderSyncResult {
  provider: ProviderId;
  runId: number;
  status: SyncRun['status'];
  counts: SyncRun['counts'];
  /** Set when the run failed or was partial; never contains secrets. */
  error?: WearablesError;
  /** What the engine decided about the range (a clamped `since`, a backfill's start, a resume). */
  notices?: string[];
  /** Provider requests this run made (history probes included); absent when the run never started. */
  requests?: number;
}

export interface SyncReport {
  results: ProviderSyncResult[];
}

/** What `ensureCovered` found and did. */
export interface EnsureCoveredResult {
  /** Parts of the window that were never completely synced when the call started. */
  missing: TimeWindow[];
  /**
   * Parts still not fetched when the call returns: everything missing when the provider is not
   * connected, what remained after an error; empty when the missing parts were fetched.
   */
  unfetched?: TimeWindow[];
  /** Why some part could not be fetched (never contains secrets). */
  error?: WearablesError;
  /**
   * When the window's still-open recent part was last fetched completely (ISO-8601 UTC): the
   * answer is as fresh as this. Null when never, or when the window has no open part.
   */
  checkedAt?: string | null;
  /** The open part was older than the freshness window: answered from the cache, re-checked in the background. */
  backgroundRefresh?: boolean;
}

export interface ImportFileOptions {
  provider: ProviderId;
  /** The file, already confined by the caller (the CLI takes the user's path, the tool an import-root path). */
  path: string;
  signal?: AbortSignal;
  /** After each stored page: records and samples read so far. */
  onProgress?: (progress: { provider: ProviderId; records: number; samples: number }) => void;
  onWait?: (wait: SyncWait) => void;
}

export interface ImportFileResult {
  provider: ProviderId;
  runId: number;
  status: SyncRun['status'];
  /** Per resource (series by series name): read, created, updated, unchanged. */
  counts: SyncRun['counts'];
  error?: WearablesError;
}

export interface SyncService {
  /** Incremental (default) or full sync. Never advances a cursor past data that was not stored. */
  sync(options?: SyncOptions): Promise<SyncReport>;
  /**
   * Makes sure `window` of a resource is in the cache: syncs only the parts never completely
   * synced (targeted), and the still-open recent days at most once per freshness window: awaited
   * when the cache has nothing for the window, else in the background (`backgroundRefresh`). Returns what was missing; throws only when nothing could be synced and the
   * cache has nothing to offer (callers decide whether stale data is fine).
   */
  ensureCovered(provider: ProviderId, resource: string, window: TimeWindow, options?: TargetedSyncOptions): Promise<EnsureCoveredResult>;
  /** Bypasses the cache: fetches `window` now and writes through (the `fresh: true` path). */
  refreshWindow(provider: ProviderId, resource: string, window: TimeWindow, options?: TargetedSyncOptions): Promise<void>;
  /**
   * Imports a file of a provider that reads files (`provider.importer`): under its lock, in one
   * audit row; records by content hash (a re-import writes nothing), samples by instant.
   */
  importFile(options: ImportFileOptions): Promise<ImportFileResult>;
  /**
   * Fetches documents by id with a provider's declared `recordsById` lookup `kind` and writes
   * them through (provider lock, audit row, change events); returns them as stored.
   */
  fetchRecordsById(provider: ProviderId, kind: string, ids: readonly string[], options?: TargetedSyncOptions): Promise<StoredRecord[]>;
  /** Resolves once no background re-check is running (before closing the store; in tests). */
  idle(): Promise<void>;
}
