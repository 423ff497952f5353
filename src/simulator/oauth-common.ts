/**
 * The authorization-code endpoints the Oura and WHOOP simulators share: `authorize` (redirect with
 * a code or an error) and `token` (code or refresh-token grant, form body, client authentication
 * by HTTP Basic or `client_secret_post`). What differs per provider is a {@link OAuthRouteSpec}.
 */
import type { Context, Handler } from 'hono';
import { randomToken, s256, type TokenResult, type TokenStore } from './token-store.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The part of a provider's simulator context the OAuth routes use. */
export interface OAuthRouteContext {
  tokens: TokenStore;
  config: { clientId: string; clientSecret: string; redirectUris: readonly string[] | null };
  counters: { authorizeRequests: number };
  authorizeDecision: 'approve' | 'deny';
}

/** An OAuth error answer: `error` code and its description. */
export interface OAuthFailure {
  error: string;
  description: string;
}

/** How one provider's authorize and token endpoints differ. */
export interface OAuthRouteSpec {
  /** Scopes the provider knows; requested scopes outside it are dropped. */
  scopes: readonly string[];
  /** Grant every known scope when none is requested (else the grant is empty). */
  allScopesByDefault: boolean;
  /** `error` for an unknown `client_id` on authorize. */
  unknownClientError: string;
  /** Checks `state`; a failure is redirected back to the client. */
  checkState(state: string | undefined): OAuthFailure | null;
  /**
   * PKCE: `required` (S256 challenge on every authorize), or `optional` with the store of verifiers
   * made up for requests without one (so the code exchange needs none).
   */
  pkce: { mode: 'required' } | { mode: 'optional'; implicitVerifiers: Map<string, string> };
  /** Realm of the `WWW-Authenticate: Basic` header sent when Basic client authentication fails; none when absent. */
  basicRealm?: string;
  /**
   * How the two halves of HTTP Basic credentials are decoded: `form` (RFC 6749 2.3.1
   * form-urlencoding, `+` as space, a bad escape kept as is) or `uri` (`decodeURIComponent`).
   */
  basicDecoding: 'form' | 'uri';
  /** A refresh token is returned only when this scope was granted; always when absent. */
  refreshTokenScope?: string;
}

function redirectAllowed(ctx: OAuthRouteContext, uri: string): boolean {
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

/** A JSON OAuth error (`error`, `error_description`), never cached. */
export function oauthError(c: Context, status: 400 | 401, error: string, description: string, basicRealm?: string): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (basicRealm !== undefined) headers['WWW-Authenticate'] = `Basic realm="${basicRealm}"`;
  return c.json({ error, error_description: description }, status, headers);
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Client credentials from HTTP Basic or the form body (client_secret_post). */
function clientCredentials(c: Context, form: URLSearchParams, spec: OAuthRouteSpec): { id: string; secret: string; basic: boolean } | null {
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const decode = spec.basicDecoding === 'form' ? formDecode : decodeURIComponent;
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)), basic: true };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== null && secret !== null ? { id, secret, basic: false } : null;
}

/** The urlencoded form body (empty for any other content type). */
export async function formBody(c: Context): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(await c.req.text());
}

/** The PKCE challenge of an authorize request, made up when optional and absent; or the failure. */
function pkceChallenge(q: URLSearchParams, spec: OAuthRouteSpec): { challenge: string; implicitVerifier?: string } | OAuthFailure {
  const challenge = q.get('code_challenge');
  if (spec.pkce.mode === 'required') {
    if (!challenge || !CHALLENGE_PATTERN.test(challenge)) return { error: 'invalid_request', description: 'A PKCE code_challenge is required.' };
    if (q.get('code_challenge_method') !== 'S256') return { error: 'invalid_request', description: 'code_challenge_method must be S256.' };
    return { challenge };
  }
  if (challenge === null) {
    const implicitVerifier = randomToken(32);
    return { challenge: s256(implicitVerifier), implicitVerifier };
  }
  if (!CHALLENGE_PATTERN.test(challenge) || q.get('code_challenge_method') !== 'S256') {
    return { error: 'invalid_request', description: 'PKCE needs an S256 code_challenge.' };
  }
  return { challenge };
}

