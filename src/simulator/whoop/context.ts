/** What the WHOOP routes share: clock, person, records, tokens, budgets and configuration. */
import type { SimClock } from '../clock.js';
import type { SyntheticPerson } from '../person.js';
import type { TokenStore } from '../token-store.js';
import type { WhoopRateLimiter } from './rate-limit.js';
import type { WhoopRecordStore } from './records.js';

export interface WhoopConfig {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs; null = accept any loopback (127.0.0.1 / localhost / [::1]) URI. */
  redirectUris: readonly string[] | null;
  /** Default page size when `limit` is absent (WHOOP: 10); `limit` may ask for up to 25. */
  defaultLimit: number;
}

export interface WhoopCounters {
  authorizeRequests: number;
  dataRequests: number;
  unauthorized: number;
}

export interface WhoopContext {
  clock: SimClock;
  person: SyntheticPerson;
  records: WhoopRecordStore;
  tokens: TokenStore;
  limiter: WhoopRateLimiter;
  config: WhoopConfig;
  counters: WhoopCounters;
  /** PKCE verifiers the simulator made up for authorization requests without PKCE (WHOOP does not require it). */
  implicitVerifiers: Map<string, string>;
  /** What the authorize endpoint answers: approve (redirect with a code) or deny (`access_denied`). */
  authorizeDecision: 'approve' | 'deny';
}

/** The scopes WHOOP knows (spec security scheme plus `offline`, which makes it issue refresh tokens). */
export const WHOOP_SCOPES = [
  'read:recovery',
  'read:cycles',
  'read:workout',
  'read:sleep',
  'read:profile',
  'read:body_measurement',
  'offline',
] as const;
