/**
 * Two processes sharing one cache (a CLI sync while another runs, as a scheduler and a CLI would):
 * their runs of the same provider never overlap, both succeed, and the cache ends up exactly once.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { assertBuilt, runCli } from './cli-helpers.js';

const TOKEN = 'concurrent-sync-token-93b1';

describe('concurrent syncs from two processes', () => {
  let simulator: StartedSimulator;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    simulator = await startSimulator({ seed: 5, port: 0, personalAccessTokens: [TOKEN], days: 60 });
    home = mkdtempSync(join(tmpdir(), 'wearables-concurrent-'));
    env = {
      WEARABLES_MCP_HOME: home,
      OURA_API_BASE_URL: simulator.oura.apiBaseUrl,
      OURA_AUTH_BASE_URL: simulator.oura.authBaseUrl,
      WEARABLES_MCP_HISTORY_DAYS: '30',
      LOG_FILE: '',
    };
    expect((await runCli(['connect', 'oura', '--token', TOKEN, '--json'], env)).code).toBe(0);
  });

  afterAll(async () => {
    await simulator?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('serialises the runs of one provider across processes', async () => {
    // Slow every response a little so the two runs would overlap without the lock.
    simulator.control.delay(40, { count: 10_000 });
    const [first, second] = await Promise.all([runCli(['sync', 'oura', '--json'], env, { timeoutMs: 120_000 }), runCli(['sync', 'oura', '--json'], env, { timeoutMs: 120_000 })]);
    simulator.control.clearFaults();
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);

    const store = await openSqliteStore({ path: join(home, 'wearables.db') });
    try {
      const runs = (await store.listSyncRuns({ provider: 'oura', limit: 10 })).filter((run) => run.mode === 'incremental');
      expect(runs).toHaveLength(2);
      const [later, earlier] = runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      expect(earlier?.finishedAt).toBeTruthy();
      expect(later!.startedAt >= earlier!.finishedAt!).toBe(true);
      // The second run found the first one's data: nothing new, nothing deleted.
      const counts = Object.values(later!.counts);
      expect(counts.reduce((sum, count) => sum + count.created + count.deleted, 0)).toBe(0);
      expect(await store.countRecords({ provider: 'oura', resource: 'daily_sleep' })).toBe(earlier!.counts.daily_sleep?.created);
    } finally {
      await store.close();
    }
    expect(readdirSync(home).filter((name) => name.startsWith('sync-'))).toEqual([]);
  });
});
