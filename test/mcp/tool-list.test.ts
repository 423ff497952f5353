/** Which tools a client sees per connection state, and list_changed when a provider connects. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, createTestApp, TEST_TOKEN, type TestApp } from './support/harness.js';
import { startStubOura, type StubOura } from './support/stub-oura.js';

const CORE = ['get_auth_status', 'sync', 'import_data', 'get_events', 'health_check', 'get_observations', 'export_data'];

describe('tool list', () => {
  let stub: StubOura;
  let test: TestApp | undefined;
  beforeEach(async () => {
    stub = await startStubOura();
  });
  afterEach(async () => {
    await test?.close();
    test = undefined;
    await stub.close();
  });

  it('shows only core tools while Oura is not connected, then adds the Oura toolset with list_changed on connect', async () => {
    test = await createTestApp({ apiBaseUrl: stub.url });
    const { client, close } = await connectClient(test.app);
    const before = (await client.listTools()).tools.map((tool) => tool.name);
    expect(before.sort()).toEqual([...CORE].sort());

    const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    await test.app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
    await changed;
    const after = (await client.listTools()).tools.map((tool) => tool.name);
    expect(after).toEqual(expect.arrayContaining([...CORE, 'get_oura_sleep_summary', 'get_oura_heart_rate', 'get_oura_workouts']));
    expect(after.filter((name) => name.includes('_oura_')).length).toBeGreaterThanOrEqual(11);

    const hidden = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    await test.app.tokens.disconnect('oura', { revoke: false });
    await hidden;
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([...CORE].sort());
    await close();
  });

  it('exposes every toolset in demo mode and honours --toolsets and --read-only', async () => {
    test = await createTestApp({ apiBaseUrl: stub.url, demo: true });
    const all = await connectClient(test.app);
    expect((await all.client.listTools()).tools.map((tool) => tool.name)).toContain('get_oura_readiness_score');
    await all.close();

    const ouraOnly = await connectClient(test.app, { toolsets: ['oura'], readOnly: true });
    const names = (await ouraOnly.client.listTools()).tools.map((tool) => tool.name);
    expect(names.every((name) => name.includes('_oura_'))).toBe(true);
    await ouraOnly.close();

    const readOnly = await connectClient(test.app, { readOnly: true });
    const readOnlyNames = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
    expect(readOnlyNames).not.toContain('sync');
    expect(readOnlyNames).not.toContain('export_data');
    expect(readOnlyNames).toContain('get_events');
    await readOnly.close();
  });

  it('sends instructions and identifies itself as wearables-mcp', async () => {
    test = await createTestApp({ apiBaseUrl: stub.url });
    const { client, close } = await connectClient(test.app);
    expect(client.getServerVersion()?.name).toBe('wearables-mcp');
    expect(client.getServerVersion()?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(client.getInstructions()).toMatch(/cache-first/i);
    // Every registered provider is a source on equal terms (was: "Oura today; WHOOP and Withings when connected").
    expect(client.getInstructions()).not.toMatch(/today;|when connected\)/);
    for (const provider of test.app.providers.values()) expect(client.getInstructions()).toContain(`  - ${provider.displayName}: `);
    await close();
  });
});
