/**
 * Authenticated JSON over HTTP for provider clients: bearer injection, one refresh-and-retry on
 * 401, bounded backoff on 429 (honouring Retry-After) and on 5xx/network errors. Errors come out
 * as `WearablesError` with stable codes; messages never contain tokens or response bodies.
 */
import { WearablesError } from './errors.js';
import { emitTelemetry } from './telemetry.js';
import type { ProviderId } from './types.js';
import type { AccessTokenSource } from './token-source.js';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RetryPolicy {
  /** Retries after 5xx / network errors. */
  maxRetries: number;
  /** First backoff delay; doubles each retry (with jitter). */
  baseDelayMs: number;
  /** Longest single wait we accept for a 429 before surfacing RATE_LIMITED instead. */
  maxRateLimitWaitMs: number;
  /** How many 429s in a row we wait out before giving up. */
  maxRateLimitRetries: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxRateLimitWaitMs: 60_000,
  maxRateLimitRetries: 3,
  timeoutMs: 30_000,
};

/**
 * What a 2xx body really means, for APIs that wrap errors in a successful HTTP answer (an
 * envelope such as `{ status: 401, body: {} }`): `unauthorized`, `rate_limited` and
 * `server_error` are handled exactly like HTTP 401, 429 and 5xx; `undefined` means a normal body.
 */
export type BodyClassification =
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  /** Rate limited, and the body says how long to wait (a `wait_seconds` in an error envelope): a Retry-After. */
  | { rateLimitedForSeconds: number }
  | undefined;

export interface RequestInitOptions {
  signal?: AbortSignal;
  /** Optional classifier of parsed 2xx bodies (envelope APIs); see `BodyClassification`. */
  classify?: (body: unknown) => BodyClassification;
}

export interface AuthorizedHttp {
  /** GET a JSON document. `url` is absolute. Non-2xx statuses other than the handled ones throw. */
  getJson(url: string | URL, init?: { headers?: Record<string, string> } & RequestInitOptions): Promise<HttpResult>;
  /** POST a form or JSON body with the bearer token (used by action-style APIs). */
  postForm(url: string | URL, form: Record<string, string>, init?: RequestInitOptions): Promise<HttpResult>;
}

export interface AuthorizedHttpOptions {
  provider: ProviderId;
  tokens: AccessTokenSource;
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  /** Injectable sleep so tests can observe waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Observes each attempt (for logs/metrics); never receives tokens or bodies. */
  onAttempt?: (event: { url: string; status: number | 'network-error'; attempt: number; waitMs?: number }) => void;
}

const reconnectHint = (provider: ProviderId): string =>
  `Reconnect with \`wearables-mcp connect ${provider}\`, then retry.`;

/** Parses `Retry-After` (seconds or HTTP date) into milliseconds; falls back to X-RateLimit-Reset. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset && Number.isFinite(Number(reset))) {
    const number = Number(reset);
    // Epoch seconds if large, else seconds-from-now.
    return number > 1e9 ? Math.max(0, number * 1000 - now) : Math.max(0, number * 1000);
  }
  return undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the authenticated HTTP helper a provider client uses. */
