/**
 * Listens with the HTTP app on node:http and owns its lifecycle: the background scheduler, the
 * webhook dispatcher and graceful shutdown (stop accepting, abort and checkpoint a running sync,
 * close SSE streams, let in-flight requests and webhook syncs finish within the grace period).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { HostContext } from '../mcp/host-context.js';
import type { McpServerOptions } from '../mcp/server.js';
import { createSyncScheduler, type SyncScheduler } from '../scheduler/sync-scheduler.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../webhooks/dispatch.js';
import { createHttpApp } from './create-http-app.js';
import type { HttpConfig } from './http-config.js';
import type { ServerPoolStats } from './server-pool.js';

export interface StartHttpServerOptions {
  context: HostContext;
  config: HttpConfig;
  mcpOptions?: McpServerOptions;
  /** Clock of the rate limiter (tests). */
  now?: () => number;
  /** Run after each scheduled sync (the app's change feed compaction). */
  afterScheduledSync?: () => Promise<unknown>;
}

export interface RunningHttpServer {
  /** `http://<host>:<port>` as listened on. */
  url: string;
  port: number;
  scheduler: SyncScheduler;
  dispatcher: WebhookDispatcher;
  /** MCP server instances built and reused by this process. */
  mcpServers(): ServerPoolStats;
  /** Graceful shutdown; idempotent. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export async function startHttpServer(options: StartHttpServerOptions): Promise<RunningHttpServer> {
  const { context, config } = options;
  const scheduler = createSyncScheduler({
    sync: context.sync,
    logger: context.logger,
    intervalMs: config.syncIntervalMs,
    jitterMs: config.syncJitterMs,
    ...(options.afterScheduledSync ? { afterRun: options.afterScheduledSync } : {}),
  });
  const dispatcher = createWebhookDispatcher({ store: context.store, sync: context.sync, providers: context.providers, logger: context.logger, now: context.now });
  let listenUrl = '';
  let listenPort = config.port;
  const { app, mcp, sse, servers, metrics } = createHttpApp({
    context,
    config,
    ...(options.mcpOptions ? { mcpOptions: options.mcpOptions } : {}),
    scheduler,
    dispatcher,
    baseUrl: () => config.publicBaseUrl ?? listenUrl,
    listenPort: () => listenPort,
    ...(options.now ? { now: options.now } : {}),
  });

  let inFlight = 0;
  const server: Server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  // Clients that send many calls keep their connection (Node's default of 5 s drops it between bursts).
  server.keepAliveTimeout = 30_000;
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  listenPort = port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  listenUrl = `http://${host}:${port}`;
  scheduler.start();
  for (const notice of config.notices) context.logger.warn(notice);
  context.logger.info({ url: listenUrl, auth: config.authToken ? 'bearer' : 'none (loopback only)' }, 'serving MCP over HTTP');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await scheduler.stop();
      await sse.closeAll();
      const deadline = Date.now() + config.shutdownGraceMs;
      await Promise.race([dispatcher.idle(), delay(config.shutdownGraceMs)]);
      while (inFlight > 0 && Date.now() < deadline) await delay(25);
      await mcp.close();
      servers.close();
      metrics.close();
      server.closeAllConnections();
      await stopped;
      context.logger.info({ cutRequests: inFlight }, 'HTTP server stopped');
    })());
  return { url: listenUrl, port, scheduler, dispatcher, mcpServers: () => servers.stats(), close };
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });
