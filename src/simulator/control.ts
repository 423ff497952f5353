/**
 * The simulator's control surface, used programmatically (`simulator.control`) and over HTTP
 * (`/__control/*`, see `control-routes.ts`): faults, clock, token revocation, data changes
 * (re-score, delete, late sleep), the request log and counters.
 */
import type { SimClock } from './clock.js';
import type { FaultInjector, FaultRule } from './faults.js';
import type { OuraContext } from './oura/context.js';
import { OURA_COLLECTIONS, type OuraCollection } from './oura/types.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { WhoopContext } from './whoop/context.js';
import { createWhoopControl, type WhoopControl } from './whoop/control.js';
import type { WithingsContext } from './withings/context.js';
import { createWithingsControl, type WithingsControl } from './withings/control.js';

/** Fault options shared by the fault injectors. */
export interface FaultScope {
  /** Only requests whose full path starts with this (e.g. `/oura/v2/usercollection/sleep`). */
  pathPrefix?: string;
}

export interface SimulatorCounters {
  authorizeRequests: number;
  codesIssued: number;
  /** Successful authorization-code exchanges. */
  tokenGrants: number;
  /** Successful refresh-token uses. */
  tokenRefreshes: number;
  /** Rejected token requests (bad client, code, verifier, refresh token...). */
  tokenFailures: number;
  revocations: number;
  /** Requests to data routes (including refused ones). */
  dataRequests: number;
  /** 401s from data routes. */
  unauthorized: number;
  /** 429s from the per-minute budget (forced 429s count as faults). */
  rateLimited: number;
  faultsInjected: number;
}

/** Oura-specific data controls. */
export interface OuraControl {
  /**
   * Re-scores the main night of `day` (same ids, new content and scores, `meta.version` + 1), now
   * or at `atMs` (a scheduled re-score). Returns the affected `collection/id`s (empty: no such night).
   */
  rescoreDay(day: string, options?: { scoreDelta?: number; atMs?: number }): string[];
  /** Deletes a document (404 from then on, gone from lists). Returns false if it does not exist. */
  deleteDocument(collection: OuraCollection, id: string): boolean;
  /** Makes the held-back most recent night visible now (as if the user opened the app). */
  releaseLateSleep(): void;
  /** The wake day of the night held back as a late arrival (null if none). */
  heldNight(): string | null;
  /** Documents of a collection exactly as the API would serve them now (all pages, no window). */
  documents(collection: OuraCollection): Array<Record<string, unknown>>;
  /** What `/oauth/authorize` answers. */
  setAuthorizeDecision(decision: 'approve' | 'deny'): void;
}

export interface SimulatorControl {
  /** Simulator time. */
  now(): Date;
  /** Moves simulator time forward (token expiry, new nights, late arrivals, in-progress days). */
  advanceClock(ms: number): void;
  /** The next `count` matching requests fail with `status` (default 503). */
  failNext(count: number, options?: FaultScope & { status?: number }): void;
  /** The next `count` matching requests get a truncated JSON body (status 200). */
  malformNext(count: number, options?: FaultScope): void;
  /** The next `count` matching requests get 429 with `Retry-After` (default 30 s). */
  rateLimitNext(count: number, options?: FaultScope & { retryAfterSeconds?: number }): void;
  /** Delays matching responses by `ms` (for `count` requests, or until cleared). */
  delay(ms: number, options?: FaultScope & { count?: number }): void;
  /** Removes every pending fault. */
  clearFaults(): void;
  /** Pending faults. */
  faults(): FaultRule[];
  /**
   * The user revokes access now (e.g. mid-sync): every OAuth grant (access and refresh tokens)
   * and every personal access token already used stop working. Configured personal tokens not
   * presented yet keep working (tokens created afterwards) unless `allPersonalAccessTokens`.
   */
  revokeAllTokens(options?: { allPersonalAccessTokens?: boolean }): void;
  /**
   * Every credential the simulator issued or accepts (authorization codes, access and refresh
   * tokens, personal access tokens, the client secret), for tests asserting none leaked.
   */
  issuedSecrets(): string[];
  /** Logged requests (oldest first), optionally filtered by path prefix. */
  requests(pathPrefix?: string): RequestLogEntry[];
  clearRequests(): void;
  /** Provider requests served since start (cleared or not); cheap to poll. */
  requestCount(): number;
  counters(): SimulatorCounters;
  oura: OuraControl;
  /** WHOOP data controls (re-score, delete, late scores) and its own counters. */
  whoop: WhoopControl;
  /** Withings controls: envelope faults, measure edits, deletions, the action call log. */
  withings: WithingsControl;
}