export function createAuthorizedHttp(options: AuthorizedHttpOptions): AuthorizedHttp {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const { provider, tokens } = options;
  const attempted = (event: Parameters<NonNullable<AuthorizedHttpOptions['onAttempt']>>[0]) => {
    emitTelemetry({ type: 'upstream_attempt', provider, status: event.status, ...(event.waitMs !== undefined ? { waitMs: event.waitMs } : {}) });
    options.onAttempt?.(event);
  };

  async function send(url: string, build: (token: string) => RequestInit, init: RequestInitOptions = {}): Promise<HttpResult> {
    const { signal, classify } = init;
    let token = await tokens.getAccessToken(provider);
    let refreshed = false;
    let serverErrors = 0;
    let rateLimits = 0;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        const timeout = AbortSignal.timeout(policy.timeoutMs);
        response = await fetchImpl(url, { ...build(token), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } catch (error) {
        if (signal?.aborted) throw signal.reason instanceof WearablesError ? signal.reason : new WearablesError('SYNC_ERROR', `${provider} request cancelled.`, { cause: error });
        attempted({ url: redact(url), status: 'network-error', attempt });
        if (serverErrors++ < policy.maxRetries) {
          await sleep(backoff(policy.baseDelayMs, serverErrors));
          continue;
        }
        throw new WearablesError('UPSTREAM_ERROR', `${provider} API unreachable after ${attempt} attempts.`, {
          hint: 'Check the network or the provider status, then retry; cached data is still available.',
          isRetryable: true,
          cause: error,
        });
      }
      attempted({ url: redact(url), status: response.status, attempt });
      if (classify && response.status >= 200 && response.status < 300) response = await reclassify(response, classify);

      if (response.status === 401) {
        await response.body?.cancel();
        if (refreshed) {
          throw new WearablesError('AUTH_FAILED', `${provider} rejected the access token even after a refresh.`, {
            hint: reconnectHint(provider),
            statusCode: 401,
          });
        }
        token = await tokens.refreshAfterUnauthorized(provider, token);
        refreshed = true;
        continue;
      }
      if (response.status === 429) {
        await response.body?.cancel();
        const waitMs = retryAfterMs(response.headers) ?? backoff(policy.baseDelayMs * 4, rateLimits + 1);
        if (rateLimits++ < policy.maxRateLimitRetries && waitMs <= policy.maxRateLimitWaitMs) {
          attempted({ url: redact(url), status: 429, attempt, waitMs });
          await sleep(waitMs);
          continue;
        }
        const seconds = Math.ceil(waitMs / 1000);
        throw new WearablesError('RATE_LIMITED', `${provider} rate limit reached; retry in about ${seconds} s.`, {
          hint: `Wait ${seconds} seconds before asking ${provider} again; cached data can still be read.`,
          retryAfterSeconds: seconds,
          statusCode: 429,
        });
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        if (serverErrors++ < policy.maxRetries) {
          await sleep(backoff(policy.baseDelayMs, serverErrors));
          continue;
        }
        throw new WearablesError('UPSTREAM_ERROR', `${provider} API answered ${response.status} after ${attempt} attempts.`, {
          hint: 'The provider is having trouble; retry later. Cached data is still available.',
          statusCode: response.status,
          isRetryable: true,
        });
      }
      const text = await response.text();
      let body: unknown = undefined;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch (error) {
          if (serverErrors++ < policy.maxRetries && response.ok) {
            // A truncated body is usually transient (proxy, connection reset): retry.
            await sleep(backoff(policy.baseDelayMs, serverErrors));
            continue;
          }
          throw new WearablesError('UPSTREAM_ERROR', `${provider} API returned a malformed body (HTTP ${response.status}).`, {
            hint: 'Retry later; if it persists the provider changed its format — please report it.',
            statusCode: response.status,
            isRetryable: true,
            cause: error,
          });
        }
      }
      if (response.status === 404) {
        throw new WearablesError('NOT_FOUND', `${provider} has no such document.`, { statusCode: 404 });
      }
      if (response.status === 403) {
        throw new WearablesError('AUTH_FAILED', `${provider} refused access (HTTP 403): a scope may be missing or the subscription expired.`, {
          hint: `Reconnect with \`wearables-mcp connect ${provider}\` and grant every requested scope.`,
          statusCode: 403,
        });
      }
      if (response.status >= 400) {
        throw new WearablesError('VALIDATION_ERROR', `${provider} rejected the request (HTTP ${response.status}).`, {
          hint: 'Check the date range and parameters.',
          statusCode: response.status,
          isRetryable: false,
        });
      }
      return { status: response.status, headers: response.headers, body };
    }
  }

  return {
    getJson(url, init) {
      return send(
        String(url),
        (token) => ({ method: 'GET', headers: { accept: 'application/json', ...init?.headers, authorization: `Bearer ${token}` } }),
        init,
      );
    },
    postForm(url, form, init) {
      return send(
        String(url),
        (token) => ({
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
          body: new URLSearchParams(form).toString(),
        }),
        init,
      );
    },
  };
}

const CLASSIFIED_STATUS = { unauthorized: 401, rate_limited: 429, server_error: 503 } as const;

/**
 * Re-reads a 2xx answer through `classify`: an envelope error becomes the equivalent HTTP status
 * (same headers) so the refresh / backoff logic treats both alike; anything else is returned as
 * an unread response with the same body.
 */
async function reclassify(response: Response, classify: (body: unknown) => BodyClassification): Promise<Response> {
  const text = await response.text();
  let kind: BodyClassification;
  try {
    kind = text.length > 0 ? classify(JSON.parse(text)) : undefined;
  } catch {
    kind = undefined; // Malformed bodies are handled by the normal path below.
  }
  if (typeof kind === 'object') {
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(Math.max(0, Math.ceil(kind.rateLimitedForSeconds))));
    return new Response(null, { status: 429, headers });
  }
  const status = kind ? CLASSIFIED_STATUS[kind] : response.status;
  return new Response(kind ? null : text, { status, headers: response.headers });
}

function backoff(baseMs: number, attempt: number): number {
  const exponential = baseMs * 2 ** (attempt - 1);
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

/** Drops query values that could carry secrets before a URL reaches a log. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|code|secret|key|signature|password/i.test(key)) parsed.searchParams.set(key, '[redacted]');
    }
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
