/**
 * Registers a tool from its manifest entry (tool-manifest.ts): `tools/list` shows the entry's
 * fields as they are, and the tool's definition (its toolset's modules, its zod schemas) loads on
 * its first call, which then runs behind the same boundary as every tool (register-tool.ts).
 * Nothing here builds a zod schema or evaluates a tool module.
 */
import type { McpServer, RegisteredTool, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { HostContext } from '../host-context.js';
import { listViewFor } from '../mcp-apps.js';
import { loadTool } from './registry.js';
import type { ToolManifestEntry } from './tool-manifest.js';

type ListedSchema = StandardSchemaWithJSON<Record<string, unknown>>;
type Validate = ListedSchema['~standard']['validate'];

function listedSchema(schema: Record<string, unknown>, validate: Validate): ListedSchema {
  return { '~standard': { version: 1, vendor: 'wearables-mcp', validate, jsonSchema: { input: () => schema, output: () => schema } } };
}

// The SDK's own input validation is bypassed: the boundary validates, so a failure is a
// VALIDATION_ERROR result that says what to fix.
const acceptAnything: Validate = (value) => ({ value: (value ?? {}) as Record<string, unknown> });

/**
 * Registers `entry` on `server` and returns the SDK handle (for enable/disable). With
 * `outputSchemas` the listing carries the entry's output schema and the SDK checks each answer
 * with the tool's zod output schema (loaded with the tool).
 */
export function registerManifestTool(server: McpServer, entry: ToolManifestEntry, app: HostContext, options: { outputSchemas?: boolean } = {}): RegisteredTool {
  const load = () => loadTool(entry.toolset, entry.name);
  const validateOutput: Validate = async (value) => {
    const [{ advertisedOutput }, tool] = await Promise.all([import('./listed-schemas.js'), load()]);
    return (await advertisedOutput(tool)['~standard'].validate(value)) as Awaited<ReturnType<Validate>>;
  };
  const registered = server.registerTool(
    entry.name,
    {
      title: entry.title,
      description: entry.description,
      inputSchema: listedSchema(entry.inputSchema, acceptAnything),
      ...(options.outputSchemas ? { outputSchema: listedSchema(entry.outputSchema, validateOutput) } : {}),
      annotations: entry.annotations,
    },
    async (args, request) => {
      const { runListedTool } = await import('./register-tool.js');
      return runListedTool(entry.name, load, args, app, request, server.server.getClientCapabilities());
    },
  );
  if (entry.viewResourceUri !== undefined) listViewFor(server, registered, entry.viewResourceUri);
  return registered;
}
