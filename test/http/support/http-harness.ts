/**
 * A real `serve --http` for tests: the app context of the MCP harness (SQLite file, encrypted
 * tokens, Oura provider) against the simulator, listening on 127.0.0.1 on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/client';
import { SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { loadHttpConfig } from '../../../src/http/http-config.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/http/http-server.js';
import { createAppContext } from '../../../src/app/create-app-context.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { TEST_NOW, TEST_TOKEN, type TestApp } from '../../mcp/support/harness.js';

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

/** A raw 2025-era `initialize` request body, for tests that speak HTTP without an SDK client. */
export const RAW_INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** Headers of an authenticated Streamable HTTP POST. */
export const AUTHED_JSON_HEADERS = { authorization: `Bearer ${AUTH_TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export interface HttpHarness {
  simulator: StartedSimulator;
  test: TestApp;
  server: RunningHttpServer;
  /** Every log line written so far (JSON strings). */
  logs: string[];
  close(): Promise<void>;
}

export interface HttpHarnessOptions {
  /** Store the simulator's personal token (default true). */
  connect?: boolean;
  /** `PUBLIC_BASE_URL` computed from the simulator (for OAuth redirect checks). */
  simulatorOptions?: Parameters<typeof startSimulator>[0];
}

/**
 * Starts simulator, app (with the simulator's OAuth client as the Oura app credentials) and
 * HTTP server; `env` overrides the HTTP settings.
 */
export async function startHttpHarness(env: Record<string, string> = {}, options: HttpHarnessOptions = {}): Promise<HttpHarness> {
  const simulator = await startSimulator({
    seed: 7,
    days: 40,
    futureDays: 2,
    now: () => new Date(TEST_NOW),
    personalAccessTokens: [TEST_TOKEN],
    ...options.simulatorOptions,
  });
  const dir = mkdtempSync(join(tmpdir(), 'wearables-http-'));
  const config = loadConfig({
    env: {
      OURA_API_BASE_URL: simulator.oura.apiBaseUrl,
      OURA_AUTH_BASE_URL: simulator.oura.authBaseUrl,
      OURA_CLIENT_ID: simulator.clientId,
      OURA_CLIENT_SECRET: simulator.clientSecret,
      WEARABLES_MCP_ENCRYPTION_KEY: 'a'.repeat(64),
    },
    flags: { home: dir, logFile: null, logLevel: 'info' },
  });
  const logs: string[] = [];
  const collector = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = await createLogger({ level: 'info', file: null, stderr: collector });
  const app = await createAppContext(config, { logger, now: () => new Date(TEST_NOW), sleep: async () => undefined });
  if (options.connect ?? true) await app.tokens.save('oura', { kind: 'personal', accessToken: TEST_TOKEN, obtainedAt: Date.now() });
  const test: TestApp = {
    app,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const httpConfig = loadHttpConfig({ AUTH_TOKEN, PORT: '0', SYNC_INTERVAL_MINUTES: '0', SHUTDOWN_GRACE_SECONDS: '2', ...env });
  const server = await startHttpServer({ context: app, config: httpConfig });
  return {
    simulator,
    test,
    server,
    logs,
    async close() {
      await server.close();
      await test.close();
      await simulator.close();
    },
  };
}

/** A client over Streamable HTTP (`modern`: pinned to 2026-07-28; else the 2025 handshake). */
export async function connectStreamable(url: string, options: { token?: string; modern?: boolean } = {}): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', url), {
    ...(options.token ? { requestInit: { headers: { Authorization: `Bearer ${options.token}` } } } : {}),
  });
  const client = new Client(
    { name: 'http-test', version: '1.0.0' },
    options.modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(transport);
  return client;
}

/** A client over the legacy HTTP+SSE transport. */
export async function connectSse(url: string, token?: string): Promise<Client> {
  const transport = new SSEClientTransport(new URL('/sse', url), token ? { authProvider: { token: async () => token } } : {});
  const client = new Client({ name: 'sse-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A raw request with full control of headers (fetch cannot set `Host`). */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const target = new URL(options.path, url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(target, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}
