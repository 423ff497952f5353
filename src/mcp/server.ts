/**
 * The one MCP server factory. Every transport (stdio now, HTTP later) wraps the server returned
 * here; tools, resources and toolset visibility are all set up in this one place.
 */
import { PACKAGE_VERSION } from '../core/version.js';
import { McpServer } from '@modelcontextprotocol/server';
import type { HostContext } from './host-context.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerPrompts } from './prompts/register-prompts.js';
import { registerResources } from './resources/register-resources.js';
import { applyConnectionStates, watchConnections, type GatedTool } from './toolsets.js';
import { registerManifestTool } from './tools/register-manifest-tool.js';
import { selectTools } from './tools/registry.js';
import type { ToolManifest } from './tools/tool-manifest.js';

export interface McpServerOptions {
  /** Toolsets to expose (`all`, `core`, a provider id, ...); default: `config.toolsets`. */
  toolsets?: string[];
  /** Hide tools that change state (sync). */
  readOnly?: boolean;
  /**
   * Advertise each tool's compact output schema in `tools/list` (default `config.outputSchemas`,
   * false unless set: a validating client then compiles nothing before its first call, and
   * answers still carry structuredContent).
   */
  outputSchemas?: boolean;
  /**
   * The tools to list, as the build wrote them (`readToolManifest()`): listing them evaluates no
   * tool module. Default: the manifest built from the registry (every tool module loaded).
   */
  manifest?: ToolManifest;
  /** Tools never registered (the hosted mode drops the ones that read or write the server's files). */
  excludeTools?: readonly string[];
}

async function toolManifest(options: McpServerOptions): Promise<ToolManifest> {
  if (options.manifest) return options.manifest;
  const { registryToolManifest } = await import('./tools/build-tool-manifest.js');
  return registryToolManifest();
}

/** This package's version (from package.json, read once). */
export const SERVER_VERSION: string = PACKAGE_VERSION;

/**
 * Creates the MCP server for `context`: the selected toolsets (provider toolsets visible only
 * while their provider is connected, with `tools/list_changed` on change) and the resources.
 */
export async function createMcpServer(context: HostContext, options: McpServerOptions = {}): Promise<McpServer> {
  const server = new McpServer(
    { name: 'wearables-mcp', version: SERVER_VERSION },
    {
      instructions: SERVER_INSTRUCTIONS,
      // logging: the SDK's setLevel handler for clients of the 2025 revisions (deprecated in 2026-07-28).
      capabilities: { tools: { listChanged: true }, resources: { listChanged: false }, logging: {} },
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
    },
  );
  const requested = options.toolsets ?? context.config.toolsets;
  const manifest = await toolManifest(options);
  const { tools, unknown } = selectTools(requested, { readOnly: options.readOnly ?? false, tools: manifest.tools });
  if (unknown.length > 0) context.logger.warn({ toolsets: unknown }, 'unknown toolsets ignored');
  const outputSchemas = options.outputSchemas ?? context.config.outputSchemas;
  const gated: GatedTool[] = tools
    .filter((tool) => (!tool.provider || context.providers.has(tool.provider)) && !options.excludeTools?.includes(tool.name))
    .map((tool) => ({ tool, handle: registerManifestTool(server, tool, context, { outputSchemas }) }));
  await applyConnectionStates(context, gated);
  const unsubscribe = watchConnections(context, gated);
  const previousOnClose = server.server.onclose;
  server.server.onclose = () => {
    unsubscribe();
    previousOnClose?.();
  };
  registerResources(server, context);
  registerPrompts(server);
  return server;
}
