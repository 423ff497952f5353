/**
 * Documents fetched by id (a provider's declared `recordsById`) are written like every other
 * fetch: under the provider lock (batched with the cache-first fetches of that provider), in an
 * audited `fresh` run, through the idempotent upsert that appends change events.
 */
import { WearablesError, toWearablesError } from '../core/errors.js';
import type { NormalizedRecord, ProviderId } from '../core/types.js';
import { scrubSecrets } from '../logging/secrets.js';
import type { Provider, RecordFetcher } from '../providers/provider.js';
import type { StoredRecord } from '../store/store.js';
import { addCounts, emptyCounts } from './counts.js';
import type { EngineDeps } from './engine-deps.js';
import type { TargetedSyncOptions } from './sync-service.js';
import { providerOf } from './validate.js';

/** Ids one call may fetch (each is one request). */
export const MAX_IDS_PER_FETCH = 25;

/** Fetches `ids` with the provider's `kind` lookup, stores them and returns them as stored. */
export async function fetchRecordsById(
  deps: EngineDeps,
  providerId: ProviderId,
  kind: string,
  ids: readonly string[],
  options: TargetedSyncOptions = {},
): Promise<StoredRecord[]> {
  const provider = providerOf(deps.providers, providerId);
  const fetcher = provider.recordsById;
  const resource = fetcher?.kinds[kind];
  if (!fetcher || !resource) {
    throw new WearablesError('VALIDATION_ERROR', `${provider.displayName} cannot fetch "${kind.slice(0, 40)}" records by id.`, {
      hint: fetcher ? `Use one of: ${Object.keys(fetcher.kinds).join(', ')}.` : 'Read the records by date range instead.',
    });
  }
  if (ids.length === 0 || ids.length > MAX_IDS_PER_FETCH) {
    throw new WearablesError('VALIDATION_ERROR', `Fetch 1 to ${MAX_IDS_PER_FETCH} ids at a time (got ${ids.length}).`, { hint: 'Split the ids into smaller calls.' });
  }
  if (!(await deps.isConnected(provider.id))) {
    throw new WearablesError('NOT_CONNECTED', `${provider.displayName} is not connected, so records cannot be fetched.`, {
      hint: `Connect it with \`wearables-mcp connect ${provider.id}\`, or read the cached data.`,
    });
  }
  const fetched = await deps.batcher.enqueue(provider.id, resource, (signal) => fetchAndStore(deps, provider, fetcher, { kind, resource, ids, signal }), options);
  const stored = await Promise.all(fetched.map((record) => deps.store.getRecord(provider.id, record.resource, record.id)));
  return stored.map((record) => {
    if (!record) throw new WearablesError('CACHE_ERROR', `A fetched ${provider.displayName} record could not be read back from the cache.`, { hint: 'Run health_check.' });
    return record;
  });
}

interface ByIdRequest {
  kind: string;
  resource: string;
  ids: readonly string[];
  signal: AbortSignal | undefined;
}

/** Under the lock: one audit row around the requests and the upsert. */
async function fetchAndStore(deps: EngineDeps, provider: Provider, fetcher: RecordFetcher, request: ByIdRequest): Promise<NormalizedRecord[]> {
  const { kind, resource, ids, signal } = request;
  const runId = await deps.store.startSyncRun({ provider: provider.id, resources: [resource], mode: 'fresh' });
  const counts = emptyCounts();
  try {
    const records: NormalizedRecord[] = [];
    for (const id of ids) records.push(await fetcher.fetch(kind, id, { http: deps.http(provider.id), ...(signal ? { signal } : {}) }));
    addCounts(counts, { fetched: records.length, ...(await deps.store.upsertRecords(records)) });
    await deps.store.finishSyncRun(runId, { status: 'ok', counts: { [resource]: counts }, error: null });
    deps.logger.info({ provider: provider.id, resource, mode: 'fresh', runId, ...counts }, 'records fetched by id');
    return records;
  } catch (error) {
    const failure = toWearablesError(error, 'SYNC_ERROR');
    await deps.store.finishSyncRun(runId, { status: 'failed', counts: { [resource]: counts }, error: `${resource}: ${failure.code}: ${scrubSecrets(failure.message)}` });
    throw failure;
  }
}
