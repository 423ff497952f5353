/**
 * What the tool list costs a model and a client, with Oura, WHOOP and Withings connected: the
 * listing stays under 40 KB and spells the calendar date regex at most once; a validating SDK
 * client compiles no output-schema validator before its first call (the old listing made it
 * compile 44, the cause of a 551 ms first call); each tool's JSON Schema is converted once, not
 * per `tools/list`; and every tool's error result, and every answer, passes a client that
 * validates `structuredContent` against the listed output schema.
 */
import { Client, type Tool } from '@modelcontextprotocol/client';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app/app-context.js';
import { createMcpServer, type McpServerOptions } from '../../src/mcp/server.js';
import { schemaConversions } from '../../src/mcp/tools/listed-schemas.js';
import { loadAllTools } from '../../src/mcp/tools/registry.js';
import { startSimulatedApp, type SimulatedApp } from '../analysis/support/simulated-app.js';

const TOOLS = await loadAllTools();

// The target: under 40 KB with every provider connected (39.8 KB with four providers and
// the import tool, after dropping the maxLength a `format: date` already implies).
const MAX_LIST_BYTES = 40_000;
/** The regex zod writes for `z.iso.date()` (a 270-character calendar pattern). */
const DATE_REGEX_START = '(?:(?:\\d\\d[2468][048]';

/** Valid arguments for the tools that require some (ids that do not exist answer NOT_FOUND). */
const VALID_ARGS: Record<string, Record<string, unknown>> = {
  sync: { provider: 'oura', resources: ['daily_sleep'] },
  export_data: { kind: 'daily_sleep', format: 'csv', path: 'tool-list.csv' },
  get_observations: { metric: 'steps' },
  get_trends: { metric: 'steps' },
  get_whoop_cycle: { cycle_id: 1 },
  get_whoop_cycle_recovery: { cycle_id: 1 },
  get_whoop_cycle_sleep: { cycle_id: 1 },
  get_whoop_sleep: { sleep_id: '00000000-0000-4000-8000-000000000000' },
  get_whoop_workout: { workout_id: '00000000-0000-4000-8000-000000000000' },
  get_withings_heart_signal: { signal_id: 1 },
  get_withings_stetho_signal: { signal_id: 1 },
};

/** A JSON Schema validator that counts what it compiles (the SDK's own Ajv underneath). */
class CountingValidator extends AjvJsonSchemaValidator {
  compiled = 0;
  override getValidator<T>(schema: Parameters<AjvJsonSchemaValidator['getValidator']>[0]) {
    this.compiled++;
    return super.getValidator<T>(schema);
  }
}

let s: SimulatedApp;

