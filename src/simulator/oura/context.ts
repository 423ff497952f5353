/** What the Oura routes share: clock, person, documents, tokens, limits and configuration. */
import type { SimClock } from '../clock.js';
import type { SyntheticPerson } from '../person.js';
import type { RateLimiter } from '../rate-limit.js';
import type { TokenStore } from '../token-store.js';
import type { OuraDocumentStore } from './documents.js';
import type { OuraShape } from './types.js';

export interface OuraConfig {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs; null = accept any loopback (127.0.0.1 / localhost / [::1]) URI. */
  redirectUris: readonly string[] | null;
  pageSize: number;
  heartRatePageSize: number;
  shape: OuraShape;
}

export interface OuraCounters {
  authorizeRequests: number;
  dataRequests: number;
  unauthorized: number;
}

export interface OuraContext {
  clock: SimClock;
  person: SyntheticPerson;
  store: OuraDocumentStore;
  tokens: TokenStore;
  rateLimiter: RateLimiter;
  config: OuraConfig;
  counters: OuraCounters;
  /** What the authorize endpoint answers: approve (redirect with a code) or deny (`access_denied`). */
  authorizeDecision: 'approve' | 'deny';
}

/**
 * Scopes from the 2025-03 spec's OAuth2 security scheme (its `"tag User"` key is a typo for
 * `tag`). Unknown requested scopes are dropped rather than rejected.
 */
export const OURA_SCOPES = ['email', 'personal', 'daily', 'heartrate', 'workout', 'tag', 'session', 'spo2Daily'] as const;
