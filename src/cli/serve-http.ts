/**
 * `wearables-mcp serve --http [--host 127.0.0.1] [--port 3001]`: MCP over Streamable HTTP and
 * legacy SSE, browser connect, webhook receivers and the background scheduler. SIGINT/SIGTERM
 * shut down gracefully (in-flight requests finish, a running sync checkpoints).
 */
import { randomBytes } from 'node:crypto';
import { WearablesError } from '../core/errors.js';
import { PACKAGE_VERSION } from '../core/version.js';
import { loadHttpConfig } from '../http/http-config.js';
import { startHttpServer } from '../http/http-server.js';
import { readToolManifest } from '../mcp/tools/tool-manifest.js';
import type { GlobalOptions } from './options.js';
import { openServeContext, type ServeContext } from './serve-context.js';
import { reportError } from './output.js';
import { formatServeBanner } from './serve-banner.js';

export interface ServeHttpOptions {
  toolsets?: string[];
  readOnly?: boolean;
  host?: string;
  port?: string;
}

/** Runs the HTTP server until a signal arrives. */
export async function serveHttp(global: GlobalOptions, options: ServeHttpOptions): Promise<void> {
  let opened: ServeContext | undefined;
  try {
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
      throw new WearablesError('VALIDATION_ERROR', `--port must be a port number, got "${options.port}".`, { hint: 'Pass e.g. --port 3001.' });
    }
    // --demo with WEARABLES_MCP_DEMO_WEBHOOKS: the simulator pushes its changes to this server's receivers.
    const demoWebhooks = Boolean(global.demo) && /^(1|true|yes|on)$/i.test(process.env.WEARABLES_MCP_DEMO_WEBHOOKS ?? '');
    const verificationToken = process.env.WEBHOOK_VERIFICATION_TOKEN || (demoWebhooks ? randomBytes(16).toString('hex') : undefined);
    const httpConfig = loadHttpConfig(
      { ...process.env, ...(verificationToken ? { WEBHOOK_VERIFICATION_TOKEN: verificationToken } : {}) },
      { ...(options.host ? { host: options.host } : {}), ...(port !== undefined ? { port } : {}) },
    );
    // On a terminal the banner says what matters; the log lines go to the file (warnings shown).
    const terminal = Boolean(process.stderr.isTTY) && !global.json;
    opened = await openServeContext(global, { ...(options.toolsets ? { toolsets: options.toolsets } : {}), ...(terminal ? { stderrLevel: 'warn' } : {}), demoWebhooks });
    const { context, logger } = opened;
    const manifest = readToolManifest();
    const server = await startHttpServer({
      context,
      config: httpConfig,
      afterScheduledSync: () => context.compactFeedIfDue(),
      mcpOptions: { ...(options.toolsets ? { toolsets: options.toolsets } : {}), readOnly: Boolean(options.readOnly), ...(manifest ? { manifest } : {}) },
    });
    process.stderr.write(
      terminal
        ? `${formatServeBanner({ version: PACKAGE_VERSION, url: server.url, bearer: Boolean(httpConfig.authToken), logFile: context.config.logFile, demo: context.config.demo, ...(httpConfig.publicBaseUrl ? { publicBaseUrl: httpConfig.publicBaseUrl } : {}) })}\n`
        : `wearables-mcp listening on ${server.url} (MCP at /mcp, legacy SSE at /sse, health at /health)\n`,
    );
    if (demoWebhooks && verificationToken && opened.subscribeDemoWebhooks) {
      const subscribed = await opened.subscribeDemoWebhooks(server.url, verificationToken).catch((error: unknown) => {
        logger.warn({ err: error }, 'demo webhooks could not be subscribed; the demo syncs on its schedule instead');
        return [];
      });
      logger.info({ providers: subscribed }, 'demo webhooks subscribed: the simulator sends the changes its clock brings');
      process.stderr.write(
        `demo webhooks: ${subscribed.join(', ') || 'none'} notify ${server.url}/webhooks/<provider> as the simulator's clock brings changes (simulator control: ${opened.demoSimulatorUrl ?? '?'}/__control)\n`,
      );
    }
    const running = opened;
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      await server.close().catch((error: unknown) => logger.warn({ err: error }, 'shutdown error'));
      await running.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
  } catch (error) {
    process.exitCode = reportError({ json: Boolean(global.json) }, error);
    await opened?.close();
  }
}
