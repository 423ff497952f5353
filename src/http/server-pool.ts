/**
 * Reuses MCP server instances across HTTP requests and SSE sessions. The SDK's serving entries
 * ask a factory for an instance per request (per session for SSE) and refuse one that is still
 * connected; building one (every tool registered, connection states read) cost more than the
 * request itself. The pool hands out an idle instance when there is one and takes it back when
 * its exchange closes, with the client's identity (capabilities, info, protocol version, log
 * level) cleared so nothing of one client reaches the next. Instances serve one exchange at a
 * time, so concurrency needs as many instances as requests in flight; at most `maxIdle` stay.
 */
import type { McpServer } from '@modelcontextprotocol/server';

export interface ServerPoolStats {
  /** Instances built so far. */
  created: number;
  /** Instances waiting for the next request. */
  idle: number;
  /** Instances serving a request or session now. */
  busy: number;
}

export interface ServerPool {
  /** An instance not serving anything (built on demand); its `close()` returns it to the pool. */
  acquire(): Promise<McpServer>;
  stats(): ServerPoolStats;
  /** Disposes the idle instances; those still busy are disposed when they close. */
  close(): void;
}

/** A pool over `create` (the one server factory). */
export function createServerPool(create: () => Promise<McpServer>, options: { maxIdle?: number } = {}): ServerPool {
  const maxIdle = options.maxIdle ?? 16;
  const idle: McpServer[] = [];
  const busy = new Set<McpServer>();
  const disposers = new Map<McpServer, () => void>();
  let created = 0;
  let closed = false;

  function dispose(server: McpServer): void {
    const disposer = disposers.get(server);
    disposers.delete(server);
    disposer?.();
  }

  function release(server: McpServer): void {
    if (!busy.delete(server)) return;
    resetClientState(server);
    if (closed || idle.length >= maxIdle) dispose(server);
    else idle.push(server);
  }

  async function build(): Promise<McpServer> {
    const server = await create();
    created++;
    // The factory's own close hook (it stops watching connections) runs when the instance is dropped.
    const own = server.server.onclose;
    disposers.set(server, () => own?.());
    server.server.onclose = () => release(server);
    const closeConnection = server.close.bind(server);
    // Closing an instance that never connected (a request refused before serving) fires no
    // onclose: hand it back directly.
    server.close = async () => {
      if (server.isConnected()) await closeConnection();
      else release(server);
    };
    return server;
  }

  return {
    async acquire() {
      const server = idle.pop() ?? (await build());
      busy.add(server);
      return server;
    },
    stats: () => ({ created, idle: idle.length, busy: busy.size }),
    close() {
      closed = true;
      for (const server of idle.splice(0)) dispose(server);
    },
  };
}

/** The per-client state the SDK's Server keeps between exchanges (private fields, hence the cast). */
function resetClientState(server: McpServer): void {
  const inner = server.server as unknown as Record<string, unknown>;
  inner._clientCapabilities = undefined;
  inner._clientVersion = undefined;
  inner._negotiatedProtocolVersion = undefined;
  const levels = inner._loggingLevels;
  if (levels instanceof Map) levels.clear();
}
