/**
 * The MCP `sync` tool with a `since` of year 1 (a model may send anything the schema allows):
 * a handful of requests instead of walking 2,000 years in 90-day chunks, and the result says
 * that `since` was clamped and to which day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { connectClient, createTestApp, TEST_NOW, TEST_TOKEN, type Connected, type TestApp } from './support/harness.js';

describe('sync tool: since is clamped to the history start', () => {
  let simulator: StartedSimulator;
  let test: TestApp;
  let connected: Connected;

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 3, days: 120, now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
    test = await createTestApp({ apiBaseUrl: simulator.oura.apiBaseUrl, connect: true });
    connected = await connectClient(test.app);
  });
  afterAll(async () => {
    await connected?.close();
    await test?.close();
    await simulator?.close();
  });

  it('since 0001-01-01 costs a few requests and the result carries the clamp notice', async () => {
    const before = simulator.control.requestCount();
    const answer = await connected.client.callTool({ name: 'sync', arguments: { provider: 'oura', since: '0001-01-01', resources: ['daily_sleep'] } }, { timeout: 20_000 });
    expect(answer.isError, JSON.stringify(answer.content)).toBeFalsy();
    expect(simulator.control.requestCount() - before).toBeLessThan(20);
    const first = simulator.control.oura.documents('daily_activity').map((doc) => String(doc.day)).sort()[0];
    const result = (answer.structuredContent as { results: Array<{ status: string; notices: string[] }> }).results[0];
    expect(result?.status).toBe('ok');
    expect(result?.notices.join(' ')).toContain(`since 0001-01-01 is before Oura's history start: synced from ${first}`);
  });

  it('a malformed or future since stays a validation error', async () => {
    const future = await connected.client.callTool({ name: 'sync', arguments: { provider: 'oura', since: '2999-01-01' } });
    expect(future.isError).toBe(true);
    expect(JSON.stringify(future.content)).toContain('VALIDATION_ERROR');
  });
});
