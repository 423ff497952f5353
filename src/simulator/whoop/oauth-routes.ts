/**
 * WHOOP's OAuth 2.0 endpoints (an Ory Hydra server in production): `GET /oauth/oauth2/auth`
 * redirects at once (the simulated user approves), `POST /oauth/oauth2/token` trades a code or a
 * refresh token. As WHOOP does: `state` must be at least 8 characters (`invalid_state`
 * otherwise), access tokens last one hour, a refresh token is issued only for the `offline`
 * scope, and each refresh rotates it (an old one is refused with `invalid_grant`). PKCE is
 * optional as in Hydra, but checked when the authorization request carried a challenge.
 */
import { Hono } from 'hono';
import { authorizeHandler, tokenHandler, type OAuthRouteSpec } from '../oauth-common.js';
import { WHOOP_SCOPES, type WhoopContext } from './context.js';

/** WHOOP's differences from the shared OAuth routes. */
function whoopOAuthSpec(ctx: WhoopContext): OAuthRouteSpec {
  return {
    scopes: WHOOP_SCOPES,
    allScopesByDefault: false,
    unknownClientError: 'invalid_client',
    checkState: (state) =>
      !state || state.length < 8 ? { error: 'invalid_state', description: 'The state is missing or has fewer than 8 characters.' } : null,
    pkce: { mode: 'optional', implicitVerifiers: ctx.implicitVerifiers },
    basicDecoding: 'uri',
    refreshTokenScope: 'offline',
  };
}

/** The OAuth routes (mounted at `/whoop/oauth/oauth2`). */
export function createWhoopOAuthRoutes(ctx: WhoopContext): Hono {
  const app = new Hono();
  const spec = whoopOAuthSpec(ctx);
  app.get('/auth', authorizeHandler(ctx, spec));
  app.post('/token', tokenHandler(ctx, spec));
  return app;
}
