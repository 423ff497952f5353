/**
 * Freshness, not refetching: a repeated read within the freshness window asks the provider
 * nothing; after it the open days are re-checked in the background (answer first, new data on
 * the next answer); a cold window is fetched and awaited, resources side by side; `fresh: true`
 * always fetches. Real stack: the simulator over HTTP, a real SQLite file, a real MCP client.
 */
import { tableRows } from './support/table.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app/create-app-context.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import { silentLogger } from '../../src/logging/logger.js';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { addDays } from '../../src/core/time/days.js';
import { connectClient, type Connected } from './support/harness.js';

const TOKEN = 'pat-freshness-0123456789';
const NOW = new Date('2025-06-15T12:00:00.000Z');

interface Setup {
  sim: StartedSimulator;
  home: string;
  open(): Promise<{ app: AppContext; mcp: Connected }>;
  close(): Promise<void>;
}

const opened: Array<{ app: AppContext; mcp: Connected }> = [];
let setup: Setup | undefined;

async function start(): Promise<Setup> {
  const sim = await startSimulator({ seed: 11, days: 120, now: () => new Date(NOW), personalAccessTokens: [TOKEN] });
  const home = mkdtempSync(join(tmpdir(), 'wearables-fresh-'));
  const env = {
    WEARABLES_MCP_HOME: home,
    WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64),
    OURA_API_BASE_URL: sim.oura.apiBaseUrl,
    OURA_AUTH_BASE_URL: sim.oura.authBaseUrl,
  };
  return {
    sim,
    home,
    async open() {
      const config = loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home } });
      // The app runs on the simulator's clock, so advancing it moves both.
      const app = await createAppContext(config, { logger: silentLogger(), now: () => sim.control.now(), sleep: async () => undefined });
      await app.tokens.save('oura', { kind: 'personal', accessToken: TOKEN, obtainedAt: Date.now() });
      const mcp = await connectClient(app);
      const entry = { app, mcp };
      opened.push(entry);
      return entry;
    },
    async close() {
      for (const entry of opened.splice(0)) {
        await entry.mcp.close();
        await entry.app.close();
      }
      await sim.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

const today = () => NOW.toISOString().slice(0, 10);
const last30 = () => ({ start_date: addDays(today(), -29), end_date: today() });

interface SleepAnswer {
  nights: Array<{ day: string }>;
  synced: { fetched_now: string[]; fresh: boolean; checked_at?: string | null; age_seconds?: number | null; background_refresh?: boolean };
}

async function sleep30(mcp: Connected, extra: Record<string, unknown> = {}): Promise<SleepAnswer> {
  return sleepSummary(mcp, { ...last30(), ...extra });
}

/** The default window (the last 7 days): short enough that no night is cut to the size budget. */
async function sleepSummary(mcp: Connected, args: Record<string, unknown> = {}): Promise<SleepAnswer> {
  const result = await mcp.client.callTool({ name: 'get_oura_sleep_summary', arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const answer = result.structuredContent as unknown as SleepAnswer;
  // The answer is a table (columns + rows); read its nights as objects.
  return { ...answer, nights: tableRows(answer) as Array<{ day: string }> };
}

function dataRequests(sim: StartedSimulator): string[] {
  return sim.control.requests('/oura/').map((request) => request.path);
}

describe('freshness of cached reads', () => {
  it('a repeated question within the window makes no upstream request, also after a restart', async () => {
    setup = await start();
    const { app, mcp } = await setup.open();
    const first = await sleep30(mcp);
    expect(dataRequests(setup.sim).length).toBeGreaterThanOrEqual(2);
    expect(first.synced).toMatchObject({ checked_at: NOW.toISOString(), age_seconds: 0 });
    expect(first.synced.background_refresh).toBeUndefined();

    setup.sim.control.clearRequests();
    setup.sim.control.advanceClock(2 * 60_000);
    const second = await sleep30(mcp);
    expect(dataRequests(setup.sim)).toEqual([]);
    expect(second.synced).toMatchObject({ fetched_now: [], checked_at: NOW.toISOString(), age_seconds: 120 });
    expect(second.nights).toEqual(first.nights);

    // The check lives in the store: a new process on the same home is just as fresh.
    await app.sync.idle();
    const other = await setup.open();
    await sleep30(other.mcp);
    expect(dataRequests(setup.sim)).toEqual([]);
  });

  it('after the window the open days are re-checked in the background: the answer comes first, the next one has the late night', async () => {
    setup = await start();
    const { app, mcp } = await setup.open();
    const held = setup.sim.control.oura.heldNight() as string;
    expect(held).not.toBeNull();
    expect((await sleepSummary(mcp)).nights.map((night) => night.day)).not.toContain(held);
    setup.sim.control.oura.releaseLateSleep();

    // Still within the window: the released night is not asked for yet.
    setup.sim.control.clearRequests();
    expect((await sleepSummary(mcp)).nights.map((night) => night.day)).not.toContain(held);
    expect(dataRequests(setup.sim)).toEqual([]);

    setup.sim.control.advanceClock(6 * 60_000);
    setup.sim.control.delay(300);
    const started = performance.now();
    const stale = await sleepSummary(mcp);
    const elapsed = performance.now() - started;
    expect(stale.synced).toMatchObject({ background_refresh: true, fetched_now: [], checked_at: NOW.toISOString(), age_seconds: 360 });
    expect(stale.nights.map((night) => night.day)).not.toContain(held);
    // Answered from the cache before the (delayed) re-check finished.
    expect(elapsed).toBeLessThan(300);
    expect(dataRequests(setup.sim)).toEqual([]);

    await app.sync.idle();
    setup.sim.control.clearFaults();
    expect(dataRequests(setup.sim).sort()).toEqual(['/oura/v2/usercollection/daily_sleep', '/oura/v2/usercollection/sleep']);
    setup.sim.control.clearRequests();
    const next = await sleepSummary(mcp);
    expect(next.nights.map((night) => night.day)).toContain(held);
    expect(next.synced.background_refresh).toBeUndefined();
    expect(next.synced.age_seconds).toBe(0);
    expect(dataRequests(setup.sim)).toEqual([]);
  });

  it('a cold window is fetched and awaited, both resources side by side (about one latency, not two)', async () => {
    setup = await start();
    const { mcp } = await setup.open();
    const latency = 500;
    setup.sim.control.delay(latency);
    // When each request finished, seen by polling the simulator's log while the call runs.
    const finishedAt = new Map<string, number>();
    let done = false;
    const call = sleep30(mcp).finally(() => (done = true));
    while (!done) {
      for (const path of dataRequests(setup.sim)) if (!finishedAt.has(path)) finishedAt.set(path, performance.now());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answer = await call;
    for (const path of dataRequests(setup.sim)) if (!finishedAt.has(path)) finishedAt.set(path, performance.now());
    expect(dataRequests(setup.sim).sort()).toEqual(['/oura/v2/usercollection/daily_sleep', '/oura/v2/usercollection/sleep']);
    expect(answer.nights.length).toBeGreaterThan(0);
    expect(answer.synced.fetched_now).toHaveLength(2);
    // One after the other, the second would finish a whole latency after the first.
    const [first, second] = [...finishedAt.values()].sort((a, b) => a - b);
    expect((second ?? Infinity) - (first ?? 0)).toBeLessThan(latency / 2);
  });

  it('fresh: true fetches even within the window', async () => {
    setup = await start();
    const { mcp } = await setup.open();
    await sleep30(mcp);
    setup.sim.control.clearRequests();
    const forced = await sleep30(mcp, { fresh: true });
    expect(dataRequests(setup.sim).sort()).toEqual(['/oura/v2/usercollection/daily_sleep', '/oura/v2/usercollection/sleep']);
    expect(forced.synced).toMatchObject({ fresh: true, age_seconds: 0 });
    expect(forced.synced.fetched_now).toHaveLength(2);
  });
});

describe('freshness setting', () => {
  it('WEARABLES_MCP_FRESHNESS_MINUTES sets the window (default 5); a bad value is a CONFIG_ERROR naming it', () => {
    const home = join(tmpdir(), 'wearables-fresh-config-unused');
    const flags = { logFile: null, logLevel: 'silent', home };
    expect(loadConfig({ env: {}, flags }).freshnessMinutes).toBe(5);
    expect(loadConfig({ env: { WEARABLES_MCP_FRESHNESS_MINUTES: '0' }, flags }).freshnessMinutes).toBe(0);
    expect(() => loadConfig({ env: { WEARABLES_MCP_FRESHNESS_MINUTES: 'soon' }, flags })).toThrow(/freshnessMinutes/);
    expect(() => loadConfig({ env: { WEARABLES_MCP_FRESHNESS_MINUTES: '-1' }, flags })).toThrow(expect.objectContaining({ code: 'CONFIG_ERROR' }));
  });
});
