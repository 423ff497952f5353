/**
 * What a provider does for OAuth. Standard providers implement it with oauth4webapi
 * (standard-oauth.ts); a provider with its own token envelope implements only its differences.
 */
import type { TokenSet } from '../core/token-set.js';

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  /** PKCE S256 challenge; providers without PKCE support ignore it. */
  codeChallenge: string;
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

export interface OAuthAdapter {
  /** Scopes requested by `connect`. */
  scopes: readonly string[];
  /** Whether the provider checks PKCE (S256). */
  pkce: boolean;
  /** Builds the URL the user's browser opens. */
  authorizationUrl(request: AuthorizationRequest): URL;
  /** Trades an authorization code for tokens. Throws `AUTH_FAILED` on a rejected code. */
  exchangeCode(exchange: CodeExchange): Promise<TokenSet>;
  /** Uses a refresh token once; providers rotate refresh tokens, so the result must be stored. */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Revokes the grant at the provider (best effort for disconnect). */
  revoke(tokens: TokenSet): Promise<void>;
  /**
   * The provider's own id of the person who granted `tokens` (hosted sign-in makes it the
   * account's identity). Throws AUTH_FAILED when the provider does not say.
   */
  userId?(tokens: TokenSet): Promise<string>;
}
