/**
 * The sync service, loaded on its first use: the engine (planning, chunking, targeted reads,
 * imports) is not evaluated before a request needs it, so `serve` answers `initialize` and
 * `tools/list` without it (bench/cold-start.mjs).
 */
import { lazyModule } from '../core/lazy-module.js';
import type { SyncServiceOptions } from './engine-deps.js';
import type { SyncService } from './sync-service.js';

/** A `SyncService` that builds the real one (`createSyncService`) on the first call. */
export function createLazySyncService(options: SyncServiceOptions): SyncService {
  const service = lazyModule(async () => (await import('./engine.js')).createSyncService(options));
  let used = false;
  const loadedService = (): Promise<SyncService> => {
    used = true;
    return service();
  };
  return {
    sync: async (syncOptions) => (await loadedService()).sync(syncOptions),
    ensureCovered: async (provider, resource, window, ensureOptions) => (await loadedService()).ensureCovered(provider, resource, window, ensureOptions),
    refreshWindow: async (provider, resource, window, refreshOptions) => (await loadedService()).refreshWindow(provider, resource, window, refreshOptions),
    importFile: async (importOptions) => (await loadedService()).importFile(importOptions),
    fetchRecordsById: async (provider, kind, ids, fetchOptions) => (await loadedService()).fetchRecordsById(provider, kind, ids, fetchOptions),
    // Nothing can be running before the engine was first asked for something.
    idle: async () => (used ? (await service()).idle() : undefined),
  };
}
