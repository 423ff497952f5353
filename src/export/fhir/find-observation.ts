/**
 * One Observation by its id (the FHIR API's `GET /Observation/{id}`). Ids are digests of
 * (provider, resource, record id, metric) (`observationId`), so the lookup walks the cached
 * rows of every mapped source computing each row's id, and builds the one Observation that
 * matches with the same mapping as every other read (`observationFromRecord`,
 * `observationFromSample`): no Observation is built for the rows that do not match.
 */
import type { ProviderId } from '../../core/types.js';
import type { Provider } from '../../providers/provider.js';
import type { StoreReader } from '../../store/store.js';
import { recordPages, samplePages } from '../store-pages.js';
import { METRIC_SOURCES, type MetricSource } from './metrics.js';
import { observationFromRecord, observationFromSample, observationId, type Observation } from './observation.js';

export interface FindObservation {
  store: StoreReader;
  providers: ReadonlyMap<ProviderId, Provider>;
  id: string;
  /** The sources to look through (default: every mapped source). */
  sources?: readonly MetricSource[];
}

/** The Observation with `id` in the cache, or null. */
export async function findObservation(request: FindObservation): Promise<Observation | null> {
  const { store, id } = request;
  const groups = new Map<string, MetricSource[]>();
  for (const source of request.sources ?? METRIC_SOURCES) {
    const key = `${source.provider}/${source.resource}`;
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  for (const sources of groups.values()) {
    const first = sources[0];
    const provider = first ? request.providers.get(first.provider) : undefined;
    const spec = provider?.resources.find((resource) => resource.name === first?.resource);
    if (!provider || !spec || !first) continue;
    if (spec.kind === 'series') {
      const window = { provider: provider.id, series: spec.series ?? spec.name, start: 0, end: Number.MAX_SAFE_INTEGER };
      for await (const page of samplePages(store, window)) {
        for (const sample of page) {
          for (const source of sources) {
            if (observationId(provider.id, source.resource, String(sample.ts), source.metric) === id) return observationFromSample(provider, source, sample);
          }
        }
      }
      continue;
    }
    for await (const page of recordPages(store, { provider: provider.id, resource: spec.name })) {
      for (const record of page) {
        for (const source of sources) {
          if (observationId(provider.id, record.resource, record.id, source.metric) === id) return observationFromRecord(provider, source, record);
        }
      }
    }
  }
  return null;
}
