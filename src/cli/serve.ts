/** `wearables-mcp serve`: MCP over stdio. Nothing but protocol on stdout; logs on stderr. */
import type { Command } from 'commander';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createAppContext } from '../app/create-app-context.js';
import { createLogger } from '../logging/logger.js';
import { createMcpServer } from '../mcp/server.js';
import type { AppContext } from '../core/app-context.js';
import { configFor, type GlobalOptions } from './options.js';
import { reportError } from './output.js';

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
    .action(async (options: { toolsets?: string; readOnly?: boolean; http?: boolean; host?: string; port?: string }) => {
      const global = program.opts<GlobalOptions>();
      if (options.http || options.host !== undefined || options.port !== undefined) {
        const toolsets = options.toolsets ? options.toolsets.split(',').map((name) => name.trim()) : undefined;
        // The HTTP stack loads only for --http, keeping it off the stdio start-up path.
        const { serveHttp } = await import('./serve-http.js');
        return serveHttp(global, { ...(toolsets ? { toolsets } : {}), readOnly: Boolean(options.readOnly), ...(options.host ? { host: options.host } : {}), ...(options.port ? { port: options.port } : {}) });
      }
      let context: AppContext | undefined;
      let closeDemo: (() => Promise<void>) | undefined;
      try {
        const toolsets = options.toolsets ? options.toolsets.split(',').map((name) => name.trim()) : undefined;
        let config = configFor(global, toolsets ? { toolsets } : {});
        // The simulator loads only for --demo: it is not on the start-up path of a real server.
        const demoModule = global.demo ? await import('./demo-environment.js') : undefined;
        if (demoModule) {
          const demo = await demoModule.startDemoEnvironment(global);
          config = demo.config;
          closeDemo = demo.close;
        }
        const logger = await createLogger({ level: config.logLevel, file: config.logFile, deferFile: true });
        context = await createAppContext(config, { logger });
        if (demoModule) {
          await context.tokens.save('oura', { kind: 'personal', accessToken: demoModule.DEMO_PERSONAL_TOKEN, obtainedAt: Date.now() });
        }
        const appContext = context;
        const server = await createMcpServer(appContext, { ...(toolsets ? { toolsets } : {}), readOnly: Boolean(options.readOnly) });
        const handle = serveStdio(() => server, { onerror: (error) => logger.warn({ err: error }, 'stdio transport error') });
        logger.info({ demo: Boolean(global.demo) }, 'serving MCP over stdio');
        const shutdown = async () => {
          await handle.close().catch(() => undefined);
          await appContext.close();
          await closeDemo?.();
          process.exit(0);
        };
        process.stdin.on('end', () => void shutdown());
        process.on('SIGINT', () => void shutdown());
        process.on('SIGTERM', () => void shutdown());
      } catch (error) {
        process.exitCode = reportError({ json: false }, error);
        await context?.close();
        await closeDemo?.();
      }
    });
}
