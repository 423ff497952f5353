/**
 * The bounded change feed as the app runs it: the retention setting, compaction at most once a day
 * per process on a real SQLite home, and the scheduler running it after a sync (a failure there
 * never fails the sync).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import { createAppContext } from '../../src/app/create-app-context.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createSyncScheduler } from '../../src/scheduler/sync-scheduler.js';
import { LOCAL_ACCOUNT_ID } from '../../src/store/database.js';
import { days, sleepRecord, testClock, type TestClock } from '../store/store-fixtures.js';

const DAY = 86_400_000;
const flags = { logFile: null, logLevel: 'silent' as const };

describe('event retention setting', () => {
  it('defaults to 90 days, reads WEARABLES_MCP_EVENT_RETENTION_DAYS and refuses values outside 1..3650', () => {
    const home = { home: '/nonexistent-home', ...flags };
    expect(loadConfig({ env: {}, flags: home }).eventRetentionDays).toBe(90);
    expect(loadConfig({ env: { WEARABLES_MCP_EVENT_RETENTION_DAYS: '30' }, flags: home }).eventRetentionDays).toBe(30);
    for (const bad of ['0', '3651', '1.5', 'forever']) {
      expect(() => loadConfig({ env: { WEARABLES_MCP_EVENT_RETENTION_DAYS: bad }, flags: home })).toThrow(/eventRetentionDays/);
    }
  });
});

describe('feed compaction in the app', () => {
  let dir: string;
  let app: AppContext;
  let clock: TestClock;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wearables-feed-compaction-'));
    clock = testClock('2024-05-01T08:00:00.000Z');
    const config = loadConfig({ env: { WEARABLES_MCP_EVENT_RETENTION_DAYS: '30', WEARABLES_MCP_ENCRYPTION_KEY: 'c'.repeat(64) }, flags: { home: dir, ...flags } });
    app = await createAppContext(config, { logger: silentLogger(), now: clock.now });
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the local account and compacts at most once a day, keeping what is newer than the retention', async () => {
    expect(app.accountId).toBe(LOCAL_ACCOUNT_ID);
    expect(app.store.accountId).toBe(LOCAL_ACCOUNT_ID);
    expect((await app.database.accounts.list()).map((account) => account.id)).toEqual([LOCAL_ACCOUNT_ID]);
    await app.store.upsertRecords(days('2024-05-01', 4).map((day) => sleepRecord(day)));
    const start = (await app.store.listEvents({ limit: 1 })).nextCursor ?? undefined;
    clock.advance(10 * DAY + 5 * 3_600_000);
    await app.store.upsertRecords([sleepRecord('2024-05-11')]);
    const lateAt = clock.now().toISOString();
    clock.advance(30 * DAY - 5 * 3_600_000);

    // 40 days on: the first four events are older than 30 days, the fifth (29.8 days) is kept.
    expect(await app.compactFeedIfDue()).toEqual({ removed: 4 });
    const page = await app.store.listEvents({ since: start });
    expect(page.gap).toEqual({ oldestRetainedAt: lateAt });
    expect(page.events.map((event) => event.id)).toEqual(['ds-2024-05-11']);

    // Half a day later the fifth is due, but this process compacted less than a day ago.
    clock.advance(12 * 3_600_000);
    expect(await app.compactFeedIfDue()).toBeNull();
    expect((await app.store.listEvents({})).events).toHaveLength(1);
    clock.advance(12 * 3_600_000);
    expect(await app.compactFeedIfDue()).toEqual({ removed: 1 });
    expect(await app.compactFeedIfDue()).toBeNull();
    // Only the history went; the records stay.
    expect(await app.store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(5);
  });

  it('runs after a scheduled sync, and a failing compaction never fails the sync', async () => {
    await app.store.upsertRecords(days('2024-05-01', 3).map((day) => sleepRecord(day)));
    clock.advance(100 * DAY);
    const scheduler = createSyncScheduler({ sync: app.sync, logger: silentLogger(), intervalMs: 0, jitterMs: 0, afterRun: () => app.compactFeedIfDue() });
    const report = await scheduler.runNow();
    expect(report?.results).toEqual([]);
    expect((await app.store.listEvents({})).events).toEqual([]);

    let calls = 0;
    const failing = createSyncScheduler({
      sync: app.sync,
      logger: silentLogger(),
      intervalMs: 0,
      jitterMs: 0,
      afterRun: () => {
        calls++;
        return Promise.reject(new Error('disk full'));
      },
    });
    expect((await failing.runNow())?.results).toEqual([]);
    expect(calls).toBe(1);
    expect(failing.state().last_run?.statuses).toEqual({});
  });
});
