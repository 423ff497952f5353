/**
 * A real `serve --http` wired to the simulator's Oura, WHOOP and Withings (the simulator's OAuth
 * client as every provider's app credentials), SQLite store in a temp dir, logs collected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createAppContext } from '../../../src/app/create-app-context.js';
import type { AppContext } from '../../../src/app/app-context.js';
import { loadConfig } from '../../../src/config/config.js';
import { loadHttpConfig } from '../../../src/http/http-config.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/http/http-server.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { AUTH_TOKEN } from '../../http/support/http-harness.js';
import { TEST_NOW, TEST_TOKEN } from '../../mcp/support/harness.js';

export interface MultiHarness {
  simulator: StartedSimulator;
  app: AppContext;
  server: RunningHttpServer;
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts simulator, app and HTTP server; `connect` stores the simulator token for these
 * providers; `httpEnv` overrides the HTTP settings.
 */
export async function startMultiHarness(connect: { whoop?: boolean; withingsUserId?: string } = {}, httpEnv: Record<string, string> = {}): Promise<MultiHarness> {
  const simulator = await startSimulator({ seed: 7, days: 40, futureDays: 2, now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
  const dir = mkdtempSync(join(tmpdir(), 'wearables-webhooks-'));
  const env: Record<string, string> = { WEARABLES_MCP_ENCRYPTION_KEY: 'a'.repeat(64) };
  for (const [upper, base] of [['OURA', simulator.oura], ['WHOOP', simulator.whoop], ['WITHINGS', simulator.withings]] as const) {
    Object.assign(env, {
      [`${upper}_API_BASE_URL`]: base.apiBaseUrl,
      [`${upper}_AUTH_BASE_URL`]: base.authBaseUrl,
      [`${upper}_CLIENT_ID`]: simulator.clientId,
      [`${upper}_CLIENT_SECRET`]: simulator.clientSecret,
    });
  }
  const config = loadConfig({ env, flags: { home: dir, logFile: null, logLevel: 'info' } });
  const logs: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = await createLogger({ level: 'info', file: null, stderr });
  const app = await createAppContext(config, { logger, now: () => new Date(TEST_NOW), sleep: async () => undefined });
  if (connect.whoop) await app.tokens.save('whoop', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
  if (connect.withingsUserId) {
    await app.tokens.save('withings', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now(), userId: connect.withingsUserId });
  }
  const server = await startHttpServer({ context: app, config: loadHttpConfig({ AUTH_TOKEN, PORT: '0', SYNC_INTERVAL_MINUTES: '0', SHUTDOWN_GRACE_SECONDS: '2', ...httpEnv }) });
  return {
    simulator,
    app,
    server,
    logs,
    async close() {
      await server.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      await simulator.close();
    },
  };
}
