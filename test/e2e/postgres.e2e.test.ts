/**
 * The built CLI with `DATABASE_URL` pointing at PostgreSQL: the demo syncs three simulated
 * devices into the database (no SQLite file in the home), `status` names the driver and where
 * the data is (never the password), and `serve --demo` answers MCP tool calls from it. The run
 * works in a schema of its own (`WEARABLES_MCP_DATABASE_SCHEMA`), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, postgresSkipReason, TEST_DATABASE_URL, testSchema } from '../store/postgres-support.js';
import { assertBuilt, CLI_ENTRY, runCli } from './cli-helpers.js';

const skip = postgresSkipReason();

describe.skipIf(skip !== null)(`wearables-mcp on PostgreSQL${skip === null ? '' : ` (${skip})`}`, () => {
  const home = mkdtempSync(join(tmpdir(), 'wearables-pg-e2e-'));
  const schema = testSchema('e2e');
  // A password the server ignores (trust auth) but that must never be printed.
  // Collected even when skipped: a placeholder keeps a clone without PostgreSQL from failing here.
  const url = new URL(TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/unset');
  url.password = 'never-printed-pw';
  // With PostgreSQL the tokens are database rows under a key from the environment (required).
  const env = { WEARABLES_MCP_HOME: home, LOG_FILE: '', DATABASE_URL: url.toString(), WEARABLES_MCP_DATABASE_SCHEMA: schema, WEARABLES_MCP_ENCRYPTION_KEY: randomBytes(32).toString('hex') };
  afterAll(async () => {
    rmSync(home, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it('syncs the demo into PostgreSQL, and status names the driver and the database without the password', async () => {
    assertBuilt();
    const result = await runCli(['demo', '--days', '30', '--json'], env, { timeoutMs: 180_000 });
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      sync: { results: Array<{ provider: string; status: string; counts: Record<string, { created: number }> }> };
      last_7_days: Array<{ metrics: Record<string, { source: string }> }>;
    };
    expect(output.sync.results.map((run) => [run.provider, run.status])).toEqual([
      ['oura', 'ok'],
      ['whoop', 'ok'],
      ['withings', 'ok'],
    ]);
    const sources = new Set(output.last_7_days.flatMap((day) => Object.values(day.metrics).map((metric) => metric.source)));
    expect([...sources].sort()).toEqual(['oura', 'whoop', 'withings']);
    expect(existsSync(join(home, 'demo', 'wearables.db'))).toBe(false);
    expect(existsSync(join(home, 'demo', 'sync-oura.lock'))).toBe(false);
    // The tokens are connection rows of the database, encrypted: no tokens file, no key file.
    expect(existsSync(join(home, 'demo', 'tokens.json'))).toBe(false);
    expect(existsSync(join(home, 'demo', '.encryption-key'))).toBe(false);

    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const counts = await admin.query<{ provider: string; n: string }>(`SELECT provider, count(*) AS n FROM "${schema}".records WHERE account_id = 'local' GROUP BY provider ORDER BY provider`);
      const byProvider = new Map(counts.rows.map((row) => [row.provider, Number(row.n)]));
      for (const provider of ['oura', 'whoop', 'withings']) expect(byProvider.get(provider) ?? 0).toBeGreaterThan(30);
      const connections = await admin.query<{ provider: string; blob: { data: string } }>(`SELECT provider, blob FROM "${schema}".connections WHERE account_id = 'local' ORDER BY provider`);
      expect(connections.rows.map((row) => row.provider)).toEqual(['oura', 'whoop', 'withings']);
      expect(JSON.stringify(connections.rows)).not.toMatch(/accessToken|refreshToken/);
    } finally {
      await admin.end();
    }

    const status = await runCli(['--demo', 'status', '--json'], env, { timeoutMs: 60_000 });
    expect(status.code, status.stderr).toBe(0);
    const document = JSON.parse(status.stdout) as { driver: string; database: string };
    expect(document.driver).toBe('postgres');
    expect(document.database).toBe(`postgres://${url.hostname}:${url.port || '5432'}${url.pathname}`);
    for (const text of [result.stdout, result.stderr, status.stdout, status.stderr]) expect(text).not.toContain('never-printed-pw');
  }, 240_000);

  it('serve --demo answers MCP tool calls from the PostgreSQL store', async () => {
    const client = new Client({ name: 'postgres-e2e', version: '0.0.0' });
    let stderr = '';
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI_ENTRY, 'serve', '--demo'], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await client.connect(transport);
    try {
      const events = await client.callTool({ name: 'get_events', arguments: { limit: 5 } });
      expect(events.isError, JSON.stringify(events.content)).toBeFalsy();
      const feed = events.structuredContent as { events: Array<{ provider: string; change: string }> };
      expect(feed.events).toHaveLength(5);
      expect(feed.events.every((event) => event.change === 'created')).toBe(true);
      const health = await client.callTool({ name: 'health_check', arguments: {} });
      expect(health.isError, JSON.stringify(health.content)).toBeFalsy();
      expect(JSON.stringify(health.structuredContent)).toMatch(/"readable":true,"writable":true/);
      // A sync through the server takes the database lease (no lock file in the home).
      const synced = await client.callTool({ name: 'sync', arguments: { provider: 'oura' } });
      expect(synced.isError, JSON.stringify(synced.content)).toBeFalsy();
      expect(existsSync(join(home, 'demo', 'sync-oura.lock'))).toBe(false);
    // The tokens are connection rows of the database, encrypted: no tokens file, no key file.
    expect(existsSync(join(home, 'demo', 'tokens.json'))).toBe(false);
    expect(existsSync(join(home, 'demo', '.encryption-key'))).toBe(false);
    } finally {
      await client.close();
    }
    expect(stderr).not.toContain('never-printed-pw');
  }, 120_000);
});
