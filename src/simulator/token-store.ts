/**
 * OAuth 2.0 state of one simulated provider: authorization codes (single use, short-lived,
 * PKCE S256), grants with rotating single-use refresh tokens, expiring access tokens, and
 * static personal access tokens. Token values are random and only ever live in memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SimClock } from './clock.js';

export interface TokenStoreOptions {
  accessTokenTtlSeconds: number;
  codeTtlSeconds: number;
  personalAccessTokens: readonly string[];
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scope: string;
}

export type OAuthErrorCode = 'invalid_grant' | 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

export type TokenResult = { ok: true; tokens: IssuedTokens } | { ok: false; error: OAuthErrorCode; description: string };

export type AccessCheck =
  | { ok: true; scope: string; personal: boolean }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' | 'revoked' };

interface AuthCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  expiresAtMs: number;
  used: boolean;
  /** Grant created by redeeming it (revoked if the code is replayed). */
  grantId: string | null;
}

interface Grant {
  id: string;
  clientId: string;
  scope: string;
  revoked: boolean;
  refreshToken: string;
}

interface AccessToken {
  grantId: string | null;
  scope: string;
  expiresAtMs: number;
  revoked: boolean;
}

export interface TokenCounters {
  codesIssued: number;
  tokenGrants: number;
  tokenRefreshes: number;
  tokenFailures: number;
  revocations: number;
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A random URL-safe token. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** The PKCE S256 challenge of a verifier. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class TokenStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshIndex = new Map<string, { grantId: string; current: boolean }>();
  private readonly accessTokens = new Map<string, AccessToken>();
  /** Personal tokens; `used` once presented (a never-used one models a token created later). */
  private readonly personal: Map<string, { revoked: boolean; used: boolean }>;
  readonly counters: TokenCounters = { codesIssued: 0, tokenGrants: 0, tokenRefreshes: 0, tokenFailures: 0, revocations: 0 };

  constructor(
    private readonly clock: SimClock,
    private readonly options: TokenStoreOptions,
  ) {
    this.personal = new Map(options.personalAccessTokens.map((t) => [t, { revoked: false, used: false }]));
  }

  /** Issues a single-use authorization code. */
  issueCode(params: { clientId: string; redirectUri: string; codeChallenge: string; scope: string }): string {
    const code = randomToken(18);
    this.codes.set(code, { ...params, expiresAtMs: this.clock.nowMs() + this.options.codeTtlSeconds * 1000, used: false, grantId: null });
    this.counters.codesIssued += 1;
    return code;
  }

  private fail(error: OAuthErrorCode, description: string): TokenResult {
    this.counters.tokenFailures += 1;
    return { ok: false, error, description };
  }

  private issue(grant: Grant): IssuedTokens {
    const accessToken = randomToken();
    this.accessTokens.set(accessToken, {
      grantId: grant.id,
      scope: grant.scope,
      expiresAtMs: this.clock.nowMs() + this.options.accessTokenTtlSeconds * 1000,
      revoked: false,
    });
    return { accessToken, refreshToken: grant.refreshToken, expiresIn: this.options.accessTokenTtlSeconds, scope: grant.scope };
  }

  /** Redeems a code (grant_type=authorization_code). */
  exchangeCode(params: { code: string; clientId: string; redirectUri: string | undefined; codeVerifier: string | undefined }): TokenResult {
    const entry = this.codes.get(params.code);
    if (!entry) return this.fail('invalid_grant', 'Unknown authorization code');
    if (entry.used) {
      // RFC 6749 4.1.2: a replayed code revokes what it granted.
      if (entry.grantId) this.revokeGrant(entry.grantId);
      return this.fail('invalid_grant', 'Authorization code already used');
    }
    if (entry.expiresAtMs < this.clock.nowMs()) return this.fail('invalid_grant', 'Authorization code expired');
    if (entry.clientId !== params.clientId) return this.fail('invalid_grant', 'Code was issued to another client');
    if (params.redirectUri !== entry.redirectUri) return this.fail('invalid_grant', 'redirect_uri does not match the authorization request');
    if (!params.codeVerifier) return this.fail('invalid_request', 'code_verifier is required');
    if (!VERIFIER.test(params.codeVerifier) || s256(params.codeVerifier) !== entry.codeChallenge) {
      return this.fail('invalid_grant', 'PKCE verification failed');
    }
    entry.used = true;
    const grant: Grant = { id: randomToken(9), clientId: entry.clientId, scope: entry.scope, revoked: false, refreshToken: randomToken() };
    entry.grantId = grant.id;
    this.grants.set(grant.id, grant);
    this.refreshIndex.set(grant.refreshToken, { grantId: grant.id, current: true });
    this.counters.tokenGrants += 1;
    return { ok: true, tokens: this.issue(grant) };
  }

