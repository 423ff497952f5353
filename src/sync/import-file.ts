/**
 * Imports a file a file-source provider reads (`provider.importer`) into the store, through the
 * engine like any fetch: under the provider's lock (a sync and an import of one provider never
 * interleave, across processes too), inside one audit row, page by page. Records are upserted
 * by content hash, so a re-import of the same data writes nothing and emits no event, and a newer
 * export creates (or updates) only what changed; samples are upserted idempotently by instant.
 */
import { WearablesError, toWearablesError } from '../core/errors.js';
import type { NormalizedRecord, ProviderId, Sample } from '../core/types.js';
import { scrubSecrets } from '../logging/secrets.js';
import type { Provider, ProviderImporter } from '../providers/provider.js';
import type { SyncRun } from '../store/store.js';
import { throwIfCancelled } from './cancel.js';
import { addCounts, emptyCounts, type ResourceCounts } from './counts.js';
import type { EngineDeps } from './engine-deps.js';
import type { ImportFileOptions, ImportFileResult } from './sync-service.js';
import { lockOptions } from './sync-wait.js';

function importerOf(deps: EngineDeps, id: ProviderId): { provider: Provider; importer: ProviderImporter } {
  const provider = deps.providers.get(id);
  if (provider?.importer) return { provider, importer: provider.importer };
  const importers = [...deps.providers.values()].filter((candidate) => candidate.importer).map((candidate) => candidate.id);
  throw new WearablesError('VALIDATION_ERROR', `${id.slice(0, 40)} has no file import: its data is synced from its API.`, {
    hint: importers.length ? `Import into one of: ${importers.join(', ')}.` : 'No provider here reads files.',
  });
}

function byResource(records: readonly NormalizedRecord[]): Map<string, NormalizedRecord[]> {
  const groups = new Map<string, NormalizedRecord[]>();
  for (const record of records) {
    const group = groups.get(record.resource);
    if (group) group.push(record);
    else groups.set(record.resource, [record]);
  }
  return groups;
}

function bySeries(samples: readonly Sample[]): Map<string, Sample[]> {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const group = groups.get(sample.series);
    if (group) group.push(sample);
    else groups.set(sample.series, [sample]);
  }
  return groups;
}

async function storePages(deps: EngineDeps, provider: Provider, importer: ProviderImporter, options: ImportFileOptions, signal: AbortSignal | undefined, counts: Record<string, ResourceCounts>): Promise<void> {
  let records = 0;
  let samples = 0;
  const countsOf = (name: string) => (counts[name] ??= emptyCounts());
  for await (const page of importer.read(options.path, { now: deps.now().getTime(), ...(signal ? { signal } : {}) })) {
    throwIfCancelled(signal);
    for (const [resource, group] of byResource(page.records)) {
      addCounts(countsOf(resource), { fetched: group.length, ...(await deps.store.upsertRecords(group)) });
    }
    for (const [series, samples] of bySeries(page.samples)) {
      const written = await deps.store.upsertSamples(samples);
      addCounts(countsOf(series), { fetched: samples.length, created: written, unchanged: samples.length - written });
    }
    records += page.records.length;
    samples += page.samples.length;
    options.onProgress?.({ provider: provider.id, records, samples });
  }
  throwIfCancelled(signal);
}

async function runImport(deps: EngineDeps, provider: Provider, importer: ProviderImporter, options: ImportFileOptions, signal: AbortSignal | undefined): Promise<ImportFileResult> {
  const started = Date.now();
  // The audit row's mode: an import reads the whole file, as a full run reads the whole history.
  const runId = await deps.store.startSyncRun({ provider: provider.id, resources: provider.resources.map((spec) => spec.name), mode: 'full' });
  const counts: Record<string, ResourceCounts> = {};
  try {
    await storePages(deps, provider, importer, options, signal, counts);
    await deps.store.finishSyncRun(runId, { status: 'ok', counts, error: null });
    deps.logger.info({ provider: provider.id, runId, counts, durationMs: Date.now() - started }, 'import finished');
    return { provider: provider.id, runId, status: 'ok', counts };
  } catch (caught) {
    const error = toWearablesError(caught, 'SYNC_ERROR');
    const stored = Object.values(counts).some((entry) => entry.created + entry.updated > 0);
    const status: SyncRun['status'] = stored ? 'partial' : 'failed';
    await deps.store.finishSyncRun(runId, { status, counts, error: `${error.code}: ${scrubSecrets(error.message)}` });
    deps.logger.warn({ provider: provider.id, runId, counts, durationMs: Date.now() - started, err: error }, 'import failed');
    return { provider: provider.id, runId, status, counts, error };
  }
}

/** Imports `options.path` for a file-source provider (see the module comment). */
export async function importFile(deps: EngineDeps, options: ImportFileOptions): Promise<ImportFileResult> {
  const { provider, importer } = importerOf(deps, options.provider);
  return deps.lock.run(provider.id, (signal) => runImport(deps, provider, importer, options, signal), lockOptions(provider.id, options));
}
