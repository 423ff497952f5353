/**
 * The token manager: stored tokens, refresh ahead of expiry, single-flight refresh within the
 * process (one promise per provider) and across processes (the tokens file lock, then a re-read:
 * another process may already have rotated the refresh token). This is what lets a CLI sync and
 * a running server share one rotating refresh token without losing the grant.
 */
import { WearablesError, toWearablesError } from '../core/errors.js';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';
import { registerSecret } from '../logging/secrets.js';
import { oauthOf, type Provider } from '../providers/provider.js';
import { createTokenCipher, loadEncryptionKey, type KeySource, type TokenCipher } from './encryption.js';
import { createConnectionsWatcher } from './connections-watcher.js';
import type { TokenManager } from './token-manager-api.js';
import type { ConnectionStatus, TokenSet } from '../core/token-set.js';
import { createTokenStore, type StoredTokens, type TokenStore, type TokenStoreOptions, type TokenTransaction } from './token-store.js';

/** What the token manager reads of the configuration: the key, the tokens file, the client secrets. */
export interface TokenSettings extends KeySource {
  tokensPath: string;
  providers: Readonly<Record<ProviderId, { clientSecret?: string | undefined }>>;
}

export interface TokenManagerOptions {
  config: TokenSettings;
  providers: ReadonlyMap<ProviderId, Provider>;
  logger: Logger;
  now?: () => number;
  /** Refresh when the access token expires within this many ms (default 5 minutes). */
  refreshSkewMs?: number;
  /** How often the tokens file is polled for changes by other processes (default 2 s). */
  watchIntervalMs?: number;
  /** Lock timing for the tokens file (tests shorten it). */
  lock?: TokenStoreOptions['lock'];
  /**
   * Where the tokens are kept, when not the tokens file of `config.tokensPath`: the hosted
   * database's connection rows (`createDatabaseTokenStore`).
   */
  store?: TokenStore;
}

const DEFAULT_SKEW_MS = 5 * 60_000;

