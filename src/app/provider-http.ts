/** Authenticated HTTP per provider over one token manager (retry policy, refresh on 401), built on first use. */
import type { TokenManager } from '../auth/token-manager-api.js';
import { createAuthorizedHttp, type AuthorizedHttp, type FetchLike } from '../core/http.js';
import type { ProviderId } from '../core/types.js';
import type { Logger } from '../logging/logger.js';

export interface ProviderHttpOptions {
  tokens: TokenManager;
  logger: Logger;
  fetch?: FetchLike;
  /** Test hook: replaces backoff waits. */
  sleep?: (ms: number) => Promise<void>;
}

export function providerHttpFor(options: ProviderHttpOptions): (provider: ProviderId) => AuthorizedHttp {
  const { tokens, logger } = options;
  const byProvider = new Map<ProviderId, AuthorizedHttp>();
  return (provider) => {
    let client = byProvider.get(provider);
    if (!client) {
      client = createAuthorizedHttp({
        provider,
        tokens,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        onAttempt: (event) => {
          if (event.status === 429 || event.status === 'network-error' || (typeof event.status === 'number' && event.status >= 500)) {
            logger.warn({ provider, status: event.status, attempt: event.attempt, waitMs: event.waitMs }, 'provider request retried');
          }
        },
      });
      byProvider.set(provider, client);
    }
    return client;
  };
}
