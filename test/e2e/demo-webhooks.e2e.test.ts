/**
 * `serve --http --demo` with WEARABLES_MCP_DEMO_WEBHOOKS, through the built CLI as a user runs
 * it: the simulated providers' webhooks are subscribed to the server, a re-score scheduled a
 * moment ahead in the simulator reaches the server's store on its own (read back through the
 * FHIR API), with no sync asked for after the first one and the scheduler off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI_ENTRY } from './cli-helpers.js';

interface Bundle {
  entry?: Array<{ resource: { id: string; effectiveDateTime?: string; valueQuantity?: { value: number } }; search?: { mode: string } }>;
}

describe('serve --http --demo with the simulator\'s webhooks', () => {
  let child: ChildProcess;
  let home: string;
  let serverUrl = '';
  let simulatorUrl = '';
  let stderr = '';

  beforeAll(async () => {
    assertBuilt();
    home = mkdtempSync(join(tmpdir(), 'wearables-demo-webhooks-'));
    child = spawn(process.execPath, [CLI_ENTRY, 'serve', '--http', '--demo', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', WEARABLES_MCP_HOME: home, WEARABLES_MCP_DEMO_WEBHOOKS: '1', SYNC_INTERVAL_MINUTES: '0', LOG_FILE: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no demo webhooks line; stderr: ${stderr}`)), 60_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        const demo = /demo webhooks: (.*) notify .* \(simulator control: (http:\/\/127\.0\.0\.1:\d+)\/__control\)/.exec(stderr);
        if (listening?.[1] && demo?.[2]) {
          serverUrl = listening[1];
          simulatorUrl = demo[2];
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}; stderr: ${stderr}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  });

  const sleepScore = async (day: string): Promise<number | undefined> => {
    const response = await fetch(`${serverUrl}/fhir/Observation?code=sleep_score&date=${day}`);
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as Bundle;
    return bundle.entry?.find((entry) => entry.search?.mode === 'match')?.resource.valueQuantity?.value;
  };

  it('subscribes every simulated provider that has webhooks', () => {
    const line = /demo webhooks: (.*) notify/.exec(stderr)?.[1] ?? '';
    expect(line.split(', ').sort()).toEqual(['oura', 'whoop', 'withings']);
  });

  it('a re-score the simulator schedules reaches the store without a poll', async () => {
    const synced = await fetch(`${serverUrl}/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"provider":"oura"}' });
    expect(synced.status).toBe(200);
    const documents = (await (await fetch(`${simulatorUrl}/__control/oura/documents/daily_sleep`)).json()) as Array<{ day: string }>;
    const day = documents.at(-3)?.day ?? '';
    const before = await sleepScore(day);
    expect(before).toBeGreaterThan(0);
    await fetch(`${simulatorUrl}/__control/requests`, { method: 'DELETE' });
    const rescored = await fetch(`${simulatorUrl}/__control/oura/rescore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ day, at: new Date(Date.now() + 1500).toISOString() }),
    });
    expect(rescored.status).toBe(200);
    const deadline = Date.now() + 20_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await sleepScore(day);
    }
    expect(after).toBeLessThan(before ?? 0);
    // Only the re-scored day was fetched from the provider: the webhook's targeted sync.
    const requests = (await (await fetch(`${simulatorUrl}/__control/requests?path_prefix=/oura/v2/usercollection`)).json()) as Array<{ query: { start_date?: string } }>;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((request) => request.query.start_date === day)).toBe(true);
  }, 60_000);
});
