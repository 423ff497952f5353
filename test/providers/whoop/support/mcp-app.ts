/**
 * A real AppContext (SQLite file, encrypted token store, providers, sync engine) whose WHOOP
 * endpoints point at a WHOOP simulator on 127.0.0.1, plus a connected MCP client (in memory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext } from '../../../../src/app/create-app-context.js';
import { loadConfig } from '../../../../src/config/config.js';
import type { AppContext } from '../../../../src/app/app-context.js';
import { silentLogger } from '../../../../src/logging/logger.js';
import type { StartedSimulator } from '../../../../src/simulator/index.js';

export interface WhoopTestApp {
  app: AppContext;
  close(): Promise<void>;
}

/** Builds the app context for `simulator` at the fixed instant `now`. */
export async function createWhoopTestApp(simulator: StartedSimulator, now: Date): Promise<WhoopTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'whoop-mcp-'));
  const config = loadConfig({
    env: {
      WEARABLES_MCP_HOME: dir,
      OURA_API_BASE_URL: 'http://127.0.0.1:9',
      OURA_AUTH_BASE_URL: 'http://127.0.0.1:9',
      WHOOP_API_BASE_URL: simulator.whoop.apiBaseUrl,
      WHOOP_AUTH_BASE_URL: simulator.whoop.authBaseUrl,
      WHOOP_CLIENT_ID: simulator.clientId,
      WHOOP_CLIENT_SECRET: simulator.clientSecret,
      WEARABLES_MCP_ENCRYPTION_KEY: 'b'.repeat(64),
    },
    flags: { logFile: null, logLevel: 'silent', home: dir },
  });
  const app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(now), sleep: async () => undefined });
  return {
    app,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