/** A fresh server for the simulated app and a real SDK client (output-schema validation on). */
async function connect(options: McpServerOptions = {}, validator = new CountingValidator(), app: AppContext = s.app) {
  const server = await createMcpServer(app, options);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'validating-client', version: '1.0.0' }, { jsonSchemaValidator: validator });
  await client.connect(clientTransport);
  return {
    client,
    validator,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

function errorPayload(result: { structuredContent?: unknown; content?: unknown }): { code?: string } | undefined {
  return (result.structuredContent as { error?: { code?: string } } | undefined)?.error;
}

/**
 * What a validating client that also checks error results (the MCP Inspector, SDK v1 clients)
 * does with a result: `structuredContent`, when present, must match the listed output schema.
 */
function inspectorProblem(tool: Tool, structured: unknown): string | null {
  if (!tool.outputSchema || structured === undefined) return null;
  const verdict = new AjvJsonSchemaValidator().getValidator(tool.outputSchema)(structured);
  return verdict.valid ? null : `${tool.name}: ${verdict.errorMessage}`;
}

beforeAll(async () => {
  s = await startSimulatedApp(7);
}, 90_000);
afterAll(async () => s?.close());

describe('tools/list with three providers connected', () => {
  it('is under 40 KB for all tools and spells the calendar date regex at most once', async () => {
    const { client, close } = await connect();
    const { tools } = await client.listTools();
    const wire = JSON.stringify({ tools });
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
    expect(Buffer.byteLength(wire, 'utf8')).toBeLessThan(MAX_LIST_BYTES);
    expect(wire.split(DATE_REGEX_START).length - 1).toBeLessThanOrEqual(1);
    // Each day argument still says it is a day, and stays bounded.
    const trends = tools.find((tool) => tool.name === 'get_trends');
    expect(trends?.inputSchema.properties?.start_date).toMatchObject({ type: 'string', format: 'date' });
    await close();
  });

  it('leaves a validating SDK client nothing to compile before its first call', async () => {
    const { client, validator, close } = await connect();
    await client.listTools();
    const answer = await client.callTool({ name: 'get_auth_status', arguments: {} });
    expect(answer.isError).toBeFalsy();
    expect(answer.structuredContent).toBeDefined();
    expect(validator.compiled).toBe(0);
    await close();
  });

  it('converts each tool schema to JSON Schema once, not on every tools/list or per server', async () => {
    const spies = TOOLS.map((tool) => vi.spyOn(tool.input['~standard'].jsonSchema, 'input'));
    try {
      for (const options of [{}, { outputSchemas: true }]) {
        const first = await connect(options);
        await first.client.listTools();
        const before = schemaConversions();
        await first.client.listTools();
        await first.client.listTools();
        await first.close();
        // A second server, as the HTTP transport may build per request.
        const second = await connect(options);
        await second.client.listTools();
        await second.close();
        expect(schemaConversions()).toBe(before);
      }
      for (const spy of spies) expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('WEARABLES_MCP_OUTPUT_SCHEMAS', () => {
  it('lists output schemas when set to true, refuses a value that is not a boolean', async () => {
    const env = { WEARABLES_MCP_HOME: s.app.config.home };
    expect(loadConfig({ env }).outputSchemas).toBe(false);
    const config = loadConfig({ env: { ...env, WEARABLES_MCP_OUTPUT_SCHEMAS: 'true' } });
    expect(config.outputSchemas).toBe(true);
    expect(() => loadConfig({ env: { ...env, WEARABLES_MCP_OUTPUT_SCHEMAS: 'maybe' } })).toThrow(/outputSchemas: must be true or false/);
    const { client, close } = await connect({}, new CountingValidator(), { ...s.app, config } as AppContext);
    const { tools } = await client.listTools();
    expect(tools.filter((tool) => tool.outputSchema).length).toBe(tools.length);
    await close();
  });
});

describe.each([
  ['default listing', {}],
  ['with output schemas advertised', { outputSchemas: true }],
] as const)('error results and answers pass a validating client (%s)', (_label, options) => {
  it("every tool's error result matches its listed output schema", async () => {
    const { client, close } = await connect(options);
    const { tools } = await client.listTools();
    const problems: string[] = [];
    const cases: Array<[Tool, Record<string, unknown>]> = tools.map((tool) => [tool, { ...VALID_ARGS[tool.name], unknown_argument: 1 }]);
    // The Inspector's case: get_trends refusing a metric it does not know.
    cases.push([tools.find((tool) => tool.name === 'get_trends') as Tool, { metric: 'not_a_metric' }]);
    for (const [tool, args] of cases) {
      // The real SDK client, validating with the listed output schema: must not throw.
      const result = await client.callTool({ name: tool.name, arguments: args });
      expect(result.isError, tool.name).toBe(true);
      expect(errorPayload(result)?.code, tool.name).toBe('VALIDATION_ERROR');
      const problem = inspectorProblem(tool, result.structuredContent);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
    await close();
  });

  it("every tool's answer matches its listed output schema", async () => {
    const { client, close } = await connect(options);
    const { tools } = await client.listTools();
    const problems: string[] = [];
    let answered = 0;
    for (const tool of tools) {
      // callTool throws when an answer does not match the listed schema.
      const result = await client.callTool({ name: tool.name, arguments: VALID_ARGS[tool.name] ?? {} });
      if (!result.isError) answered++;
      const problem = inspectorProblem(tool, result.structuredContent);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
    // Most tools answer for real (the unknown ids answer NOT_FOUND), so the check is not vacuous.
    expect(answered).toBeGreaterThanOrEqual(30);
    await close();
  }, 60_000);
});