export interface ControlDeps {
  clock: SimClock;
  faults: FaultInjector;
  log: RequestLog;
  oura: OuraContext;
  whoop: WhoopContext;
  withings: WithingsContext;
}

function positive(count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  return count;
}

/** Builds the control object over the simulator's parts. */
export function createControl(deps: ControlDeps): SimulatorControl {
  const { clock, faults, log, oura, whoop, withings } = deps;
  return {
    now: () => clock.now(),
    advanceClock: (ms) => clock.advance(ms),
    failNext: (count, options = {}) => {
      const status = options.status ?? 503;
      if (status < 500 || status > 599) throw new RangeError('failNext status must be 5xx');
      faults.add({ kind: 'error', remaining: positive(count), status, pathPrefix: options.pathPrefix ?? null });
    },
    malformNext: (count, options = {}) => {
      faults.add({ kind: 'malformed', remaining: positive(count), pathPrefix: options.pathPrefix ?? null });
    },
    rateLimitNext: (count, options = {}) => {
      const retryAfterSeconds = options.retryAfterSeconds ?? 30;
      faults.add({ kind: 'rate_limit', remaining: positive(count), retryAfterSeconds, pathPrefix: options.pathPrefix ?? null });
    },
    delay: (ms, options = {}) => {
      const remaining = options.count === undefined ? null : positive(options.count);
      faults.add({ kind: 'delay', delayMs: Math.max(0, ms), remaining, pathPrefix: options.pathPrefix ?? null });
    },
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    revokeAllTokens: (options = {}) => {
      oura.tokens.revokeAll(options);
      whoop.tokens.revokeAll(options);
      withings.tokens.revokeAll();
    },
    issuedSecrets: () => [...oura.tokens.issuedSecrets(), ...whoop.tokens.issuedSecrets(), ...withings.tokens.secrets(), oura.config.clientSecret],
    requests: (pathPrefix) => log.list(pathPrefix),
    clearRequests: () => log.clear(),
    requestCount: () => log.count(),
    counters: () => ({
      authorizeRequests: oura.counters.authorizeRequests,
      ...oura.tokens.counters,
      dataRequests: oura.counters.dataRequests,
      unauthorized: oura.counters.unauthorized,
      rateLimited: oura.rateLimiter.refused,
      faultsInjected: faults.applied,
    }),
    oura: {
      rescoreDay: (day, options = {}) => oura.store.rescore(day, options.atMs ?? clock.nowMs(), options.scoreDelta ?? -6),
      deleteDocument: (collection, id) => {
        if (!(OURA_COLLECTIONS as readonly string[]).includes(collection)) return false;
        return oura.store.delete(collection, id, clock.nowMs());
      },
      releaseLateSleep: () => oura.store.releaseLateSleep(clock.nowMs()),
      heldNight: () => oura.store.heldNight,
      documents: (collection) => {
        const now = clock.nowMs();
        return oura.store.visible(collection, now).map((d) => oura.store.render(d, now));
      },
      setAuthorizeDecision: (decision) => {
        oura.authorizeDecision = decision;
      },
    },
    whoop: createWhoopControl(whoop),
    withings: createWithingsControl(withings),
  };
}
