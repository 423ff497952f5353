/**
 * A provider-neutral OAuth 2.0 adapter (authorization code + PKCE, refresh, revocation) built on
 * oauth4webapi. Only what a provider does differently lives in the provider (a non-standard
 * token envelope such as `action=requesttoken` does not fit here and has its own adapter).
 */
import * as oauth from 'oauth4webapi';
import { WearablesError, toWearablesError } from '../core/errors.js';
import { isProgrammingError } from '../core/thrown-errors.js';
import type { FetchLike } from '../core/http.js';
import type { AuthorizationRequest, CodeExchange, OAuthAdapter } from './oauth-adapter.js';
import type { TokenSet } from '../core/token-set.js';

export interface StandardOAuthOptions {
  /** Provider name for messages and the reconnect hint (`wearables-mcp connect <provider>`). */
  provider: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /**
   * Which token `revoke` sends (RFC 7009 `token`). Default `refresh_token` (revoking it ends the
   * grant); some providers document revocation with the access token.
   */
  revokeWith?: 'refresh_token' | 'access_token';
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  /** How scopes are joined in the authorization URL (space by default, RFC 6749). */
  scopeSeparator?: string;
  /** Whether to send the PKCE S256 challenge / verifier. */
  pkce: boolean;
  /** Client authentication at the token endpoint: HTTP Basic or client_secret in the form body. */
  clientAuth: 'basic' | 'post';
  fetch?: FetchLike;
  /** Injectable clock (epoch ms) so `expiresAt` is testable. */
  now?: () => number;
}

/** Creates the `OAuthAdapter` for a standard (RFC 6749 / 7636 / 7009) provider. */
export function createStandardOAuthAdapter(options: StandardOAuthOptions): OAuthAdapter {
  const now = options.now ?? Date.now;
  const server: oauth.AuthorizationServer = {
    issuer: new URL(options.authorizationEndpoint).origin,
    authorization_endpoint: options.authorizationEndpoint,
    token_endpoint: options.tokenEndpoint,
    ...(options.revocationEndpoint ? { revocation_endpoint: options.revocationEndpoint } : {}),
  };
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth =
    options.clientAuth === 'basic' ? oauth.ClientSecretBasic(options.clientSecret) : oauth.ClientSecretPost(options.clientSecret);
  const requestOptions = buildRequestOptions(options);
  const fail = (action: string, error: unknown) => mapOAuthError(options.provider, action, error);

  return {
    scopes: options.scopes,
    pkce: options.pkce,

    authorizationUrl(request: AuthorizationRequest): URL {
      return authorizationUrlFor(options, request);
    },

    async exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
      try {
        // The connect flow already checked `state`; oauth4webapi only accepts callback parameters
        // it validated itself, so re-validate the bare code without a state check.
        const parameters = oauth.validateAuthResponse(server, client, new URLSearchParams({ code: exchange.code }), oauth.skipStateCheck);
        const verifier = options.pkce ? exchange.codeVerifier : oauth.nopkce;
        const response = await oauth.authorizationCodeGrantRequest(
          server, client, clientAuth, parameters, exchange.redirectUri, verifier, requestOptions,
        );
        return toTokenSet(await oauth.processAuthorizationCodeResponse(server, client, response), now());
      } catch (error) {
        throw fail('exchange the authorization code', error);
      }
    },

    async refresh(refreshToken: string): Promise<TokenSet> {
      try {
        const response = await oauth.refreshTokenGrantRequest(server, client, clientAuth, refreshToken, requestOptions);
        const tokens = toTokenSet(await oauth.processRefreshTokenResponse(server, client, response), now());
        // Providers that do not rotate keep the old refresh token valid: carry it forward.
        return tokens.refreshToken ? tokens : { ...tokens, refreshToken };
      } catch (error) {
        throw fail('refresh the access token', error);
      }
    },

    async revoke(tokens: TokenSet): Promise<void> {
      if (!options.revocationEndpoint) return;
      const useRefresh = (options.revokeWith ?? 'refresh_token') === 'refresh_token' && tokens.refreshToken !== undefined;
      const token = useRefresh ? (tokens.refreshToken as string) : tokens.accessToken;
      try {
        const response = await oauth.revocationRequest(server, client, clientAuth, token, {
          ...requestOptions,
          additionalParameters: { token_type_hint: useRefresh ? 'refresh_token' : 'access_token' },
        });
        await oauth.processRevocationResponse(response);
      } catch (error) {
        throw fail('revoke the grant', error);
      }
    },
  };
}

