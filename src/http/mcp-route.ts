/**
 * `/mcp`: Streamable HTTP through the SDK's `createMcpHandler`, serving the stateless 2026-07-28
 * revision and, through its stateless legacy fallback, clients that negotiate a 2025 revision.
 * Every request gets a fresh server from the one factory; GET and DELETE (2025 session
 * operations) answer 405 because nothing is kept between requests.
 */
import { createMcpHandler, type McpHttpHandler, type McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '../logging/logger.js';

export interface McpEndpointOptions {
  createServer: () => Promise<McpServer>;
  logger: Logger;
}

/** Builds the Streamable HTTP handler (mount its `fetch` on `/mcp`). */
export function createMcpEndpoint(options: McpEndpointOptions): McpHttpHandler {
  return createMcpHandler(() => options.createServer(), {
    legacy: 'stateless',
    onerror: (error) => options.logger.debug({ err: error }, 'MCP request rejected'),
  });
}
