/**
 * `sync()`: incremental or full runs of every selected provider, side by side. Each provider runs
 * under its lock (a second identical call joins the running one) and records its own audit row;
 * one provider failing never stops the others.
 */
import { WearablesError, toWearablesError } from '../core/errors.js';
import type { Provider, ResourceSpec } from '../providers/provider.js';
import type { ProviderSyncResult, SyncOptions, SyncReport } from './sync-service.js';
import { emptyCounts } from './counts.js';
import { runInputBase, type EngineDeps } from './engine-deps.js';
import { runBounds } from './plan-windows.js';
import { countedHttp, pacedHttp } from './pacer.js';
import { createSyncPlanner } from './plan-sync.js';
import { runProvider } from './provider-run.js';
import { checkSince, providerOf, selectResources } from './validate.js';
import { lockOptions } from './sync-wait.js';

/** Runs a sync over the selected providers; validation errors throw before anything runs. */
export async function runSync(deps: EngineDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const since = checkSince(options.since, runBounds(deps.now()));
  const explicit = options.providers !== undefined;
  const providers = (options.providers ?? [...deps.providers.keys()]).map((id) => providerOf(deps.providers, id));
  const selected = selectResources(providers, options.resources);
  const results = await Promise.all(
    [...selected].map(([provider, specs]) => syncProvider(deps, provider, specs, { ...options, since }, explicit)),
  );
  return { results: results.filter((result): result is ProviderSyncResult => result !== null) };
}

async function syncProvider(
  deps: EngineDeps,
  provider: Provider,
  specs: ResourceSpec[],
  options: SyncOptions,
  explicit: boolean,
): Promise<ProviderSyncResult | null> {
  const mode = options.full ? 'full' : 'incremental';
  try {
    if (!(await deps.isConnected(provider.id))) {
      return explicit ? await recordNotConnected(deps, provider, specs, mode) : null;
    }
    const joinKey = JSON.stringify({ mode, since: options.since ?? null, resources: specs.map((spec) => spec.name) });
    return await deps.lock.run(
      provider.id,
      async (signal) => {
        const base = runInputBase(deps, provider, specs, mode);
        // A backfill spends the quota of years of history: keep to the provider's budget.
        const pacer = options.full ? deps.pacer(provider) : null;
        const requests = { count: 0 };
        const http = countedHttp(pacer ? pacedHttp(base.http, pacer) : base.http, requests);
        const planner = createSyncPlanner(deps, provider, http, options);
        const result = await runProvider({
          ...base,
          http,
          allowFirstCursor: true,
          signal,
          onProgress: options.onProgress,
          plan: (spec, bounds) => planner.plan(spec, bounds),
        });
        await planner.finish(result.status);
        const notices = planner.notices();
        return { ...result, requests: requests.count, ...(notices.length > 0 ? { notices } : {}) };
      },
      { joinKey, ...lockOptions(provider.id, options) },
    );
  } catch (error) {
    // The audit row itself could not be written (store failure): report, keep other providers going.
    const failure = toWearablesError(error, 'CACHE_ERROR');
    deps.logger.warn({ provider: provider.id, mode, err: failure }, 'sync run could not run');
    return { provider: provider.id, runId: 0, status: 'failed', counts: {}, error: failure };
  }
}

async function recordNotConnected(deps: EngineDeps, provider: Provider, specs: ResourceSpec[], mode: 'incremental' | 'full') {
  // A file source is never connected: its data arrives by import.
  const error = provider.importer
    ? new WearablesError('NOT_CONNECTED', `${provider.displayName} has no API to sync from: its data comes from an export file.`, {
        hint: `Import the export with \`wearables-mcp import ${provider.id} <file>\` (or the import_data tool).`,
      })
    : new WearablesError('NOT_CONNECTED', `${provider.displayName} is not connected.`, {
        hint: `Connect it with \`wearables-mcp connect ${provider.id}\`, then sync again.`,
      });
  const runId = await deps.store.startSyncRun({ provider: provider.id, resources: specs.map((spec) => spec.name), mode });
  const counts = Object.fromEntries(specs.map((spec) => [spec.name, emptyCounts()]));
  await deps.store.finishSyncRun(runId, { status: 'failed', counts, error: `${error.code}: ${error.message}` });
  return { provider: provider.id, runId, status: 'failed' as const, counts, error };
}
