/**
 * `serve --http --hosted`: one server for many people. Composes the authorization server
 * (authorization-server.ts, mounted at its endpoints), the sign-in pages (sign-in.ts), the
 * resource server's metadata and bearer gate (resource-server.ts) and `/mcp` served per account
 * (account-sessions.ts), behind the same Host/Origin guard as `serve --http`. Expired codes,
 * sessions, grants and sign-ins are deleted on a schedule.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { Pool } from 'pg';
import type Provider from 'oidc-provider';
import { allowedOrigins } from '../http/allowed-origins.js';
import { clientAddressFor } from '../http/client-key.js';
import { hostGuard } from '../http/host-guard.js';
import { allowedHostnames, type HttpConfig } from '../http/http-config.js';
import { createRateLimiter, rateLimited, rateLimitHeaders } from '../http/rate-limit.js';
import type { Logger } from '../logging/logger.js';
import type { McpServerOptions } from '../mcp/server.js';
import type { Provider as DataProvider } from '../providers/provider.js';
import { createSyncScheduler, type SyncScheduler } from '../scheduler/sync-scheduler.js';
import type { StoreDatabase } from '../store/database.js';
import type { SyncReport } from '../sync/sync-service.js';
import { createAccountCookies } from './account-cookie.js';
import { createAccountPage } from './account-page.js';
import { createAccountSessions, type AccountContext, type AccountSessions } from './account-sessions.js';
import { createAuditLog } from './audit.js';
import { authorizationServerMetadata, createAuthorizationServer, PROVIDER_PATHS } from './authorization-server.js';
import type { HostedConfig } from './hosted-config.js';
import { installRefreshGrace } from './refresh-grace.js';
import { installRegistrationDefaults } from './registration-defaults.js';
import { createResourceServer } from './resource-server.js';
import { applyHostedSchema, deleteExpired } from './schema.js';
import { createProviderOAuth } from './provider-oauth.js';
import { createSignInRoutes } from './sign-in.js';

export interface HostedServerOptions {
  hosted: HostedConfig;
  http: HttpConfig;
  database: StoreDatabase;
  /** A pool on the same database, for the hosted tables. */
  pool: Pool;
  /** Providers a person may sign in with (OAuth configured). */
  signInProviders: readonly DataProvider[];
  /** Opens one account's services (app layer). */
  openAccount(accountId: string): Promise<AccountContext>;
  /** 32 bytes from the environment (the token encryption key); cookie and signing keys derive from it. */
  secret: Buffer;
  logger: Logger;
  mcpOptions?: McpServerOptions;
  /** Run with every cleanup (the change feed's compaction). */
  maintenance?: () => Promise<void>;
  /** Fetch of Client ID Metadata Documents (tests). */
  clientMetadataFetch?: typeof fetch;
  /** Lifetimes for tests (seconds). */
  ttl?: { accessToken?: number; authorizationCode?: number };
}

export interface RunningHostedServer {
  url: string;
  port: number;
  oidc: Provider;
  sessions: AccountSessions;
  /** Background sync of every account with a connection (SYNC_INTERVAL_MINUTES; 0 disables). */
  scheduler: SyncScheduler;
  /** Deletes an account and everything of it (the account page's deletion). */
  deleteAccount(accountId: string): Promise<boolean>;
  /** Deletes expired authorization state now (the schedule's job); returns rows removed. */
  cleanup(): Promise<number>;
  close(): Promise<void>;
}

type Env = { Bindings: HttpBindings };

/**
 * Tools a remote person has no use for and must not have: they read or write files on the
 * server (a shared disk), which no account owns.
 */
export const HOSTED_EXCLUDED_TOOLS: readonly string[] = ['export_data', 'import_data'];

