/**
 * A real app (SQLite file, encrypted token store, the three providers, sync engine, MCP server and
 * a real MCP client) whose providers talk to replay servers, for the recorded-response suites.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext } from '../../src/app/create-app-context.js';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import type { ProviderId, TimeWindow } from '../../src/core/types.js';
import { silentLogger } from '../../src/logging/logger.js';
import { connectClient, type Connected } from '../mcp/support/harness.js';
import { startReplay, type ReplayHandler, type ReplayServer } from './replay-server.js';

export interface ReplayApp {
  app: AppContext;
  servers: Partial<Record<ProviderId, ReplayServer>>;
  /** Fetches `window` of `resource` now through the real client, normalizer and store. */
  refresh(provider: ProviderId, resource: string, window: TimeWindow): Promise<void>;
  /** Calls an MCP tool through a real client; returns its structured content. */
  tool(name: string, args?: Record<string, unknown>): Promise<{ isError: boolean; structured: Record<string, unknown>; text: string }>;
  close(): Promise<void>;
}

/** Starts one replay server per handler and an app connected (personal tokens) to each. */
export async function startReplayApp(handlers: Partial<Record<ProviderId, ReplayHandler>>, now: Date): Promise<ReplayApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wearables-replay-'));
  const servers: Partial<Record<ProviderId, ReplayServer>> = {};
  const env: Record<string, string> = { WEARABLES_MCP_HOME: dir, WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64) };
  for (const [provider, handler] of Object.entries(handlers) as Array<[ProviderId, ReplayHandler]>) {
    const server = await startReplay(handler);
    servers[provider] = server;
    env[`${provider.toUpperCase()}_API_BASE_URL`] = server.url;
    env[`${provider.toUpperCase()}_AUTH_BASE_URL`] = server.url;
  }
  const config = loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home: dir } });
  const app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(now), sleep: async () => undefined });
  for (const provider of Object.keys(handlers) as ProviderId[]) {
    await app.tokens.save(provider, { kind: 'personal', accessToken: `replay-${provider}-token`, obtainedAt: now.getTime() });
  }
  let connected: Connected | undefined;
  return {
    app,
    servers,
    refresh: (provider, resource, window) => app.sync.refreshWindow(provider, resource, window),
    async tool(name, args = {}) {
      connected ??= await connectClient(app);
      const result = await connected.client.callTool({ name, arguments: args });
      const text = (result.content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('\n');
      return { isError: result.isError === true, structured: (result.structuredContent ?? {}) as Record<string, unknown>, text };
    },
    async close() {
      await connected?.close();
      await app.close();
      for (const server of Object.values(servers)) await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
