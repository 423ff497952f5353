/** Builds the Withings simulator context from the shared parts (clock, person, client). */
import type { SimClock } from '../clock.js';
import type { SyntheticPerson } from '../person.js';
import { RateLimiter } from '../rate-limit.js';
import { intId } from './common.js';
import type { WithingsContext } from './context.js';
import { WithingsDocuments } from './documents.js';
import { WithingsTokenStore } from './tokens.js';

/** Withings-specific simulator options. */
export interface WithingsSimulatorOptions {
  /** Requests a minute before status 601 (default 120, Withings' limit). */
  rateLimitPerMinute?: number;
  /** Items per page of the list services (default 50). */
  pageSize?: number;
  /** Access-token lifetime (default 10800: three hours). */
  accessTokenTtlSeconds?: number;
  /** Authorization-code lifetime (default 30 seconds). */
  codeTtlSeconds?: number;
  /** How long a rotated-out refresh token keeps working (default 60 s). */
  refreshGraceSeconds?: number;
  /** Sleep summary shape (default `current`; `legacy-2020` as recorded in 2020). */
  sleepSummaryShape?: 'current' | 'legacy-2020';
}

export interface WithingsSharedParts {
  clock: SimClock;
  person: SyntheticPerson;
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[] | null;
  /** Static access tokens accepted as bearer tokens (`connect withings --token`). */
  staticAccessTokens: readonly string[];
}

/** The Withings context for one simulator. */
export function createWithingsContext(shared: WithingsSharedParts, options: WithingsSimulatorOptions = {}): WithingsContext {
  return {
    clock: shared.clock,
    person: shared.person,
    documents: new WithingsDocuments(shared.person),
    tokens: new WithingsTokenStore(shared.clock, {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 10_800,
      codeTtlSeconds: options.codeTtlSeconds ?? 30,
      refreshGraceSeconds: options.refreshGraceSeconds ?? 60,
      staticAccessTokens: shared.staticAccessTokens,
      userId: intId(shared.person.seed, 'userid') % 100_000_000,
    }),
    rateLimiter: new RateLimiter(options.rateLimitPerMinute ?? 120),
    config: {
      clientId: shared.clientId,
      clientSecret: shared.clientSecret,
      redirectUris: shared.redirectUris,
      pageSize: Math.max(1, options.pageSize ?? 50),
      sleepSummaryShape: options.sleepSummaryShape ?? 'current',
    },
    counters: { authorizeRequests: 0, dataRequests: 0, unauthorized: 0 },
    calls: [],
    envelopeFaults: [],
    authorizeDecision: 'approve',
  };
}
