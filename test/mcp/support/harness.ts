/**
 * A real AppContext (SQLite file, encrypted token store, Oura provider, sync engine) in a temp
 * dir, with the Oura API pointed at a local server, and a real MCP `Client` linked in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type McpServer } from '@modelcontextprotocol/server';
import { createAppContext } from '../../../src/app/create-app-context.js';
import { loadConfig } from '../../../src/config/config.js';
import type { AppContext } from '../../../src/app/app-context.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createMcpServer, type McpServerOptions } from '../../../src/mcp/server.js';

export const TEST_NOW = new Date('2024-06-15T10:00:00');
export const TEST_TOKEN = 'pat-test-0123456789abcdef';

export interface TestApp {
  app: AppContext;
  dir: string;
  close(): Promise<void>;
}

/** Builds the app context; `apiBaseUrl` should be a 127.0.0.1 server (never the real API). */
export async function createTestApp(options: { apiBaseUrl: string; connect?: boolean; demo?: boolean }): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wearables-mcp-'));
  const config = loadConfig({
    env: {
      WEARABLES_MCP_HOME: dir,
      OURA_API_BASE_URL: options.apiBaseUrl,
      OURA_AUTH_BASE_URL: options.apiBaseUrl,
      WEARABLES_MCP_ENCRYPTION_KEY: 'a'.repeat(64),
    },
    flags: { logFile: null, logLevel: 'silent', home: dir, ...(options.demo ? { demo: true } : {}) },
  });
  const app = await createAppContext(config, { logger: silentLogger(), now: () => new Date(TEST_NOW), sleep: async () => undefined });
  if (options.connect) await app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
  return {
    app,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Connected {
  server: McpServer;
  client: Client;
  close(): Promise<void>;
}

/** Creates the server for `app` and connects a real client over a linked in-memory pair. */
export async function connectClient(app: AppContext, options: McpServerOptions = {}): Promise<Connected> {
  const server = await createMcpServer(app, options);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(clientTransport);
  return {
    server,
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}
