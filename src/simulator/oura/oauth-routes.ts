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
import { authorizeHandler, formBody, oauthError, tokenHandler, type OAuthRouteSpec } from '../oauth-common.js';
import { OURA_SCOPES, type OuraContext } from './context.js';

/** Oura's differences from the shared OAuth routes. */
const OURA_OAUTH: OAuthRouteSpec = {
  scopes: OURA_SCOPES,
  allScopesByDefault: true,
  unknownClientError: 'invalid_request',
  checkState: (state) => (state ? null : { error: 'invalid_request', description: 'state is required.' }),
  pkce: { mode: 'required' },
  basicRealm: 'oura',
  basicDecoding: 'form',
};

/** The OAuth routes for one Oura context. */
export function createOuraOAuthRoutes(ctx: OuraContext): Hono {
  const app = new Hono();
  app.get('/authorize', authorizeHandler(ctx, OURA_OAUTH));
  app.post('/token', tokenHandler(ctx, OURA_OAUTH));

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
