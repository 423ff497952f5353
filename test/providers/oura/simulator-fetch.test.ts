/**
 * Fetching every Oura collection over real HTTP from the simulator with a personal access token:
 * each document of the window exactly once, normalized without schema mismatches, in both the
 * current-spec and the recorded (Dec 2024) response shapes; heart rate chunked to ≤ 30 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizedHttp, type AuthorizedHttp } from '../../../src/core/http.js';
import type { TimeWindow } from '../../../src/core/types.js';
import type { Provider, ProviderPage } from '../../../src/providers/provider.js';
import { resourceSpec } from '../../../src/providers/provider.js';
import { createOuraProvider } from '../../../src/providers/oura/index.js';
import { OURA_RESOURCES } from '../../../src/providers/oura/resources.js';
import { startSimulator, type OuraCollection, type OuraShape, type StartedSimulator } from '../../../src/simulator/index.js';
import { personalToken } from './replay-server.js';
import { dataOf } from '../../../src/core/records/record-build.js';

const TOKEN = 'pat-oura-provider-test';
const NOW = new Date('2025-06-15T12:00:00Z');
const DAY_WINDOW: TimeWindow = { start: '2025-05-01', end: '2025-05-22' };
const API_NAMES: Record<string, OuraCollection> = { vo2_max: 'vO2_max' };

async function fetchAll(provider: Provider, http: AuthorizedHttp, resource: string, window: TimeWindow): Promise<ProviderPage[]> {
  const pages: ProviderPage[] = [];
  for await (const page of provider.fetchWindow(resourceSpec(provider, resource), window, { http })) pages.push(page);
  return pages;
}

function documentDay(document: Record<string, unknown>): string {
  return String(document.day ?? document.start_day);
}

for (const shape of ['v1.29', 'recorded-2024-12'] as OuraShape[]) {
  describe(`Oura collections from the simulator (${shape} shape)`, () => {
    let simulator: StartedSimulator;
    let provider: Provider;
    let http: AuthorizedHttp;

    beforeAll(async () => {
      simulator = await startSimulator({ seed: 5, days: 90, now: () => NOW, pageSize: 5, ouraShape: shape, personalAccessTokens: [TOKEN] });
      provider = createOuraProvider(simulator.oura);
      http = createAuthorizedHttp({ provider: 'oura', tokens: personalToken(TOKEN) });
    });
    afterAll(() => simulator.close());

    const dayResources = OURA_RESOURCES.filter((resource) => resource.windowing === 'day').map((resource) => resource.name);
    it.each(dayResources)('%s: every document of the window exactly once, none outside it, all valid', async (name) => {
      const pages = await fetchAll(provider, http, name, DAY_WINDOW);
      const records = pages.flatMap((page) => page.records);
      const expected = simulator.control.oura
        .documents(API_NAMES[name] ?? (name as OuraCollection))
        .filter((document) => documentDay(document) >= DAY_WINDOW.start && documentDay(document) < DAY_WINDOW.end)
        .map((document) => String(document.id ?? document.day));
      expect(records.map((record) => record.id).sort()).toEqual([...expected].sort());
      expect(pages.reduce((sum, page) => sum + (page.invalid ?? 0), 0)).toBe(0);
      for (const record of records) {
        expect(record.day! >= DAY_WINDOW.start && record.day! < DAY_WINDOW.end).toBe(true);
        expect(record.data).not.toHaveProperty('schema_mismatch_fields');
      }
    });

    it('has data in the collections a sleep/activity answer depends on', async () => {
      for (const name of ['sleep', 'daily_sleep', 'daily_readiness', 'daily_activity']) {
        const records = (await fetchAll(provider, http, name, DAY_WINDOW)).flatMap((page) => page.records);
        // 21 days; the synthetic person skips a few nights (ring off), as real users do.
        expect(records.length, name).toBeGreaterThanOrEqual(15);
      }
      const sleep = (await fetchAll(provider, http, 'sleep', DAY_WINDOW)).flatMap((page) => page.records)[0]!;
      const data = sleep.data as Record<string, number>;
      expect(data.total_sleep_seconds).toBe(data.deep_sleep_seconds! + data.rem_sleep_seconds! + data.light_sleep_seconds!);
      expect(sleep.tzOffset).toMatch(/^[+-]\d{2}:\d{2}$/);
      expect(sleep.updatedAt === null).toBe(shape === 'recorded-2024-12');
    });

    it('snapshots: personal_info and ring_configuration', async () => {
      const profile = (await fetchAll(provider, http, 'personal_info', { start: '', end: '' })).flatMap((page) => page.records);
      expect(profile).toHaveLength(1);
      expect(profile[0]).toMatchObject({ id: 'personal_info', day: null });
      expect(dataOf(profile[0]!, 'profile').age_years).toEqual(expect.any(Number));
      const rings = (await fetchAll(provider, http, 'ring_configuration', { start: '', end: '' })).flatMap((page) => page.records);
      expect(rings.map((record) => record.id).sort()).toEqual(
        simulator.control.oura.documents('ring_configuration').map((document) => String(document.id)).sort(),
      );
    });
  });
}

describe('Oura heart rate from the simulator', () => {
  let simulator: StartedSimulator;
  let provider: Provider;
  let http: AuthorizedHttp;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 5, days: 90, now: () => NOW, heartRatePageSize: 2000, personalAccessTokens: [TOKEN] });
    provider = createOuraProvider(simulator.oura);
    http = createAuthorizedHttp({ provider: 'oura', tokens: personalToken(TOKEN) });
  });
  afterAll(() => simulator.close());

  it('a 45-day window is fetched in ≤ 30-day requests, paged, each sample once, none outside [start, end)', async () => {
    const window = { start: '2025-04-01T00:00:00Z', end: '2025-05-16T00:00:00Z' };
    simulator.control.clearRequests();
    const pages = await fetchAll(provider, http, 'heartrate', window);
    const samples = pages.flatMap((page) => page.samples);
    const [startMs, endMs] = [Date.parse(window.start), Date.parse(window.end)];

    const truth = simulator.person.heartRate(startMs, endMs).filter((sample) => sample.ms >= startMs && sample.ms < endMs);
    expect(samples.map((sample) => sample.ts)).toEqual(truth.map((sample) => sample.ms));
    expect(samples.every((sample) => sample.series === 'heart_rate' && typeof sample.source === 'string')).toBe(true);

    const requests = simulator.control.requests('/oura/v2/usercollection/heartrate');
    expect(requests.every((request) => request.status === 200)).toBe(true);
    const chunks = new Set(requests.filter((request) => request.query.start_datetime).map((request) => `${request.query.start_datetime}/${request.query.end_datetime}`));
    expect(chunks.size).toBe(2);
    for (const chunk of chunks) {
      const [from, to] = chunk.split('/').map((value) => Date.parse(value!));
      expect(to! - from!).toBeLessThanOrEqual(30 * 86_400_000);
    }
    expect(requests.length).toBeGreaterThan(chunks.size);
  });
});
