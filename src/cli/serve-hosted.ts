/**
 * `wearables-mcp serve --http --hosted`: one server for many people (MCP authorization, accounts
 * in PostgreSQL; src/hosted/). Needs DATABASE_URL and PUBLIC_BASE_URL; with `--demo` the built-in
 * simulator stands in for the providers people sign in with. SIGINT/SIGTERM shut down.
 */
import type { HostedApp } from '../app/start-hosted.js';
import { WearablesError } from '../core/errors.js';
import { loadHostedConfig } from '../hosted/hosted-config.js';
import { loadHttpConfig } from '../http/http-config.js';
import { createLogger } from '../logging/logger.js';
import { readToolManifest } from '../mcp/tools/tool-manifest.js';
import { configFor, type GlobalOptions } from './options.js';
import { reportError } from './output.js';
import type { ServeHttpOptions } from './serve-http.js';

/** People the demo simulator signs in, in turn (each sign-in a different person, then round again). */
const DEMO_PEOPLE = 4;

export async function serveHosted(global: GlobalOptions, options: ServeHttpOptions): Promise<void> {
  let demo: { close(): Promise<void> } | undefined;
  let server: HostedApp | undefined;
  try {
    const hosted = loadHostedConfig(process.env);
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
      throw new WearablesError('VALIDATION_ERROR', `--port must be a port number, got "${options.port}".`, { hint: 'Pass e.g. --port 3001.' });
    }
    const http = loadHttpConfig(process.env, { ...(options.host ? { host: options.host } : {}), ...(port !== undefined ? { port } : {}), hosted: true });
    // The simulator loads only for --demo: it stands in for the providers people sign in with.
    const environment = global.demo ? await (await import('./demo-environment.js')).startDemoEnvironment(global, { persons: DEMO_PEOPLE }) : undefined;
    demo = environment;
    const config = environment?.config ?? configFor(global, options.toolsets ? { toolsets: options.toolsets } : {});
    const logger = await createLogger({ level: config.logLevel, file: config.logFile });
    const manifest = readToolManifest();
    // The authorization server and the database driver load once the settings are known good.
    const { startHosted } = await import('../app/start-hosted.js');
    server = await startHosted({
      config,
      hosted,
      http,
      logger,
      mcpOptions: { ...(options.toolsets ? { toolsets: options.toolsets } : {}), readOnly: Boolean(options.readOnly), ...(manifest ? { manifest } : {}) },
    });
    process.stderr.write(
      `wearables-mcp (hosted) listening on ${server.url}; people add ${hosted.resource} as a custom connector${environment ? ' (demo: the simulator signs everyone in)' : ''}\n`,
    );
    const running = server;
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      await running.close().catch((error: unknown) => logger.warn({ err: error }, 'shutdown error'));
      await demo?.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
  } catch (error) {
    process.exitCode = reportError({ json: Boolean(global.json) }, error);
    await server?.close().catch(() => undefined);
    await demo?.close().catch(() => undefined);
  }
}
