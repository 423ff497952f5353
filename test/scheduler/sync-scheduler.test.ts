/**
 * The background scheduler against the real sync engine, a SQLite file and the Oura simulator:
 * it runs on its interval plus jitter, never overlaps itself or another sync of the same
 * provider (audit rows never overlap in time), joins a run in progress, and on stop aborts a
 * running sync that keeps what it stored and resumes later.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app/create-app-context.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import { silentLogger } from '../../src/logging/logger.js';
import { createSyncScheduler, type SchedulerTimers } from '../../src/scheduler/sync-scheduler.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import type { SyncService } from '../../src/sync/sync-service.js';
import { TEST_NOW, TEST_TOKEN } from '../mcp/support/harness.js';

const waitFor = async (condition: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** Counts how many scheduler-issued syncs run at once. */
function counting(sync: SyncService) {
  const stats = { calls: 0, active: 0, maxActive: 0 };
  const wrapped: Pick<SyncService, 'sync'> = {
    async sync(options) {
      stats.calls++;
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      try {
        return await sync.sync(options);
      } finally {
        stats.active--;
      }
    },
  };
  return { stats, wrapped };
}

describe('sync scheduler', () => {
  let simulator: StartedSimulator;
  let app: AppContext;
  let dir: string;

  beforeEach(async () => {
    simulator = await startSimulator({ seed: 3, days: 30, futureDays: 1, now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
    dir = mkdtempSync(join(tmpdir(), 'wearables-scheduler-'));
    const config = loadConfig({
      env: { OURA_API_BASE_URL: simulator.oura.apiBaseUrl, OURA_AUTH_BASE_URL: simulator.oura.apiBaseUrl, WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64) },
      flags: { home: dir, logFile: null, logLevel: 'silent', historyDays: 20 },
    });
    // A clock that starts at the simulator's "now" and moves with real time, so audit rows carry real durations.
    const started = Date.now();
    app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(TEST_NOW.getTime() + (Date.now() - started)), sleep: async () => undefined });
    await app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
  });
  afterEach(async () => {
    await app?.close();
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs repeatedly and never lets two runs of a provider overlap, even with syncs started elsewhere', async () => {
    simulator.control.delay(3, { pathPrefix: '/oura/v2' });
    const { stats, wrapped } = counting(app.sync);
    const scheduler = createSyncScheduler({ sync: wrapped, logger: silentLogger(), intervalMs: 20, jitterMs: 15, initialDelayMs: 0 });
    scheduler.start();
    // A tool-triggered sync and a manual "run now" land while the scheduled run is going.
    await waitFor(() => scheduler.state().running);
    const fromTool = app.sync.sync({ providers: ['oura'] });
    const joined = [scheduler.runNow(), scheduler.runNow()];
    await Promise.all([fromTool, ...joined]);
    // Run 4 starting means run 3 finished (runs never overlap); stop() may abort run 4 while it
    // still waits for the lock, before it has an audit row.
    await waitFor(() => scheduler.state().runs >= 4);
    await scheduler.stop();

    expect(stats.maxActive).toBe(1);
    expect(scheduler.state().runs).toBeGreaterThanOrEqual(3);
    const runs = (await app.store.listSyncRuns({ provider: 'oura', limit: 100 })).filter((run) => run.finishedAt !== null);
    runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < runs.length; index++) {
      expect(runs[index]!.startedAt >= runs[index - 1]!.finishedAt!, `run ${runs[index]!.id} started before run ${runs[index - 1]!.id} finished`).toBe(true);
    }
  });

  it('waits the interval plus a bounded jitter between runs, and runNow joins a run in progress', async () => {
    const waits: number[] = [];
    const pending: Array<() => void> = [];
    const timers: SchedulerTimers = {
      setTimeout: (callback, ms) => {
        waits.push(ms);
        pending.push(callback);
        return pending.length;
      },
      clearTimeout: () => undefined,
    };
    const { stats, wrapped } = counting(app.sync);
    const randoms = [0, 0.999, 0.5];
    const scheduler = createSyncScheduler({ sync: wrapped, logger: silentLogger(), intervalMs: 7_200_000, jitterMs: 600_000, timers, random: () => randoms.shift() ?? 0.25 });
    scheduler.start();
    expect(waits).toEqual([0]);
    pending.shift()!();
    const first = scheduler.runNow();
    expect(scheduler.runNow()).toBe(first);
    await first;
    await waitFor(() => waits.length === 2);
    expect(stats.calls).toBe(1);
    expect(waits[1]).toBe(7_200_000 + Math.floor(0.999 * 600_001));
    expect(scheduler.state().next_run_at).not.toBeNull();
    expect(scheduler.state().last_run?.statuses.oura).toBe('ok');
    pending.shift()!();
    await waitFor(() => waits.length === 3);
    expect(waits[2]).toBeGreaterThanOrEqual(7_200_000);
    expect(waits[2]).toBeLessThanOrEqual(7_800_000);
    await scheduler.stop();
    expect(scheduler.state().next_run_at).toBeNull();
  });

  it('stop aborts a running sync; what was stored stays and the next sync resumes to ok', async () => {
    simulator.control.delay(40, { pathPrefix: '/oura/v2' });
    const scheduler = createSyncScheduler({ sync: app.sync, logger: silentLogger(), intervalMs: 60_000, jitterMs: 0, initialDelayMs: 0 });
    scheduler.start();
    await waitFor(() => simulator.control.requests('/oura/v2').length >= 4);
    await scheduler.stop();
    const [cancelled] = await app.store.listSyncRuns({ provider: 'oura', limit: 1 });
    expect(cancelled?.status).not.toBe('ok');
    expect(cancelled?.error).toMatch(/cancel/i);
    const cursors = await Promise.all(app.providers.get('oura')!.resources.map((spec) => app.store.getCursor('oura', spec.name)));
    expect(cursors.filter(Boolean).length).toBeGreaterThan(0);
    expect(cursors.filter(Boolean).length).toBeLessThan(cursors.length);

    simulator.control.clearFaults();
    const report = await app.sync.sync();
    expect(report.results[0]?.status).toBe('ok');
  });
});
