/**
 * Graceful shutdown of `serve --http`: a tool call in flight when shutdown starts still gets its
 * answer, a running scheduled sync is aborted and checkpointed, and new connections are refused.
 */
import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN, connectStreamable, rawRequest, startHttpHarness } from './support/http-harness.js';

describe('graceful shutdown', () => {
  it('lets an in-flight tool call finish, checkpoints the running sync, then refuses new connections', async () => {
    const harness = await startHttpHarness({ SHUTDOWN_GRACE_SECONDS: '5' });
    try {
      const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
      // Upstream answers slowly enough that both the tool call and the scheduled sync are surely in
      // flight when shutdown starts, even on a loaded machine (a fixed 60 ms wait raced there).
      harness.simulator.control.delay(800, { pathPrefix: '/oura/v2' });
      // The scheduled sync first, until its run is recorded as running (the sync engine loads on
      // first use, so which of the two takes the provider's lock first is otherwise a race), then
      // the tool call, which is in flight (waiting for the lock, then the slow upstream) when
      // shutdown starts.
      const scheduled = harness.server.scheduler.runNow();
      const deadline = Date.now() + 10_000;
      const running = async () => (await harness.test.app.store.listSyncRuns({ provider: 'oura', limit: 5 })).some((run) => run.mode === 'incremental' && run.status === 'running');
      while (!(await running()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(harness.server.scheduler.state().running).toBe(true);
      expect(await running()).toBe(true);
      const call = client.callTool({ name: 'get_oura_readiness_score', arguments: { start_date: '2024-06-01', end_date: '2024-06-07' } });
      await new Promise((resolve) => setTimeout(resolve, 300));

      await harness.server.close();
      const result = await call;
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect((result.structuredContent as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
      await scheduled;
      const runs = await harness.test.app.store.listSyncRuns({ provider: 'oura', limit: 10 });
      const incremental = runs.find((run) => run.mode === 'incremental');
      expect(incremental?.status).not.toBe('running');
      expect(incremental?.error ?? '').toMatch(/cancel/i);
      await expect(rawRequest(harness.server.url, { path: '/health' })).rejects.toThrow();
      await client.close().catch(() => undefined);
    } finally {
      await harness.close();
    }
  });
});
