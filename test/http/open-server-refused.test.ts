/**
 * `serve --http` refuses to start an unauthenticated server that is reachable beyond loopback:
 * with PUBLIC_BASE_URL (a tunnel in front of a loopback server) or a non-loopback HTTP_HOST and
 * no AUTH_TOKEN it exits with CONFIG_ERROR (exit 2) and says to set AUTH_TOKEN, before listening.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../e2e/cli-helpers.js';

describe('serve --http without AUTH_TOKEN', () => {
  let home: string;
  beforeAll(() => {
    assertBuilt();
    home = mkdtempSync(join(tmpdir(), 'wearables-open-'));
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  const env = () => ({ WEARABLES_MCP_HOME: home, WEARABLES_MCP_ENCRYPTION_KEY: 'a'.repeat(64), LOG_FILE: '', PORT: '0', SYNC_INTERVAL_MINUTES: '0' });

  it('refuses to start behind a public URL (tunnel) with exit code 2 and names the fix', async () => {
    const result = await runCli(['serve', '--http'], { ...env(), PUBLIC_BASE_URL: 'https://health.example.ngrok.dev' }, { timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CONFIG_ERROR');
    expect(result.stderr).toContain('AUTH_TOKEN');
    expect(result.stderr).not.toContain('listening on');
  });

  it('refuses a non-loopback listen address the same way', async () => {
    const result = await runCli(['serve', '--http', '--host', '0.0.0.0'], env(), { timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AUTH_TOKEN');
  });
});
