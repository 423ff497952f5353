/**
 * The MCP endpoint as an OAuth resource server (MCP authorization, RFC 9728): its protected
 * resource metadata, and a bearer gate that accepts only access tokens this server's
 * authorization server issued for this resource (audience = the MCP URL), unexpired, unrevoked,
 * with the MCP scope, for an account that still exists. Built on the SDK's `requireBearerAuth`
 * (401/403 with `WWW-Authenticate: Bearer resource_metadata="…"`). The token stays here: tools
 * reach providers with the account's own provider tokens, never with this one.
 */
import {
  buildOAuthProtectedResourceMetadata,
  getOAuthProtectedResourceMetadataUrl,
  OAuthError,
  OAuthErrorCode,
  requireBearerAuth,
  type AuthInfo,
  type OAuthMetadata,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/server';
import type Provider from 'oidc-provider';
import { MCP_SCOPE, SCOPES, isOurResource } from './authorization-server.js';

export interface ResourceServer {
  /** The RFC 9728 document (served at both well-known paths). */
  metadata: OAuthProtectedResourceMetadata;
  metadataUrl: string;
  /** The verified token's account and AuthInfo, or the challenge to answer. */
  authenticate(request: Request): Promise<{ accountId: string; authInfo: AuthInfo } | Response>;
}

export interface ResourceServerOptions {
  provider: Provider;
  /** The MCP endpoint URL (the resource). */
  resource: string;
  asMetadata: Record<string, unknown>;
  /** Whether the account behind a token still exists (a deleted account's tokens stop working at once). */
  accountExists(accountId: string): Promise<boolean>;
}

const invalid = (message: string) => new OAuthError(OAuthErrorCode.InvalidToken, message);

export function createResourceServer(options: ResourceServerOptions): ResourceServer {
  const resourceUrl = new URL(options.resource);
  const metadataUrl = getOAuthProtectedResourceMetadataUrl(resourceUrl);
  const metadata = buildOAuthProtectedResourceMetadata({
    oauthMetadata: options.asMetadata as unknown as OAuthMetadata,
    resourceServerUrl: resourceUrl,
    scopesSupported: [...SCOPES],
    resourceName: 'wearables-mcp',
  });
  const gate = requireBearerAuth({
    requiredScopes: [MCP_SCOPE],
    resourceMetadataUrl: metadataUrl,
    expectedResource: resourceUrl,
    verifier: {
      async verifyAccessToken(token) {
        // Bounded before any lookup: an opaque token of this server is 43 characters.
        if (token.length > 512) throw invalid('The access token is not one of this server.');
        const found = await options.provider.AccessToken.find(token);
        if (!found) throw invalid('The access token is unknown, expired or revoked.');
        const audience = typeof found.aud === 'string' ? found.aud : undefined;
        if (!audience || !isOurResource(audience, options.resource)) throw invalid('The access token was issued for another resource.');
        const accountId = found.accountId;
        if (!accountId || !(await options.accountExists(accountId))) throw invalid('The account of this access token no longer exists.');
        const info: AuthInfo = {
          token,
          clientId: found.clientId ?? '',
          scopes: (found.scope ?? '').split(' ').filter(Boolean),
          expiresAt: found.exp,
          resource: resourceUrl,
          extra: { accountId },
        };
        return info;
      },
    },
  });
  return {
    metadata,
    metadataUrl,
    async authenticate(request) {
      const result = await gate(request);
      if (result instanceof Response) return result;
      const accountId = result.extra?.accountId;
      if (typeof accountId !== 'string') return new Response(null, { status: 500 });
      return { accountId, authInfo: result };
    },
  };
}
