/**
 * `serve` over stdio, as an MCP client runs it, after the `sync` tool covered three providers:
 * the sync lock's refresh timers used to crash the server about 10 s later, so it still answers
 * 20 s on. A `sync` call or a read that has to wait for a CLI sync of the same provider says so
 * (with the CLI's pid) in its progress notifications.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI_ENTRY, startCli } from './cli-helpers.js';
import { startThreeProviderHome, type ThreeProviderHome } from './support/three-providers.js';

const TOKEN = 'serve-after-sync-token-0b7e44';

interface SyncResult {
  results: Array<{ provider: string; status: string }>;
}

describe('serve over stdio after a multi-provider sync', () => {
  let world: ThreeProviderHome;
  let client: Client;
  let serverExit: string | undefined;
  let serverStderr = '';

  beforeAll(async () => {
    world = await startThreeProviderHome({ seed: 9, token: TOKEN });
    client = new Client({ name: 'serve-after-sync', version: '0.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI_ENTRY, 'serve'], env: { PATH: process.env.PATH ?? '', ...world.env }, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (serverStderr += chunk.toString()));
    transport.onclose = () => (serverExit ??= 'closed');
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await world?.close();
  });

  it('answers a tool call 20 s after the sync tool synced three providers', async () => {
    const synced = await client.callTool({ name: 'sync', arguments: {} });
    expect(synced.isError, JSON.stringify(synced.content)).toBeFalsy();
    const statuses = (synced.structuredContent as unknown as SyncResult).results.map((result) => [result.provider, result.status]);
    expect(statuses).toEqual([['oura', 'ok'], ['whoop', 'ok'], ['withings', 'ok']]);
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    expect(serverExit, serverStderr).toBeUndefined();
    const status = await client.callTool({ name: 'get_auth_status', arguments: {} });
    expect(status.isError, JSON.stringify(status.content)).toBeFalsy();
    expect(serverStderr).not.toMatch(/updateTimeout|ECOMPROMISED|Uncaught/);
    expect(world.leftoverLocks()).toEqual([]);
  }, 60_000);

  it.each([
    ['the sync tool', { name: 'sync', arguments: { provider: 'oura' } }],
    ['a read that syncs', { name: 'get_oura_sleep_summary', arguments: { fresh: true } }],
  ])('%s reports in its progress that it waits for a CLI sync of the same provider, with its pid', async (_label, call) => {
    world.simulator.control.delay(150, { pathPrefix: '/oura', count: 100_000 });
    const cli = startCli(['sync', 'oura', '--full', '--json'], world.env);
    try {
      const deadline = Date.now() + 20_000;
      while (!existsSync(join(world.home, 'sync-oura.lock'))) {
        if (Date.now() > deadline) throw new Error('the CLI sync never took the lock');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const messages: string[] = [];
      const synced = await client.callTool(call, { onprogress: (update) => void (update.message && messages.push(update.message)), timeout: 120_000 });
      expect(synced.isError, JSON.stringify(synced.content)).toBeFalsy();
      expect(messages[0]).toBe(`waiting for another sync of oura (pid ${cli.pid})`);
      expect((await cli.done).code).toBe(0);
    } finally {
      world.simulator.control.clearFaults();
      cli.kill('SIGKILL');
    }
    expect(world.leftoverLocks()).toEqual([]);
  }, 120_000);
});
