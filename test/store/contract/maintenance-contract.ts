/** Contract: sync run audit, purge, stats and probes. */
import { describe, expect, it } from 'vitest';
import { days, heartRate, sleepRecord } from '../store-fixtures.js';
import { expectWearablesError, storeFactory, type StoreDriver } from './harness.js';

const T0 = Date.parse('2024-05-01T00:00:00Z');

export function maintenanceContract(driver: StoreDriver): void {
  const fresh = storeFactory(driver);

  describe('sync runs', () => {
    it('records a run from start to finish and lists newest first, per provider', async () => {
      const { store, clock } = await fresh();
      const first = await store.startSyncRun({ provider: 'oura', resources: ['daily_sleep', 'heart_rate'], mode: 'incremental' });
      clock.advance(5_000);
      const counts = { daily_sleep: { fetched: 3, created: 2, updated: 1, unchanged: 0, deleted: 0 } };
      await store.finishSyncRun(first, { status: 'partial', counts, error: 'RATE_LIMITED: retry after 40 s' });
      const second = await store.startSyncRun({ provider: 'whoop', resources: ['cycle'], mode: 'full' });
      const runs = await store.listSyncRuns();
      expect(runs.map((run) => run.id)).toEqual([second, first]);
      expect(runs[1]).toEqual({
        id: first,
        provider: 'oura',
        resources: ['daily_sleep', 'heart_rate'],
        mode: 'incremental',
        startedAt: '2024-05-01T08:00:00.000Z',
        finishedAt: '2024-05-01T08:00:05.000Z',
        status: 'partial',
        counts,
        error: 'RATE_LIMITED: retry after 40 s',
      });
      expect(runs[0]?.status).toBe('running');
      expect((await store.listSyncRuns({ provider: 'oura' })).map((run) => run.id)).toEqual([first]);
      expect(await store.listSyncRuns({ limit: 1 })).toHaveLength(1);
      await expectWearablesError(store.finishSyncRun(9_999, { status: 'ok', counts: {}, error: null }), 'NOT_FOUND');
    });
  });

  describe('purgeProvider', () => {
    it("removes every record, sample, event, cursor and coverage row of one provider and nothing of another's", async () => {
      const { store, neighbour } = await fresh();
      for (const provider of ['oura', 'whoop'] as const) {
        await store.upsertRecords(days('2024-05-01', 3).map((day) => sleepRecord(day, { provider })));
        await store.upsertSamples(heartRate(T0, 10, 300_000, provider));
        await store.setCursor(provider, 'daily_sleep', '2024-05-04');
        await store.markCovered(provider, 'daily_sleep', { start: '2024-05-01', end: '2024-05-04' }, '2024-05-04T00:00:00Z');
      }
      await store.purgeProvider('oura');
      const window = { start: '2024-05-01', end: '2024-05-04' };
      expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(0);
      expect(await store.countSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 86_400_000 })).toBe(0);
      expect(await store.getCursor('oura', 'daily_sleep')).toBeNull();
      expect(await store.missingWindows('oura', 'daily_sleep', window)).toEqual([window]);
      expect((await store.listEvents({ providers: ['oura'] })).events).toEqual([]);
      expect(await store.countRecords({ provider: 'whoop', resource: 'daily_sleep' })).toBe(3);
      expect(await store.countSamples({ provider: 'whoop', series: 'heart_rate', start: T0, end: T0 + 86_400_000 })).toBe(10);
      expect(await store.getCursor('whoop', 'daily_sleep')).toBe('2024-05-04');
      expect((await store.listEvents({})).events).toHaveLength(3);
      // Another account's data of the purged provider is untouched.
      expect(await neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(7);
      expect(await neighbour.getCursor('oura', 'daily_sleep')).toBe('neighbour-cursor');
      expect(await neighbour.countSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 86_400_000 })).toBe(24);
      // The store keeps working for the purged provider.
      await store.upsertSamples(heartRate(T0, 2));
      expect(await store.countSamples({ provider: 'oura', series: 'heart_rate', start: T0, end: T0 + 86_400_000 })).toBe(2);
    });
  });

  describe('stats and probe', () => {
    it('reports per-resource counts and day ranges and per-series counts', async () => {
      const { store } = await fresh();
      await store.upsertRecords(days('2024-04-28', 5).map((day) => sleepRecord(day)));
      await store.upsertRecords([sleepRecord('2024-05-10', { resource: 'workout', id: 'w1' })]);
      await store.upsertSamples(heartRate(T0, 7));
      const stats = await store.stats();
      expect(stats.schemaVersion).toBe(await store.schemaVersion());
      expect(stats.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(stats.records).toEqual([
        { provider: 'oura', resource: 'daily_sleep', count: 5, firstDay: '2024-04-28', lastDay: '2024-05-02' },
        { provider: 'oura', resource: 'workout', count: 1, firstDay: '2024-05-10', lastDay: '2024-05-10' },
      ]);
      expect(stats.samples).toEqual([{ provider: 'oura', series: 'heart_rate', count: 7, first: T0, last: T0 + 6 * 300_000 }]);
    });

    it('probes as readable and writable while open, and as neither once the database is closed', async () => {
      const { store, db, neighbour } = await fresh();
      expect(await store.probe()).toEqual({ readable: true, writable: true });
      // Closing an account's view leaves the shared database open for the others.
      await store.close();
      expect(await neighbour.probe()).toEqual({ readable: true, writable: true });
      expect(await neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(7);
      await db.close();
      expect(await neighbour.probe()).toEqual({ readable: false, writable: false });
      await expectWearablesError(neighbour.countRecords({ provider: 'oura', resource: 'daily_sleep' }), 'CACHE_ERROR');
    });

    it('migrate is idempotent', async () => {
      const { store } = await fresh();
      const version = await store.schemaVersion();
      await store.migrate();
      expect(await store.schemaVersion()).toBe(version);
    });
  });
}
