/**
 * End to end for Withings: a real MCP `Client` over the in-memory transport, the real app
 * context (SQLite file, encrypted tokens, sync engine, Withings provider) and the Withings
 * simulator over HTTP on 127.0.0.1, connected through the real OAuth code flow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app/create-app-context.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import { silentLogger } from '../../src/logging/logger.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { obtainGrant } from '../contract/contract-helpers.js';
import { connectClient, TEST_NOW, type Connected } from './support/harness.js';
import { tableRows } from './support/table.js';

type Structured<T> = { structuredContent: T; isError?: boolean; content: Array<{ text: string }> };

describe('Withings end to end against the simulator', () => {
  let simulator: StartedSimulator;
  let app: AppContext;
  let dir: string;
  let connected: Connected;
  const call = async <T>(name: string, args: Record<string, unknown> = {}): Promise<Structured<T>> => {
    const result = (await connected.client.callTool({ name, arguments: args })) as unknown as Structured<T>;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result;
  };

  beforeAll(async () => {
    simulator = await startSimulator({ seed: 7, days: 60, futureDays: 2, now: () => new Date(TEST_NOW) });
    dir = mkdtempSync(join(tmpdir(), 'withings-e2e-'));
    const config = loadConfig({
      env: {
        WEARABLES_MCP_HOME: dir,
        WITHINGS_API_BASE_URL: simulator.withings.apiBaseUrl,
        WITHINGS_AUTH_BASE_URL: simulator.withings.authBaseUrl,
        WITHINGS_CLIENT_ID: simulator.clientId,
        WITHINGS_CLIENT_SECRET: simulator.clientSecret,
        OURA_API_BASE_URL: simulator.oura.apiBaseUrl,
        WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64),
      },
      flags: { logFile: null, logLevel: 'silent', home: dir },
    });
    app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(TEST_NOW), sleep: async () => undefined });
    connected = await connectClient(app);
  });
  afterAll(async () => {
    await connected?.close();
    await app?.close();
    await simulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an OAuth connect reveals the Withings tools; sleep is synced once, then served from the cache', async () => {
    expect((await connected.client.listTools()).tools.map((tool) => tool.name)).not.toContain('get_withings_sleep_summary');
    const changed = new Promise<void>((resolve) => connected.client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    const provider = app.providers.get('withings');
    const grant = await obtainGrant(provider!, 'http://127.0.0.1:53682/callback');
    expect(grant.tokens.userId).toBe(String(simulator.control.withings.userId()));
    await app.tokens.save('withings', grant.tokens);
    await changed;
    const names = (await connected.client.listTools()).tools.map((tool) => tool.name);
    for (const name of ['get_withings_sleep_summary', 'get_withings_measures', 'get_withings_heart_signal', 'get_withings_stetho_signal', 'get_withings_goals']) {
      expect(names).toContain(name);
    }

    const args = { start_date: '2024-06-06', end_date: '2024-06-12' };
    const first = await call<{ synced: { fetched_now: string[] } }>('get_withings_sleep_summary', { ...args, include_ids: true });
    const nights = tableRows(first.structuredContent);
    const truth = simulator.control.withings.documents('sleep_summary').filter((doc) => String(doc.date) >= '2024-06-06' && String(doc.date) <= '2024-06-12');
    expect(nights.map((night) => night.id)).toEqual(truth.map((doc) => String(doc.id)));
    const night = nights[0]!;
    const data = truth[0]!.data as Record<string, number>;
    expect(night).toMatchObject({ source: 'withings', total_sleep_seconds: data.total_sleep_time, deep_sleep_seconds: data.deepsleepduration, sleep_score: data.sleep_score, snoring_seconds: data.snoring, apnea_hypopnea_index: data.apnea_hypopnea_index });
    expect(first.structuredContent.synced.fetched_now.length).toBeGreaterThan(0);

    const second = await call<{ synced: { fetched_now: string[] } }>('get_withings_sleep_summary', { ...args, include_ids: true });
    expect(second.structuredContent.synced.fetched_now).toEqual([]);
    expect(tableRows(second.structuredContent)).toEqual(nights);
  });

  it('measures come back decoded with units, goals and attribution, matching the simulator', async () => {
    const result = await call<{ groups: Array<{ id: string; category: string; attribution: string; measures: Array<{ key: string; value: number; unit: string }> }> }>(
      'get_withings_measures',
      { start_date: '2024-05-20', end_date: '2024-06-12', kind: 'weight' },
    );
    const groups = result.structuredContent.groups;
    expect(groups.length).toBeGreaterThan(5);
    const raw = new Map(simulator.control.withings.documents('measures').map((group) => [String(group.grpid), group]));
    for (const group of groups) {
      const weight = group.measures.find((measure) => measure.key === 'weight_kg')!;
      const source = (raw.get(group.id)!.measures as Array<{ type: number; value: number; unit: number }>).find((measure) => measure.type === 1)!;
      expect(weight.value).toBeCloseTo(source.value * 10 ** source.unit, 6);
      expect(weight.unit).toBe('kg');
      expect(['device', 'ambiguous', 'manual']).toContain(group.attribution);
    }
  });

  it('an ECG summary stays under 2 KB and the full waveform is a resource', async () => {
    // ECG lists carry no timezone: recordings are on the person's days (-05:00), so the one
    // taken 2024-05-15 20:05 local (2024-05-16T01:05Z) is on the 15th.
    const list = await call<{ recordings: Array<{ signal_id: number; classification: string; heart_rate_bpm: number }> }>('list_withings_heart_records', {
      start_date: '2024-05-15',
      end_date: '2024-06-14',
    });
    expect(list.structuredContent.recordings.length).toBeGreaterThanOrEqual(2);
    const recording = list.structuredContent.recordings[0]!;
    const summary = await call<Record<string, unknown>>('get_withings_heart_signal', { signal_id: recording.signal_id });
    expect(Buffer.byteLength(summary.content[0]!.text)).toBeLessThan(2_048);
    expect(summary.structuredContent).toMatchObject({ kind: 'ecg', duration_seconds: 30, sampling_frequency_hz: 500, sample_count: 15_000, classification: 'negative', heart_rate_bpm: recording.heart_rate_bpm });
    expect(Math.abs((summary.structuredContent.heart_rate_from_trace_bpm as number) - recording.heart_rate_bpm)).toBeLessThanOrEqual(8);
    expect((summary.structuredContent.preview as number[]).length).toBeLessThanOrEqual(60);

    const resource = await connected.client.readResource({ uri: summary.structuredContent.full_signal_resource as string });
    const body = JSON.parse((resource.contents[0] as { text: string }).text) as { samples: number[]; sampling_frequency_hz: number };
    expect(body.samples).toHaveLength(15_000);
    expect(body.sampling_frequency_hz).toBe(500);
  });

  it('an expired access token (HTTP 200 + status 401) is refreshed once and the call succeeds', async () => {
    const before = simulator.control.withings.counters().tokenRefreshes;
    simulator.control.advanceClock(4 * 3_600_000);
    const goals = await call<{ steps_goal: number; weight_goal_kg: number }>('get_withings_goals', { fresh: true });
    expect(goals.structuredContent.steps_goal).toBe(10_000);
    expect(goals.structuredContent.weight_goal_kg).toBeGreaterThan(30);
    expect(simulator.control.withings.counters().tokenRefreshes - before).toBe(1);
    const devices = await call<{ devices: Array<{ type: string }> }>('get_withings_devices');
    expect(devices.structuredContent.devices.map((device) => device.type).sort()).toEqual(['Activity Tracker', 'Blood Pressure Monitor', 'Scale', 'Sleep Monitor']);
  });

  it('stethoscope and intraday answers are summaries, not raw series', async () => {
    const list = await call<{ recordings: Array<{ signal_id: number }> }>('list_withings_stetho_records', { start_date: '2024-05-01', end_date: '2024-06-14' });
    expect(list.structuredContent.recordings.length).toBeGreaterThan(0);
    const stetho = await call<Record<string, unknown>>('get_withings_stetho_signal', { signal_id: list.structuredContent.recordings[0]!.signal_id });
    expect(Buffer.byteLength(stetho.content[0]!.text)).toBeLessThan(2_048);
    expect(stetho.structuredContent).toMatchObject({ kind: 'stetho', sampling_frequency_hz: 4000, duration_seconds: 8 });

    const intraday = await call<{ hours: Array<{ steps: number; heart_rate_avg_bpm: number | null }> }>('get_withings_intraday_activity', { start_date: '2024-06-10', end_date: '2024-06-10' });
    const steps = intraday.structuredContent.hours.reduce((sum, hour) => sum + hour.steps, 0);
    expect(intraday.structuredContent.hours.length).toBeGreaterThan(12);
    expect(intraday.structuredContent.hours.length).toBeLessThanOrEqual(25);
    expect(steps).toBeGreaterThan(1000);
    expect(intraday.structuredContent.hours.some((hour) => typeof hour.heart_rate_avg_bpm === 'number')).toBe(true);
  });
});
