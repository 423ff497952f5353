/**
 * Oura's OAuth2 specifics: endpoints, scopes and client authentication. The flow itself is the
 * provider-neutral adapter in `src/auth/standard-oauth.ts`.
 *
 * Endpoints (Oura spec 2025-03, `components.securitySchemes.OAuth2`): authorize at
 * `https://cloud.ouraring.com/oauth/authorize`, token at `https://api.ouraring.com/oauth/token`;
 * revocation at `/oauth/revoke` (Oura's authentication docs).
 */
import { WearablesError } from '../../core/errors.js';
import type { FetchLike } from '../../core/http.js';
import type { OAuthAdapter } from '../oauth-adapter.js';
import { createStandardOAuthAdapter, fetchUserId } from '../standard-oauth.js';

/**
 * Scopes from the spec's securitySchemes. The spec lists the tag scope as `"tag User": "entered
 * tags"` (a key/description split typo); the scope itself is `tag`.
 */
export const OURA_SCOPES: readonly string[] = ['email', 'personal', 'daily', 'heartrate', 'workout', 'tag', 'session', 'spo2Daily'];

export interface OuraOAuthOptions {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  fetch?: FetchLike;
}

/** The real Oura authorization host; its token endpoint lives on the API host. */
const REAL_AUTH_ORIGIN = 'https://cloud.ouraring.com';

/** Oura's OAuth endpoints for the configured base URLs. */
export function ouraOAuthEndpoints(options: Pick<OuraOAuthOptions, 'apiBaseUrl' | 'authBaseUrl'>): {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
} {
  const authBase = options.authBaseUrl.replace(/\/+$/, '');
  // Real Oura splits authorize (cloud.ouraring.com) from token/revoke (api.ouraring.com); a
  // simulator or proxy configured through OURA_AUTH_BASE_URL serves all three itself.
  const tokenBase = authBase === REAL_AUTH_ORIGIN ? options.apiBaseUrl.replace(/\/+$/, '') : authBase;
  return {
    authorizationEndpoint: `${authBase}/oauth/authorize`,
    tokenEndpoint: `${tokenBase}/oauth/token`,
    revocationEndpoint: `${tokenBase}/oauth/revoke`,
  };
}

/** The Oura `OAuthAdapter`. Without a client id/secret every call throws CONFIG_ERROR saying what to set. */
export function createOuraOAuth(options: OuraOAuthOptions): OAuthAdapter {
  const { clientId, clientSecret } = options;
  if (!clientId || !clientSecret) return missingClientAdapter();
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const personalInfo = `${options.apiBaseUrl.replace(/\/+$/, '')}/v2/usercollection/personal_info`;
  const standard = createStandardOAuthAdapter({
    provider: 'oura',
    ...ouraOAuthEndpoints(options),
    clientId,
    clientSecret,
    scopes: OURA_SCOPES,
    pkce: true,
    // Oura's docs revoke with `access_token`; the grant goes with it.
    revokeWith: 'access_token',
    // Oura's docs send client_id/client_secret in the form body.
    clientAuth: 'post',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // The person's id: `personal_info.id` (the `personal` scope).
  return { ...standard, userId: (tokens) => fetchUserId('Oura', fetchImpl, personalInfo, 'id', tokens) };
}

function missingClientAdapter(): OAuthAdapter {
  const fail = (): never => {
    throw new WearablesError('CONFIG_ERROR', 'Oura OAuth needs a client id and secret.', {
      hint: 'Set OURA_CLIENT_ID and OURA_CLIENT_SECRET, or connect with a personal access token: `wearables-mcp connect oura --token <token>`.',
    });
  };
  return {
    scopes: OURA_SCOPES,
    pkce: true,
    authorizationUrl: fail,
    exchangeCode: async () => fail(),
    refresh: async () => fail(),
    revoke: async () => fail(),
  };
}
