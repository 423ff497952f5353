/**
 * The cross-device join over a real SQLite store: where two devices measure the same night both
 * values are kept and the documented precedence picks the headline; naps are not the night; every
 * declared mapping names a catalog metric in the catalog's unit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDailyView } from '../../src/analysis/daily-view.js';
import { SOURCE_MAPPINGS } from '../../src/analysis/mappings/index.js';
import { metricInfo } from '../../src/analysis/metric-catalog.js';
import type { ProviderId } from '../../src/core/types.js';
import type { StorableRecord } from '../../src/store/store.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';

const DAY = '2025-03-04';

/** The stage fields every sleep period carries, as a normalizer writes them (null: not measured). */
const SLEEP_PERIOD = { total_sleep_seconds: null, light_sleep_seconds: null, deep_sleep_seconds: null, rem_sleep_seconds: null, awake_seconds: null };

function record(provider: ProviderId, resource: string, id: string, data: Record<string, unknown>, start: string | null = null): StorableRecord {
  // Like the normalizers: WHOOP sends UTC instants and the offset beside them (-05:00 here).
  const fields = resource === 'sleep' ? { ...SLEEP_PERIOD, ...data } : data;
  return { provider, resource, id, day: DAY, start, end: null, tzOffset: start ? '-05:00' : null, updatedAt: null, data: fields, raw: {} };
}

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wearables-view-'));
  store = await openSqliteStore({ path: join(dir, 'cache.db') });
  await store.upsertRecords([
    record('oura', 'sleep', 'o-night', { total_sleep_seconds: 26_400, average_hrv_ms: 48, lowest_heart_rate_bpm: 55, efficiency_pct: 90 }, '2025-03-03T23:10:00.000-05:00'),
    record('oura', 'sleep', 'o-nap', { total_sleep_seconds: 1_800, average_hrv_ms: 70 }, '2025-03-04T14:00:00.000-05:00'),
    record('oura', 'daily_readiness', DAY, { score: 81, temperature_deviation_c: 0.1 }),
    record('whoop', 'sleep', 'w-night', { total_sleep_seconds: 25_980.5, nap: false, sleep_efficiency_pct: 88 }, '2025-03-04T04:12:00.000Z'),
    record('whoop', 'sleep', 'w-nap', { total_sleep_seconds: 30_000, nap: true }, '2025-03-04T18:00:00.000Z'),
    record('whoop', 'recovery', '9001', { recovery_score: 64, average_hrv_ms: 52.3, resting_heart_rate_bpm: 54 }),
    record('whoop', 'cycle', '9001', { strain: 11.2, calories: 2400 }),
  ]);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the cross-device day view', () => {
  it('keeps both devices’ values of the same night, headline by precedence (Oura before WHOOP)', async () => {
    const [day] = await loadDailyView(store, { startDay: DAY, endDay: DAY });
    const sleep = day?.metrics.total_sleep_seconds;
    expect(sleep?.headline).toMatchObject({ provider: 'oura', value: 26_400, id: 'o-night' });
    expect(sleep?.values.map((value) => [value.provider, value.value])).toEqual([['oura', 26_400], ['whoop', 25_980.5]]);
    expect(day?.metrics.average_hrv_ms?.values.map((value) => value.value)).toEqual([48, 52.3]);
    expect(day?.metrics.resting_heart_rate_bpm?.values.map((value) => value.provider)).toEqual(['oura', 'whoop']);
    // WHOOP alone measures recovery and strain: it is the headline there.
    expect(day?.metrics.recovery_score?.headline).toMatchObject({ provider: 'whoop', value: 64 });
    expect(day?.metrics.strain?.headline.value).toBe(11.2);
    expect(day?.metrics.readiness_score?.headline.value).toBe(81);
  });

  it('takes the night, not a nap, and reads the bedtime in the local time it was slept', async () => {
    const [day] = await loadDailyView(store, { startDay: DAY, endDay: DAY });
    expect(day?.metrics.average_hrv_ms?.headline.id).toBe('o-night');
    expect(day?.metrics.bedtime_hours?.values.map((value) => [value.provider, Math.round(value.value * 100) / 100])).toEqual([
      ['oura', -0.83],
      // 04:12Z at the record's -05:00 is 23:12 local.
      ['whoop', -0.8],
    ]);
  });

  it('declares only catalog metrics, in the catalog unit', () => {
    for (const mapping of SOURCE_MAPPINGS) {
      for (const field of mapping.fields) {
        const info = metricInfo(field.metric);
        expect(info, `${mapping.provider}/${mapping.resource} → ${field.metric}`).toBeDefined();
        expect(field.unit, `${mapping.provider}/${mapping.resource} → ${field.metric}`).toBe(info?.unit);
      }
    }
  });
});
