/**
 * WHOOP's OAuth2 specifics; the flow is the provider-neutral adapter in `src/auth/standard-oauth.ts`.
 *
 * Endpoints (spec `components.securitySchemes.OAuth`): authorize at
 * `https://api.prod.whoop.com/oauth/oauth2/auth`, token at `.../oauth/oauth2/token`. Access
 * tokens last one hour; a refresh token is issued only when the `offline` scope is requested, and
 * each refresh rotates it (single use). `state` must be at least 8 characters (ours are 43).
 * Revocation is not RFC 7009: `DELETE {api}/v2/user/access` with the access token as bearer
 * (spec `revokeUserOAuthAccess`), which is the one thing written here.
 */
import { WearablesError } from '../../core/errors.js';
import type { FetchLike } from '../../core/http.js';
import type { OAuthAdapter } from '../oauth-adapter.js';
import { createStandardOAuthAdapter, fetchUserId } from '../standard-oauth.js';
import type { TokenSet } from '../../core/token-set.js';

/** The scopes `connect whoop` asks for; `offline` is what makes WHOOP issue a refresh token. */
export const WHOOP_SCOPES: readonly string[] = [
  'read:profile',
  'read:body_measurement',
  'read:recovery',
  'read:cycles',
  'read:sleep',
  'read:workout',
  'offline',
];

export interface WhoopOAuthOptions {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  fetch?: FetchLike;
}

/** WHOOP's OAuth endpoints for the configured base URLs. */
export function whoopOAuthEndpoints(options: Pick<WhoopOAuthOptions, 'apiBaseUrl' | 'authBaseUrl'>): {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
} {
  const authBase = options.authBaseUrl.replace(/\/+$/, '');
  return {
    authorizationEndpoint: `${authBase}/oauth/oauth2/auth`,
    tokenEndpoint: `${authBase}/oauth/oauth2/token`,
    revocationEndpoint: `${options.apiBaseUrl.replace(/\/+$/, '')}/v2/user/access`,
  };
}

/** The WHOOP `OAuthAdapter`. Without a client id/secret every call throws CONFIG_ERROR saying what to set. */
export function createWhoopOAuth(options: WhoopOAuthOptions): OAuthAdapter {
  const { clientId, clientSecret } = options;
  if (!clientId || !clientSecret) return missingClientAdapter();
  const endpoints = whoopOAuthEndpoints(options);
  const standard = createStandardOAuthAdapter({
    provider: 'whoop',
    authorizationEndpoint: endpoints.authorizationEndpoint,
    tokenEndpoint: endpoints.tokenEndpoint,
    clientId,
    clientSecret,
    scopes: WHOOP_SCOPES,
    pkce: true,
    // WHOOP's docs send client_id/client_secret in the form body.
    clientAuth: 'post',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const profile = `${options.apiBaseUrl.replace(/\/+$/, '')}/v2/user/profile/basic`;
  return {
    ...standard,
    revoke: (tokens) => revokeAccess(fetchImpl, endpoints.revocationEndpoint, tokens),
    // The person's id: the basic profile's `user_id` (the `read:profile` scope).
    userId: (tokens) => fetchUserId('WHOOP', fetchImpl, profile, 'user_id', tokens),
  };
}

/** `DELETE /v2/user/access` with the access token. A 401 means the grant is already gone: fine. */
async function revokeAccess(fetchImpl: FetchLike, url: string, tokens: TokenSet): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.accessToken}` } });
  } catch (error) {
    throw new WearablesError('UPSTREAM_ERROR', 'Could not reach WHOOP to revoke the grant.', { hint: 'Check the network and retry.', cause: error });
  }
  await response.body?.cancel();
  if (response.ok || response.status === 401) return;
  throw new WearablesError(response.status === 429 ? 'RATE_LIMITED' : 'UPSTREAM_ERROR', `WHOOP refused to revoke the grant (HTTP ${response.status}).`, {
    hint: 'Retry later, or remove the app from your WHOOP account settings.',
    statusCode: response.status,
  });
}

function missingClientAdapter(): OAuthAdapter {
  const fail = (): never => {
    throw new WearablesError('CONFIG_ERROR', 'WHOOP OAuth needs a client id and secret.', {
      hint: 'Create an app at https://developer-dashboard.whoop.com, set WHOOP_CLIENT_ID and WHOOP_CLIENT_SECRET, or connect with an access token: `wearables-mcp connect whoop --token <token>`.',
    });
  };
  return {
    scopes: WHOOP_SCOPES,
    pkce: true,
    authorizationUrl: fail,
    exchangeCode: async () => fail(),
    refresh: async () => fail(),
    revoke: async () => fail(),
  };
}
