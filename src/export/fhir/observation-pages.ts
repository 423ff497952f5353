/** Observations of one provider resource, read page by page from the cache (pure reads). */
import type { LocalDay } from '../../core/types.js';
import type { Provider, ResourceSpec } from '../../providers/provider.js';
import type { StoreReader } from '../../store/store.js';
import { dayRangeToEpoch } from '../export-targets.js';
import { recordPages, samplePages } from '../store-pages.js';
import type { MetricSource } from './metrics.js';
import { observationFromRecord, observationFromSample, type Observation } from './observation.js';

export interface ObservationRead {
  store: StoreReader;
  provider: Provider;
  spec: ResourceSpec;
  /** The sources of this resource to turn into observations (a subset of `sourcesFor`). */
  sources: readonly MetricSource[];
  start?: LocalDay;
  end?: LocalDay;
  pageSize?: number;
}

/** Pages of observations, plus (per page) how many store rows were consumed. */
export async function* observationPages(read: ObservationRead): AsyncGenerator<{ observations: Observation[]; rows: number }> {
  const { store, provider, spec, sources } = read;
  if (spec.kind === 'series') {
    const window = { provider: provider.id, series: spec.series ?? spec.name, ...dayRangeToEpoch(read.start, read.end) };
    for await (const page of samplePages(store, window, read.pageSize)) {
      const observations = page.flatMap((sample) => sources.map((source) => observationFromSample(provider, source, sample)));
      yield { observations: observations.filter((observation) => observation !== null), rows: page.length };
    }
    return;
  }
  const window = {
    provider: provider.id,
    resource: spec.name,
    ...(spec.windowing !== 'none' && read.start ? { startDay: read.start } : {}),
    ...(spec.windowing !== 'none' && read.end ? { endDay: read.end } : {}),
  };
  for await (const page of recordPages(store, window, read.pageSize)) {
    const observations = page.flatMap((record) => sources.map((source) => observationFromRecord(provider, source, record)));
    yield { observations: observations.filter((observation) => observation !== null), rows: page.length };
  }
}

/** How many store rows `observationPages` will read (for progress). */
export async function observationRowTotal(read: ObservationRead): Promise<number> {
  const { store, provider, spec } = read;
  if (spec.kind === 'series') {
    return store.countSamples({ provider: provider.id, series: spec.series ?? spec.name, ...dayRangeToEpoch(read.start, read.end) });
  }
  return store.countRecords({
    provider: provider.id,
    resource: spec.name,
    ...(spec.windowing !== 'none' && read.start ? { startDay: read.start } : {}),
    ...(spec.windowing !== 'none' && read.end ? { endDay: read.end } : {}),
  });
}
