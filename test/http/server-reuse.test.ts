/**
 * One set of MCP server instances per process: many HTTP requests (both protocol eras) and SSE
 * sessions are served by instances built once and reused, and still nothing of one client
 * (its identity, its session) reaches another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { createServerPool } from '../../src/http/server-pool.js';
import { AUTH_TOKEN, connectSse, connectStreamable, rawRequest, startHttpHarness, type HttpHarness } from './support/http-harness.js';

const headers = {
  authorization: `Bearer ${AUTH_TOKEN}`,
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};

function callAuthStatus(url: string, id: number) {
  const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'get_auth_status', arguments: {} } });
  return rawRequest(url, { method: 'POST', path: '/mcp', headers, body });
}

describe('HTTP server reuse', () => {
  let harness: HttpHarness;
  beforeAll(async () => {
    harness = await startHttpHarness({ RATE_LIMIT_MAX: '100000' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('answers 60 sequential calls and a modern session with one server instance', async () => {
    for (let id = 1; id <= 60; id++) {
      const response = await callAuthStatus(harness.server.url, id);
      expect(response.status).toBe(200);
      expect(response.body).toContain('"connected\\":true');
    }
    const modern = await connectStreamable(harness.server.url, { token: AUTH_TOKEN, modern: true });
    expect((await modern.listTools()).tools.length).toBeGreaterThan(10);
    await modern.close();
    expect(harness.server.mcpServers().created).toBe(1);
  });

  it('builds no more instances than requests in flight, and every concurrent answer is right', async () => {
    const responses = await Promise.all(Array.from({ length: 24 }, (_, index) => callAuthStatus(harness.server.url, 100 + index)));
    for (const [index, response] of responses.entries()) {
      expect(response.status).toBe(200);
      expect(response.body).toContain(`"id":${100 + index}`);
    }
    const stats = harness.server.mcpServers();
    expect(stats.created).toBeLessThanOrEqual(24);
    expect(stats.busy).toBe(0);
    const before = stats.created;
    for (let id = 200; id < 220; id++) await callAuthStatus(harness.server.url, id);
    expect(harness.server.mcpServers().created).toBe(before);
  });

  it('keeps two SSE sessions apart: each has its own instance, closing one leaves the other working', async () => {
    const first = await connectSse(harness.server.url, AUTH_TOKEN);
    const second = await connectSse(harness.server.url, AUTH_TOKEN);
    expect(harness.server.mcpServers().busy).toBe(2);
    await first.close();
    const result = await second.callTool({ name: 'get_auth_status', arguments: {} });
    expect(result.isError).toBeFalsy();
    await second.close();
    const reopened = await connectSse(harness.server.url, AUTH_TOKEN);
    expect((await reopened.callTool({ name: 'get_auth_status', arguments: {} })).isError).toBeFalsy();
    await reopened.close();
  });
});

describe('server pool', () => {
  function factory(): Promise<McpServer> {
    const server = new McpServer({ name: 'pooled', version: '1.0.0' }, { capabilities: { logging: {} } });
    server.registerTool('who', { description: 'Who is asking' }, async () => ({
      content: [{ type: 'text', text: server.server.getClientVersion()?.name ?? 'nobody' }],
    }));
    return Promise.resolve(server);
  }

  async function connect(server: McpServer, name: string, capabilities: Record<string, unknown>): Promise<Client> {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    const client = new Client({ name, version: '1.0.0' }, { capabilities });
    await client.connect(clientTransport);
    return client;
  }

  it('hands a closed instance to the next client with the previous client identity cleared', async () => {
    const pool = createServerPool(factory);
    const server = await pool.acquire();
    const first = await connect(server, 'client-a', { elicitation: {} });
    expect(server.server.getClientCapabilities()?.elicitation).toBeDefined();
    await first.setLoggingLevel('debug');
    await server.close();
    expect(pool.stats()).toEqual({ created: 1, idle: 1, busy: 0 });

    const again = await pool.acquire();
    expect(again).toBe(server);
    expect(server.server.getClientVersion()).toBeUndefined();
    expect(server.server.getClientCapabilities()).toBeUndefined();
    const second = await connect(again, 'client-b', {});
    const result = await second.callTool({ name: 'who', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'client-b' }]);
    expect(server.server.getClientCapabilities()?.elicitation).toBeUndefined();
    await again.close();
    pool.close();
    expect(pool.stats().idle).toBe(0);
  });

  it('takes back an instance closed without ever connecting (a refused request)', async () => {
    const pool = createServerPool(factory);
    const server = await pool.acquire();
    await server.close();
    expect(await pool.acquire()).toBe(server);
    expect(pool.stats()).toEqual({ created: 1, idle: 0, busy: 1 });
  });
});
