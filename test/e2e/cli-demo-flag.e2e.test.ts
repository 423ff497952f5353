/**
 * `--demo` on every command, through the built CLI: commands that read or sync start the
 * simulator for themselves (no stale port from an earlier run), the ones where it cannot mean
 * anything refuse at once saying why, and `--demo purge` deletes only the demo data. Also the
 * small wording fixes: an impossible `--since` day and `status` naming the connect command.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROVIDER_MODULES } from '../../src/providers/registry.js';
import { assertBuilt, runCli } from './cli-helpers.js';

interface ErrorDocument {
  ok: false;
  error: { code: string; message: string; hint: string };
}

describe('--demo on every command', () => {
  const home = mkdtempSync(join(tmpdir(), 'wearables-demo-flag-'));
  const env = { WEARABLES_MCP_HOME: home, LOG_FILE: '' };
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('syncs the simulated person with --demo sync <provider>, in the demo directory only', async () => {
    assertBuilt();
    const started = Date.now();
    const result = await runCli(['--demo', 'sync', 'oura', '--json'], env, { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; results: Array<{ provider: string; status: string; counts: Record<string, { created: number }> }> };
    expect(report.results.map((entry) => [entry.provider, entry.status])).toEqual([['oura', 'ok']]);
    expect(Object.values(report.results[0]?.counts ?? {}).reduce((sum, counts) => sum + counts.created, 0)).toBeGreaterThan(100);
    // It used to retry for 33 s against the port of an earlier run's simulator.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(join(home, 'demo', 'wearables.db'))).toBe(true);
    expect(existsSync(join(home, 'wearables.db'))).toBe(false);
    const status = JSON.parse((await runCli(['--demo', 'status', '--json'], env)).stdout) as { home: string; providers: Array<{ provider: string; connection: { connected: boolean } }> };
    expect(status.home).toBe(join(home, 'demo'));
    // Every provider with an OAuth flow is connected; a file source has nothing to connect.
    const oauth = new Set(PROVIDER_MODULES.filter((module) => module.capabilities.oauth).map((module) => module.id as string));
    expect(status.providers.filter((provider) => oauth.has(provider.provider)).every((provider) => provider.connection.connected)).toBe(true);
    expect(status.providers.filter((provider) => oauth.has(provider.provider))).toHaveLength(oauth.size);
  }, 90_000);

  it.each([['connect', 'oura'], ['disconnect', 'oura'], ['simulate'], ['webhooks', 'list', 'oura']])('refuses --demo %s at once, saying why and what to run', async (...command) => {
    const result = await runCli(['--demo', ...command, '--json'], env, { timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout) as ErrorDocument;
    expect(document.error.code).toBe('VALIDATION_ERROR');
    expect(document.error.message).toContain(`--demo does not apply to \`${command[0]}\`: `);
    expect(document.error.hint).toMatch(/`wearables-mcp [^`]+`/);
  });

  it('says an impossible --since is not a real day', async () => {
    const result = await runCli(['sync', '--since', '2026-02-30', '--json'], env);
    expect(result.code).toBe(2);
    expect((JSON.parse(result.stdout) as ErrorDocument).error.message).toBe('--since 2026-02-30 is not a real day (February 2026 has 28 days).');
  });

  it('status names the command that connects a provider', async () => {
    const result = await runCli(['status'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^oura: not connected: run `wearables-mcp connect oura`$/m);
  });

  it('--demo purge deletes the demo data and nothing else', async () => {
    writeFileSync(join(home, 'tokens.json'), 'real tokens (stand-in)');
    const result = await runCli(['--demo', 'purge', '--yes', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(home, 'demo'))).toBe(false);
    expect(readFileSync(join(home, 'tokens.json'), 'utf8')).toBe('real tokens (stand-in)');
  });
});
