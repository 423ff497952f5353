/**
 * Withings OAuth 2.0. The standard parts (authorization URL, code and refresh grants, response
 * validation) go through the shared oauth4webapi adapter; what Withings does differently lives
 * here: comma-separated scopes, no PKCE, the token endpoint `/v2/oauth2` with
 * `action=requesttoken` and its `{ status, body }` envelope (translated back into a plain OAuth
 * answer by a fetch hook), `userid` in the grant, and revocation as a signed action.
 */
import { WearablesError } from '../../core/errors.js';
import type { FetchLike } from '../../core/http.js';
import type { OAuthAdapter } from '../oauth-adapter.js';
import { createStandardOAuthAdapter } from '../standard-oauth.js';
import type { TokenSet } from '../../core/token-set.js';
import { envelopeSchema, isAuthStatus } from './envelope.js';
import { callSigned } from './signing.js';

/** Scopes requested by `connect` (joined with commas, as Withings expects). */
export const WITHINGS_SCOPES: readonly string[] = ['user.info', 'user.metrics', 'user.activity', 'user.sleepevents'];

export interface WithingsOAuthOptions {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  fetch?: FetchLike;
  now?: () => number;
}

/** Withings' OAuth endpoints for the configured base URLs. */
export function withingsOAuthEndpoints(options: Pick<WithingsOAuthOptions, 'apiBaseUrl' | 'authBaseUrl'>): {
  authorizationEndpoint: string;
  tokenEndpoint: string;
} {
  return {
    authorizationEndpoint: `${options.authBaseUrl.replace(/\/+$/, '')}/oauth2_user/authorize2`,
    tokenEndpoint: `${options.apiBaseUrl.replace(/\/+$/, '')}/v2/oauth2`,
  };
}

/** The Withings `OAuthAdapter`. Without a client id/secret every call throws CONFIG_ERROR saying what to set. */
export function createWithingsOAuth(options: WithingsOAuthOptions): OAuthAdapter {
  const { clientId, clientSecret } = options;
  if (!clientId || !clientSecret) return missingClientAdapter();
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  // The user id arrives beside the tokens; remembered by access token until the grant is returned.
  const userIds = new Map<string, string>();
  const withUserId = (tokens: TokenSet): TokenSet => {
    const userId = userIds.get(tokens.accessToken);
    userIds.delete(tokens.accessToken);
    return userId ? { ...tokens, userId } : tokens;
  };
  const standard = createStandardOAuthAdapter({
    provider: 'withings',
    ...withingsOAuthEndpoints(options),
    clientId,
    clientSecret,
    scopes: WITHINGS_SCOPES,
    scopeSeparator: ',',
    pkce: false,
    clientAuth: 'post',
    fetch: envelopeFetch(fetchImpl, userIds),
    now,
  });
  return {
    scopes: WITHINGS_SCOPES,
    pkce: false,
    authorizationUrl: (request) => standard.authorizationUrl(request),
    exchangeCode: async (exchange) => withUserId(await standard.exchangeCode(exchange)),
    refresh: async (refreshToken) => withUserId(await standard.refresh(refreshToken)),
    // The person's id arrives with the grant (`userid`).
    async userId(tokens: TokenSet) {
      if (tokens.userId) return tokens.userId;
      throw new WearablesError('AUTH_FAILED', 'Withings did not say who signed in (no userid in the grant).', { hint: 'Sign in again.' });
    },
    async revoke(tokens: TokenSet) {
      if (!tokens.userId) {
        throw new WearablesError('AUTH_FAILED', 'Withings revocation needs the user id of an OAuth grant; this connection has none.', {
          hint: 'Revoke the app in your Withings account settings; local tokens are deleted anyway.',
        });
      }
      await callSigned({ apiBaseUrl: options.apiBaseUrl, clientId, clientSecret, fetch: fetchImpl, now }, '/v2/oauth2', 'revoke', { userid: tokens.userId });
    },
  };
}

/**
 * A fetch for the token endpoint: adds `action=requesttoken` and turns the envelope into what
 * RFC 6749 clients expect (status 0 → 200 with the body; authentication / invalid-params
 * statuses → 400 `invalid_grant`; 601 → 429; others → 503), keeping the `userid`.
 */
function envelopeFetch(fetchImpl: FetchLike, userIds: Map<string, string>): FetchLike {
  return async (input, init) => {
    const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : '');
    form.set('action', 'requesttoken');
    const response = await fetchImpl(input, { ...init, body: form.toString() });
    if (!response.ok) return response;
    const json: unknown = await response.json().catch(() => null);
    const parsed = envelopeSchema.safeParse(legacyAsEnvelope(json));
    if (!parsed.success) return jsonResponse(502, { error: 'server_error' });
    const { status, body } = parsed.data;
    if (status === 0) {
      const grant = { ...(body as Record<string, unknown>) };
      if (typeof grant.access_token === 'string' && (typeof grant.userid === 'number' || typeof grant.userid === 'string')) {
        userIds.set(grant.access_token, String(grant.userid));
      }
      return jsonResponse(200, grant);
    }
    if (status === 601) return jsonResponse(429, { error: 'slow_down' });
    if (isAuthStatus(status) || (status >= 201 && status <= 599 && status !== 522)) return jsonResponse(400, { error: 'invalid_grant' });
    return jsonResponse(503, { error: 'server_error' });
  };
}

/**
 * The legacy token endpoint answers without the envelope: a bare grant (recorded
 * oauth2_token_legacy_1.json, numeric userid) or `{ errors: [{ message }] }`
 * (oauth2_token_legacy_error_1.json). Both are read as the envelope they stand for.
 */
function legacyAsEnvelope(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || 'status' in json) return json;
  if (typeof (json as { access_token?: unknown }).access_token === 'string') return { status: 0, body: json };
  if (Array.isArray((json as { errors?: unknown }).errors)) return { status: 503, body: {} };
  return json;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

function missingClientAdapter(): OAuthAdapter {
  const fail = (): never => {
    throw new WearablesError('CONFIG_ERROR', 'Withings OAuth needs a client id and secret.', {
      hint: 'Set WITHINGS_CLIENT_ID and WITHINGS_CLIENT_SECRET, or connect with an access token: `wearables-mcp connect withings --token <token>`.',
    });
  };
  return {
    scopes: WITHINGS_SCOPES,
    pkce: false,
    authorizationUrl: fail,
    exchangeCode: async () => fail(),
    refresh: async () => fail(),
    revoke: async () => fail(),
  };
}
