/**
 * Withings OAuth state: 30-second single-use authorization codes (no PKCE), three-hour access
 * tokens, refresh tokens that rotate on every use while the previous one stays usable for a short
 * grace period, a numeric user id per grant, static access tokens (`connect --token`), and
 * single-use nonces for signed actions. Values are random and only live in memory.
 */
import type { SimClock } from '../clock.js';
import { randomToken } from '../token-store.js';

export interface WithingsTokenOptions {
  accessTokenTtlSeconds: number;
  codeTtlSeconds: number;
  /** How long a rotated-out refresh token keeps working. */
  refreshGraceSeconds: number;
  staticAccessTokens: readonly string[];
  userId: number;
}

export interface WithingsGrantTokens {
  userid: number;
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  csrf_token: string;
  token_type: 'Bearer';
}

interface Grant {
  clientId: string;
  scope: string;
  revoked: boolean;
  current: string;
  /** The previous refresh token and until when it is still accepted. */
  previous: { token: string; untilMs: number } | null;
}

export interface WithingsTokenCounters {
  codesIssued: number;
  tokenGrants: number;
  tokenRefreshes: number;
  tokenFailures: number;
  revocations: number;
}

/** In-memory OAuth state of the Withings simulator. */
export class WithingsTokenStore {
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; scope: string; expiresAtMs: number; used: boolean }>();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshIndex = new Map<string, string>();
  private readonly access = new Map<string, { grantId: string; expiresAtMs: number; scope: string }>();
  private readonly statics: Map<string, { revoked: boolean }>;
  private readonly nonces = new Map<string, number>();
  readonly counters: WithingsTokenCounters = { codesIssued: 0, tokenGrants: 0, tokenRefreshes: 0, tokenFailures: 0, revocations: 0 };

  constructor(
    private readonly clock: SimClock,
    readonly options: WithingsTokenOptions,
  ) {
    this.statics = new Map(options.staticAccessTokens.map((token) => [token, { revoked: false }]));
  }

  /** Every credential issued or accepted so far (for leak checks in tests). */
  secrets(): string[] {
    return [...this.codes.keys(), ...this.refreshIndex.keys(), ...this.access.keys(), ...this.statics.keys()];
  }

  issueCode(params: { clientId: string; redirectUri: string; scope: string }): string {
    const code = randomToken(18);
    this.codes.set(code, { ...params, expiresAtMs: this.clock.nowMs() + this.options.codeTtlSeconds * 1000, used: false });
    this.counters.codesIssued += 1;
    return code;
  }

  private fail(): null {
    this.counters.tokenFailures += 1;
    return null;
  }

  private issue(grantId: string, grant: Grant): WithingsGrantTokens {
    const accessToken = randomToken();
    this.access.set(accessToken, { grantId, expiresAtMs: this.clock.nowMs() + this.options.accessTokenTtlSeconds * 1000, scope: grant.scope });
    return {
      userid: this.options.userId,
      access_token: accessToken,
      refresh_token: grant.current,
      expires_in: this.options.accessTokenTtlSeconds,
      scope: grant.scope,
      csrf_token: randomToken(16),
      token_type: 'Bearer',
    };
  }

  /** Redeems a code; null when it is unknown, used, expired or issued to another client/redirect. */
  exchangeCode(params: { code: string; clientId: string; redirectUri: string | null }): WithingsGrantTokens | null {
    const entry = this.codes.get(params.code);
    if (!entry || entry.used || entry.expiresAtMs < this.clock.nowMs()) return this.fail();
    if (entry.clientId !== params.clientId || entry.redirectUri !== params.redirectUri) return this.fail();
    entry.used = true;
    const grantId = randomToken(9);
    const grant: Grant = { clientId: entry.clientId, scope: entry.scope, revoked: false, current: randomToken(), previous: null };
    this.grants.set(grantId, grant);
    this.refreshIndex.set(grant.current, grantId);
    this.counters.tokenGrants += 1;
    return this.issue(grantId, grant);
  }

  /** Uses a refresh token: rotates it; the previous one stays valid for the grace period only. */
  refresh(params: { refreshToken: string; clientId: string }): WithingsGrantTokens | null {
    const grantId = this.refreshIndex.get(params.refreshToken);
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (!grantId || !grant || grant.revoked || grant.clientId !== params.clientId) return this.fail();
    const now = this.clock.nowMs();
    const isCurrent = grant.current === params.refreshToken;
    const inGrace = grant.previous?.token === params.refreshToken && grant.previous.untilMs > now;
    if (!isCurrent && !inGrace) return this.fail();
    if (isCurrent) {
      grant.previous = { token: grant.current, untilMs: now + this.options.refreshGraceSeconds * 1000 };
      grant.current = randomToken();
      this.refreshIndex.set(grant.current, grantId);
    }
    this.counters.tokenRefreshes += 1;
    return this.issue(grantId, grant);
  }

  /** Revokes every grant of the user (the signed `revoke` action). */
  revokeUser(): void {
    for (const grant of this.grants.values()) grant.revoked = true;
    this.counters.revocations += 1;
  }

  /** Revokes every grant and static token. */
  revokeAll(): void {
    this.revokeUser();
    for (const token of this.statics.values()) token.revoked = true;
  }

  /** Checks a bearer token. */
  check(token: string | null): 'ok' | 'invalid' {
    if (!token) return 'invalid';
    const fixed = this.statics.get(token);
    if (fixed) return fixed.revoked ? 'invalid' : 'ok';
    const entry = this.access.get(token);
    const grant = entry ? this.grants.get(entry.grantId) : undefined;
    if (!entry || !grant || grant.revoked || entry.expiresAtMs <= this.clock.nowMs()) return 'invalid';
    return 'ok';
  }

  /** A new nonce, valid 30 minutes and once. */
  issueNonce(): string {
    const nonce = randomToken(20);
    this.nonces.set(nonce, this.clock.nowMs() + 30 * 60_000);
    return nonce;
  }

  /** Consumes a nonce; false when unknown, used or expired. */
  useNonce(nonce: string): boolean {
    const until = this.nonces.get(nonce);
    this.nonces.delete(nonce);
    return until !== undefined && until > this.clock.nowMs();
  }
}
