/**
 * Every provider resource declares its canonical record kind, and what the provider's normalize
 * step produces from the simulator's payloads is of that kind: the fields the kind requires are
 * present, units are the canonical ones (seconds, kcal, kg), and a measure's canonical field holds
 * the value its entry lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizedHttp, type AuthorizedHttp } from '../../src/core/http.js';
import { narrowData } from '../../src/core/records/narrow.js';
import { isRecordKind, type NormalizedRecord } from '../../src/core/records/record.js';
import type { Sample, TimeWindow } from '../../src/core/types.js';
import { createOuraProvider } from '../../src/providers/oura/index.js';
import type { Provider, ResourceSpec } from '../../src/providers/provider.js';
import { createWhoopProvider } from '../../src/providers/whoop/index.js';
import { createWithingsProvider } from '../../src/providers/withings/index.js';
import { PROVIDER_MODULES } from '../../src/providers/registry.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';

const TOKEN = 'record-kinds-token';
const NOW = new Date('2025-06-15T12:00:00Z');
const LAST_DAY = Date.parse('2025-06-14T00:00:00Z');
const DAY_MS = 86_400_000;

let simulator: StartedSimulator;
const providers = new Map<string, { provider: Provider; http: AuthorizedHttp }>();

beforeAll(async () => {
  simulator = await startSimulator({ seed: 11, days: 100, now: () => NOW, personalAccessTokens: [TOKEN], withings: { rateLimitPerMinute: 100_000 } });
  const created: Provider[] = [
    createOuraProvider(simulator.oura),
    createWhoopProvider({ ...simulator.whoop, clientId: simulator.clientId, clientSecret: simulator.clientSecret }),
    createWithingsProvider({ ...simulator.withings, requestsPerMinute: 100_000 }),
  ];
  for (const provider of created) {
    const tokens = { getAccessToken: async () => TOKEN, refreshAfterUnauthorized: async () => TOKEN };
    providers.set(provider.id, { provider, http: createAuthorizedHttp({ provider: provider.id, tokens, sleep: async () => undefined }) });
  }
});
afterAll(() => simulator.close());

/** The window one request may cover, ending with the simulator's last full day. */
function windowOf(spec: ResourceSpec): TimeWindow {
  if (spec.windowing === 'none') return { start: '', end: '' };
  const days = spec.kind === 'series' ? 1 : Math.min(spec.maxWindowDays, 90);
  const start = new Date(LAST_DAY - (days - 1) * DAY_MS).toISOString();
  const end = new Date(LAST_DAY + DAY_MS).toISOString();
  return spec.windowing === 'day' ? { start: start.slice(0, 10), end: end.slice(0, 10) } : { start, end };
}

async function fetchResource(id: string, spec: ResourceSpec): Promise<{ records: NormalizedRecord[]; samples: Sample[] }> {
  const { provider, http } = providers.get(id)!;
  const records: NormalizedRecord[] = [];
  const samples: Sample[] = [];
  for await (const page of provider.fetchWindow(spec, windowOf(spec), { http })) {
    records.push(...page.records);
    samples.push(...page.samples);
  }
  return { records, samples };
}

/** Unit checks that fail when a normalizer forgets a conversion (ms left as s, kJ as kcal ...). */
function expectCanonicalUnits(record: NormalizedRecord): void {
  const where = `${record.provider}/${record.resource}/${record.id}`;
  if (record.kind === 'sleep_period' && record.data.total_sleep_seconds !== null) {
    const { light_sleep_seconds: light, deep_sleep_seconds: deep, rem_sleep_seconds: rem } = record.data;
    expect(record.data.total_sleep_seconds, where).toBeGreaterThan(0);
    expect(record.data.total_sleep_seconds, where).toBeLessThan(16 * 3600);
    if (light !== null && deep !== null && rem !== null) expect(Math.abs(record.data.total_sleep_seconds - (light + deep + rem)), where).toBeLessThanOrEqual(1);
  }
  if (record.kind === 'workout' && record.start && record.end && record.data.duration_seconds !== null) {
    expect(record.data.duration_seconds, where).toBe(Math.round((Date.parse(record.end) - Date.parse(record.start)) / 1000));
  }
  if (record.kind === 'body_measure') {
    const fields: Record<string, unknown> = record.data;
    for (const measure of record.data.measures) if (measure.position === undefined) expect(fields[measure.key], `${where} ${measure.key}`).toBe(measure.value);
    if (record.data.weight_kg !== undefined) expect(record.data.weight_kg, where).toBeGreaterThan(30);
  }
  if (record.kind === 'activity_day') {
    for (const calories of [record.data.total_calories, record.data.calories]) if (typeof calories === 'number') expect(calories, where).toBeLessThan(8000);
  }
  if (record.kind === 'daily_scores') {
    for (const score of [record.data.score, record.data.recovery_score]) if (typeof score === 'number') expect(score, where).toBeLessThanOrEqual(100);
  }
}

describe('canonical record kinds', () => {
  it('every document resource declares a kind, every series resource a series and no kind', () => {
    for (const { provider } of providers.values()) {
      for (const spec of provider.resources) {
        if (spec.kind === 'document') expect(spec.recordKind !== null && isRecordKind(spec.recordKind), `${provider.id}/${spec.name}`).toBe(true);
        else expect({ recordKind: spec.recordKind, series: typeof spec.series }, `${provider.id}/${spec.name}`).toEqual({ recordKind: null, series: 'string' });
      }
    }
  });

  it('every day-view mapping and FHIR source states the kind its resource declares', () => {
    let checked = 0;
    for (const module of PROVIDER_MODULES) {
      const declared = new Map(module.resources.map((spec) => [spec.name, spec.recordKind]));
      for (const mapping of module.dayView.mappings) {
        expect(mapping.kind, `${module.id} day view ${mapping.resource}`).toBe(declared.get(mapping.resource));
        checked++;
      }
      for (const source of module.fhirSources) {
        expect(source.kind ?? null, `${module.id} FHIR ${source.metric} (${source.resource})`).toBe(declared.get(source.resource));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  for (const id of ['oura', 'whoop', 'withings']) {
    it(`${id}: the simulator's documents normalize into the declared kind, with its fields and units`, async () => {
      const { provider } = providers.get(id)!;
      const empty: string[] = [];
      for (const spec of provider.resources) {
        const { records, samples } = await fetchResource(id, spec);
        if (spec.kind === 'series') {
          expect(samples.length, spec.name).toBeGreaterThan(0);
          expect(new Set(samples.map((sample) => sample.series)), spec.name).toEqual(new Set([spec.series]));
          continue;
        }
        if (records.length === 0) empty.push(spec.name);
        for (const record of records) {
          expect(record.kind, `${id}/${spec.name}/${record.id}`).toBe(spec.recordKind);
          expect(narrowData(spec.recordKind!, record.data), `${id}/${spec.name}/${record.id}`).not.toBeNull();
          expect(record.data, `${id}/${spec.name}/${record.id}`).not.toHaveProperty('schema_mismatch_fields');
          expectCanonicalUnits(record);
        }
      }
      expect(empty, 'resources without documents').toEqual([]);
    });
  }
});
