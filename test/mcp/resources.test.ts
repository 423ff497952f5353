/** The wearables:// resource templates: slices, listings, sync runs, events, and clear errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, createTestApp, type Connected, type TestApp } from './support/harness.js';
import { seedOura } from './support/seed.js';

function json(result: { contents: ReadonlyArray<object> }): Record<string, unknown> {
  const first = result.contents[0] as { text?: string } | undefined;
  return JSON.parse(String(first?.text)) as Record<string, unknown>;
}

describe('resources', () => {
  let test: TestApp;
  let connected: Connected;

  beforeAll(async () => {
    test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9', connect: true });
    await seedOura(test.app, '2024-06-15', 10);
    await test.app.store.finishSyncRun(await test.app.store.startSyncRun({ provider: 'oura', resources: ['daily_sleep'], mode: 'incremental' }), {
      status: 'ok',
      counts: {},
      error: null,
    });
    connected = await connectClient(test.app);
  });
  afterAll(async () => {
    await connected.close();
    await test.close();
  });

  it('lists the templates and one overview resource per provider resource', async () => {
    const templates = (await connected.client.listResourceTemplates()).resourceTemplates.map((template) => template.uriTemplate);
    expect(templates).toEqual(expect.arrayContaining(['wearables://{provider}/{resource}/{start}/{end}', 'wearables://{provider}/{resource}', 'wearables://sync-runs/{limit}', 'wearables://events/{since}']));
    const uris = (await connected.client.listResources()).resources.map((resource) => resource.uri);
    expect(uris).toContain('wearables://oura/daily_sleep');
    expect(uris).toContain('wearables://oura/heartrate');
  });

  it('gives every listed resource its own title', async () => {
    const resources = (await connected.client.listResources()).resources;
    const titles = resources.map((resource) => resource.title);
    expect(titles.every((title) => typeof title === 'string' && title.length > 0)).toBe(true);
    expect(new Set(titles).size).toBe(resources.length);
    expect(resources.find((resource) => resource.uri === 'wearables://oura/daily_sleep')?.title).toBe('Oura daily sleep: cached overview');
  });

  it('reads a cached slice with day + source per row', async () => {
    const body = json(await connected.client.readResource({ uri: 'wearables://oura/daily_readiness/2024-06-10/2024-06-12' }));
    expect(body.window).toEqual({ start_date: '2024-06-10', end_date: '2024-06-12' });
    const rows = body.rows as Array<{ day: string; source: string; data: { score: number } }>;
    expect(rows.map((row) => row.day)).toEqual(['2024-06-10', '2024-06-11', '2024-06-12']);
    expect(rows.every((row) => row.source === 'oura')).toBe(true);
    expect(rows[0]?.data.score).toBe(65);
    const series = json(await connected.client.readResource({ uri: 'wearables://oura/heartrate/2024-06-14/2024-06-14' }));
    expect((series.rows as unknown[]).length).toBe(24);
  });

  it('reads the overview, sync runs and events', async () => {
    expect(json(await connected.client.readResource({ uri: 'wearables://oura/daily_sleep' }))).toMatchObject({ count: 10, first_day: '2024-06-05', last_day: '2024-06-14' });
    const runs = json(await connected.client.readResource({ uri: 'wearables://sync-runs/5' })).runs as Array<{ status: string }>;
    expect(runs[0]?.status).toBe('ok');
    const events = json(await connected.client.readResource({ uri: 'wearables://events/start' }));
    expect((events.events as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers bad inputs with a clear error', async () => {
    await expect(connected.client.readResource({ uri: 'wearables://oura/not_a_thing/2024-06-10/2024-06-12' })).rejects.toThrow(/VALIDATION_ERROR: Unknown oura resource "not_a_thing".*Next:/);
    await expect(connected.client.readResource({ uri: 'wearables://fitbit/daily_sleep' })).rejects.toThrow(/VALIDATION_ERROR: Unknown provider "fitbit"/);
    await expect(connected.client.readResource({ uri: 'wearables://oura/daily_sleep/yesterday/today' })).rejects.toThrow(/VALIDATION_ERROR: start and end must be local days/);
    await expect(connected.client.readResource({ uri: 'wearables://sync-runs/0' })).rejects.toThrow(/VALIDATION_ERROR: limit must be/);
    await expect(connected.client.readResource({ uri: 'wearables://events/garbage!' })).rejects.toThrow(/VALIDATION_ERROR/);
  });
});