/** The authorization URL: response_type=code, client, redirect, scopes, state, PKCE S256. */
function authorizationUrlFor(options: StandardOAuthOptions, request: AuthorizationRequest): URL {
  const url = new URL(options.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', options.scopes.join(options.scopeSeparator ?? ' '));
  url.searchParams.set('state', request.state);
  if (options.pkce) {
    url.searchParams.set('code_challenge', request.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url;
}

/** Upper bound of one token-endpoint request. */
const TOKEN_REQUEST_TIMEOUT_MS = 60_000;

function buildRequestOptions(options: StandardOAuthOptions): oauth.TokenEndpointRequestOptions {
  // A token endpoint that never answers must not hold the cross-process token lock forever. The
  // limit is generous: a refresh abandoned after the provider rotated the token costs a reconnect.
  const requestOptions: oauth.TokenEndpointRequestOptions = { signal: () => AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS) };
  if (options.fetch) {
    const fetchImpl = options.fetch;
    requestOptions[oauth.customFetch] = (url, init) => fetchImpl(url, init as RequestInit);
  }
  // Plain http is allowed only for loopback endpoints (the simulator, a local proxy).
  if ([options.tokenEndpoint, options.revocationEndpoint].every((endpoint) => endpoint === undefined || isLoopbackHttp(endpoint))) {
    requestOptions[oauth.allowInsecureRequests] = true;
  }
  return requestOptions;
}

/** True for `http://127.0.0.1…`, `http://localhost…` and `http://[::1]…`. */
export function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}

function toTokenSet(response: oauth.TokenEndpointResponse, obtainedAt: number): TokenSet {
  return {
    kind: 'oauth',
    accessToken: response.access_token,
    ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
    ...(typeof response.expires_in === 'number' ? { expiresAt: obtainedAt + response.expires_in * 1000 } : {}),
    ...(response.scope ? { scope: response.scope } : {}),
    obtainedAt,
  };
}

/** OAuth error codes that mean the grant (or the client) is no longer usable. */
const GRANT_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'access_denied', 'invalid_token']);

/**
 * Maps an oauth4webapi / network failure to a `WearablesError`. Messages carry only the OAuth
 * error code and HTTP status, never the token, code, secret or `error_description` text (which
 * some servers fill with the offending value).
 */
export function mapOAuthError(provider: string, action: string, error: unknown): WearablesError {
  if (error instanceof WearablesError) return error;
  const hint = `Reconnect with \`wearables-mcp connect ${provider}\`.`;
  if (error instanceof oauth.ResponseBodyError) {
    const code = safeCode(error.error);
    if (error.status === 429) {
      return new WearablesError('RATE_LIMITED', `${provider} rate-limited the attempt to ${action}.`, { statusCode: 429, hint: 'Wait a minute, then retry.' });
    }
    if (error.status >= 500) {
      return new WearablesError('UPSTREAM_ERROR', `${provider} failed to ${action} (HTTP ${error.status}).`, { statusCode: error.status });
    }
    const reason = GRANT_ERRORS.has(code) ? 'the grant is no longer valid' : 'the request was refused';
    return new WearablesError('AUTH_FAILED', `${provider} could not ${action}: ${reason} (${code}, HTTP ${error.status}).`, {
      hint,
      statusCode: error.status,
    });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new WearablesError('AUTH_FAILED', `${provider} could not ${action}: client authentication failed (HTTP ${error.status}).`, {
      hint: `Check the ${provider} client id and secret, then reconnect with \`wearables-mcp connect ${provider}\`.`,
      statusCode: error.status,
    });
  }
  if (error instanceof oauth.OperationProcessingError) {
    if (error.code === oauth.HTTP_REQUEST_FORBIDDEN || error.code === oauth.REQUEST_PROTOCOL_FORBIDDEN) {
      return new WearablesError('CONFIG_ERROR', `${provider} OAuth endpoints must use https (plain http only on 127.0.0.1 / localhost).`, {
        hint: `Fix ${provider.toUpperCase()}_AUTH_BASE_URL / ${provider.toUpperCase()}_API_BASE_URL.`,
      });
    }
    const response = (error.cause as { status?: unknown } | undefined)?.status;
    const status = typeof response === 'number' ? response : undefined;
    if (status !== undefined && status >= 500) {
      return new WearablesError('UPSTREAM_ERROR', `${provider} failed to ${action} (HTTP ${status}).`, { statusCode: status });
    }
    if (status !== undefined && status >= 400) {
      return new WearablesError('AUTH_FAILED', `${provider} could not ${action} (HTTP ${status}).`, { hint, statusCode: status });
    }
    return new WearablesError('UPSTREAM_ERROR', `${provider} sent an unexpected answer when asked to ${action}.`, {
      hint: 'Retry later; if it persists, reconnect.',
      isRetryable: true,
    });
  }
  // A bug here (TypeError, RangeError) is not the network's fault: INTERNAL_ERROR, logged with its stack.
  if (isProgrammingError(error)) return toWearablesError(error);
  return new WearablesError('UPSTREAM_ERROR', `Could not reach ${provider} to ${action}.`, {
    hint: 'Check the network and retry.',
    isRetryable: true,
  });
}

/** Keeps only a token-like OAuth error code (`invalid_grant`), never free text. */
function safeCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : 'error';
}

/**
 * Reads the person's id from a JSON document the access token may read (`GET url`, one field of
 * the top-level object, a string or a number). AUTH_FAILED when absent; UPSTREAM_ERROR when
 * the provider cannot be reached.
 */
export async function fetchUserId(provider: string, fetchImpl: FetchLike, url: string, field: string, tokens: TokenSet): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { authorization: `Bearer ${tokens.accessToken}`, accept: 'application/json' } });
  } catch (error) {
    throw new WearablesError('UPSTREAM_ERROR', `Could not reach ${provider} to read who signed in.`, { hint: 'Check the network and retry.', cause: error });
  }
  const body = response.ok ? ((await response.json().catch(() => null)) as Record<string, unknown> | null) : (await response.body?.cancel(), null);
  const value = body?.[field];
  if ((typeof value === 'string' && value.length > 0 && value.length <= 128) || (typeof value === 'number' && Number.isSafeInteger(value))) return String(value);
  throw new WearablesError('AUTH_FAILED', `${provider} did not say who signed in (HTTP ${response.status}).`, { hint: 'Sign in again; approve every requested scope.' });
}
