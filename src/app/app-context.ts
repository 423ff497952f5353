/**
 * Everything a command or the MCP server needs, built once by `createAppContext` (this folder)
 * and injected. Layers receive this, or the narrower view they declare themselves (the MCP
 * server's `HostContext`, a tool's `ToolServices`), instead of reading globals.
 */
import type { HostContext } from '../mcp/host-context.js';
import type { StoreDatabase } from '../store/database.js';

export interface AppContext extends HostContext {
  /** The store database; `store` is its view of `accountId`. Nothing in tools or sync reads across accounts. */
  database: StoreDatabase;
  /** The account this process serves (`LOCAL_ACCOUNT_ID` in the local modes). */
  accountId: string;
  /** Compacts the change feed when a day has passed since this process last did (after a sync). */
  compactFeedIfDue(): Promise<{ removed: number } | null>;
  close(): Promise<void>;
}
