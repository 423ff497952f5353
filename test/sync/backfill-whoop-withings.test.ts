/**
 * `sync --full` of WHOOP and Withings over real HTTP against the simulator (200 and 120 days of
 * history, engine window 30 days): each stores the whole history from the account's first day,
 * found in a few requests (WHOOP: a bisection over cycle starts; Withings: the devices' first
 * sessions), never by listing the empty years before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuthorizedHttp } from '../../src/core/http.js';
import { createWithingsProvider } from '../../src/providers/withings/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { createSyncService } from '../../src/sync/engine.js';
import { startWhoopScenario, storedIds, truthIds } from '../providers/whoop/support/whoop-scenario.js';
import { collectingLogger } from './support/engine-harness.js';

const NOW = '2025-06-15T12:00:00.000Z';
const DAY_MS = 86_400_000;

describe('WHOOP full sync', () => {
  it('finds the first cycle in about a dozen limit=1 requests and stores every record of 200 days', async () => {
    const s = await startWhoopScenario({ historyDays: 30 });
    try {
      const report = await s.sync.sync({ full: true });
      const result = report.results[0];
      expect(result?.status, result?.error?.message).toBe('ok');
      const cycles = s.sim.control.whoop.records('cycle');
      const firstStart = Math.min(...cycles.map((cycle) => Date.parse(String(cycle.start))));
      expect(firstStart).toBeLessThan(Date.parse(NOW) - 190 * DAY_MS);
      for (const collection of ['cycle', 'recovery', 'sleep', 'workout'] as const) {
        expect(await storedIds(s, collection, 0, Date.parse(NOW) + DAY_MS), collection).toEqual(truthIds(s, collection, 0, Date.parse(NOW) + DAY_MS));
      }
      const probes = s.sim.control.requests('/whoop/developer/v2/cycle').filter((entry) => entry.query.limit === '1');
      expect(probes.length).toBeGreaterThan(3);
      expect(probes.length).toBeLessThanOrEqual(14);
      const announced = /from (\d{4}-\d{2}-\d{2})/.exec(result?.notices?.join(' ') ?? '')?.[1] ?? '';
      expect(announced).toBe(new Date(firstStart - DAY_MS).toISOString().slice(0, 10));
      // Listing requests (limit 25) start at the history start, not at 2015.
      const lists = s.sim.control.requests('/whoop/developer/v2/').filter((entry) => entry.query.limit === '25');
      expect(Math.min(...lists.map((entry) => Date.parse(entry.query.start ?? '')))).toBeGreaterThan(firstStart - 3 * DAY_MS);
    } finally {
      await s.close();
    }
  });
});

describe('Withings full sync', () => {
  it('starts at the first device session and stores every measure group of 120 days', async () => {
    const token = 'withings-backfill-token';
    const sim = await startSimulator({ seed: 9, days: 120, now: () => new Date(NOW), personalAccessTokens: [token], withings: { rateLimitPerMinute: 100_000 } });
    const dir = mkdtempSync(join(tmpdir(), 'withings-backfill-'));
    const store = await openSqliteStore({ path: join(dir, 'cache.db') });
    try {
      const provider = createWithingsProvider({ ...sim.withings, requestsPerMinute: 100_000 });
      const http = createAuthorizedHttp({ provider: 'withings', tokens: { getAccessToken: async () => token, refreshAfterUnauthorized: async () => token }, retry: { maxRetries: 1, baseDelayMs: 1 } });
      const sync = createSyncService({ store, providers: new Map([['withings', provider]]), http: () => http, isConnected: async () => true, historyDays: 30, logger: collectingLogger().logger, now: () => sim.control.now() });
      const report = await sync.sync({ full: true });
      const result = report.results[0];
      expect(result?.status, result?.error?.message).toBe('ok');
      const first = sim.person.history()[0]?.day ?? '';
      expect(result?.notices?.join(' ')).toContain(`from ${new Date(Date.parse(`${first}T09:00:00Z`) - DAY_MS).toISOString().slice(0, 10)} (the first day of data the Withings account holds)`);
      const expected = sim.control.withings.documents('measures').map((group) => String(group.grpid)).sort();
      expect(expected.length).toBeGreaterThan(40);
      expect((await store.queryRecords({ provider: 'withings', resource: 'measures' })).map((record) => record.id).sort()).toEqual(expected);
      const activity = sim.control.withings.documents('activity').map((day) => String(day.date)).sort();
      expect((await store.queryRecords({ provider: 'withings', resource: 'activity' })).map((record) => record.day).sort()).toEqual(activity);
      const calls = sim.control.withings.calls();
      expect(calls.filter((call) => call.action === 'getdevice').length).toBeGreaterThanOrEqual(1);
      // No request reaches into the years before the account existed.
      const earliest = Math.min(...calls.map((call) => Number(call.params.startdate ?? Date.parse(`${call.params.startdateymd ?? '9999-01-01'}T00:00:00Z`) / 1000)));
      expect(earliest * 1000).toBeGreaterThanOrEqual(Date.parse(`${first}T00:00:00Z`) - 2 * DAY_MS);
    } finally {
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
