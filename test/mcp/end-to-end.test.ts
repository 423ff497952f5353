/**
 * End to end: a real client over the in-memory transport, the server, the real app context (SQLite,
 * token manager, sync engine, Oura provider) and the Oura simulator over HTTP on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { connectClient, createTestApp, TEST_NOW, TEST_TOKEN, type Connected, type TestApp } from './support/harness.js';
import { tableRows } from './support/table.js';

describe('end to end against the simulator', () => {
  let simulator: StartedSimulator;
  let test: TestApp;
  let connected: Connected;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 7, days: 40, futureDays: 2, now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
    test = await createTestApp({ apiBaseUrl: simulator.oura.apiBaseUrl });
    connected = await connectClient(test.app);
  });
  afterAll(async () => {
    await connected?.close();
    await test?.close();
    await simulator?.close();
  });

  it('connecting reveals the Oura tools; a first read syncs only its window, a second is served from the cache', async () => {
    const changed = new Promise<void>((resolve) => connected.client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    await test.app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
    await changed;
    expect((await connected.client.listTools()).tools.map((tool) => tool.name)).toContain('get_oura_sleep_summary');

    // Closed days only: the engine keeps the last day or two open (late sleep uploads) and re-checks them.
    const args = { start_date: '2024-06-06', end_date: '2024-06-12' };
    const first = await connected.client.callTool({ name: 'get_oura_sleep_summary', arguments: args });
    expect(first.isError, JSON.stringify(first.content)).toBeFalsy();
    const structured = first.structuredContent as { synced: { fetched_now: string[] } };
    const nights = tableRows(structured) as Array<{ day: string; score: number | null; source: string }>;
    expect(nights.length).toBeGreaterThanOrEqual(4);
    expect(nights.every((night) => night.source === 'oura' && night.day >= '2024-06-06' && night.day <= '2024-06-12')).toBe(true);
    expect(nights.some((night) => typeof night.score === 'number')).toBe(true);
    expect(structured.synced.fetched_now.length).toBeGreaterThan(0);

    // The same closed window again: nothing to fetch.
    const second = await connected.client.callTool({ name: 'get_oura_sleep_summary', arguments: args });
    expect((second.structuredContent as { synced: { fetched_now: string[] } }).synced.fetched_now).toEqual([]);
    expect(tableRows(second.structuredContent)).toEqual(nights);
  });

  it('heart rate from the simulator stays within budget and sync reports progress', async () => {
    const heart = await connected.client.callTool({ name: 'get_oura_heart_rate', arguments: { start_date: '2024-06-08', end_date: '2024-06-14' } });
    expect(heart.isError, JSON.stringify(heart.content)).toBeFalsy();
    expect(Buffer.byteLength((heart.content[0] as { text: string }).text)).toBeLessThan(8_000);
    expect((heart.structuredContent as { summary: { count: number } }).summary.count).toBeGreaterThan(1000);

    const updates: number[] = [];
    const sync = await connected.client.callTool({ name: 'sync', arguments: { provider: 'oura', since: '2024-06-01' } }, { onprogress: (update) => updates.push(update.progress) });
    expect(sync.isError, JSON.stringify(sync.content)).toBeFalsy();
    expect((sync.structuredContent as { results: Array<{ status: string }> }).results[0]?.status).toBe('ok');
    expect(updates.length).toBeGreaterThan(5);
  });
});
