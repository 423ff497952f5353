/**
 * The model is told when its change feed cursor is older than what the retention kept: get_events
 * and the events resource answer with `gap` and what to do, and the events start at the oldest
 * one kept. Events written 100 days before the app's clock (by another handle on the same cache
 * file, as an earlier sync would have) are compacted by the app's database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { sleepRecord } from '../store/store-fixtures.js';
import { connectClient, createTestApp, TEST_NOW, type Connected, type TestApp } from './support/harness.js';

interface FeedAnswer {
  events: Array<{ id: string; change: string; data?: Record<string, unknown> | null }>;
  next_cursor: string | null;
  gap?: { oldest_retained_at: string | null; note: string };
}

describe('change feed gap', () => {
  let test: TestApp;
  let connected: Connected;
  let oldCursor: string;

  beforeAll(async () => {
    test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9' });
    const earlier = await openSqliteStore({ path: test.app.config.dbPath, now: () => new Date(TEST_NOW.getTime() - 100 * 86_400_000) });
    oldCursor = (await earlier.listEvents({})).nextCursor ?? '';
    await earlier.upsertRecords([sleepRecord('2024-03-01'), sleepRecord('2024-03-02')]);
    await earlier.close();
    await test.app.store.upsertRecords([sleepRecord('2024-06-14')]);
    expect(await test.app.database.compactEvents({ retentionDays: 90 })).toEqual({ removed: 2 });
    connected = await connectClient(test.app);
  });
  afterAll(async () => {
    await connected?.close();
    await test?.close();
  });

  it('get_events says that older changes were dropped and starts at the oldest kept', async () => {
    const result = await connected.client.callTool({ name: 'get_events', arguments: { since: oldCursor, include_data: true } });
    const answer = result.structuredContent as FeedAnswer;
    expect(answer.events.map((event) => [event.id, event.change])).toEqual([['ds-2024-06-14', 'created']]);
    expect(answer.events[0]?.data).toEqual(sleepRecord('2024-06-14').data);
    expect(answer.gap?.oldest_retained_at).toBe(TEST_NOW.toISOString());
    expect(answer.gap?.note).toMatch(/retention/);
    expect(answer.gap?.note).toMatch(/Re-read the records/);
    // A cursor the poller kept after the first page is exact again: no gap.
    const next = (await connected.client.callTool({ name: 'get_events', arguments: { since: answer.next_cursor } })).structuredContent as FeedAnswer;
    expect(next.events).toEqual([]);
    expect(next.gap).toBeUndefined();
  });

  it('the events resource carries the same gap; reading from the start claims none', async () => {
    const read = async (since: string) => JSON.parse(((await connected.client.readResource({ uri: `wearables://events/${since}` })).contents[0] as { text: string }).text) as FeedAnswer;
    const behind = await read(oldCursor);
    expect(behind.gap?.oldest_retained_at).toBe(TEST_NOW.toISOString());
    expect(behind.events.map((event) => event.id)).toEqual(['ds-2024-06-14']);
    const fromStart = await read('start');
    expect(fromStart.gap).toBeUndefined();
    expect(fromStart.events).toHaveLength(1);
  });
});
