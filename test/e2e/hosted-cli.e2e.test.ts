/**
 * `wearables-mcp serve --http --hosted` as built (dist/): refuses to start without its settings,
 * and with `--demo` on a fresh PostgreSQL database an unmodified SDK client signs in through the
 * simulator and lists that person's tools.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, MemoryOAuthClient } from '../hosted/support/hosted-harness.js';
import { postgresSkipReason, TEST_DATABASE_URL } from '../store/postgres-support.js';
import { assertBuilt, runCli, startCli, type StartedCli } from './cli-helpers.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('serve --http --hosted (built)', () => {
  beforeAll(() => assertBuilt());

  it('refuses to start without DATABASE_URL and PUBLIC_BASE_URL, saying what to set', async () => {
    const home = mkdtempSync(join(tmpdir(), 'wearables-hosted-e2e-'));
    try {
      const result = await runCli(['serve', '--http', '--hosted'], { WEARABLES_MCP_HOME: home });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('CONFIG_ERROR');
      expect(result.stderr).toContain('DATABASE_URL and PUBLIC_BASE_URL');
      // Nothing heavier than the settings check was loaded.
      expect(result.stderr).not.toContain('oidc-provider');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses to start when no provider can sign people in', async () => {
    const home = mkdtempSync(join(tmpdir(), 'wearables-hosted-e2e-'));
    try {
      const result = await runCli(['serve', '--http', '--hosted'], {
        WEARABLES_MCP_HOME: home,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        PUBLIC_BASE_URL: 'https://wearables.example.org',
        WEARABLES_MCP_ENCRYPTION_KEY: 'e'.repeat(64),
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('No provider is configured for sign-in');
      expect(result.stderr).toContain('_CLIENT_ID');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  describe.skipIf(skip !== null)('with --demo on PostgreSQL', () => {
    const database = `hosted_e2e_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    let home = '';
    let server: StartedCli | undefined;
    let base = '';
    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${database}`;
      home = mkdtempSync(join(tmpdir(), 'wearables-hosted-e2e-'));
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = startCli(['--demo', 'serve', '--http', '--hosted', '--port', String(port)], {
        WEARABLES_MCP_HOME: home,
        DATABASE_URL: url.href,
        PUBLIC_BASE_URL: base,
        WEARABLES_MCP_ENCRYPTION_KEY: 'e'.repeat(64),
        SYNC_INTERVAL_MINUTES: '0',
      });
      const deadline = Date.now() + 30_000;
      while (!server.stderr().includes('listening on') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.stderr()).toContain(`people add ${base}/mcp`);
    }, 60_000);
    afterAll(async () => {
      server?.kill('SIGTERM');
      await server?.done;
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    it('signs a person in through the simulator and serves their tools', async () => {
      const redirect = 'http://127.0.0.1:6/cb';
      const oauth = new MemoryOAuthClient(redirect, 'E2E Connector');
      const first = new Client({ name: 'e2e', version: '1.0.0' });
      await expect(first.connect(new StreamableHTTPClientTransport(new URL('/mcp', base), { authProvider: oauth }))).rejects.toBeInstanceOf(UnauthorizedError);
      const callback = await new Browser(base, 'whoop').authorize(oauth.authorizationUrl!, redirect);
      const transport = new StreamableHTTPClientTransport(new URL('/mcp', base), { authProvider: oauth });
      await transport.finishAuth(callback.searchParams);
      const client = new Client({ name: 'e2e', version: '1.0.0' });
      await client.connect(transport);
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('get_whoop_profile');
      expect(names.some((name) => name.includes('oura'))).toBe(false);
      const profile = await client.callTool({ name: 'get_whoop_profile', arguments: {} });
      expect(profile.isError).toBeFalsy();
      await client.close();
      server?.kill('SIGTERM');
      expect((await server?.done)?.code).toBe(0);
    }, 60_000);
  });
});
