/** The credentials stored for one provider connection. Never logged, never returned by a tool. */
export interface TokenSet {
  /** `oauth`: refreshable grant; `personal`: a pasted personal/access token with no refresh. */
  kind: 'oauth' | 'personal';
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds when the access token expires; absent when unknown / never. */
  expiresAt?: number;
  scope?: string;
  /** Epoch ms when this set was obtained (grant or refresh). */
  obtainedAt: number;
  /** Provider user id if the token response carries one (a `userid` field). Never logged. */
  userId?: string;
}

/** Public, non-secret view of a connection for status output. */
export interface ConnectionStatus {
  connected: boolean;
  kind?: TokenSet['kind'];
  expiresAt?: string;
  /** Seconds until the access token expires (negative if already expired). */
  expiresInSeconds?: number;
  refreshable?: boolean;
  scope?: string;
  /** The provider rejected the grant (revoked / invalid_grant): `connect` again to fix it. */
  reconnectNeeded?: boolean;
  /** `rejected` (revoked or expired at the provider) or `grant_lost` (an interrupted rotating refresh). */
  reconnectReason?: 'rejected' | 'grant_lost';
  /** With `reconnectNeeded`: what happened and the command that fixes it. */
  nextStep?: string;
}
