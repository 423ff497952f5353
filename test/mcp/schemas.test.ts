/**
 * Every tool's input and output JSON Schema as `tools/list` advertises it, snapshot-tested (one
 * file per tool under __snapshots__/schemas) so schema changes are deliberate and reviewed. The
 * output schema is the one listed when output schemas are advertised (`outputSchemas: true`);
 * the default listing carries none.
 */
import type { Tool } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllTools } from '../../src/mcp/tools/registry.js';
import { connectClient, createTestApp, type Connected, type TestApp } from './support/harness.js';

const TOOLS = await loadAllTools();

describe('tool schemas', () => {
  let test: TestApp;
  let connected: Connected;
  let listed: Map<string, Tool>;
  let withOutput: Map<string, Tool>;

  beforeAll(async () => {
    // Demo mode: every toolset is visible. No request leaves the process in this file.
    test = await createTestApp({ apiBaseUrl: 'http://127.0.0.1:9', demo: true });
    connected = await connectClient(test.app);
    listed = new Map((await connected.client.listTools()).tools.map((tool) => [tool.name, tool]));
    const advertising = await connectClient(test.app, { outputSchemas: true });
    withOutput = new Map((await advertising.client.listTools()).tools.map((tool) => [tool.name, tool]));
    await advertising.close();
  });
  afterAll(async () => {
    await connected.close();
    await test.close();
  });

  it('lists every registry tool once, with snake_case names and explicit annotations, output schemas only when asked', () => {
    expect([...listed.keys()].sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
    for (const tool of listed.values()) {
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(tool.annotations).toMatchObject({ readOnlyHint: expect.any(Boolean), idempotentHint: expect.any(Boolean), openWorldHint: expect.any(Boolean) });
      expect(tool.outputSchema).toBeUndefined();
      expect(withOutput.get(tool.name)?.outputSchema).toBeDefined();
    }
  });

  it.each(TOOLS.map((tool) => [tool.name] as const))('%s input/output schema matches the snapshot', async (name) => {
    const tool = listed.get(name);
    const schemas = { input: tool?.inputSchema, output: withOutput.get(name)?.outputSchema, annotations: tool?.annotations };
    await expect(JSON.stringify(schemas, null, 2) + '\n').toMatchFileSnapshot(`__snapshots__/schemas/${name}.json`);
  });
});
