/**
 * The FHIR read API and `POST /sync` for a server of many accounts (the hosted one): each request
 * is authenticated by the mounting server (an OAuth access token there) and answered from the
 * host context of the account it names, the way `/mcp` is. The local server mounts the same
 * routes with its one context (create-http-app.ts).
 *
 *     mountAccountRoutes(app, {
 *       authenticate: async (c) => { ...resource server, per-account rate limit...; return { accountId } or a Response },
 *       contextFor: (accountId) => sessions.context(accountId),
 *       baseUrl: publicBaseUrl, logger,
 *     });
 */
import type { Context, Env, Hono, MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';
import type { HostContext } from '../mcp/host-context.js';
import { createFhirRoutes } from './fhir/fhir-routes.js';
import { createSyncRoute } from './sync-route.js';

export interface AccountRoutesOptions<E extends Env = Env> {
  /** The account a request acts for, or the answer refusing it (401 with its challenge, 429). */
  authenticate(c: Context<E>): Promise<{ accountId: string } | Response>;
  /** The account's host context (its store, tokens and sync). */
  contextFor(accountId: string): Promise<HostContext>;
  /** The public origin, without a trailing slash (FHIR links and full URLs). */
  baseUrl: string;
  logger: Logger;
  /** Shortest time between two `POST /sync` runs of one provider of one account (default 60 s). */
  syncCooldownMs?: number;
  /** Middleware run before authentication (CORS). */
  before?: MiddlewareHandler<E>[];
}

/** Mounts `/fhir/*` and `/sync` on `app`, each request answered for its authenticated account. */
export function mountAccountRoutes<E extends Env>(app: Hono<E>, options: AccountRoutesOptions<E>): void {
  const accounts = new WeakMap<Request, string>();
  const authenticated: MiddlewareHandler<E> = async (c, next) => {
    const auth = await options.authenticate(c);
    if (auth instanceof Response) return auth;
    accounts.set(c.req.raw, auth.accountId);
    await next();
    return undefined;
  };
  const contextOf = (c: Context<E>): Promise<HostContext> => {
    const accountId = accounts.get(c.req.raw);
    // Unreachable behind `authenticated`; refuse rather than answer for nobody.
    if (accountId === undefined) throw new Error('account routes reached without authentication');
    return options.contextFor(accountId);
  };
  for (const path of ['/fhir', '/fhir/*', '/sync']) app.use(path, ...(options.before ?? []), authenticated);
  app.route('/fhir', createFhirRoutes<E>({ contextOf, baseUrl: () => options.baseUrl, logger: options.logger }));
  app.route('/sync', createSyncRoute<E>({ contextOf, logger: options.logger, ...(options.syncCooldownMs !== undefined ? { cooldownMs: options.syncCooldownMs } : {}) }));
}