  /** Uses a refresh token once (grant_type=refresh_token); the response carries a new one. */
  refresh(params: { refreshToken: string; clientId: string }): TokenResult {
    const ref = this.refreshIndex.get(params.refreshToken);
    const grant = ref ? this.grants.get(ref.grantId) : undefined;
    if (!ref || !grant) return this.fail('invalid_grant', 'Unknown refresh token');
    if (grant.revoked) return this.fail('invalid_grant', 'Grant revoked');
    if (!ref.current) return this.fail('invalid_grant', 'Refresh token already used');
    if (grant.clientId !== params.clientId) return this.fail('invalid_grant', 'Refresh token was issued to another client');
    ref.current = false;
    grant.refreshToken = randomToken();
    this.refreshIndex.set(grant.refreshToken, { grantId: grant.id, current: true });
    this.counters.tokenRefreshes += 1;
    return { ok: true, tokens: this.issue(grant) };
  }

  private revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant) grant.revoked = true;
    for (const token of this.accessTokens.values()) if (token.grantId === grantId) token.revoked = true;
  }

  /** Revokes the grant behind an access or refresh token (or a personal token). Returns whether it was known. */
  revoke(token: string): boolean {
    const access = this.accessTokens.get(token);
    const refresh = this.refreshIndex.get(token);
    const personal = this.personal.get(token);
    if (access) {
      access.revoked = true;
      if (access.grantId) this.revokeGrant(access.grantId);
    } else if (refresh) {
      this.revokeGrant(refresh.grantId);
    } else if (personal) {
      personal.revoked = true;
    } else {
      return false;
    }
    this.counters.revocations += 1;
    return true;
  }

  /**
   * Revokes every OAuth grant with its access and refresh tokens, and every personal token
   * already used (a user revoking access mid-sync). Configured personal tokens never presented
   * yet keep working (they model tokens the user creates afterwards) unless
   * `allPersonalAccessTokens` is set.
   */
  revokeAll(options: { allPersonalAccessTokens?: boolean } = {}): void {
    for (const grant of this.grants.values()) grant.revoked = true;
    for (const token of this.accessTokens.values()) token.revoked = true;
    for (const pat of this.personal.values()) if (pat.used || options.allPersonalAccessTokens) pat.revoked = true;
    this.counters.revocations += 1;
  }

  /** Every credential issued or accepted so far (codes, access/refresh tokens, personal tokens), for leak checks. */
  issuedSecrets(): string[] {
    return [...this.codes.keys(), ...this.accessTokens.keys(), ...this.refreshIndex.keys(), ...this.personal.keys()];
  }

  /** Checks a bearer token. */
  checkAccess(token: string | null): AccessCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const pat = this.personal.get(token);
    if (pat) {
      if (pat.revoked) return { ok: false, reason: 'revoked' };
      pat.used = true;
      return { ok: true, scope: '*', personal: true };
    }
    const access = this.accessTokens.get(token);
    if (!access) return { ok: false, reason: 'unknown' };
    const grant = access.grantId ? this.grants.get(access.grantId) : undefined;
    if (access.revoked || grant?.revoked) return { ok: false, reason: 'revoked' };
    if (access.expiresAtMs <= this.clock.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, scope: access.scope, personal: false };
  }
}
