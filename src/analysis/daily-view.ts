/**
 * The cross-device day view: per local day, every canonical metric with the value of every
 * provider that measured it, and the headline picked by the catalog's precedence. Built from the
 * declared source mappings only (a provider plugs in by declaring its table).
 */
import type { LocalDay, ProviderId } from '../core/types.js';
import type { Store } from '../store/store.js';
import { extractValues, type ExtractedValue } from './extract.js';
import { SOURCE_MAPPINGS } from './mappings/index.js';
import { metricInfo, precedenceRank } from './metric-catalog.js';
import type { DeclaredMapping, ResourceMapping } from './source-mapping.js';
import { narrowRows } from '../store/kind-rows.js';

/** One provider's value of a metric on a day, traceable to the stored record. */
export interface SourcedValue {
  provider: ProviderId;
  value: number;
  resource: string;
  id: string;
}

/** A metric on one day: the headline (by precedence) and every source's value (headline first). */
export interface MetricReading {
  headline: SourcedValue;
  values: SourcedValue[];
}

export interface CanonicalDay {
  day: LocalDay;
  metrics: Record<string, MetricReading>;
}

export interface DayRangeInput {
  startDay: LocalDay;
  endDay: LocalDay;
  /** Only these canonical metrics are needed: resources that feed none of them are not read. */
  metrics?: readonly string[];
}

function rank(metric: string, provider: ProviderId): number {
  const info = metricInfo(metric);
  return info ? precedenceRank(info, provider) : 0;
}

/** Joins extracted values of every mapping into day rows (pure). */
export function joinDays(extracted: ReadonlyArray<{ mapping: ResourceMapping; values: readonly ExtractedValue[] }>): CanonicalDay[] {
  const days = new Map<LocalDay, Map<string, SourcedValue[]>>();
  for (const { mapping, values } of extracted) {
    for (const item of values) {
      let row = days.get(item.day);
      if (!row) days.set(item.day, (row = new Map()));
      let list = row.get(item.metric);
      if (!list) row.set(item.metric, (list = []));
      // One value per provider and metric: the first declared resource of that provider wins.
      if (!list.some((existing) => existing.provider === mapping.provider)) {
        list.push({ provider: mapping.provider, value: item.value, resource: mapping.resource, id: item.id });
      }
    }
  }
  return [...days.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([day, row]) => {
      const metrics: Record<string, MetricReading> = {};
      for (const [metric, list] of row) {
        const values = list.length < 2 ? list : [...list].sort((a, b) => rank(metric, a.provider) - rank(metric, b.provider) || a.provider.localeCompare(b.provider));
        const headline = values[0];
        if (headline) metrics[metric] = { headline, values };
      }
      return { day, metrics };
    });
}

/** The mappings that feed at least one of `metrics` (all of them when no list is given). */
export function mappingsFor(mappings: readonly ResourceMapping[], metrics?: readonly string[]): ResourceMapping[] {
  if (metrics === undefined) return [...mappings];
  const wanted = new Set(metrics);
  return mappings.filter((mapping) => mapping.fields.some((field) => wanted.has(field.metric)));
}

/**
 * Reads the declared resources for the inclusive day range and joins them (pure cache read):
 * only the normalized columns (never the `raw` payload), and with `range.metrics` only the
 * resources and fields of those metrics.
 */
export async function loadDailyView(
  store: Pick<Store, 'queryDayRecords'>,
  range: DayRangeInput,
  mappings: readonly ResourceMapping[] = SOURCE_MAPPINGS,
): Promise<CanonicalDay[]> {
  const wanted = range.metrics === undefined ? undefined : new Set(range.metrics);
  const extracted = await Promise.all(
    mappingsFor(mappings, range.metrics).map(async (mapping) => {
      const rows = await store.queryDayRecords({ provider: mapping.provider, resource: mapping.resource, startDay: range.startDay, endDay: range.endDay });
      // Typed once here: rows without the fields of the mapping's kind (unreadable documents) have nothing to extract.
      const records = narrowRows(mapping.kind, rows).rows;
      const declared: DeclaredMapping = mapping;
      const fields = wanted ? declared.fields.filter((field) => wanted.has(field.metric)) : declared.fields;
      return { mapping, values: extractValues(fields === declared.fields ? declared : { ...declared, fields }, records) };
    }),
  );
  return joinDays(extracted);
}

/** The headline series of one metric (`source` set: that provider's values only). */
export function metricSeries(days: readonly CanonicalDay[], metric: string, source?: ProviderId): Array<{ day: LocalDay; value: number; provider: ProviderId }> {
  const out: Array<{ day: LocalDay; value: number; provider: ProviderId }> = [];
  for (const day of days) {
    const reading = day.metrics[metric];
    if (!reading) continue;
    const chosen = source ? reading.values.find((value) => value.provider === source) : reading.headline;
    if (chosen) out.push({ day: day.day, value: chosen.value, provider: chosen.provider });
  }
  return out;
}
