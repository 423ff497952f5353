/** The provider-agnostic tools: auth status, sync with progress, the event feed, health check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, createTestApp, TEST_TOKEN, type Connected, type TestApp } from './support/harness.js';
import { seedOura } from './support/seed.js';
import { startStubOura, type StubOura } from './support/stub-oura.js';

interface EventRow {
  seq: number;
  source: string;
  resource: string;
  data?: unknown;
}

describe('core tools', () => {
  let stub: StubOura;
  let test: TestApp;
  let connected: Connected;

  beforeAll(async () => {
    stub = await startStubOura();
    test = await createTestApp({ apiBaseUrl: stub.url, connect: true });
    await seedOura(test.app, '2024-06-15', 10);
    connected = await connectClient(test.app);
  });
  afterAll(async () => {
    await connected.close();
    await test.close();
    await stub.close();
  });

  it('get_auth_status reports the connection without secrets', async () => {
    const result = await connected.client.callTool({ name: 'get_auth_status', arguments: {} });
    const providers = (result.structuredContent as { providers: Array<Record<string, unknown>> }).providers;
    // Every registered provider is listed; only Oura is connected here.
    expect(providers.filter((provider) => provider.connected)).toEqual([
      expect.objectContaining({ provider: 'oura', connected: true, kind: 'personal', refreshable: false }),
    ]);
    expect(JSON.stringify(result)).not.toContain(TEST_TOKEN);
  });

  it('sync sends progress notifications to a client that asked, and returns per-resource counts', async () => {
    // Resources with nothing seeded: the stub's empty answers delete nothing other tests read.
    const progress: Array<{ progress: number; message?: string }> = [];
    const result = await connected.client.callTool(
      { name: 'sync', arguments: { provider: 'oura', resources: ['sleep_time', 'rest_mode_period'], since: '2024-06-10' } },
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const [run] = (result.structuredContent as { results: Array<{ provider: string; status: string; counts: Record<string, unknown>; error: unknown }> }).results;
    expect(run).toMatchObject({ provider: 'oura', status: 'ok', error: null });
    expect(Object.keys(run!.counts).sort()).toEqual(['rest_mode_period', 'sleep_time']);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((update) => update.progress)).toEqual([...progress.map((update) => update.progress)].sort((a, b) => a - b));
    expect(progress.some((update) => update.message?.startsWith('oura/sleep_time'))).toBe(true);
    expect(stub.requests.some((url) => url.startsWith('/v2/usercollection/sleep_time'))).toBe(true);
  });

  it('get_events pages through the feed with next_cursor, without gaps or repeats, until has_more is false', async () => {
    const resources = ['daily_sleep', 'sleep', 'daily_readiness'];
    const seen: number[] = [];
    let since: string | null | undefined;
    let pages = 0;
    let hasMore: boolean;
    do {
      const result = await connected.client.callTool({ name: 'get_events', arguments: { limit: 10, resources, ...(since ? { since } : {}) } });
      const structured = result.structuredContent as { events: EventRow[]; next_cursor: string | null; has_more: boolean };
      for (const event of structured.events) {
        expect(event.source).toBe('oura');
        expect(resources).toContain(event.resource);
      }
      seen.push(...structured.events.map((event) => event.seq));
      since = structured.next_cursor;
      hasMore = structured.has_more;
      pages += 1;
    } while (hasMore && since && pages < 20);
    // Seeded: 10 daily_sleep + 10 long sleeps + 5 naps + 10 daily_readiness, one `created` event each.
    expect(seen).toHaveLength(35);
    expect(new Set(seen).size).toBe(35);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(pages).toBe(4);
    // Up to date, yet the cursor is kept: polling with it later returns only newer changes.
    expect(since).toBeTruthy();
    const again = await connected.client.callTool({ name: 'get_events', arguments: { resources, since } });
    expect((again.structuredContent as { events: EventRow[]; has_more: boolean }).events).toHaveLength(0);
  });

  it('get_events shrinks a page to fit and its cursor continues right after the last event shown', async () => {
    const first = await connected.client.callTool({ name: 'get_events', arguments: { limit: 200, include_data: true } });
    const page = first.structuredContent as { events: EventRow[]; next_cursor: string };
    expect(page.events.length).toBeLessThan(200);
    expect(Buffer.byteLength((first.content[0] as { text: string }).text)).toBeLessThanOrEqual(6_000);
    expect(page.events[0]?.data).toBeTruthy();
    const next = await connected.client.callTool({ name: 'get_events', arguments: { limit: 1, since: page.next_cursor } });
    expect((next.structuredContent as { events: EventRow[] }).events[0]?.seq).toBe(page.events.at(-1)!.seq + 1);
  });

  it('get_events rejects a bad cursor with VALIDATION_ERROR', async () => {
    const result = await connected.client.callTool({ name: 'get_events', arguments: { since: 'not a cursor!' } });
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/^VALIDATION_ERROR: .*Next: /);
  });

  it('health_check is healthy, and a live probe reaches the provider', async () => {
    const before = stub.requests.length;
    const result = await connected.client.callTool({ name: 'health_check', arguments: { live: true } });
    expect(result.structuredContent).toMatchObject({
      status: 'healthy',
      cache: { readable: true, writable: true, schema_version: expect.any(Number) },
    });
    const providers = (result.structuredContent as { providers: Array<Record<string, unknown>> }).providers;
    expect(providers.filter((provider) => provider.connected)).toEqual([
      expect.objectContaining({ provider: 'oura', connected: true, live: 'ok', problem: null }),
    ]);
    expect(stub.requests.slice(before).some((url) => url.includes('personal_info'))).toBe(true);
  });

  it('health_check reports a failing live probe as degraded with the reason', async () => {
    stub.mode = 'rate-limited';
    try {
      const result = await connected.client.callTool({ name: 'health_check', arguments: { live: true } });
      expect(result.isError).toBeFalsy();
      const structured = result.structuredContent as { status: string; providers: Array<{ live: string; problem: string }> };
      expect(structured.status).toBe('degraded');
      expect(structured.providers[0]).toMatchObject({ live: 'failed', problem: expect.stringContaining('RATE_LIMITED') });
    } finally {
      stub.mode = 'empty';
    }
  });
});