/** Builds the app (exported for tests that need no listening socket). */
export async function startHostedServer(options: HostedServerOptions): Promise<RunningHostedServer> {
  const { hosted, http: httpConfig, logger, pool } = options;
  await applyHostedSchema(pool);
  const oidc = createAuthorizationServer({
    issuer: hosted.publicBaseUrl,
    resource: hosted.resource,
    pool,
    accounts: options.database.accounts,
    secret: options.secret,
    proxy: httpConfig.trustProxy > 0,
    ttl: { accessToken: options.ttl?.accessToken ?? hosted.accessTokenTtlSeconds, refreshToken: hosted.refreshTokenTtlDays * 86_400, ...(options.ttl?.authorizationCode ? { authorizationCode: options.ttl.authorizationCode } : {}) },
    ...(options.clientMetadataFetch ? { fetch: options.clientMetadataFetch } : {}),
  });
  installRefreshGrace(oidc, pool, hosted.refreshGraceSeconds);
  installRegistrationDefaults(oidc);
  const audit = createAuditLog(pool, logger);
  oidc.on('grant.success', (ctx) => {
    const entities = ctx.oidc.entities as Record<string, { accountId?: string } | undefined>;
    const accountId = entities.AuthorizationCode?.accountId ?? entities.RefreshToken?.accountId ?? null;
    void audit.record(accountId, 'token_granted', { client_id: (ctx.oidc.client?.clientId ?? '').slice(0, 200), grant_type: String(ctx.oidc.params?.grant_type ?? '') });
  });
  oidc.on('server_error', (_ctx, error) => logger.error({ err: error }, 'authorization server error'));
  const asMetadata = authorizationServerMetadata(hosted.publicBaseUrl);
  const resourceServer = createResourceServer({
    provider: oidc,
    resource: hosted.resource,
    asMetadata,
    accountExists: async (id) => (await options.database.accounts.get(id)) !== null,
  });
  const mcpOptions: McpServerOptions = { ...options.mcpOptions, excludeTools: [...(options.mcpOptions?.excludeTools ?? []), ...HOSTED_EXCLUDED_TOOLS] };
  const sessions = createAccountSessions({ open: options.openAccount, logger, mcpOptions });
  // Background sync, account after account (each with its own context, tokens and leases).
  const scheduler = createSyncScheduler({
    sync: {
      async sync(syncOptions) {
        const results: SyncReport['results'] = [];
        for (const account of await options.database.accounts.list()) {
          if (syncOptions?.signal?.aborted) break;
          if ((await options.database.connections(account.id).list()).length === 0) continue;
          const context = await sessions.context(account.id);
          results.push(...(await context.sync.sync(syncOptions)).results);
        }
        return { results };
      },
    },
    logger,
    intervalMs: httpConfig.syncIntervalMs,
    jitterMs: httpConfig.syncJitterMs,
  });
  const clientAddress = clientAddressFor(httpConfig.trustProxy);
  const perAccount = createRateLimiter({ max: hosted.accountRateLimitPerMinute, windowMs: 60_000 });
  const perAddress = createRateLimiter({ max: hosted.addressRateLimitPerMinute, windowMs: 60_000 });

  let listenPort = httpConfig.port;
  const app = new Hono<Env>();
  app.use('*', hostGuard({ allowedHosts: [...allowedHostnames(httpConfig)], allowedOrigins: () => allowedOrigins(httpConfig, listenPort), anyOrigin: true, logger }));
  // Discovery documents are public and read by browser-based clients.
  const discovery = cors({ origin: '*', allowMethods: ['GET', 'OPTIONS'], maxAge: 600 });
  const prm = (c: Context<Env>) => c.json(resourceServer.metadata, 200, { 'Cache-Control': 'public, max-age=300' });
  app.use('/.well-known/oauth-protected-resource', discovery);
  app.use('/.well-known/oauth-protected-resource/*', discovery);
  app.use('/.well-known/oauth-authorization-server', discovery);
  app.get('/.well-known/oauth-protected-resource', prm);
  app.get('/.well-known/oauth-protected-resource/mcp', prm);
  app.get('/.well-known/oauth-authorization-server', (c) => c.json(asMetadata, 200, { 'Cache-Control': 'public, max-age=300' }));

  // The authorization server's own endpoints, handed the raw Node request and response.
  const callback = oidc.callback();
  const toProvider = async (c: Context<Env>) => {
    const decision = perAddress.hit(`address:${clientAddress(c.req.raw, c.env)}`);
    if (!decision.allowed) return rateLimited(decision, 'authorization requests from this address');
    await callback(c.env.incoming, c.env.outgoing);
    return RESPONSE_ALREADY_SENT;
  };
  for (const path of PROVIDER_PATHS) {
    app.all(path, toProvider);
    app.all(`${path}/*`, toProvider);
  }

  const cookies = createAccountCookies(options.secret, { secure: hosted.publicBaseUrl.startsWith('https:') });
  const providerOAuth = createProviderOAuth({ pool, accounts: options.database.accounts, baseUrl: hosted.publicBaseUrl, audit, logger });
  const accountPage = createAccountPage({
    pool,
    database: options.database,
    providers: options.signInProviders,
    providerOAuth,
    cookies,
    sessions,
    audit,
    logger,
    baseUrl: hosted.publicBaseUrl,
  });
  app.route(
    '/sign-in',
    createSignInRoutes({
      oidc,
      pool,
      accounts: options.database.accounts,
      providers: options.signInProviders,
      providerOAuth,
      cookies,
      contextFor: (accountId) => sessions.context(accountId),
      completeAccountSignIn: (c, grant) => accountPage.completeAccountSignIn(c, grant),
      audit,
      logger,
    }),
  );
  app.route('/account', accountPage.routes);

  const mcpCors = cors({
    origin: httpConfig.corsOrigins.includes('*') ? '*' : [...httpConfig.corsOrigins],
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'Mcp-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID'],
    exposeHeaders: ['Mcp-Session-Id', 'Mcp-Protocol-Version', 'WWW-Authenticate', 'Retry-After'],
    maxAge: 600,
  });
  app.use('/mcp', mcpCors);
  app.all('/mcp', async (c) => {
    const auth = await resourceServer.authenticate(c.req.raw);
    if (auth instanceof Response) {
      const attempt = perAddress.hit(`address:${clientAddress(c.req.raw, c.env)}`);
      return attempt.allowed ? auth : rateLimited(attempt, 'unauthenticated requests from this address');
    }
    const decision = perAccount.hit(`account:${auth.accountId}`);
    if (!decision.allowed) return rateLimited(decision, 'requests of this account');
    const handler = await sessions.mcp(auth.accountId);
    const response = await handler.fetch(c.req.raw, { authInfo: auth.authInfo });
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  });
  app.get('/health', (c) => c.json({ status: 'ok', mode: 'hosted' }));
  app.get('/', (c) => c.text(`wearables-mcp: add ${hosted.resource} to your MCP client as a custom connector.\n`));
  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((error, c) => {
    logger.error({ err: error, path: c.req.path }, 'hosted HTTP handler failed');
    return c.json({ error: 'internal_error', error_description: 'The server failed to answer; see its log.' }, 500);
  });

  const server: Server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(httpConfig.port, httpConfig.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  listenPort = port;
  const host = httpConfig.host.includes(':') ? `[${httpConfig.host}]` : httpConfig.host === '0.0.0.0' ? '127.0.0.1' : httpConfig.host;
  const url = `http://${host}:${port}`;

  const cleanup = async () => {
    await options.maintenance?.().catch((error: unknown) => logger.warn({ err: error }, 'maintenance failed'));
    const removed = await deleteExpired(pool);
    if (removed > 0) logger.info({ removed }, 'expired authorization state deleted');
    return removed;
  };
  const timer = setInterval(() => void cleanup().catch((error: unknown) => logger.warn({ err: error }, 'cleanup of expired authorization state failed')), hosted.cleanupIntervalMs);
  timer.unref();
  scheduler.start();
  logger.info({ url, issuer: hosted.publicBaseUrl }, 'serving hosted MCP over HTTP');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    oidc,
    sessions,
    scheduler,
    deleteAccount: (accountId) => accountPage.deleteAccount(accountId),
    cleanup,
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await scheduler.stop();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await sessions.closeAll();
        server.closeAllConnections();
        await stopped;
      })()),
  };
}
