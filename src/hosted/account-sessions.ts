/**
 * The MCP endpoint per account: each account that calls `/mcp` gets its own host context (its
 * `Store`, its provider tokens, its sync) and its own pool of MCP server instances built by the
 * one factory, so a session sees only that account's data and that account's connected
 * providers' tools. Kept for the accounts seen most recently (bounded; the least recent is
 * closed when the bound is reached, and rebuilt on its next request).
 */
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import { createMcpEndpoint } from '../http/mcp-route.js';
import { createServerPool, type ServerPool } from '../http/server-pool.js';
import type { Logger } from '../logging/logger.js';
import type { HostContext } from '../mcp/host-context.js';
import { createMcpServer, type McpServerOptions } from '../mcp/server.js';

/** One account's services, as the app layer opens them. */
export interface AccountContext extends HostContext {
  close(): Promise<void>;
}

export interface AccountSessionsOptions {
  open(accountId: string): Promise<AccountContext>;
  mcpOptions?: McpServerOptions;
  logger: Logger;
  /** Accounts kept open at most (default 100). */
  maxOpen?: number;
}

interface OpenAccount {
  context: AccountContext;
  servers: ServerPool;
  mcp: McpHttpHandler;
}

export interface AccountSessions {
  /** The account's host context (opened on first use). */
  context(accountId: string): Promise<AccountContext>;
  /** The account's Streamable HTTP handler. */
  mcp(accountId: string): Promise<McpHttpHandler>;
  /** Closes one account's services (after its deletion); the next request reopens them. */
  evict(accountId: string): Promise<void>;
  closeAll(): Promise<void>;
}

export function createAccountSessions(options: AccountSessionsOptions): AccountSessions {
  const maxOpen = options.maxOpen ?? 100;
  const open = new Map<string, Promise<OpenAccount>>();

  async function build(accountId: string): Promise<OpenAccount> {
    const context = await options.open(accountId);
    const servers = createServerPool(() => createMcpServer(context, options.mcpOptions));
    const mcp = createMcpEndpoint({ createServer: () => servers.acquire(), logger: options.logger });
    return { context, servers, mcp };
  }

  async function dispose(entry: Promise<OpenAccount>): Promise<void> {
    const account = await entry.catch(() => undefined);
    if (!account) return;
    await account.mcp.close().catch(() => undefined);
    account.servers.close();
    await account.context.close().catch((error: unknown) => options.logger.warn({ err: error }, 'account context close failed'));
  }

  function get(accountId: string): Promise<OpenAccount> {
    let entry = open.get(accountId);
    if (entry) {
      // Most recently used last.
      open.delete(accountId);
      open.set(accountId, entry);
      return entry;
    }
    entry = build(accountId);
    entry.catch(() => open.delete(accountId));
    open.set(accountId, entry);
    while (open.size > maxOpen) {
      const [oldest, stale] = open.entries().next().value as [string, Promise<OpenAccount>];
      open.delete(oldest);
      void dispose(stale);
    }
    return entry;
  }

  return {
    async context(accountId) {
      return (await get(accountId)).context;
    },
    async mcp(accountId) {
      return (await get(accountId)).mcp;
    },
    async evict(accountId) {
      const entry = open.get(accountId);
      open.delete(accountId);
      if (entry) await dispose(entry);
    },
    async closeAll() {
      const entries = [...open.values()];
      open.clear();
      await Promise.all(entries.map(dispose));
    },
  };
}
