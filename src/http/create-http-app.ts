/**
 * The HTTP app of `serve --http`: `/mcp` (Streamable HTTP), `/sse` + `/messages` (legacy SSE),
 * `/fhir/*` (FHIR R4 read API), `POST /sync`, `/metrics`, `/health`, `/oauth/*` (browser
 * connect) and `/webhooks/*`. Host/Origin validation applies to every route; CORS, the bearer
 * token and then rate limiting (per authenticated client, per address for unauthenticated
 * attempts) to the MCP, FHIR and sync routes and the bearer routes of `/oauth`; `/metrics` takes
 * `METRICS_TOKEN` (else `AUTH_TOKEN`) and is not rate limited once authenticated; a per-address
 * budget to webhooks.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import type { HostContext } from '../mcp/host-context.js';
import { createMcpServer, type McpServerOptions } from '../mcp/server.js';
import type { SyncScheduler } from '../scheduler/sync-scheduler.js';
import type { WebhookDispatcher } from '../webhooks/dispatch.js';
import { accessGuard } from './access-guard.js';
import { createFhirRoutes } from './fhir/fhir-routes.js';
import { createHttpMetrics, mountMetrics, type HttpMetrics } from './metrics.js';
import { createSyncRoute } from './sync-route.js';
import { allowedOrigins } from './allowed-origins.js';
import { clientAddressFor } from './client-key.js';
import { healthReport } from './health-route.js';
import { hostGuard } from './host-guard.js';
import { allowedHostnames, type HttpConfig } from './http-config.js';
import { createMcpEndpoint } from './mcp-route.js';
import { createOAuthRoutes } from './oauth-routes.js';
import { createRateLimiter } from './rate-limit.js';
import { createServerPool, type ServerPool } from './server-pool.js';
import { createSseRoutes, type SseSessions } from './sse-routes.js';
import { createWebhookRoutes } from './webhook-routes.js';

export interface HttpAppDeps {
  context: HostContext;
  config: HttpConfig;
  mcpOptions?: McpServerOptions;
  scheduler?: SyncScheduler;
  dispatcher: WebhookDispatcher;
  /** The URL browsers reach this server at (for OAuth redirect URIs). */
  baseUrl: () => string;
  /** The port the server listens on (known once listening; the server's own origins use it). */
  listenPort?: () => number;
  /** Clock for the rate limiter (tests). */
  now?: () => number;
}

export interface HttpApp {
  app: Hono;
  mcp: McpHttpHandler;
  sse: SseSessions;
  /** The MCP server instances shared by every request and session of this process. */
  servers: ServerPool;
  /** The `/metrics` registry (close it with the server). */
  metrics: HttpMetrics;
}

/** Builds the app; `startHttpServer` listens with it. */
export function createHttpApp(deps: HttpAppDeps): HttpApp {
  const { context, config } = deps;
  const startedAt = Date.now();
  const servers = createServerPool(() => createMcpServer(context, deps.mcpOptions));
  const createServer = () => servers.acquire();
  const mcp = createMcpEndpoint({ createServer, logger: context.logger });
  const sse = createSseRoutes({ createServer, logger: context.logger });
  const clock = deps.now ? { now: deps.now } : {};
  const clientAddress = clientAddressFor(config.trustProxy);
  const app = new Hono();
  const metrics = createHttpMetrics();
  app.use('*', metrics.middleware);

  let origins: { port: number; set: ReadonlySet<string> } | undefined;
  const originsNow = () => {
    const port = deps.listenPort?.() ?? config.port;
    if (origins?.port !== port) origins = { port, set: allowedOrigins(config, port) };
    return origins.set;
  };
  app.use('*', hostGuard({ allowedHosts: allowedHostnames(config), allowedOrigins: originsNow, anyOrigin: config.corsOrigins.includes('*'), logger: context.logger }));
  const unauthenticated = createRateLimiter({ max: config.rateLimit.unauthenticatedMax, windowMs: config.rateLimit.windowMs, ...clock });
  const access = accessGuard({
    authToken: config.authToken,
    authenticated: createRateLimiter({ max: config.rateLimit.max, windowMs: config.rateLimit.windowMs, ...clock }),
    unauthenticated,
    clientAddress,
  });
  const mcpGuards: MiddlewareHandler[] = [corsFor(config.corsOrigins), access];
  for (const path of ['/mcp', '/sse', '/messages', '/message', '/fhir', '/fhir/*', '/sync']) app.use(path, ...mcpGuards);

  app.all('/mcp', (c) => mcp.fetch(c.req.raw));
  // Clients such as Poke send Streamable HTTP to the `/sse` URL: POST there is Streamable HTTP.
  app.post('/sse', (c) => mcp.fetch(c.req.raw));
  app.route('/', sse.routes);
  app.route('/fhir', createFhirRoutes({ contextOf: () => context, baseUrl: () => deps.baseUrl(), logger: context.logger }));
  app.route('/sync', createSyncRoute({ contextOf: () => context, cooldownMs: config.syncTriggerCooldownMs, logger: context.logger, ...(deps.now ? { now: deps.now } : {}) }));
  mountMetrics(app, {
    metrics,
    required: config.metricsToken ? { token: config.metricsToken, name: 'METRICS_TOKEN' } : config.authToken ? { token: config.authToken, name: 'AUTH_TOKEN' } : undefined,
    unauthenticated,
    clientAddress,
  });

  app.get('/health', async (c) =>
    c.json(await healthReport({ context, startedAt, ...(deps.scheduler ? { scheduler: deps.scheduler } : {}), sseSessions: sse.count })),
  );
  app.use('/oauth/*', corsFor(config.corsOrigins));
  app.route('/oauth', createOAuthRoutes({ context, authToken: config.authToken, baseUrl: deps.baseUrl, bearer: access }));
  app.route(
    '/webhooks',
    createWebhookRoutes({
      providers: context.providers,
      dispatcher: deps.dispatcher,
      logger: context.logger,
      now: () => context.now().getTime(),
      toleranceMs: config.webhookToleranceMs,
      ...(config.webhookVerificationToken ? { verificationToken: config.webhookVerificationToken } : {}),
      accountUserId: async (provider) => context.tokens.accountUserId?.(provider),
      limiter: createRateLimiter({ ...config.webhookRateLimit, ...clock }),
      clientAddress,
    }),
  );
  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((error, c) => {
    context.logger.error({ err: error, path: c.req.path }, 'HTTP handler failed');
    return c.json({ error: 'internal_error', error_description: 'The server failed to answer; see its log.' }, 500);
  });
  return { app, mcp, sse, servers, metrics };
}

function corsFor(origins: readonly string[]): MiddlewareHandler {
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID'],
    exposeHeaders: ['Mcp-Session-Id', 'Mcp-Protocol-Version', 'WWW-Authenticate', 'Retry-After'],
    maxAge: 600,
  });
}
