/** Builds the WHOOP simulator's context from the shared simulator parts and WHOOP options. */
import type { SimClock } from '../clock.js';
import type { SyntheticPerson } from '../person.js';
import { TokenStore } from '../token-store.js';
import type { WhoopContext } from './context.js';
import { WhoopRateLimiter } from './rate-limit.js';
import { WhoopRecordStore } from './records.js';

/** WHOOP-specific simulator options (`startSimulator({ whoop: {...} })`). */
export interface WhoopSimulatorOptions {
  /** Per-minute request budget (default 100, WHOOP's). */
  rateLimitPerMinute?: number;
  /** Per-day request budget (default 10,000, WHOOP's). */
  rateLimitPerDay?: number;
  /** Page size when a list request has no `limit` (default 10, WHOOP's). */
  defaultLimit?: number;
  /** Access-token lifetime (default 3600, WHOOP's one hour). */
  accessTokenTtlSeconds?: number;
  /** How long after start the latest night's scores stay pending (default 120 minutes). */
  lateScoreDelayMinutes?: number;
  /** Static bearer tokens accepted as WHOOP access tokens (`connect whoop --token`); default: the simulator's personal tokens. */
  accessTokens?: string[];
}

export interface WhoopContextBase {
  clock: SimClock;
  person: SyntheticPerson;
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[] | null;
  codeTtlSeconds: number;
  personalAccessTokens: readonly string[];
}

/** The WHOOP context for one simulator. */
export function createWhoopContext(base: WhoopContextBase, options: WhoopSimulatorOptions = {}): WhoopContext {
  return {
    clock: base.clock,
    person: base.person,
    records: new WhoopRecordStore(base.person, {
      startMs: base.clock.nowMs(),
      lateScoreDelayMs: (options.lateScoreDelayMinutes ?? 120) * 60_000,
    }),
    tokens: new TokenStore(base.clock, {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      codeTtlSeconds: base.codeTtlSeconds,
      personalAccessTokens: options.accessTokens ?? base.personalAccessTokens,
    }),
    limiter: new WhoopRateLimiter(options.rateLimitPerMinute ?? 100, options.rateLimitPerDay ?? 10_000),
    config: {
      clientId: base.clientId,
      clientSecret: base.clientSecret,
      redirectUris: base.redirectUris,
      defaultLimit: Math.min(25, Math.max(1, options.defaultLimit ?? 10)),
    },
    counters: { authorizeRequests: 0, dataRequests: 0, unauthorized: 0 },
    implicitVerifiers: new Map(),
    authorizeDecision: 'approve',
  };
}
