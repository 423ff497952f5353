/**
 * `wearables-mcp serve --http [--host 127.0.0.1] [--port 3001]`: MCP over Streamable HTTP and
 * legacy SSE, browser connect, webhook receivers and the background scheduler. SIGINT/SIGTERM
 * shut down gracefully (in-flight requests finish, a running sync checkpoints).
 */
import { createAppContext } from '../app/create-app-context.js';
import type { AppContext } from '../core/app-context.js';
import { WearablesError } from '../core/errors.js';
import { loadHttpConfig } from '../http/http-config.js';
import { startHttpServer } from '../http/http-server.js';
import { createLogger } from '../logging/logger.js';
import { DEMO_PERSONAL_TOKEN, startDemoEnvironment } from './demo-environment.js';
import { configFor, type GlobalOptions } from './options.js';
import { reportError } from './output.js';

export interface ServeHttpOptions {
  toolsets?: string[];
  readOnly?: boolean;
  host?: string;
  port?: string;
}

/** Runs the HTTP server until a signal arrives. */
export async function serveHttp(global: GlobalOptions, options: ServeHttpOptions): Promise<void> {
  let context: AppContext | undefined;
  let closeDemo: (() => Promise<void>) | undefined;
  try {
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
      throw new WearablesError('VALIDATION_ERROR', `--port must be a port number, got "${options.port}".`, { hint: 'Pass e.g. --port 3001.' });
    }
    const httpConfig = loadHttpConfig(process.env, { ...(options.host ? { host: options.host } : {}), ...(port !== undefined ? { port } : {}) });
    let config = configFor(global, options.toolsets ? { toolsets: options.toolsets } : {});
    if (global.demo) {
      const demo = await startDemoEnvironment(global);
      config = demo.config;
      closeDemo = demo.close;
    }
    const logger = await createLogger({ level: config.logLevel, file: config.logFile });
    context = await createAppContext(config, { logger });
    if (global.demo) await context.tokens.save('oura', { kind: 'personal', accessToken: DEMO_PERSONAL_TOKEN, obtainedAt: Date.now() });
    const appContext = context;
    const server = await startHttpServer({
      context: appContext,
      config: httpConfig,
      mcpOptions: { ...(options.toolsets ? { toolsets: options.toolsets } : {}), readOnly: Boolean(options.readOnly) },
    });
    process.stderr.write(`wearables-mcp listening on ${server.url} (MCP at /mcp, legacy SSE at /sse, health at /health)\n`);
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      await server.close().catch((error: unknown) => logger.warn({ err: error }, 'shutdown error'));
      await appContext.close();
      await closeDemo?.();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
  } catch (error) {
    process.exitCode = reportError({ json: Boolean(global.json) }, error);
    await context?.close();
    await closeDemo?.();
  }
}
