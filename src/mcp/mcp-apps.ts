/**
 * The MCP Apps extension (`io.modelcontextprotocol/ui`, SEP-1865, stable 2026-01-26) as this
 * server uses it: a client that declares the extension with the `text/html;profile=mcp-app` MIME
 * type sees `_meta.ui.resourceUri` on the tools that have a view, and their answers carry what the
 * view draws in `_meta` (never in the text the model reads). Every other client sees nothing new.
 */
import { CLIENT_CAPABILITIES_META_KEY, type ClientCapabilities, type McpServer, type RegisteredTool, type ServerContext } from '@modelcontextprotocol/server';

/** The extension's identifier under `capabilities.extensions`. */
export const MCP_APPS_EXTENSION = 'io.modelcontextprotocol/ui';
/** The MIME type of an MCP Apps HTML view. */
export const MCP_APP_MIME_TYPE = 'text/html;profile=mcp-app';
/** Where a tool answer carries the chart its view draws (`{ title, html }`). */
export const CHART_META_KEY = 'wearables-mcp/chart';

/** Whether `capabilities` declare MCP Apps with HTML views. */
export function supportsMcpApps(capabilities: ClientCapabilities | undefined): boolean {
  const extensions = (capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  const settings = extensions?.[MCP_APPS_EXTENSION] as { mimeTypes?: unknown } | undefined;
  return Array.isArray(settings?.mimeTypes) && settings.mimeTypes.includes(MCP_APP_MIME_TYPE);
}

/**
 * The client capabilities of one request: its own `_meta` envelope on the 2026-07-28 era, else
 * those declared at `initialize` (`declared`).
 */
export function requestCapabilities(request: ServerContext, declared: ClientCapabilities | undefined): ClientCapabilities | undefined {
  const envelope = request.mcpReq.envelope as Record<string, unknown> | undefined;
  return envelope ? (envelope[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) : declared;
}

/**
 * `_meta.ui.resourceUri` in `tools/list` only for a client declaring MCP Apps: read when the list
 * is built, from the capabilities the SDK resolved for the request being served (declared at
 * `initialize`, or the 2026-07-28 request envelope on per-request instances).
 */
export function listViewFor(server: McpServer, registered: RegisteredTool, resourceUri: string): void {
  Object.defineProperty(registered, '_meta', {
    configurable: true,
    enumerable: true,
    get: () => (supportsMcpApps(server.server.getClientCapabilities()) ? { ui: { resourceUri } } : undefined),
    set: () => undefined,
  });
}
