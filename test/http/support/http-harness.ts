/**
 * A real `serve --http` for tests: the app context of the MCP harness (SQLite file, encrypted
 * tokens, Oura provider) against the simulator, listening on 127.0.0.1 on a free port.
 */
import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/client';
import { SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { loadHttpConfig } from '../../../src/http/http-config.js';
import { startHttpServer, type RunningHttpServer } from '../../../src/http/http-server.js';
import { startSimulator, type StartedSimulator } from '../../../src/simulator/index.js';
import { createTestApp, TEST_NOW, TEST_TOKEN, type TestApp } from '../../mcp/support/harness.js';

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

export interface HttpHarness {
  simulator: StartedSimulator;
  test: TestApp;
  server: RunningHttpServer;
  close(): Promise<void>;
}

/** Starts simulator, app and HTTP server; `env` overrides the HTTP settings. */
export async function startHttpHarness(env: Record<string, string> = {}, options: { connect?: boolean } = {}): Promise<HttpHarness> {
  const simulator = await startSimulator({ seed: 7, days: 40, futureDays: 2, now: () => new Date(TEST_NOW), personalAccessTokens: [TEST_TOKEN] });
  const test = await createTestApp({ apiBaseUrl: simulator.oura.apiBaseUrl, connect: options.connect ?? true });
  const config = loadHttpConfig({ AUTH_TOKEN, PORT: '0', SYNC_INTERVAL_MINUTES: '0', SHUTDOWN_GRACE_SECONDS: '2', ...env });
  const server = await startHttpServer({ context: test.app, config });
  return {
    simulator,
    test,
    server,
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
