/**
 * WHOOP's OAuth 2.0 endpoints (an Ory Hydra server in production): `GET /oauth/oauth2/auth`
 * redirects at once (the simulated user approves), `POST /oauth/oauth2/token` trades a code or a
 * refresh token. As WHOOP does: `state` must be at least 8 characters (`invalid_state`
 * otherwise), access tokens last one hour, a refresh token is issued only for the `offline`
 * scope, and each refresh rotates it (an old one is refused with `invalid_grant`). PKCE is
 * optional as in Hydra, but checked when the authorization request carried a challenge.
 */
import { Hono, type Context } from 'hono';
import { randomToken, s256, type TokenResult } from '../token-store.js';
import { WHOOP_SCOPES, type WhoopContext } from './context.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function redirectAllowed(ctx: WhoopContext, uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if (ctx.config.redirectUris) return ctx.config.redirectUris.includes(uri);
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

function redirectWith(c: Context, redirectUri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return c.redirect(url.toString(), 302);
}

function oauthError(c: Context, status: 400 | 401, error: string, description: string): Response {
  return c.json({ error, error_description: description }, status, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/** Client credentials from the form (client_secret_post, WHOOP's documented way) or HTTP Basic. */
function clientCredentials(c: Context, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret } : null;
}

/** The OAuth routes (mounted at `/whoop/oauth/oauth2`). */
export function createWhoopOAuthRoutes(ctx: WhoopContext): Hono {
  const app = new Hono();

  app.get('/auth', (c) => {
    ctx.counters.authorizeRequests += 1;
    const q = new URL(c.req.url).searchParams;
    const clientId = q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    if (clientId !== ctx.config.clientId) return oauthError(c, 400, 'invalid_client', 'Unknown client_id.');
    if (!redirectUri || !redirectAllowed(ctx, redirectUri)) return oauthError(c, 400, 'invalid_request', 'Missing or unregistered redirect_uri.');
    const state = q.get('state') ?? undefined;
    const fail = (error: string, description: string): Response => redirectWith(c, redirectUri, { error, error_description: description, state });
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code.');
    if (!state || state.length < 8) return fail('invalid_state', 'The state is missing or has fewer than 8 characters.');
    let challenge = q.get('code_challenge');
    let implicitVerifier: string | null = null;
    if (challenge !== null) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(challenge) || q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'PKCE needs an S256 code_challenge.');
    } else {
      implicitVerifier = randomToken(32);
      challenge = s256(implicitVerifier);
    }
    if (ctx.authorizeDecision === 'deny') return fail('access_denied', 'The user denied access.');
    const requested = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    const scope = requested.filter((s) => (WHOOP_SCOPES as readonly string[]).includes(s)).join(' ');
    const code = ctx.tokens.issueCode({ clientId, redirectUri, codeChallenge: challenge, scope });
    if (implicitVerifier) ctx.implicitVerifiers.set(code, implicitVerifier);
    return redirectWith(c, redirectUri, { code, scope, state });
  });

  app.post('/token', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const form = type.includes('application/x-www-form-urlencoded') ? new URLSearchParams(await c.req.text()) : new URLSearchParams();
    const client = clientCredentials(c, form);
    if (!client || client.id !== ctx.config.clientId || client.secret !== ctx.config.clientSecret) {
      ctx.tokens.counters.tokenFailures += 1;
      return oauthError(c, 401, 'invalid_client', 'Client authentication failed.');
    }
    const grantType = form.get('grant_type');
    let result: TokenResult;
    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) return oauthError(c, 400, 'invalid_request', 'code is required.');
      const implicit = ctx.implicitVerifiers.get(code);
      result = ctx.tokens.exchangeCode({
        code,
        clientId: client.id,
        redirectUri: form.get('redirect_uri') ?? undefined,
        codeVerifier: implicit ?? form.get('code_verifier') ?? undefined,
      });
    } else if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) return oauthError(c, 400, 'invalid_request', 'refresh_token is required.');
      result = ctx.tokens.refresh({ refreshToken, clientId: client.id });
    } else {
      return oauthError(c, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
    }
    if (!result.ok) return oauthError(c, 400, result.error, result.description);
    const offline = result.tokens.scope.split(' ').includes('offline');
    return c.json(
      {
        access_token: result.tokens.accessToken,
        expires_in: result.tokens.expiresIn,
        ...(offline ? { refresh_token: result.tokens.refreshToken } : {}),
        scope: result.tokens.scope,
        token_type: 'bearer',
      },
      200,
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  });

  return app;
}
