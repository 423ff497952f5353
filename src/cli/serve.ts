/** `wearables-mcp serve`: MCP over stdio. Nothing but protocol on stdout; logs on stderr. */
import type { Command } from 'commander';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createMcpServer } from '../mcp/server.js';
import { readToolManifest } from '../mcp/tools/tool-manifest.js';
import type { GlobalOptions } from './options.js';
import { reportError } from './output.js';
import { openServeContext, type ServeContext } from './serve-context.js';

/** Registers `serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve MCP over stdio (for Claude Desktop, Claude Code, Cursor, ...), or over HTTP with --http')
    .option('--toolsets <list>', 'comma-separated toolsets to expose (default: all connected)')
    .option('--read-only', 'hide tools that change state (sync)')
    .option('--http', 'serve Streamable HTTP (/mcp) and legacy SSE (/sse) instead of stdio')
    .option('--host <host>', 'HTTP listen address (default 127.0.0.1; others need AUTH_TOKEN)')
    .option('--port <port>', 'HTTP port (default 3001)')
    .option('--hosted', 'with --http: many people sign in through MCP authorization (needs DATABASE_URL and PUBLIC_BASE_URL)')
    .action(async (options: { toolsets?: string; readOnly?: boolean; http?: boolean; hosted?: boolean; host?: string; port?: string }) => {
      const global = program.opts<GlobalOptions>();
      if (options.hosted) {
        const toolsets = options.toolsets ? options.toolsets.split(',').map((name) => name.trim()) : undefined;
        const { serveHosted } = await import('./serve-hosted.js');
        return serveHosted(global, { ...(toolsets ? { toolsets } : {}), readOnly: Boolean(options.readOnly), ...(options.host ? { host: options.host } : {}), ...(options.port ? { port: options.port } : {}) });
      }
      if (options.http || options.host !== undefined || options.port !== undefined) {
        const toolsets = options.toolsets ? options.toolsets.split(',').map((name) => name.trim()) : undefined;
        // The HTTP stack loads only for --http, keeping it off the stdio start-up path.
        const { serveHttp } = await import('./serve-http.js');
        return serveHttp(global, { ...(toolsets ? { toolsets } : {}), readOnly: Boolean(options.readOnly), ...(options.host ? { host: options.host } : {}), ...(options.port ? { port: options.port } : {}) });
      }
      let opened: ServeContext | undefined;
      try {
        const toolsets = options.toolsets ? options.toolsets.split(',').map((name) => name.trim()) : undefined;
        opened = await openServeContext(global, { ...(toolsets ? { toolsets } : {}), deferFile: true });
        const { context, logger } = opened;
        // The build's tool manifest: tools/list without evaluating a tool module (none when run from src/).
        const manifest = readToolManifest();
        const server = await createMcpServer(context, { ...(toolsets ? { toolsets } : {}), readOnly: Boolean(options.readOnly), ...(manifest ? { manifest } : {}) });
        const handle = serveStdio(() => server, { onerror: (error) => logger.warn({ err: error }, 'stdio transport error') });
        logger.info({ demo: Boolean(global.demo) }, 'serving MCP over stdio');
        const running = opened;
        const shutdown = async () => {
          await handle.close().catch(() => undefined);
          await running.close();
          process.exit(0);
        };
        process.stdin.on('end', () => void shutdown());
        process.on('SIGINT', () => void shutdown());
        process.on('SIGTERM', () => void shutdown());
      } catch (error) {
        process.exitCode = reportError({ json: false }, error);
        await opened?.close();
      }
    });
}