/** `GET` authorize: validates the request and redirects with a code (or an error) and `state`. */
export function authorizeHandler(ctx: OAuthRouteContext, spec: OAuthRouteSpec): Handler {
  return (c) => {
    ctx.counters.authorizeRequests += 1;
    const q = new URL(c.req.url).searchParams;
    const clientId = q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    if (clientId !== ctx.config.clientId) return oauthError(c, 400, spec.unknownClientError, 'Unknown client_id.');
    if (!redirectUri || !redirectAllowed(ctx, redirectUri)) {
      return oauthError(c, 400, 'invalid_request', 'Missing or unregistered redirect_uri.');
    }
    const state = q.get('state') ?? undefined;
    const fail = ({ error, description }: OAuthFailure): Response =>
      redirectWith(c, redirectUri, { error, error_description: description, state });
    if (q.get('response_type') !== 'code') return fail({ error: 'unsupported_response_type', description: 'response_type must be code.' });
    const stateFailure = spec.checkState(state);
    if (stateFailure) return fail(stateFailure);
    const pkce = pkceChallenge(q, spec);
    if ('error' in pkce) return fail(pkce);
    if (ctx.authorizeDecision === 'deny') return fail({ error: 'access_denied', description: 'The user denied access.' });
    const requested = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    const granted = requested.length === 0 && spec.allScopesByDefault ? [...spec.scopes] : requested.filter((s) => spec.scopes.includes(s));
    const scope = granted.join(' ');
    const code = ctx.tokens.issueCode({ clientId, redirectUri, codeChallenge: pkce.challenge, scope });
    if (pkce.implicitVerifier !== undefined && spec.pkce.mode === 'optional') spec.pkce.implicitVerifiers.set(code, pkce.implicitVerifier);
    return redirectWith(c, redirectUri, { code, scope, state });
  };
}

function grant(ctx: OAuthRouteContext, spec: OAuthRouteSpec, form: URLSearchParams, clientId: string): TokenResult | OAuthFailure {
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = form.get('code');
    if (!code) return { error: 'invalid_request', description: 'code is required.' };
    const implicit = spec.pkce.mode === 'optional' ? spec.pkce.implicitVerifiers.get(code) : undefined;
    return ctx.tokens.exchangeCode({
      code,
      clientId,
      redirectUri: form.get('redirect_uri') ?? undefined,
      codeVerifier: implicit ?? form.get('code_verifier') ?? undefined,
    });
  }
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return { error: 'invalid_request', description: 'refresh_token is required.' };
    return ctx.tokens.refresh({ refreshToken, clientId });
  }
  return { error: 'unsupported_grant_type', description: 'grant_type must be authorization_code or refresh_token.' };
}

/** `POST` token: authenticates the client and answers a code or refresh-token grant. */
export function tokenHandler(ctx: OAuthRouteContext, spec: OAuthRouteSpec): Handler {
  return async (c) => {
    const form = await formBody(c);
    const client = clientCredentials(c, form, spec);
    if (!client || client.id !== ctx.config.clientId || client.secret !== ctx.config.clientSecret) {
      ctx.tokens.counters.tokenFailures += 1;
      const realm = client?.basic ? spec.basicRealm : undefined;
      return oauthError(c, 401, 'invalid_client', 'Client authentication failed.', realm);
    }
    const result = grant(ctx, spec, form, client.id);
    if (!('ok' in result)) return oauthError(c, 400, result.error, result.description);
    if (!result.ok) return oauthError(c, 400, result.error, result.description);
    const withRefresh = spec.refreshTokenScope === undefined || result.tokens.scope.split(' ').includes(spec.refreshTokenScope);
    return c.json(
      {
        token_type: 'bearer',
        access_token: result.tokens.accessToken,
        expires_in: result.tokens.expiresIn,
        ...(withRefresh ? { refresh_token: result.tokens.refreshToken } : {}),
        scope: result.tokens.scope,
      },
      200,
      NO_STORE,
    );
  };
}
