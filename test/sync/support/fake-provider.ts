/**
 * A legitimate test double of the `Provider` seam over an in-memory dataset the test edits
 * (documents appear, change, vanish; samples arrive late), with a request log and injectable
 * faults. Used for engine edge cases; the scenario suite runs the real Oura provider over HTTP.
 */
import { WearablesError } from '../../../src/core/errors.js';
import type { DailyScoresData } from '../../../src/core/records/daily-scores.js';
import type { NormalizedRecord, ProviderId, Sample, TimeWindow } from '../../../src/core/types.js';
import type { OAuthAdapter } from '../../../src/providers/oauth-adapter.js';
import type { Provider, ProviderPage, ResourceSpec } from '../../../src/providers/provider.js';

export interface FakeRequest {
  resource: string;
  window: TimeWindow;
}

export interface FakeProvider extends Provider {
  documents: Map<string, Map<string, NormalizedRecord>>;
  samples: Map<number, Sample>;
  requests: FakeRequest[];
  /** Throw when it returns true for (resource, window, page index); checked before each page. */
  fault: ((resource: string, window: TimeWindow, page: number) => boolean) | null;
  put(record: NormalizedRecord): void;
  remove(resource: string, id: string): void;
}

export const FAKE_RESOURCES: readonly ResourceSpec[] = [
  { name: 'daily_sleep', description: 'd', kind: 'document', recordKind: 'daily_scores', windowing: 'day', maxWindowDays: 30, overlapDays: 7 },
  { name: 'workout', description: 'w', kind: 'document', recordKind: 'workout', windowing: 'day', maxWindowDays: 30, overlapDays: 7 },
  { name: 'profile', description: 'p', kind: 'document', recordKind: 'profile', windowing: 'none', maxWindowDays: 1, overlapDays: 0 },
  { name: 'heartrate', description: 'h', kind: 'series', recordKind: null, windowing: 'datetime', maxWindowDays: 10, overlapDays: 1, series: 'heart_rate' },
];

/** A record of `resource` on `day` whose content is `value`. */
export function doc(provider: ProviderId, resource: string, day: string | null, value: number, id = `${resource}-${day}`): NormalizedRecord {
  return {
    provider,
    resource,
    id,
    day,
    start: day ? `${day}T00:00:00+00:00` : null,
    end: null,
    tzOffset: '+00:00',
    updatedAt: null,
    // The engine stores `data` without reading it: an opaque `{ value }` stands in for a kind's fields.
    kind: 'daily_scores',
    data: { value } as DailyScoresData,
    raw: { id, day, value },
  };
}

/** Builds a fake provider `id` with pages of `pageSize` documents or samples. */
export function createFakeProvider(id: ProviderId, pageSize = 3): FakeProvider {
  const documents = new Map<string, Map<string, NormalizedRecord>>();
  const samples = new Map<number, Sample>();
  const provider: FakeProvider = {
    id,
    displayName: `Fake ${id}`,
    capabilities: { pull: true, webhook: false, oauth: true, personalToken: true },
    resources: FAKE_RESOURCES,
    oauth: {} as OAuthAdapter,
    documents,
    samples,
    requests: [],
    fault: null,
    put(record) {
      let byId = documents.get(record.resource);
      if (!byId) documents.set(record.resource, (byId = new Map()));
      byId.set(record.id, record);
    },
    remove(resource, recordId) {
      documents.get(resource)?.delete(recordId);
    },
    async *fetchWindow(spec, window, context): AsyncIterable<ProviderPage> {
      provider.requests.push({ resource: spec.name, window });
      const items = select(spec, window);
      for (let page = 0, offset = 0; page === 0 || offset < items.length; page++, offset += pageSize) {
        if (context.signal?.aborted) throw new WearablesError('SYNC_ERROR', 'cancelled');
        if (provider.fault?.(spec.name, window, page)) {
          throw new WearablesError('UPSTREAM_ERROR', `${id} API answered 503 after 4 attempts.`, { statusCode: 503 });
        }
        const slice = items.slice(offset, offset + pageSize);
        await new Promise((resolve) => setImmediate(resolve));
        yield spec.kind === 'series'
          ? { records: [], samples: slice as Sample[] }
          : { records: slice as NormalizedRecord[], samples: [] };
      }
    },
    async probe() {},
  };
  function select(spec: ResourceSpec, window: TimeWindow): Array<NormalizedRecord | Sample> {
    if (spec.kind === 'series') {
      const start = Date.parse(window.start);
      const end = Date.parse(window.end);
      return [...samples.values()].filter((sample) => sample.ts >= start && sample.ts < end).sort((a, b) => a.ts - b.ts);
    }
    const all = [...(documents.get(spec.name)?.values() ?? [])];
    if (spec.windowing === 'none') return all;
    return all.filter((record) => record.day !== null && record.day >= window.start && record.day < window.end);
  }
  return provider;
}
