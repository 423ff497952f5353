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
      const call = client.callTool({ name: 'get_oura_readiness_score', arguments: { start_date: '2024-06-01', end_date: '2024-06-07' } });
      const scheduled = harness.server.scheduler.runNow();
      const deadline = Date.now() + 5_000;
      while (!harness.server.scheduler.state().running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(harness.server.scheduler.state().running).toBe(true);
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
