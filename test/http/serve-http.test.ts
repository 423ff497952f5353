/**
 * `serve --http` driven by real MCP clients: Streamable HTTP in both protocol eras and the legacy
 * SSE transport, with and without the bearer token; Host/Origin checks; 405s; /health.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, RAW_INITIALIZE as initialize, AUTHED_JSON_HEADERS as headers, connectSse, connectStreamable, rawRequest, startHttpHarness, type HttpHarness } from './support/http-harness.js';
import { TEST_TOKEN } from '../mcp/support/harness.js';


describe('serve --http', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('serves a 2026-07-28 client over Streamable HTTP with the token: tools listed and called', async () => {
    const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const tools = (await client.listTools()).tools.map((tool) => tool.name);
    expect(tools).toContain('get_oura_sleep_summary');
    const result = await client.callTool({ name: 'get_oura_sleep_summary', arguments: { start_date: '2024-06-06', end_date: '2024-06-08' } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect((result.structuredContent as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    await client.close();
  });

  it('serves a client that negotiates a 2025 revision over Streamable HTTP', async () => {
    const client = await connectStreamable(harness.server.url, { token: AUTH_TOKEN });
    expect(client.getProtocolEra()).toBe('legacy');
    expect(client.getNegotiatedProtocolVersion()).toMatch(/^2025-/);
    expect(client.getServerVersion()?.name).toBe('wearables-mcp');
    const result = await client.callTool({ name: 'get_auth_status', arguments: {} });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(JSON.stringify(result)).not.toContain(TEST_TOKEN);
    await client.close();
  });

  it('serves the legacy HTTP+SSE transport with the token', async () => {
    const client = await connectSse(harness.server.url, AUTH_TOKEN);
    const tools = (await client.listTools()).tools.map((tool) => tool.name);
    expect(tools).toContain('get_oura_readiness_score');
    const result = await client.callTool({ name: 'get_oura_readiness_score', arguments: { start_date: '2024-06-06', end_date: '2024-06-08' } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    await client.close();
  });

  it('refuses every MCP route without the right token (401 with a Bearer challenge)', async () => {
    await expect(connectStreamable(harness.server.url, { modern: true })).rejects.toThrow();
    await expect(connectStreamable(harness.server.url, { token: 'wrong-token-wrong-token-wrong' })).rejects.toThrow();
    await expect(connectSse(harness.server.url)).rejects.toThrow();
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    for (const [method, path] of [['POST', '/mcp'], ['GET', '/sse'], ['POST', '/messages?sessionId=x'], ['POST', '/sse']] as const) {
      const response = await rawRequest(harness.server.url, { method, path, headers, body: method === 'POST' ? initialize : undefined });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
        const evilHost = await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers: { ...headers, host: 'evil.example:3001' }, body: initialize });
    expect(evilHost.status).toBe(403);
    expect(evilHost.body).toContain('invalid_host');
    const evilOrigin = await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers: { ...headers, origin: 'https://evil.example' }, body: initialize });
    expect(evilOrigin.status).toBe(403);
    const ok = await rawRequest(harness.server.url, { method: 'POST', path: '/mcp', headers: { ...headers, host: `localhost:${harness.server.port}` }, body: initialize });
    expect(ok.status).toBe(200);
  });

  it('answers 405 to GET and DELETE on /mcp (no stream, no session)', async () => {
    const headers = { authorization: `Bearer ${AUTH_TOKEN}`, accept: 'text/event-stream' };
    expect((await rawRequest(harness.server.url, { method: 'GET', path: '/mcp', headers })).status).toBe(405);
    expect((await rawRequest(harness.server.url, { method: 'DELETE', path: '/mcp', headers })).status).toBe(405);
  });

  it('reports health without secrets', async () => {
    const response = await rawRequest(harness.server.url, { path: '/health' });
    expect(response.status).toBe(200);
    const health = JSON.parse(response.body) as { status: string; version: string; providers: Record<string, { connected: boolean }>; cache: { readable: boolean } };
    expect(health.status).toBe('ok');
    expect(health.providers.oura?.connected).toBe(true);
    expect(health.cache.readable).toBe(true);
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    for (const secret of [TEST_TOKEN, AUTH_TOKEN, harness.test.dir]) expect(response.body).not.toContain(secret);
  });
});
