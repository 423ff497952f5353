// Baseline for the cold-start and HTTP benchmarks: the smallest useful MCP server on the same SDK
// (one tool). Over stdio by default; with `--http` it serves the SDK's `createMcpHandler` (a fresh
// instance per request, the SDK's own idiom) on 127.0.0.1 through @hono/node-server, the same
// HTTP stack as `serve --http`, and prints `listening on <url>` to stderr.
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

function createServer() {
  const server = new McpServer({ name: 'minimal', version: '0.0.0' });
  server.registerTool('echo', { description: 'Echo', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
}

if (process.argv.includes('--http')) {
  const { createServer: createHttpServer } = await import('node:http');
  const { getRequestListener } = await import('@hono/node-server');
  const { createMcpHandler } = await import('@modelcontextprotocol/server');
  const handler = createMcpHandler(() => createServer(), { legacy: 'stateless' });
  const http = createHttpServer(getRequestListener(handler.fetch, { overrideGlobalObjects: false }));
  http.listen(0, '127.0.0.1', () => process.stderr.write(`listening on http://127.0.0.1:${http.address().port}\n`));
} else {
  const { serveStdio } = await import('@modelcontextprotocol/server/stdio');
  const server = createServer();
  serveStdio(() => server);
}
