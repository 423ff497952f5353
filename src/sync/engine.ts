/**
 * The provider-agnostic sync engine. Reads each provider's declared resources (windowing,
 * `maxWindowDays`, `overlapDays`, kind) instead of branching on provider ids.
 */
import type { SyncService } from './sync-service.js';
import type { EngineDeps, SyncServiceOptions } from './engine-deps.js';
import { createRequestPacer, type RequestPacer } from './pacer.js';
import { createFetchBatcher } from './fetch-batch.js';
import { DEFAULT_FRESHNESS_MS } from './freshness.js';
import { createProviderLock } from './provider-lock.js';
import { runSync } from './run-sync.js';
import { ensureCovered, refreshWindow } from './targeted.js';
import { importFile } from './import-file.js';
import { fetchRecordsById } from './by-id.js';

export type { SyncServiceOptions };

/**
 * Builds the sync service. Cursor per (provider, resource) = end of the last completely stored
 * window; coverage and cursor move only after a chunk was fetched and stored to its end.
 */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const pacers = new Map<string, RequestPacer>();
  const lock = createProviderLock(options.crossProcessLock);
  const deps: EngineDeps = {
    ...options,
    now: options.now ?? (() => new Date()),
    freshnessMs: options.freshnessMs ?? DEFAULT_FRESHNESS_MS,
    lock,
    batcher: createFetchBatcher(lock),
    background: new Map(),
    pacer: (provider) => {
      const budget = provider.history?.budget;
      if (!budget) return null;
      let pacer = pacers.get(provider.id);
      if (!pacer) pacers.set(provider.id, (pacer = createRequestPacer(budget)));
      return pacer;
    },
  };
  return {
    sync: (syncOptions) => runSync(deps, syncOptions),
    ensureCovered: (provider, resource, window, options) => ensureCovered(deps, provider, resource, window, options),
    refreshWindow: (provider, resource, window, options) => refreshWindow(deps, provider, resource, window, options),
    importFile: (importOptions) => importFile(deps, importOptions),
    fetchRecordsById: (provider, kind, ids, options) => fetchRecordsById(deps, provider, kind, ids, options),
    idle: async () => {
      while (deps.background.size > 0) await Promise.all([...deps.background.values()]);
    },
  };
}
