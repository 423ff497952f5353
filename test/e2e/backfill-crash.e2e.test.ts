/**
 * The built CLI against the simulator: `sync --since 0001-01-01` is clamped (a few requests, a
 * notice saying to what); a `sync --full` killed with SIGKILL is resumed by the next one without
 * fetching its stored windows again; and the fast crash suite (bench/crash-test.mjs with 3 kills):
 * after the next sync the store equals a clean reference sync, integrity_check ok every time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { readBackfill } from '../../src/sync/backfill.js';
import { addDays } from '../../src/core/time/days.js';
import { assertBuilt, CLI_ENTRY, runCli } from './cli-helpers.js';

const TOKEN = 'backfill-crash-token-7c2e';
const CRASH_SCRIPT = fileURLToPath(new URL('../../bench/crash-test.mjs', import.meta.url));

describe('sync --since and --full through the CLI', () => {
  let simulator: StartedSimulator;
  let home: string;
  let env: Record<string, string>;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    assertBuilt();
    const frozen = new Date();
    simulator = await startSimulator({ seed: 4, days: 150, now: () => frozen, personalAccessTokens: [TOKEN] });
    home = mkdtempSync(join(tmpdir(), 'wearables-backfill-'));
    env = { WEARABLES_MCP_HOME: home, OURA_API_BASE_URL: simulator.oura.apiBaseUrl, OURA_AUTH_BASE_URL: simulator.oura.authBaseUrl, LOG_FILE: '' };
    expect((await runCli(['connect', 'oura', '--token', TOKEN, '--json'], env)).code).toBe(0);
  });

  afterAll(async () => {
    await simulator?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('--since 0001-01-01 sends a few requests and says it was clamped, in JSON and in text', async () => {
    const before = simulator.control.requestCount();
    const json = await runCli(['sync', 'oura', '--since', '0001-01-01', '--resources', 'daily_sleep', '--json'], env, { timeoutMs: 30_000 });
    expect(json.code, json.stderr).toBe(0);
    expect(simulator.control.requestCount() - before).toBeLessThan(20);
    const first = simulator.control.oura.documents('daily_activity').map((doc) => String(doc.day)).sort()[0] ?? '';
    const notices = (JSON.parse(json.stdout) as { results: Array<{ notices?: string[] }> }).results[0]?.notices ?? [];
    expect(notices.join(' ')).toContain(`since 0001-01-01 is before Oura's history start: synced from ${first}`);
    const text = await runCli(['sync', 'oura', '--since', '0001-01-01', '--resources', 'daily_sleep'], env, { timeoutMs: 30_000 });
    expect(text.stdout).toMatch(/note: since 0001-01-01 is before Oura's history start: synced from \d{4}-\d{2}-\d{2}/);
    expect((await runCli(['sync', 'oura', '--since', '2999-01-01', '--json'], env)).code).toBe(2);
  });

  it('a full sync killed with SIGKILL is resumed by the next one, which fetches no stored window again', async () => {
    const mark = simulator.control.requestCount();
    // Kill once the backfill moved on to sleep_time: daily_sleep and sleep are completely stored.
    const killed = await new Promise<string | null>((resolve) => {
      const child = spawn(process.execPath, [CLI_ENTRY, 'sync', 'oura', '--full', '--json'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
      const timer = setInterval(() => {
        if (simulator.control.requests('/oura/v2/usercollection/sleep_time').some((entry) => entry.seq > mark)) child.kill('SIGKILL');
      }, 1);
      child.on('close', (_code, signal) => {
        clearInterval(timer);
        resolve(signal);
      });
    });
    expect(killed).toBe('SIGKILL');
    // The dead process's lock would go stale only after 30 s; its takeover is the lock's concern.
    rmSync(join(home, 'sync-oura.lock'), { recursive: true, force: true });
    const store = await openSqliteStore({ path: join(home, 'wearables.db') });
    const stored = await readBackfill(store, 'oura', 'daily_sleep');
    await store.close();
    expect(stored?.finishedAt).toBeTruthy();

    const resumeMark = simulator.control.requestCount();
    const resumed = await runCli(['sync', 'oura', '--full', '--json'], env, { timeoutMs: 60_000 });
    expect(resumed.code, resumed.stderr).toBe(0);
    const refetched = ['daily_sleep', 'sleep'].flatMap((collection) =>
      simulator.control
        .requests(`/oura/v2/usercollection/${collection}`)
        .filter((entry) => entry.path.endsWith(`/${collection}`) && entry.seq > resumeMark && (entry.query.start_date ?? '') < addDays(today, -7)),
    );
    expect(refetched.map((entry) => `${entry.path} ${entry.query.start_date}`)).toEqual([]);
    expect(JSON.parse(resumed.stdout).results[0].notices.join(' ')).toMatch(/Resumed the interrupted full sync of Oura/);
    const check = await openSqliteStore({ path: join(home, 'wearables.db') });
    try {
      const days = (await check.queryRecords({ provider: 'oura', resource: 'daily_sleep' })).map((record) => String(record.day));
      const truth = simulator.control.oura.documents('daily_sleep').map((doc) => String(doc.day));
      expect(days.sort()).toEqual(truth.sort());
      expect(days.length).toBeGreaterThan(120);
    } finally {
      await check.close();
    }
  });
});

describe('crash suite (fast: 3 kills; `npm run crash` runs 10+)', () => {
  it('after kill -9s at random moments the next sync leaves the store equal to a clean reference sync', async () => {
    assertBuilt();
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [CRASH_SCRIPT, '--kills', '3', '--days', '150', '--providers', 'oura', '--modes', 'full', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(stdout));
    });
    const summary = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(summary).toMatchObject({ kills: 3, lost: 0, duplicated: 0, wrong: 0, integrityFailures: [], finalIntegrity: 'ok' });
    expect(summary.referenceRecords).toBeGreaterThan(500);
    expect(summary.referenceSamples).toBeGreaterThan(10_000);
  }, 120_000);
});
