/**
 * The authorization server of the hosted mode: oidc-provider (a certified, maintained
 * implementation) configured for MCP clients, with this project writing only the glue:
 * RFC 8414 metadata, PKCE S256 on every authorization, Client ID Metadata Documents and dynamic
 * registration (RFC 7591), exact redirect URI matching (the library's rule), RFC 8707 resource
 * indicators with every access token bound to this server's MCP URL, rotating refresh tokens
 * (with the short grace of refresh-grace.ts), revocation (RFC 7009). State lives in PostgreSQL
 * (oauth-adapter.ts). The sign-in and consent pages are sign-in.ts.
 */
import { createPrivateKey, hkdfSync } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Pool } from 'pg';
import type { AccountDirectory } from '../store/database.js';
import { PostgresOAuthAdapter } from './oauth-adapter.js';

/** The one scope of this server's tools, and the one that asks for a refresh token. */
export const MCP_SCOPE = 'wearables';
export const SCOPES: readonly string[] = [MCP_SCOPE, 'offline_access'];

export interface AuthorizationServerOptions {
  /** `PUBLIC_BASE_URL`: the issuer and the origin of every endpoint. */
  issuer: string;
  /** The MCP endpoint's URL: the only resource (RFC 8707) tokens are issued for. */
  resource: string;
  pool: Pool;
  accounts: Pick<AccountDirectory, 'get'>;
  /** 32 bytes from the environment; cookie and ID-token keys are derived from it (never stored). */
  secret: Buffer;
  /** Lifetimes in seconds. */
  ttl?: { accessToken?: number; refreshToken?: number; authorizationCode?: number; session?: number };
  /** Whether the server is behind `TRUST_PROXY` proxies (X-Forwarded-Proto/Host read). */
  proxy?: boolean;
  /** Fetch of Client ID Metadata Documents (default: oidc-provider's, refusing special-use addresses). */
  fetch?: typeof fetch;
}

export const ENDPOINTS = {
  authorization: '/authorize',
  token: '/token',
  registration: '/register',
  revocation: '/revoke',
  jwks: '/jwks',
  end_session: '/session/end',
} as const;

/** Paths oidc-provider answers (each also with sub-paths). */
export const PROVIDER_PATHS: readonly string[] = [...Object.values(ENDPOINTS), '/.well-known/openid-configuration'];

/** Whether `resource` names this server's MCP endpoint (a trailing slash tolerated). */
export function isOurResource(resource: string, ours: string): boolean {
  const strip = (value: string) => value.replace(/#.*$/, '').replace(/\/$/, '');
  return strip(resource) === strip(ours);
}

function derive(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `wearables-mcp hosted ${purpose}`, 32));
}

/** An Ed25519 signing key (ID tokens only) derived from the secret, the same on every instance. */
function signingJwk(secret: Buffer): Record<string, unknown> {
  const seed = derive(secret, 'id token key');
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return { ...jwk, alg: 'EdDSA', use: 'sig', kid: derive(secret, 'id token kid').toString('base64url').slice(0, 16) };
}

/** Builds the provider (mount its `callback()` on PROVIDER_PATHS). */
export function createAuthorizationServer(options: AuthorizationServerOptions): Provider {
  const ttl = {
    accessToken: options.ttl?.accessToken ?? 3600,
    refreshToken: options.ttl?.refreshToken ?? 30 * 86_400,
    authorizationCode: options.ttl?.authorizationCode ?? 60,
    session: options.ttl?.session ?? 14 * 86_400,
  };
  const resourceServer = { scope: MCP_SCOPE, audience: options.resource, accessTokenTTL: ttl.accessToken, accessTokenFormat: 'opaque' as const };
  const configuration: Configuration = {
    adapter: (name: string) => new PostgresOAuthAdapter(name, options.pool),
    clients: [],
    scopes: [...SCOPES],
    claims: { openid: ['sub'] },
    responseTypes: ['code'],
    routes: ENDPOINTS,
    cookies: {
      keys: [derive(options.secret, 'cookie key').toString('base64url')],
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: [signingJwk(options.secret) as never] },
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'EdDSA',
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      registration: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: false },
      clientIdMetadataDocument: { enabled: true, ack: 'draft-02' },
      resourceIndicators: {
        enabled: true,
        // A client that names no resource still gets a token for this server only.
        defaultResource: () => options.resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (!isOurResource(resourceIndicator, options.resource)) throw new errors.InvalidTarget('this server issues tokens only for its own MCP endpoint');
          return resourceServer;
        },
      },
    },
    // Every client that may refresh gets a refresh token (MCP clients rarely ask for offline_access).
    issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.kind === 'AuthorizationCode',
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ttl.accessToken,
      AuthorizationCode: ttl.authorizationCode,
      RefreshToken: ttl.refreshToken,
      Grant: ttl.refreshToken,
      Session: ttl.session,
      Interaction: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/sign-in/${interaction.uid}` },
    findAccount: async (_ctx, sub) => ((await options.accounts.get(sub)) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      const text = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
      ctx.body = `<!doctype html><meta charset="utf-8"><title>wearables-mcp: sign-in failed</title><h1>Sign-in failed</h1><p>${text(out.error)}: ${text(out.error_description)}</p><p>Start again from your MCP client.</p>`;
    },
    ...(options.fetch ? { fetch: options.fetch as never } : {}),
  };
  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.proxy ?? false;
  // A browser session of an account deleted meanwhile is ended before an authorization uses it
  // (the person signs in again), instead of failing the request.
  provider.use(async (ctx, next) => {
    if (ctx.path.startsWith(ENDPOINTS.authorization)) {
      const session = await provider.Session.get(ctx);
      if (session.accountId && !(await options.accounts.get(session.accountId))) await session.destroy();
    }
    return next();
  });
  return provider;
}

/** RFC 8414 metadata: only what a client of this server needs. */
export function authorizationServerMetadata(issuer: string): Record<string, unknown> {
  const url = (path: string) => `${issuer}${path}`;
  return {
    issuer,
    authorization_endpoint: url(ENDPOINTS.authorization),
    token_endpoint: url(ENDPOINTS.token),
    registration_endpoint: url(ENDPOINTS.registration),
    revocation_endpoint: url(ENDPOINTS.revocation),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    scopes_supported: [...SCOPES],
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}
