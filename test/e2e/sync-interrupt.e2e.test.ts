/**
 * Ctrl-C during `wearables-mcp sync`: the run stops after the request in flight, keeps what it
 * stored, releases its lock and exits 130; the next sync continues to ok. Before, the process died
 * at once with its lock left behind and no audit row finished.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './cli-helpers.js';
import { startThreeProviderHome, type ThreeProviderHome } from './support/three-providers.js';

const TOKEN = 'sync-interrupt-e2e-token-41b7a2';

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('an interrupted CLI sync', () => {
  let world: ThreeProviderHome;

  beforeAll(async () => {
    world = await startThreeProviderHome({ seed: 12, token: TOKEN });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('stops on SIGINT, releases its lock, exits 130, and the next sync finishes', async () => {
    world.simulator.control.delay(200, { pathPrefix: '/oura', count: 100_000 });
    const sync = startCli(['sync', 'oura', '--full', '--json'], world.env);
    const lockPath = join(world.home, 'sync-oura.lock');
    try {
      await waitFor(() => existsSync(lockPath), 20_000, 'the sync to hold its lock');
      await new Promise((resolve) => setTimeout(resolve, 800));
      sync.kill('SIGINT');
      const result = await sync.done;
      expect(result.code, result.stderr).toBe(130);
      expect(result.stderr).toContain('Stopping after the current request (SIGINT)');
      const report = JSON.parse(result.stdout) as { ok: boolean; results: Array<{ provider: string; status: string; error?: { code: string; hint?: string } }> };
      expect(report.ok).toBe(false);
      expect(report.results[0]?.error?.hint).toContain('wearables-mcp sync');
      expect(existsSync(lockPath), 'the interrupted sync released its lock').toBe(false);
    } finally {
      world.simulator.control.clearFaults();
      sync.kill('SIGKILL');
    }
    const next = await runCli(['sync', 'oura', '--full', '--json'], world.env, { timeoutMs: 90_000 });
    expect(next.code, next.stderr).toBe(0);
    expect(world.leftoverLocks()).toEqual([]);
  }, 120_000);
});
