/**
 * The cross-process sync lock, through the built CLI as a user runs it over three providers:
 * syncs that outlast the lock's refresh interval keep the process alive, back-to-back syncs leave
 * no lock behind and do not wait for one, the lock of a `kill -9`ed sync is taken over at once,
 * and a sync waiting for another one says so (with the holder's pid) instead of sitting silent.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './cli-helpers.js';
import { startThreeProviderHome, THREE_PROVIDERS, type ThreeProviderHome } from './support/three-providers.js';

const TOKEN = 'sync-lock-e2e-token-6d21c0';

const waitFor = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

interface SyncJson {
  ok: boolean;
  results: Array<{ provider: string; status: string }>;
}

describe('the sync lock across processes', () => {
  let world: ThreeProviderHome;

  beforeAll(async () => {
    world = await startThreeProviderHome({ seed: 8, token: TOKEN });
  });

  afterAll(async () => {
    await world?.close();
  });

  it('five back-to-back three-provider syncs all succeed, leave no lock and a repeat takes seconds', async () => {
    const durations: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = Date.now();
      const result = await runCli(['sync', '--json'], world.env, { timeoutMs: 90_000 });
      durations.push(Date.now() - started);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as SyncJson;
      expect(report.results.map((entry) => [entry.provider, entry.status])).toEqual(THREE_PROVIDERS.map((provider) => [provider, 'ok']));
      expect(world.leftoverLocks(), `after sync ${run + 1}`).toEqual([]);
    }
    console.log(`five three-provider syncs: ${durations.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    // A left-behind lock made each repeat wait 20-31 s for it to go stale.
    for (const ms of durations.slice(1)) expect(ms).toBeLessThan(10_000);
  }, 240_000);

  it('a sync that outlasts the lock refresh interval (>10 s) stays alive and exits 0', async () => {
    // WHOOP and Withings finish at once and release their locks; Oura keeps going past 10 s.
    world.simulator.control.delay(500, { pathPrefix: '/oura', count: 100_000 });
    const started = Date.now();
    try {
      const result = await runCli(['sync', '--full', '--json'], world.env, { timeoutMs: 120_000 });
      const elapsed = Date.now() - started;
      console.log(`long three-provider sync: ${(elapsed / 1000).toFixed(1)} s, exit ${result.code}`);
      expect(result.stderr).not.toMatch(/updateTimeout|ECOMPROMISED/);
      expect(result.code, result.stderr).toBe(0);
      expect(elapsed).toBeGreaterThan(11_000);
      expect((JSON.parse(result.stdout) as SyncJson).ok).toBe(true);
      expect(world.leftoverLocks()).toEqual([]);
    } finally {
      world.simulator.control.clearFaults();
    }
  }, 180_000);

  it('takes over the lock of a sync killed with -9 at once', async () => {
    world.simulator.control.delay(300, { pathPrefix: '/oura', count: 100_000 });
    const victim = startCli(['sync', 'oura', '--full', '--json'], world.env);
    const lockPath = join(world.home, 'sync-oura.lock');
    try {
      await waitFor(() => existsSync(lockPath), 20_000, 'the first sync to hold the lock');
      // Let it refresh the lock and fetch a little before it dies.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      victim.kill('SIGKILL');
      await victim.done;
    } finally {
      world.simulator.control.clearFaults();
    }
    expect(existsSync(lockPath), 'the killed sync left its lock behind').toBe(true);
    const started = Date.now();
    const next = await runCli(['sync', 'oura', '--json'], world.env, { timeoutMs: 90_000 });
    const elapsed = Date.now() - started;
    console.log(`sync after kill -9 of the lock holder: ${(elapsed / 1000).toFixed(1)} s`);
    expect(next.code, next.stderr).toBe(0);
    // The stale-by-mtime fallback alone would make it wait about 30 s.
    expect(elapsed).toBeLessThan(10_000);
    expect(world.leftoverLocks()).toEqual([]);
  }, 120_000);

  it('says on the terminal that it waits for another sync of the provider, with its pid', async () => {
    world.simulator.control.delay(150, { pathPrefix: '/oura', count: 100_000 });
    const first = startCli(['sync', 'oura', '--full'], world.env);
    try {
      await waitFor(() => existsSync(join(world.home, 'sync-oura.lock')), 20_000, 'the first sync to hold the lock');
      const second = await runCli(['sync', 'oura'], world.env, { timeoutMs: 120_000 });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain(`waiting for another sync of oura (pid ${first.pid})`);
      expect((await first.done).code).toBe(0);
    } finally {
      world.simulator.control.clearFaults();
      first.kill('SIGKILL');
    }
    expect(world.leftoverLocks()).toEqual([]);
  }, 180_000);

  it('a sync whose lock is taken from it stops that provider cleanly with its reason, keeping what it stored', async () => {
    world.simulator.control.delay(400, { pathPrefix: '/oura', count: 100_000 });
    const victim = startCli(['sync', 'oura', '--full', '--json'], world.env);
    const lockPath = join(world.home, 'sync-oura.lock');
    const foreign = JSON.stringify({ pid: 1, host: 'another-host', token: 'foreign-token', acquiredAt: new Date().toISOString() });
    let result;
    try {
      await waitFor(() => existsSync(lockPath), 20_000, 'the sync to hold the lock');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // What a second host on a shared directory would do after deeming the lock stale.
      writeFileSync(lockPath, foreign);
      result = await victim.done;
    } finally {
      world.simulator.control.clearFaults();
    }
    expect(result.stderr).not.toMatch(/updateTimeout|ECOMPROMISED|at .*\.js:\d+/);
    const report = JSON.parse(result.stdout) as { results: Array<{ status: string; counts: Record<string, { fetched: number }>; error?: { code: string; message: string } }> };
    const oura = report.results[0]!;
    // Fetched and stored before the lock was lost (a --full run re-proves what earlier tests stored).
    expect(Object.values(oura.counts).reduce((sum, counts) => sum + counts.fetched, 0)).toBeGreaterThan(0);
    expect(['partial', 'failed']).toContain(oura.status);
    expect(oura.error?.code).toBe('SYNC_ERROR');
    expect(oura.error?.message).toContain('Lost the sync lock of oura');
    expect(result.code).not.toBe(0);
    // The other holder's lock is left to it.
    expect(readFileSync(lockPath, 'utf8')).toBe(foreign);
    rmSync(lockPath);
    const next = await runCli(['sync', 'oura', '--json'], world.env, { timeoutMs: 90_000 });
    expect(next.code, next.stderr).toBe(0);
    expect(world.leftoverLocks()).toEqual([]);
  }, 120_000);
});
