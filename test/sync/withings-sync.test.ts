/**
 * Withings through the real sync engine over real HTTP: a first sync stores the simulator's
 * documents; intraday series go back only their declared 14 days, one request per day; an edit
 * of a weigh-in older than the 7-day overlap is caught by the `lastupdate` change pass.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizedHttp } from '../../src/core/http.js';
import { createWithingsProvider } from '../../src/providers/withings/index.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { createSyncService } from '../../src/sync/engine.js';
import type { SyncService } from '../../src/sync/sync-service.js';
import { collectingLogger } from './support/engine-harness.js';

const TOKEN = 'withings-sync-token';
let sim: StartedSimulator;
let store: Store;
let sync: SyncService;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, days: 120, now: () => new Date('2025-06-15T12:00:00.000Z'), personalAccessTokens: [TOKEN], withings: { rateLimitPerMinute: 100_000 } });
  dir = mkdtempSync(join(tmpdir(), 'withings-sync-'));
  store = await openSqliteStore({ path: join(dir, 'cache.db') });
  const provider = createWithingsProvider({ ...sim.withings, requestsPerMinute: 100_000 });
  const http = createAuthorizedHttp({
    provider: 'withings',
    tokens: { getAccessToken: async () => TOKEN, refreshAfterUnauthorized: async () => TOKEN },
    retry: { maxRetries: 1, baseDelayMs: 1 },
  });
  sync = createSyncService({
    store,
    providers: new Map([['withings', provider]]),
    http: () => http,
    isConnected: async () => true,
    historyDays: 30,
    logger: collectingLogger().logger,
    now: () => sim.control.now(),
  });
});
afterAll(async () => {
  await store?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Withings sync', () => {
  it('a first sync stores the simulator documents; intraday goes back 14 days, one request per day', async () => {
    const report = await sync.sync();
    expect(report.results[0]).toMatchObject({ provider: 'withings', status: 'ok' });
    const since = Date.parse('2025-05-16T00:00:00Z') / 1000;
    const expected = sim.control.withings.documents('measures').filter((group) => Number(group.date) >= since).map((group) => String(group.grpid));
    const stored = (await store.queryRecords({ provider: 'withings', resource: 'measures' })).map((record) => record.id);
    expect(stored.sort()).toEqual(expected.sort());
    expect(await store.countRecords({ provider: 'withings', resource: 'sleep_summary' })).toBeGreaterThan(15);
    expect(await store.countRecords({ provider: 'withings', resource: 'goals' })).toBe(1);
    const intraday = sim.control.withings.calls().filter((call) => call.action === 'getintradayactivity' && call.params.data_fields === 'steps');
    expect(intraday.length).toBeGreaterThanOrEqual(14);
    expect(intraday.length).toBeLessThanOrEqual(17);
    for (const call of intraday) expect(Number(call.params.enddate) - Number(call.params.startdate)).toBeLessThanOrEqual(86_400);
    expect(await store.countSamples({ provider: 'withings', series: 'heart_rate', start: 0, end: Date.now() })).toBeGreaterThan(1000);
  });

  it('an edit older than the overlap is caught by the lastupdate pass of the next run', async () => {
    const old = sim.control.withings
      .documents('measures')
      .find((group) => Number(group.date) < Date.parse('2025-05-25T00:00:00Z') / 1000 && Number(group.date) > Date.parse('2025-05-18T00:00:00Z') / 1000 && (group.measures as Array<{ type: number }>).some((m) => m.type === 1));
    expect(old).toBeDefined();
    sim.control.advanceClock(3_600_000);
    expect(sim.control.withings.editMeasure(Number(old!.grpid), 66.6)).toBe(true);
    sim.control.withings.clearCalls();
    sim.control.advanceClock(3_600_000);

    const report = await sync.sync({ resources: ['measures'] });
    expect(report.results[0]?.status).toBe('ok');
    const record = await store.getRecord('withings', 'measures', String(old!.grpid));
    expect(record?.data.weight_kg).toBe(66.6);
    const calls = sim.control.withings.calls().filter((call) => call.action === 'getmeas');
    expect(calls.some((call) => call.params.lastupdate !== undefined)).toBe(true);
    // The windowed part only re-fetched the overlap (7 days), not the edited day.
    const windowed = calls.filter((call) => call.params.startdate !== undefined).map((call) => Number(call.params.startdate));
    expect(Math.min(...windowed)).toBeGreaterThan(Number(old!.date));
  });
});