/** Creates the token manager over the encrypted tokens file at `config.tokensPath` (or `options.store`). */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { config, providers, logger } = options;
  const now = options.now ?? Date.now;
  const skewMs = options.refreshSkewMs ?? DEFAULT_SKEW_MS;
  for (const settings of Object.values(config.providers)) registerSecret(settings.clientSecret);

  const store = options.store ?? createTokenStore({ path: config.tokensPath, cipher: cipherLoader(config), logger, lock: options.lock });
  const inflight = new Map<ProviderId, Promise<TokenSet>>();
  const watcher = createConnectionsWatcher(store, options.watchIntervalMs ?? 2_000, logger);

  /** True when `tokens` should be refreshed now: expired or within the skew (capped at half its lifetime). */
  function isStale(tokens: TokenSet): boolean {
    if (tokens.expiresAt === undefined) return false;
    const lifetime = tokens.expiresAt - tokens.obtainedAt;
    const skew = lifetime > 0 ? Math.min(skewMs, lifetime / 2) : skewMs;
    return tokens.expiresAt - now() <= skew;
  }

  async function readConnected(provider: ProviderId): Promise<StoredTokens> {
    const stored = await store.read(provider);
    if (!stored) throw notConnected(provider);
    return stored;
  }

  /**
   * Joins the running refresh for `provider`, or starts one. A joiner takes the flight's result
   * (the newest token there is) unless `retryIf` says it is still the token it must get rid of.
   */
  async function ensureRefreshed(
    provider: ProviderId,
    needsRefresh: (tokens: TokenSet) => boolean,
    retryIf: (tokens: TokenSet) => boolean = () => false,
  ): Promise<TokenSet> {
    const running = inflight.get(provider);
    if (running) {
      const result = await running;
      return retryIf(result) ? ensureRefreshed(provider, needsRefresh, retryIf) : result;
    }
    const flight = refreshUnderLock(provider, needsRefresh).finally(() => inflight.delete(provider));
    inflight.set(provider, flight);
    return flight;
  }

  async function refreshUnderLock(provider: ProviderId, needsRefresh: (tokens: TokenSet) => boolean): Promise<TokenSet> {
    return store.transaction(async (transaction) => {
      // Re-read under the lock: another process may have refreshed (and rotated) meanwhile.
      const stored = await transaction.read(provider);
      if (!stored) throw notConnected(provider);
      const current = stored.tokens;
      if (!needsRefresh(current)) return current;
      if (current.kind !== 'oauth' || !current.refreshToken) {
        await transaction.markReconnectNeeded(provider);
        throw new WearablesError('AUTH_FAILED', `The stored ${provider} ${current.kind} token was rejected or has expired and cannot be refreshed.`, {
          hint: `Run \`wearables-mcp connect ${provider}\` again (the stored token was rejected).`,
        });
      }
      if (stored.reconnectNeeded) throw stored.reconnectReason === 'grant_lost' ? grantLost(provider) : grantRevoked(provider);
      const implementation = providers.get(provider);
      if (!implementation) throw new WearablesError('CONFIG_ERROR', `Provider ${provider} is not available in this build.`);
      // On disk before the request: if this process dies before the answer is saved, the next
      // refusal of the old refresh token is known to be a lost rotation, not a revocation.
      await transaction.markRefreshPending(provider, true);
      let fresh: TokenSet;
      try {
        fresh = await oauthOf(implementation).refresh(current.refreshToken);
      } catch (error) {
        const failure = toWearablesError(error);
        if (failure.code !== 'AUTH_FAILED') {
          // An answer with a status (5xx, 429) rotated nothing; no answer (network, timeout) may have.
          if (failure.statusCode !== undefined) await transaction.markRefreshPending(provider, false);
          throw failure;
        }
        const lost = stored.refreshInterrupted;
        await transaction.markReconnectNeeded(provider, lost ? 'grant_lost' : 'rejected');
        throw lost ? grantLost(provider, failure) : grantRevoked(provider, failure);
      }
      // Providers that do not rotate omit the refresh token: keep the one we have.
      const next: TokenSet = { ...fresh, refreshToken: fresh.refreshToken ?? current.refreshToken, obtainedAt: fresh.obtainedAt || now() };
      registerSecret(next.accessToken);
      registerSecret(next.refreshToken);
      await transaction.write(provider, next);
      logger.info(
        { provider, expiresAt: next.expiresAt === undefined ? null : new Date(next.expiresAt).toISOString() },
        'refreshed access token',
      );
      return next;
    });
  }

  /** Revokes at the provider (best effort, when asked and possible), then deletes the entry. */
  async function revokeAndRemove(transaction: TokenTransaction, provider: ProviderId, revoke: boolean): Promise<boolean> {
    // Unreadable tokens (other key, damage) cannot be revoked but must still be deletable.
    const stored = await transaction.read(provider).catch(() => undefined);
    const implementation = providers.get(provider);
    let revoked = false;
    if (stored && revoke && implementation?.oauth) {
      try {
        await implementation.oauth.revoke(stored.tokens);
        revoked = true;
      } catch (error) {
        logger.warn({ provider, err: error }, 'could not revoke the grant at the provider; deleting local tokens anyway');
      }
    }
    await transaction.remove(provider);
    return revoked;
  }

  return {
    async getAccessToken(provider) {
      const { tokens } = await readConnected(provider);
      if (!isStale(tokens)) return tokens.accessToken;
      // A personal token that has not expired yet is still usable; only refreshable sets refresh early.
      if ((tokens.kind !== 'oauth' || !tokens.refreshToken) && tokens.expiresAt !== undefined && tokens.expiresAt > now()) {
        return tokens.accessToken;
      }
      return (await ensureRefreshed(provider, isStale)).accessToken;
    },

    async refreshAfterUnauthorized(provider, rejectedToken) {
      registerSecret(rejectedToken);
      const isRejected = (tokens: TokenSet) => tokens.accessToken === rejectedToken;
      const refreshed = await ensureRefreshed(provider, isRejected, isRejected);
      return refreshed.accessToken;
    },

    async status(provider) {
      const stored = await store.read(provider);
      if (!stored) return { connected: false };
      return describe(provider, stored, now());
    },

    async accountUserId(provider) {
      return (await store.read(provider))?.tokens.userId;
    },

    async isConnected(provider) {
      return (await store.connectedProviders()).includes(provider);
    },

    async save(provider, tokens) {
      await watcher.changeHere(() => store.transaction((transaction) => transaction.write(provider, tokens)));
      logger.info({ provider, kind: tokens.kind }, 'stored new credentials');
    },

    async disconnect(provider, disconnectOptions) {
      const revoke = disconnectOptions?.revoke !== false;
      const revoked = await watcher.changeHere(() => store.transaction((transaction) => revokeAndRemove(transaction, provider, revoke)));
      logger.info({ provider, revoked }, 'disconnected');
      return { revoked };
    },

    onConnectionsChanged(listener) {
      return watcher.subscribe(listener);
    },

    close() {
      watcher.close();
    },
  };
}

