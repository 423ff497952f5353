/**
 * The build's tool manifest (dist/tool-manifest.json, written by `npm run build`) against the
 * registry: equal to the manifest built from the tool definitions, and a server listing from it
 * shows exactly what registering the definitions shows (every field, every mode). A tool the
 * manifest names but the code lacks answers INTERNAL_ERROR saying to rebuild.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/app-context.js';
import { createMcpServer, type McpServerOptions } from '../../src/mcp/server.js';
import { registryToolManifest } from '../../src/mcp/tools/build-tool-manifest.js';
import { registerTool } from '../../src/mcp/tools/register-tool.js';
import { loadAllTools, loadToolset, selectTools, toolsetLoaderNames } from '../../src/mcp/tools/registry.js';
import { readToolManifest, TOOL_MANIFEST_FILE, type ToolManifest } from '../../src/mcp/tools/tool-manifest.js';
import { createTestApp, type TestApp } from './support/harness.js';

const TOOLS = await loadAllTools();
const builtFile = fileURLToPath(new URL(`../../dist/${TOOL_MANIFEST_FILE}`, import.meta.url));
const built = readToolManifest(fileURLToPath(new URL('../../dist/mcp/tools/', import.meta.url)));

/** A client declaring MCP Apps (it sees `_meta.ui.resourceUri` on tools with a view). */
const APPS = { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } };
const MODES: Array<McpServerOptions & { apps?: boolean }> = [{}, { outputSchemas: true }, { readOnly: true }, { toolsets: ['oura', 'insights'] }, { apps: true }];

async function listVia(server: McpServer, apps = false) {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'manifest-test', version: '1.0.0' }, apps ? { capabilities: APPS } : {});
  await client.connect(clientTransport);
  const { tools } = await client.listTools();
  return { tools, client, close: () => client.close().then(() => server.close()) };
}

/** The reference: a server registering the tool definitions themselves (every toolset visible). */
function definitionServer(app: AppContext, mode: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'reference', version: '0.0.0' }, { capabilities: { tools: { listChanged: true } } });
  const { tools } = selectTools(mode.toolsets ?? ['all'], { readOnly: mode.readOnly ?? false, tools: TOOLS });
  for (const tool of tools) registerTool(server, tool, app, { outputSchemas: mode.outputSchemas ?? false });
  return server;
}

describe('tool manifest', () => {
  let test: TestApp;
  beforeAll(async () => {
    // Demo mode: every provider counts as connected, so every toolset is visible.
    test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9', demo: true });
  });
  afterAll(async () => {
    await test.close();
  });

  it('is written by the build and equals the manifest built from the registry', async () => {
    expect(existsSync(builtFile), `${TOOL_MANIFEST_FILE} is missing from dist/: run npm run build`).toBe(true);
    expect(built, 'dist/tool-manifest.json differs from the registry: run npm run build').toEqual(JSON.parse(JSON.stringify(await registryToolManifest())));
    expect(built?.tools.map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
  });

  it('is read only from a build: a server run from src/ lists the registry', () => {
    expect(readToolManifest(fileURLToPath(new URL('../../src/mcp/tools/', import.meta.url)))).toBeUndefined();
  });

  it('loads each toolset from its own loader, holding only tools of that toolset', async () => {
    for (const name of toolsetLoaderNames()) {
      const tools = await loadToolset(name);
      expect(tools.length, name).toBeGreaterThan(0);
      for (const tool of tools) expect(tool.toolset, tool.name).toBe(name);
    }
    expect(await loadToolset('no-such-toolset')).toEqual([]);
  });

  it.each(MODES.map((mode) => [JSON.stringify(mode), mode] as const))('lists from the manifest exactly what the definitions list (%s)', async (_label, mode) => {
    const manifest = built as ToolManifest;
    const fromManifest = await listVia(await createMcpServer(test.app, { ...mode, manifest }), mode.apps);
    const fromDefinitions = await listVia(definitionServer(test.app, mode), mode.apps);
    try {
      expect(fromManifest.tools.length).toBeGreaterThan(0);
      if (mode.apps) expect(fromManifest.tools.some((tool) => tool._meta?.ui)).toBe(true);
      expect(fromManifest.tools).toEqual(fromDefinitions.tools);
    } finally {
      await fromManifest.close();
      await fromDefinitions.close();
    }
  });

  it('runs a listed tool from its lazily loaded definition, and answers INTERNAL_ERROR for one the code lacks', async () => {
    const manifest = built as ToolManifest;
    const auth = manifest.tools.find((tool) => tool.name === 'get_auth_status');
    expect(auth).toBeDefined();
    const ghost = { ...auth!, name: 'ghost_tool' };
    const { client, close } = await listVia(await createMcpServer(test.app, { manifest: { ...manifest, tools: [...manifest.tools, ghost] }, outputSchemas: true }));
    try {
      const answer = await client.callTool({ name: 'get_auth_status', arguments: {} });
      expect(answer.isError).toBeFalsy();
      expect(answer.structuredContent).toHaveProperty('providers');
      const invalid = await client.callTool({ name: 'get_auth_status', arguments: { nonsense: 1 } });
      expect(invalid.structuredContent).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
      const missing = await client.callTool({ name: 'ghost_tool', arguments: {} });
      expect(missing.isError).toBe(true);
      expect(missing.structuredContent).toMatchObject({ error: { code: 'INTERNAL_ERROR', hint: expect.stringContaining('npm run build') } });
    } finally {
      await close();
    }
  });
});
