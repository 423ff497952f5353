/**
 * Everything a command or the MCP server needs, built once by `createAppContext` (this folder)
 * and injected. Layers receive this, or the narrower view they declare themselves (the MCP
 * server's `HostContext`, a tool's `ToolServices`), instead of reading globals.
 */
import type { HostContext } from '../mcp/host-context.js';

export interface AppContext extends HostContext {
  close(): Promise<void>;
}
