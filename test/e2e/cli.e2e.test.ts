/**
 * End to end through the built CLI, as a user runs it: connect (OAuth with a pasted redirect URL,
 * and --token), sync, status, serve over stdio to a real MCP client, a failed sync, disconnect,
 * purge — all against the simulator on 127.0.0.1. Finally every byte the run wrote (stdout,
 * stderr, log files, tool output) is scanned for the secrets it used.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startSimulator, type StartedSimulator } from '../../src/simulator/index.js';
import { assertBuilt, CLI_ENTRY, runCli } from './cli-helpers.js';

const PAT = 'e2e-personal-token-7f3a9c1d2b';
/** A second personal token, still valid after the grant above is revoked. */
const PAT_2 = 'e2e-personal-token-second-41b6';
const CLIENT_SECRET = 'e2e-client-secret-5e8d0a4c';

describe('wearables-mcp CLI end to end', () => {
  let simulator: StartedSimulator;
  let home: string;
  let env: Record<string, string>;
  const transcripts: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    simulator = await startSimulator({ seed: 11, port: 0, personalAccessTokens: [PAT, PAT_2], clientSecret: CLIENT_SECRET, days: 120 });
    home = mkdtempSync(join(tmpdir(), 'wearables-e2e-'));
    env = {
      WEARABLES_MCP_HOME: home,
      OURA_API_BASE_URL: simulator.oura.apiBaseUrl,
      OURA_AUTH_BASE_URL: simulator.oura.authBaseUrl,
      OURA_CLIENT_ID: simulator.clientId,
      OURA_CLIENT_SECRET: CLIENT_SECRET,
      WEARABLES_MCP_HISTORY_DAYS: '30',
      LOG_LEVEL: 'debug',
    };
  });

  afterAll(async () => {
    await simulator?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const run = async (args: string[], options?: Parameters<typeof runCli>[2]) => {
    const result = await runCli(args, env, options);
    transcripts.push(result.stdout, result.stderr);
    return result;
  };

  it('connects through OAuth + PKCE with a pasted redirect URL when no browser can open', async () => {
    let answered = false;
    const result = await run(['connect', 'oura', '--no-browser', '--json'], {
      onStderr: (chunk, write) => {
        const url = /(http:\/\/127\.0\.0\.1:\d+\/oura\/oauth\/authorize\?\S+)/.exec(chunk)?.[1];
        if (!url || answered) return;
        answered = true;
        // The user's browser: the simulator approves and redirects to the loopback callback.
        void fetch(url, { redirect: 'manual' }).then((response) => write(response.headers.get('location') ?? ''));
      },
    });
    expect(result.stderr).toContain('Paste the full URL');
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as { ok: boolean; kind: string; refreshable: boolean };
    expect(output).toMatchObject({ ok: true, kind: 'oauth', refreshable: true });
    expect(simulator.control.counters().tokenGrants ?? 1).toBeGreaterThan(0);
    const tokensFile = join(home, 'tokens.json');
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);
  });

  it('syncs with per-resource counts, then an immediate second sync changes nothing', async () => {
    const first = await run(['sync', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { ok: boolean; results: Array<{ provider: string; status: string; counts: Record<string, { created: number; updated: number; deleted: number }> }> };
    expect(report.ok).toBe(true);
    const oura = report.results.find((result) => result.provider === 'oura');
    expect(oura?.status).toBe('ok');
    expect(oura?.counts.daily_sleep?.created).toBeGreaterThan(20);
    expect(oura?.counts.heartrate?.created).toBeGreaterThan(1000);

    const second = JSON.parse((await run(['sync', '--json'])).stdout) as typeof report;
    const counts = Object.values(second.results[0]?.counts ?? {});
    expect(counts.length).toBeGreaterThan(5);
    for (const count of counts) expect(count.created + count.updated + count.deleted).toBe(0);
  });

  it('reports status without secrets', async () => {
    const result = await run(['status', '--json']);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { providers: Array<{ provider: string; connection: { connected: boolean }; resources: Array<{ resource: string; records: number }> }> };
    const oura = status.providers.find((provider) => provider.provider === 'oura');
    expect(oura?.connection.connected).toBe(true);
    expect(oura?.resources.find((resource) => resource.resource === 'daily_sleep')?.records).toBeGreaterThan(20);
  });

  it('serves MCP over stdio to a real client, answering from the cache', async () => {
    const client = new Client({ name: 'e2e', version: '0.0.0' });
    let serverStderr = '';
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI_ENTRY, 'serve'], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (serverStderr += chunk.toString()));
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      const names = tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['get_oura_sleep_summary', 'get_oura_heart_rate', 'sync', 'health_check']));
      const requestsBefore = simulator.control.requests().length;
      const result = await client.callTool({ name: 'get_oura_sleep_summary', arguments: {} });
      expect(result.isError).toBeFalsy();
      const text = JSON.stringify(result.structuredContent);
      transcripts.push(text);
      const table = result.structuredContent as { columns?: string[]; rows?: unknown[][]; source?: string };
      const rows = (table.rows ?? []).map((row) => ({ day: row[(table.columns ?? []).indexOf('day')] as string, source: table.source }));
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(row.source).toBe('oura');
      }
      // The last closed days were synced already: answering reads the cache (at most the open
      // days are re-checked), never the whole window.
      const newRequests = simulator.control.requests().slice(requestsBefore);
      expect(newRequests.length).toBeLessThanOrEqual(4);
      const health = await client.callTool({ name: 'health_check', arguments: {} });
      expect(health.isError).toBeFalsy();
      transcripts.push(JSON.stringify(health.structuredContent));
    } finally {
      await client.close();
      transcripts.push(serverStderr);
    }
  });

  it('a revoked grant fails the sync with AUTH_FAILED, exit code 3 and the fixing command', async () => {
    simulator.control.revokeAllTokens();
    const result = await run(['sync', '--json']);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { ok: boolean; results: Array<{ error?: { code: string; hint?: string } }> };
    expect(report.ok).toBe(false);
    expect(report.results[0]?.error?.code).toBe('AUTH_FAILED');
    expect(report.results[0]?.error?.hint).toContain('wearables-mcp connect oura');
  });

  it('connects again with --token, rejects a bad token without storing it, and disconnects', async () => {
    const bad = await run(['connect', 'oura', '--token', 'not-a-valid-token-123', '--json']);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).error.code).toBe('AUTH_FAILED');
    const good = await run(['connect', 'oura', '--token', PAT_2, '--json']);
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, kind: 'personal' });
    const disconnected = await run(['disconnect', 'oura', '--json']);
    expect(JSON.parse(disconnected.stdout)).toMatchObject({ ok: true, wasConnected: true });
    const status = JSON.parse((await run(['status', '--json'])).stdout) as { providers: Array<{ provider: string; connection: { connected: boolean } }> };
    expect(status.providers.find((provider) => provider.provider === 'oura')?.connection.connected).toBe(false);
  });

  it('bad input gets a clear error and a usage exit code', async () => {
    const result = await run(['sync', 'fitbit', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'VALIDATION_ERROR' });
    const since = await run(['sync', '--since', '23/11/2026']);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('YYYY-MM-DD');
  });

  it('never writes a secret to stdout, stderr, logs or tool output', () => {
    const logs = join(home, 'logs');
    const logText = readdirSync(logs).map((name) => readFileSync(join(logs, name), 'utf8')).join('\n');
    expect(logText.length).toBeGreaterThan(100);
    const everything = [...transcripts, logText].join('\n');
    const secrets = [PAT, PAT_2, CLIENT_SECRET, ...simulator.control.issuedSecrets()];
    expect(secrets.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(everything.includes(secret), `leaked ${secret.slice(0, 4)}…`).toBe(false);
  });

  it('purge deletes every file it wrote', async () => {
    const result = await run(['purge', '--yes', '--json']);
    expect(result.code).toBe(0);
    expect(() => readdirSync(home)).toThrow();
  });
});
