/**
 * The query behind `get_observations`: observations of one metric (by name or code) in a local
 * day range, from every provider that feeds it, read from the cache only. Compact by default
 * (metric, date, value, unit, source per observation); `full` returns the FHIR resources.
 */
import { WearablesError } from '../../core/errors.js';
import type { LocalDay, ProviderId } from '../../core/types.js';
import type { Provider } from '../../providers/provider.js';
import type { StoreReader } from '../../store/store.js';
import { findMetrics, METRIC_SOURCES, METRICS, type MetricDefinition } from './metrics.js';
import { observationPages } from './observation-pages.js';
import type { Observation } from './observation.js';

export interface ObservationQuery {
  store: StoreReader;
  providers: ReadonlyMap<ProviderId, Provider>;
  /**
   * Metric name (`heart_rate`, `hrv_rmssd`) or code (`8867-4`, `http://loinc.org|8867-4`); a list
   * reads every metric it names (the FHIR API's `code=a,b`).
   */
  metric: string | readonly string[];
  start?: LocalDay;
  end?: LocalDay;
  provider?: ProviderId;
  limit: number;
  offset?: number;
  /**
   * Keeps only the observations passing it, before `offset` and `limit` count them (the FHIR
   * API's `date` comparisons on instants, finer than the day range).
   */
  filter?: (observation: Observation) => boolean;
}

/** One observation in compact form. */
export interface CompactObservation {
  metric: string;
  /** effectiveDateTime, or the start of effectivePeriod. */
  date: string;
  /** End of effectivePeriod (sleep), when the value spans time. */
  end?: string;
  /** The value, or component values by key (blood pressure: `{ systolic, diastolic }`). */
  value: number | Record<string, number>;
  unit: string;
  /** `provider/resource/record id` the value was read from. */
  source: string;
}

export interface ObservationAnswer {
  metrics: Array<{ metric: string; display: string; system: string; code: string; unit: string }>;
  observations: Observation[];
  /** Pass as offset to continue; null when this was the last page. */
  nextOffset: number | null;
}

/** Runs the query: `limit` observations from `offset`, ordered by source then time. */
export async function queryObservations(query: ObservationQuery): Promise<ObservationAnswer> {
  const definitions = metricsOf(query.metric);
  const offset = query.offset ?? 0;
  const observations: Observation[] = [];
  let skipped = 0;
  for (const read of reads(query, definitions)) {
    for await (const page of observationPages(read)) {
      for (const observation of page.observations) {
        if (query.filter && !query.filter(observation)) continue;
        if (skipped < offset) skipped++;
        else if (observations.length < query.limit + 1) observations.push(observation);
      }
      if (observations.length > query.limit) break;
    }
    if (observations.length > query.limit) break;
  }
  const more = observations.length > query.limit;
  return { metrics: definitions.map(describe), observations: observations.slice(0, query.limit), nextOffset: more ? offset + query.limit : null };
}

/** The definitions a metric name, code or list of them names; VALIDATION_ERROR naming an unknown one. */
function metricsOf(metric: string | readonly string[]): MetricDefinition[] {
  const found = new Map<string, MetricDefinition>();
  for (const name of typeof metric === 'string' ? [metric] : metric) {
    const definitions = findMetrics(name);
    if (definitions.length === 0) {
      throw new WearablesError('VALIDATION_ERROR', `Unknown metric or code "${name}".`, {
        hint: `Use one of: ${METRICS.map((definition) => definition.metric).join(', ')} (or one of their LOINC codes).`,
      });
    }
    for (const definition of definitions) found.set(definition.metric, definition);
  }
  return [...found.values()];
}

function* reads(query: ObservationQuery, definitions: readonly MetricDefinition[]) {
  const metrics = new Set(definitions.map((definition) => definition.metric));
  const sources = METRIC_SOURCES.filter((source) => metrics.has(source.metric) && (!query.provider || source.provider === query.provider));
  const resources = new Map<string, typeof sources>();
  for (const source of sources) resources.set(`${source.provider}/${source.resource}`, [...(resources.get(`${source.provider}/${source.resource}`) ?? []), source]);
  for (const group of resources.values()) {
    const first = group[0];
    const provider = first ? query.providers.get(first.provider) : undefined;
    const spec = provider?.resources.find((resource) => resource.name === first?.resource);
    if (!provider || !spec) continue;
    yield { store: query.store, provider, spec, sources: group, ...(query.start ? { start: query.start } : {}), ...(query.end ? { end: query.end } : {}), pageSize: 1000 };
  }
}

function describe(definition: MetricDefinition) {
  const [coding] = definition.codings;
  return { metric: definition.metric, display: definition.display, system: coding?.system ?? '', code: coding?.code ?? '', unit: definition.unit.display };
}

/** The compact form of an observation. */
export function compactObservation(observation: Observation): CompactObservation {
  const [, provider, resource, recordId, metric] = /^(.*?)\/(.*?)\/(.*)\/([^/]+)$/.exec(observation.identifier[0]?.value ?? '') ?? [];
  const date = observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? '';
  const value = observation.valueQuantity
    ? observation.valueQuantity.value
    : Object.fromEntries((observation.component ?? []).map((component) => [componentKey(component.code.coding[0]?.code ?? ''), component.valueQuantity.value]));
  const unit = observation.valueQuantity?.unit ?? observation.component?.[0]?.valueQuantity.unit ?? '';
  return {
    metric: metric ?? observation.code.coding[0]?.code ?? '',
    date,
    ...(observation.effectivePeriod ? { end: observation.effectivePeriod.end } : {}),
    value,
    unit,
    source: `${provider ?? ''}/${resource ?? ''}/${recordId ?? ''}`,
  };
}

function componentKey(code: string): string {
  for (const definition of METRICS) {
    const component = definition.components?.find((candidate) => candidate.coding.code === code);
    if (component) return component.key;
  }
  return code;
}
