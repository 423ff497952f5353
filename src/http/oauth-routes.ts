/**
 * Connecting providers through the browser, for a server reached by URL:
 * - `POST /oauth/<provider>/link` (bearer): a single-use authorize link to open in a browser;
 * - `GET  /oauth/<provider>/authorize` (bearer or `?ticket=`): redirects to the provider;
 * - `GET  /oauth/<provider>/callback`: checks `state`, trades the code (PKCE), stores the tokens
 *   in the same encrypted store as `wearables-mcp connect`;
 * - `GET  /oauth/status` and `POST /oauth/<provider>/disconnect` (bearer).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { toWearablesError } from '../core/errors.js';
import type { HostContext } from '../mcp/host-context.js';
import type { ProviderId } from '../core/types.js';
import { registerSecret } from '../logging/secrets.js';
import { oauthOf, type Provider } from '../providers/provider.js';
import { bearerMatches, requireBearer, unauthorized } from './bearer-auth.js';
import { createPendingAuthorizations, type PendingAuthorizations } from './pending-authorizations.js';

export interface OAuthRoutesOptions {
  context: HostContext;
  authToken: string | undefined;
  /** Base URL the browser reaches this server at (`PUBLIC_BASE_URL` or the listen address). */
  baseUrl: () => string;
  pending?: PendingAuthorizations;
  /** Guard of the bearer routes (default: the bearer check alone); the app passes its rate-limited `accessGuard`. */
  bearer?: MiddlewareHandler;
}

/** Builds the browser-connect routes (mounted at `/oauth`). */
export function createOAuthRoutes(options: OAuthRoutesOptions): Hono {
  const { context } = options;
  const pending = options.pending ?? createPendingAuthorizations();
  const app = new Hono();
  const bearer = options.bearer ?? requireBearer(options.authToken);
  const providerOf = (c: Context): Provider | undefined => context.providers.get(c.req.param('provider') as ProviderId);
  const redirectUri = (provider: Provider) => `${options.baseUrl()}/oauth/${provider.id}/callback`;

  app.get('/status', bearer, async (c) => {
    const entries = await Promise.all([...context.providers.keys()].map(async (id) => [id, await context.tokens.status(id)] as const));
    return c.json({ providers: Object.fromEntries(entries) });
  });

  app.post('/:provider/link', bearer, (c) => {
    const provider = providerOf(c);
    if (!provider) return unknownProvider(c);
    const ticket = pending.issueTicket(provider.id);
    return c.json({ authorize_url: `${options.baseUrl()}/oauth/${provider.id}/authorize?ticket=${ticket}`, expires_in: 600 });
  });

  app.get('/:provider/authorize', async (c) => {
    const provider = providerOf(c);
    if (!provider) return unknownProvider(c);
    const ticket = c.req.query('ticket');
    const allowed =
      options.authToken === undefined ||
      bearerMatches(c.req.header('authorization'), options.authToken) ||
      (ticket !== undefined && pending.redeemTicket(ticket, provider.id));
    if (!allowed) return unauthorized();
    const codeVerifier = generateRandomCodeVerifier();
    registerSecret(codeVerifier);
    const state = generateRandomState();
    const uri = redirectUri(provider);
    pending.add(state, { provider: provider.id, codeVerifier, redirectUri: uri });
    const url = oauthOf(provider).authorizationUrl({ redirectUri: uri, state, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) });
    context.logger.info({ provider: provider.id }, 'browser sign-in started');
    return c.redirect(url.href, 302);
  });

  app.get('/:provider/callback', async (c) => {
    const provider = providerOf(c);
    if (!provider) return unknownProvider(c);
    const state = c.req.query('state') ?? '';
    const entry = pending.take(state);
    if (!entry || entry.provider !== provider.id) {
      return page(c, 400, 'This sign-in link is unknown or expired (state mismatch).', `Start again from /oauth/${provider.id}/authorize.`);
    }
    const error = c.req.query('error');
    if (error) {
      const safe = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown_error';
      return page(c, 400, `${provider.displayName} refused the authorization (${safe}).`, 'Approve every requested scope and try again.');
    }
    const code = c.req.query('code');
    if (!code) return page(c, 400, `The redirect from ${provider.displayName} carried no authorization code.`, 'Start the sign-in again.');
    registerSecret(code);
    try {
      const tokens = await oauthOf(provider).exchangeCode({ code, redirectUri: entry.redirectUri, codeVerifier: entry.codeVerifier });
      registerSecret(tokens.accessToken);
      registerSecret(tokens.refreshToken);
      await context.tokens.save(provider.id, tokens);
      context.logger.info({ provider: provider.id, kind: tokens.kind }, 'connected through the browser');
      return page(c, 200, `Connected ${provider.displayName}.`, 'You can close this tab.');
    } catch (caught) {
      const failure = toWearablesError(caught, 'AUTH_FAILED');
      context.logger.warn({ provider: provider.id, err: failure }, 'browser sign-in failed');
      return page(c, 400, failure.message, failure.hint ?? 'Start the sign-in again.');
    }
  });

  app.post('/:provider/disconnect', bearer, async (c) => {
    const provider = providerOf(c);
    if (!provider) return unknownProvider(c);
    const result = await context.tokens.disconnect(provider.id, { revoke: true });
    return c.json({ provider: provider.id, disconnected: true, revoked: result.revoked });
  });

  return app;
}

function unknownProvider(c: Context): Response {
  return c.json({ error: 'unknown_provider', error_description: 'No such provider on this server.' }, 404);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(c: Context, status: 200 | 400, title: string, detail: string): Response {
  const html = `<!doctype html><meta charset="utf-8"><title>wearables-mcp</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`;
  return c.html(html, status);
}
