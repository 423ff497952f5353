/**
 * A tool's MCP Apps view at the boundary (registerTool): the view's `_meta` is added for a client
 * declaring the extension, and a view that throws costs the chart, never the answer.
 */
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTool } from '../../src/mcp/tools/define-tool.js';
import { registerTool } from '../../src/mcp/tools/register-tool.js';
import { createTestApp, type TestApp } from './support/harness.js';

const APPS = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };
const HINTS = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

function echoTool(name: string, meta: (output: { value: number }) => Record<string, unknown>) {
  return defineTool({
    name,
    title: name,
    description: 'Echoes a number.',
    toolset: 'core',
    annotations: HINTS,
    input: z.object({ value: z.number().int().min(0).max(100) }),
    output: z.object({ value: z.number() }),
    view: { resourceUri: `ui://test/${name}`, meta },
    handle: async (input) => ({ value: input.value }),
  });
}

let test: TestApp;
let client: Client;
beforeAll(async () => {
  test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9' });
  const server = new McpServer({ name: 'view-test', version: '1.0.0' }, { capabilities: { tools: {} } });
  registerTool(server, echoTool('drawn', (output) => ({ 'test/chart': `value ${output.value}` })), test.app);
  registerTool(
    server,
    echoTool('broken', () => {
      throw new Error('renderer failed');
    }),
    test.app,
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  client = new Client({ name: 'view-test', version: '1.0.0' }, { capabilities: APPS });
  await client.connect(clientTransport);
});
afterAll(async () => {
  await client?.close();
  await test?.close();
});

describe('tool views', () => {
  it('adds the view data to the answer of a client with MCP Apps', async () => {
    const answer = await client.callTool({ name: 'drawn', arguments: { value: 7 } });
    expect(answer.isError).toBeFalsy();
    expect(answer._meta).toEqual({ 'test/chart': 'value 7' });
    expect(answer.structuredContent).toEqual({ value: 7 });
  });

  it('answers without the chart when the view throws', async () => {
    const answer = await client.callTool({ name: 'broken', arguments: { value: 7 } });
    expect(answer.isError).toBeFalsy();
    expect(answer._meta).toBeUndefined();
    expect(answer.structuredContent).toEqual({ value: 7 });
  });

  it('lists each view with its tool', async () => {
    const tools = (await client.listTools()).tools.map((tool) => [tool.name, tool._meta]);
    expect(tools).toEqual([
      ['drawn', { ui: { resourceUri: 'ui://test/drawn' } }],
      ['broken', { ui: { resourceUri: 'ui://test/broken' } }],
    ]);
  });
});