function cipherLoader(config: KeySource): TokenStoreOptions['cipher'] {
  let cipher: TokenCipher | undefined;
  return async ({ create }) => {
    if (cipher) return cipher;
    const key = await loadEncryptionKey(config, { create });
    if (key) cipher = createTokenCipher(key);
    return cipher;
  };
}

function describe(provider: ProviderId, stored: StoredTokens, nowMs: number): ConnectionStatus {
  const { tokens } = stored;
  return {
    connected: true,
    kind: tokens.kind,
    ...(tokens.expiresAt !== undefined
      ? { expiresAt: new Date(tokens.expiresAt).toISOString(), expiresInSeconds: Math.floor((tokens.expiresAt - nowMs) / 1000) }
      : {}),
    refreshable: tokens.kind === 'oauth' && Boolean(tokens.refreshToken) && !stored.reconnectNeeded,
    ...(tokens.scope ? { scope: tokens.scope } : {}),
    ...(stored.reconnectNeeded ? reconnectStatus(provider, stored.reconnectReason ?? 'rejected') : {}),
  };
}

function reconnectStatus(provider: ProviderId, reason: 'rejected' | 'grant_lost'): Pick<ConnectionStatus, 'reconnectNeeded' | 'reconnectReason' | 'nextStep'> {
  const what = reason === 'grant_lost' ? GRANT_LOST : 'the provider no longer accepts the stored grant (revoked or expired)';
  return { reconnectNeeded: true, reconnectReason: reason, nextStep: `${capitalize(what)}: run \`wearables-mcp connect ${provider}\`.` };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function notConnected(provider: ProviderId): WearablesError {
  return new WearablesError('NOT_CONNECTED', `${provider} is not connected.`, {
    hint: `Run \`wearables-mcp connect ${provider}\` first.`,
  });
}

const GRANT_LOST =
  'the grant was lost: a token refresh was interrupted (the process stopped or the connection dropped during the refresh) ' +
  'after the provider may have rotated the refresh token, and the old one is now refused';

/** The refresh token was refused after an interrupted rotating refresh: the new one was never saved. */
function grantLost(provider: ProviderId, cause?: WearablesError): WearablesError {
  const detail = cause ? ` (${cause.message.replace(/\.$/, '')})` : '';
  return new WearablesError('AUTH_FAILED', `${provider}: ${GRANT_LOST}${detail}. Reconnect needed.`, {
    hint: `Run \`wearables-mcp connect ${provider}\` to reconnect; cached data is kept.`,
    statusCode: cause?.statusCode,
    ...(cause === undefined ? {} : { cause }),
  });
}

function grantRevoked(provider: ProviderId, cause?: WearablesError): WearablesError {
  // The adapter's message names the OAuth error code (invalid_grant, invalid_client), never a token.
  const detail = cause ? ` (${cause.message.replace(/\.$/, '')})` : '';
  return new WearablesError('AUTH_FAILED', `${provider} no longer accepts the stored grant; reconnect needed${detail}.`, {
    hint: `Run \`wearables-mcp connect ${provider}\` to reconnect.`,
    statusCode: cause?.statusCode,
    ...(cause === undefined ? {} : { cause }),
  });
}
