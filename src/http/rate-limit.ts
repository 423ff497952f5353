/**
 * Fixed-window rate limiting: a count per key per window, answering 429 with `Retry-After` and
 * `RateLimit-*` headers. The table is bounded (expired windows are swept, the oldest keys go
 * first beyond `maxKeys`), so a flood of distinct addresses cannot grow memory without bound.
 */
import type { Context, MiddlewareHandler } from 'hono';

export interface RateLimiterOptions {
  max: number;
  windowMs: number;
  /** Keys tracked at most (default 10,000). */
  maxKeys?: number;
  now?: () => number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The limit of the window. */
  limit: number;
  remaining: number;
  /** Seconds until the client's window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  hit(key: string): RateLimitDecision;
}

/** Creates an in-memory fixed-window limiter. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  const sweep = (time: number) => {
    for (const [entry, window] of windows) if (time - window.start >= options.windowMs) windows.delete(entry);
    lastSweep = time;
  };
  return {
    hit(key) {
      const time = now();
      if (time - lastSweep > options.windowMs) sweep(time);
      let window = windows.get(key);
      if (!window || time - window.start >= options.windowMs) {
        windows.delete(key);
        window = { start: time, count: 0 };
        windows.set(key, window);
        if (windows.size > maxKeys) sweep(time);
        while (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
      }
      window.count++;
      const resetSeconds = Math.max(1, Math.ceil((window.start + options.windowMs - time) / 1000));
      return { allowed: window.count <= options.max, limit: options.max, remaining: Math.max(0, options.max - window.count), resetSeconds };
    },
  };
}

/** The `RateLimit-*` headers of a decision. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
}

/** The 429 answer of a spent budget; `what` says whose budget it was. */
export function rateLimited(decision: RateLimitDecision, what = 'requests'): Response {
  return Response.json(
    { error: 'rate_limited', error_description: `Too many ${what}; retry in ${decision.resetSeconds} s.` },
    { status: 429, headers: { ...rateLimitHeaders(decision), 'Retry-After': String(decision.resetSeconds) } },
  );
}

/** Runs `next` and adds the decision's headers to whatever it answered. */
export async function withRateLimitHeaders(c: Context, next: () => Promise<void>, decision: RateLimitDecision): Promise<void> {
  await next();
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) c.res.headers.set(name, value);
}

/** Middleware applying `limiter` per `key` of each request (the webhook receivers). */
export function rateLimit(limiter: RateLimiter, key: (c: Context) => string, what?: string): MiddlewareHandler {
  return async (c, next) => {
    const decision = limiter.hit(key(c));
    if (!decision.allowed) return rateLimited(decision, what);
    await withRateLimitHeaders(c, next, decision);
    return undefined;
  };
}
