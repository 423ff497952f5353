/** What the CLI and MCP layers need from the token manager (implemented in token-manager.ts). */
import type { ProviderId } from '../core/types.js';
import type { AccessTokenSource } from '../core/token-source.js';
import type { ConnectionStatus, TokenSet } from '../core/token-set.js';

export interface TokenManager extends AccessTokenSource {
  status(provider: ProviderId): Promise<ConnectionStatus>;
  isConnected(provider: ProviderId): Promise<boolean>;
  /** Stores a new grant (connect) — encrypted, atomically, under the cross-process lock. */
  save(provider: ProviderId, tokens: TokenSet): Promise<void>;
  /** Revokes at the provider (best effort) and deletes the stored tokens. */
  disconnect(provider: ProviderId, options?: { revoke?: boolean }): Promise<{ revoked: boolean }>;
  /** The provider user id stored with the grant (a `userid` in the token response), for matching webhook deliveries. Never logged. */
  accountUserId?(provider: ProviderId): Promise<string | undefined>;
  /** Notifies when the set of connected providers changes (this or another process). */
  onConnectionsChanged(listener: () => void): () => void;
  close(): void;
}
