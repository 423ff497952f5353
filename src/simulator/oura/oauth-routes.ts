/**
 * Oura OAuth endpoints (`/oauth/authorize`, `/oauth/token`, `/oauth/revoke`). The 2025-03 spec's
 * security scheme names `https://cloud.ouraring.com/oauth/authorize` and
 * `https://api.ouraring.com/oauth/token`; it has no revoke URL — Oura's auth docs use
 * `GET https://api.ouraring.com/oauth/revoke?access_token=...`, mirrored here (POST with a form
 * `token`/`access_token` is accepted too). Here all three live under the Oura mount.
 *
 * Stricter than Oura where it helps test clients: `state` is required, and PKCE (S256 only) is
 * required on authorize and checked on the code exchange.
 */
import { Hono, type Context } from 'hono';
import type { TokenResult } from '../token-store.js';
import { OURA_SCOPES, type OuraContext } from './context.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function redirectAllowed(ctx: OuraContext, uri: string): boolean {
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

function oauthError(c: Context, status: 400 | 401, error: string, description: string, basic = false): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  if (basic) headers['WWW-Authenticate'] = 'Basic realm="oura"';
  return c.json({ error, error_description: description }, status, headers);
}

/** Client credentials from HTTP Basic or the form body (client_secret_post). */
function clientCredentials(c: Context, form: URLSearchParams): { id: string; secret: string; basic: boolean } | null {
  const header = c.req.header('authorization');
  const basic = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    // RFC 6749 2.3.1: both parts are form-urlencoded before Base64.
    const decode = (v: string): string => {
      try {
        return decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        return v;
      }
    };
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)), basic: true };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret, basic: false } : null;
}

async function formBody(c: Context): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(await c.req.text());
}

/** The OAuth routes for one Oura context. */
export function createOuraOAuthRoutes(ctx: OuraContext): Hono {
  const app = new Hono();

  app.get('/authorize', (c) => {
    ctx.counters.authorizeRequests += 1;
    const q = new URL(c.req.url).searchParams;
    const clientId = q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    if (clientId !== ctx.config.clientId) return oauthError(c, 400, 'invalid_request', 'Unknown client_id.');
    if (!redirectUri || !redirectAllowed(ctx, redirectUri)) {
      return oauthError(c, 400, 'invalid_request', 'Missing or unregistered redirect_uri.');
    }
    const state = q.get('state') ?? undefined;
    const fail = (error: string, description: string): Response =>
      redirectWith(c, redirectUri, { error, error_description: description, state });
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code.');
    if (!state) return fail('invalid_request', 'state is required.');
    const challenge = q.get('code_challenge');
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'A PKCE code_challenge is required.');
    if (q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256.');
    const requested = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    const granted = requested.length === 0 ? [...OURA_SCOPES] : requested.filter((s) => (OURA_SCOPES as readonly string[]).includes(s));
    if (ctx.authorizeDecision === 'deny') return fail('access_denied', 'The user denied access.');
    const scope = granted.join(' ');
    const code = ctx.tokens.issueCode({ clientId, redirectUri, codeChallenge: challenge, scope });
    return redirectWith(c, redirectUri, { code, scope, state });
  });

  app.post('/token', async (c) => {
    const form = await formBody(c);
    const client = clientCredentials(c, form);
    if (!client || client.id !== ctx.config.clientId || client.secret !== ctx.config.clientSecret) {
      ctx.tokens.counters.tokenFailures += 1;
      return oauthError(c, 401, 'invalid_client', 'Client authentication failed.', client?.basic ?? false);
    }
    const grantType = form.get('grant_type');
    let result: TokenResult;
    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) return oauthError(c, 400, 'invalid_request', 'code is required.');
      result = ctx.tokens.exchangeCode({
        code,
        clientId: client.id,
        redirectUri: form.get('redirect_uri') ?? undefined,
        codeVerifier: form.get('code_verifier') ?? undefined,
      });
    } else if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) return oauthError(c, 400, 'invalid_request', 'refresh_token is required.');
      result = ctx.tokens.refresh({ refreshToken, clientId: client.id });
    } else {
      return oauthError(c, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
    }
    if (!result.ok) return oauthError(c, 400, result.error, result.description);
    return c.json(
      {
        token_type: 'bearer',
        access_token: result.tokens.accessToken,
        expires_in: result.tokens.expiresIn,
        refresh_token: result.tokens.refreshToken,
        scope: result.tokens.scope,
      },
      200,
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  });

  const revoke = async (c: Context): Promise<Response> => {
    const query = new URL(c.req.url).searchParams;
    const form = c.req.method === 'POST' ? await formBody(c) : new URLSearchParams();
    const token = query.get('access_token') ?? form.get('access_token') ?? form.get('token') ?? query.get('token');
    if (!token) return oauthError(c, 400, 'invalid_request', 'access_token is required.');
    ctx.tokens.revoke(token);
    // RFC 7009: unknown tokens are not an error.
    return c.json({}, 200);
  };
  app.get('/revoke', revoke);
  app.post('/revoke', revoke);

  return app;
}
