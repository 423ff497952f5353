/**
 * A real app (SQLite file, token store, every provider, sync engine) pointed at the simulator on
 * 127.0.0.1, with Oura, WHOOP and Withings connected by access token and synced for the resources
 * the day view reads, plus a real MCP client in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCE_MAPPINGS } from '../../../src/analysis/mappings/index.js';
import { createAppContext } from '../../../src/app/create-app-context.js';
import { loadConfig } from '../../../src/config/config.js';
import type { AppContext } from '../../../src/app/app-context.js';
import type { ProviderId } from '../../../src/core/types.js';
import type { RegisteredProviderId } from '../../../src/providers/registry.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { addDays } from '../../../src/core/time/days.js';
import { connectClient, TEST_NOW, TEST_TOKEN, type Connected } from '../../mcp/support/harness.js';

export interface SimulatedApp {
  sim: StartedSimulator;
  app: AppContext;
  connected: Connected;
  /** The person's "today" (the anchor day). */
  today: string;
  /** Calls a tool and returns its structured answer and the byte size of its text. */
  call(name: string, args?: Record<string, unknown>): Promise<{ data: Record<string, unknown>; bytes: number; isError: boolean }>;
  close(): Promise<void>;
}

const ALL = ['oura', 'whoop', 'withings'] as const satisfies readonly RegisteredProviderId[];

/** Starts the simulator, syncs `historyDays` of the day-view resources of `providers` and connects a client. */
export async function startSimulatedApp(historyDays: number, options: { seed?: number; providers?: readonly ProviderId[] } = {}): Promise<SimulatedApp> {
  const sim = await startSimulator({ seed: options.seed ?? 7, days: Math.max(historyDays + 10, 120), now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
  const dir = mkdtempSync(join(tmpdir(), 'wearables-insights-'));
  const env: Record<string, string> = { WEARABLES_MCP_HOME: dir, WEARABLES_MCP_ENCRYPTION_KEY: 'a'.repeat(64) };
  for (const id of ALL) {
    env[`${id.toUpperCase()}_API_BASE_URL`] = sim[id].apiBaseUrl;
    env[`${id.toUpperCase()}_AUTH_BASE_URL`] = sim[id].authBaseUrl;
  }
  const config = loadConfig({ env, flags: { logFile: null, logLevel: 'silent', home: dir } });
  const app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(TEST_NOW), sleep: async () => undefined });
  const providers = options.providers ?? ALL;
  const today = sim.person.anchorDay;
  for (const provider of providers) {
    await app.tokens.save(provider, { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
    const resources = [...new Set(SOURCE_MAPPINGS.filter((mapping) => mapping.provider === provider).map((mapping) => mapping.resource))];
    const report = await app.sync.sync({ providers: [provider], resources, since: addDays(today, -(historyDays - 1)) });
    const failed = report.results.filter((result) => result.status !== 'ok');
    if (failed.length > 0) throw new Error(`${provider} sync failed: ${failed.map((result) => result.error?.message).join('; ')}`);
  }
  const connected = await connectClient(app);
  return {
    sim,
    app,
    connected,
    today,
    async call(name, args = {}) {
      const result = await connected.client.callTool({ name, arguments: args });
      const text = (result.content as Array<{ type: string; text?: string }>)[0]?.text ?? '';
      return { data: (result.structuredContent ?? {}) as Record<string, unknown>, bytes: Buffer.byteLength(text, 'utf8'), isError: Boolean(result.isError) };
    },
    async close() {
      await connected.close();
      await app.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
