/** What the Withings routes share: clock, person, documents, tokens, limits, faults, call log. */
import type { SimClock } from '../clock.js';
import type { SyntheticPerson } from '../person.js';
import type { RateLimiter } from '../rate-limit.js';
import type { WithingsDocuments } from './documents.js';
import type { WithingsTokenStore } from './tokens.js';

export interface WithingsConfig {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs; null = any loopback URI. */
  redirectUris: readonly string[] | null;
  /** Items per page of the list services. */
  pageSize: number;
  /** `legacy-2020`: sleep summaries in the 2020 shape (recorded sleep_getsummary_legacy_1.json). */
  sleepSummaryShape: 'current' | 'legacy-2020';
}

/** One logged service call (the action and its parameters; credentials redacted). */
export interface WithingsCall {
  at: string;
  path: string;
  action: string;
  params: Record<string, string>;
  status: number;
}

/** A pending envelope fault: the next `remaining` matching calls answer `status`. */
export interface EnvelopeFault {
  status: number;
  remaining: number;
  action: string | null;
}

export interface WithingsContext {
  clock: SimClock;
  person: SyntheticPerson;
  documents: WithingsDocuments;
  tokens: WithingsTokenStore;
  rateLimiter: RateLimiter;
  config: WithingsConfig;
  counters: { authorizeRequests: number; dataRequests: number; unauthorized: number };
  calls: WithingsCall[];
  envelopeFaults: EnvelopeFault[];
  authorizeDecision: 'approve' | 'deny';
}

/** Scopes Withings grants. */
export const WITHINGS_SIM_SCOPES = ['user.info', 'user.metrics', 'user.activity', 'user.sleepevents'] as const;

const SECRET = /token|secret|code|signature|nonce|password|userid/i;

/** Records a call with credentials redacted. */
export function logCall(ctx: WithingsContext, path: string, form: URLSearchParams, status: number): void {
  const params: Record<string, string> = {};
  for (const [key, value] of form) if (key !== 'action') params[key] = SECRET.test(key) ? '[redacted]' : value;
  ctx.calls.push({ at: ctx.clock.now().toISOString(), path, action: form.get('action') ?? '', params, status });
  if (ctx.calls.length > 20_000) ctx.calls.splice(0, ctx.calls.length - 20_000);
}

/** Takes a pending envelope fault for `action`, if any. */
export function takeEnvelopeFault(ctx: WithingsContext, action: string): number | null {
  const fault = ctx.envelopeFaults.find((entry) => entry.remaining > 0 && (entry.action === null || entry.action === action));
  if (!fault) return null;
  fault.remaining -= 1;
  ctx.envelopeFaults = ctx.envelopeFaults.filter((entry) => entry.remaining > 0);
  return fault.status;
}

/** Parameters from the query string and a form body (Withings accepts both). */
export async function requestParams(request: Request): Promise<URLSearchParams> {
  const params = new URL(request.url).searchParams;
  if (request.method === 'POST' && (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(await request.text())) params.set(key, value);
  }
  return params;
}
