/**
 * A real SQLite store seeded with records produced by the real Oura normalizer from the recorded
 * Oura responses (../shared/specs/oura/samples, read when called), plus heart-rate samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NormalizedRecord, ProviderId, Sample } from '../../src/core/types.js';
import { createOuraProvider } from '../../src/providers/oura/index.js';
import { normalizeOuraDocument, normalizeOuraHeartRate } from '../../src/providers/oura/normalize.js';
import type { Provider } from '../../src/providers/provider.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { recorded } from '../providers/oura/fixtures.js';

/** Resource name → recorded fixture file. */
const FIXTURES: Record<string, string> = {
  sleep: 'sleep',
  daily_sleep: 'daily_sleep_invalid_arguments',
  sleep_time: 'sleep_time',
  daily_readiness: 'daily_readiness',
  daily_activity: 'daily_activity',
  daily_stress: 'daily_stress',
  daily_resilience: 'daily_resilience',
  daily_spo2: 'daily_sp02',
  daily_cardiovascular_age: 'daily_cardiovascular_age',
  vo2_max: 'vo2_max',
  workout: 'workout',
  session: 'session',
  enhanced_tag: 'enhanced_tag',
  rest_mode_period: 'rest_mode_period',
  ring_configuration: 'ring_configuration',
};

/** A personal_info document shaped like Oura's (the recorded one is redacted away). */
export const PERSONAL_INFO = { id: 'user-1', age: 35, weight: 72.5, height: 1.8, biological_sex: 'male', email: 'someone@example.com' };

/** Extra nights: the recorded sleep document re-dated (ids and days shifted), so exports page. */
export const EXTRA_NIGHTS = 6;

/** Noon UTC of 2024-11-11: heart-rate samples start here, one every minute. */
export const HR_START = Date.UTC(2024, 10, 11, 12, 0, 0);
export const HR_COUNT = 500;

export interface Seeded {
  dir: string;
  store: Store;
  providers: Map<ProviderId, Provider>;
  oura: Provider;
  cleanup(): Promise<void>;
}

/** Normalized records of every recorded Oura collection, plus the extra nights and the profile. */
export function ouraRecords(): NormalizedRecord[] {
  const records: NormalizedRecord[] = [];
  for (const [resource, file] of Object.entries(FIXTURES)) {
    for (const document of recorded(file).body_trimmed.data) records.push(normalizeOuraDocument(resource, document).record);
  }
  const night = recorded('sleep').body_trimmed.data[0] as Record<string, unknown>;
  for (let index = 1; index <= EXTRA_NIGHTS; index++) {
    const day = `2024-10-${String(10 + index).padStart(2, '0')}`;
    const shifted = {
      ...night,
      id: `extra-night-${index}`,
      day,
      bedtime_start: `${day}T01:01:59+02:00`,
      bedtime_end: `${day}T09:04:12+02:00`,
      total_sleep_duration: 23220 + index * 60,
    };
    records.push(normalizeOuraDocument('sleep', shifted).record);
  }
  records.push(normalizeOuraDocument('personal_info', PERSONAL_INFO).record);
  return records;
}

/** The recorded heart-rate rows plus `HR_COUNT` generated ones (60 + index % 40 bpm). */
export function heartRateSamples(): Sample[] {
  const recordedRows = normalizeOuraHeartRate(recorded('heart_rate').body_trimmed.data).samples;
  const rows = Array.from({ length: HR_COUNT }, (_, index) => ({
    bpm: 60 + (index % 40),
    source: index % 2 === 0 ? 'awake' : 'rest',
    timestamp: new Date(HR_START + index * 60_000).toISOString(),
  }));
  return [...recordedRows, ...normalizeOuraHeartRate(rows).samples];
}

/** Opens a store in a fresh temp dir and fills it. */
export async function seedStore(options: { empty?: boolean } = {}): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'wearables-export-'));
  const store = await openSqliteStore({ path: join(dir, 'cache.db') });
  if (!options.empty) {
    await store.upsertRecords(ouraRecords());
    await store.upsertSamples(heartRateSamples());
  }
  const oura = createOuraProvider({ apiBaseUrl: 'http://127.0.0.1:9', authBaseUrl: 'http://127.0.0.1:9' });
  return {
    dir,
    store,
    providers: new Map<ProviderId, Provider>([['oura', oura]]),
    oura,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
