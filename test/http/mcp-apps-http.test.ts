/**
 * The MCP Apps view of `get_trends` over real HTTP on 127.0.0.1, on pooled server instances: a
 * client declaring the extension (in each request's envelope on 2026-07-28, at `initialize` of an
 * SSE session) sees `_meta.ui` and gets the chart; a plain client served next by the same
 * instance sees nothing of it. A 2025-era client on stateless `/mcp` declared its capabilities in
 * an `initialize` no later request remembers, so it gets the plain answer (never a broken view).
 */
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_TOKEN, startHttpHarness, type HttpHarness } from './support/http-harness.js';

const APPS = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };
const ARGS = { metric: 'resting_heart_rate_bpm', start_date: '2024-05-17', end_date: '2024-06-15' };

let harness: HttpHarness;
const open: Client[] = [];

async function connect(options: { apps: boolean; era: 'modern' | 'stateless-2025' | 'sse' }): Promise<Client> {
  const transport =
    options.era === 'sse'
      ? new SSEClientTransport(new URL('/sse', harness.server.url), { authProvider: { token: async () => AUTH_TOKEN } })
      : new StreamableHTTPClientTransport(new URL('/mcp', harness.server.url), { requestInit: { headers: { Authorization: `Bearer ${AUTH_TOKEN}` } } });
  const client = new Client(
    { name: 'apps-http-test', version: '1.0.0' },
    { ...(options.apps ? { capabilities: APPS } : {}), ...(options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}) },
  );
  await client.connect(transport);
  open.push(client);
  return client;
}

async function view(client: Client): Promise<{ listed: unknown; chart: unknown; text: unknown }> {
  const tool = (await client.listTools()).tools.find((item) => item.name === 'get_trends');
  const answer = await client.callTool({ name: 'get_trends', arguments: ARGS });
  return { listed: tool?._meta, chart: (answer._meta as Record<string, unknown> | undefined)?.['wearables-mcp/chart'], text: answer.content };
}

beforeAll(async () => {
  harness = await startHttpHarness({ RATE_LIMIT_MAX: '100000' });
}, 60_000);
afterAll(async () => {
  for (const client of open) await client.close();
  await harness?.close();
});

describe('MCP Apps over HTTP', () => {
  it.each(['modern', 'sse'] as const)('%s: the view for the declaring client only, nothing left for the next', async (era) => {
    const apps = await view(await connect({ apps: true, era }));
    const plain = await view(await connect({ apps: false, era }));
    const appsAgain = await view(await connect({ apps: true, era }));
    expect(apps.listed).toEqual({ ui: { resourceUri: 'ui://wearables-mcp/trend-chart' } });
    expect(apps.chart).toMatchObject({ title: 'Resting heart rate (beats per minute)', html: expect.any(String) });
    expect(plain.listed).toBeUndefined();
    expect(plain.chart).toBeUndefined();
    expect(plain.text).toEqual(apps.text);
    expect(appsAgain.listed).toEqual(apps.listed);
  });

  it('stateless 2025-era /mcp: the plain answer, even to a client that declared the extension', async () => {
    const answer = await view(await connect({ apps: true, era: 'stateless-2025' }));
    expect(answer.listed).toBeUndefined();
    expect(answer.chart).toBeUndefined();
    expect(answer.text).toEqual((await view(await connect({ apps: false, era: 'modern' }))).text);
    // About 30 exchanges above, served by reused instances: one per open SSE session, one for /mcp.
    expect(harness.server.mcpServers()).toMatchObject({ created: 4, busy: 3 });
  });
});
