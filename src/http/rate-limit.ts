/**
 * Per-client rate limiting of the MCP routes: a fixed window per client key (default 100
 * requests per 15 minutes), answering 429 with `Retry-After` and `RateLimit-*` headers.
 */
import type { MiddlewareHandler } from 'hono';

export interface RateLimiterOptions {
  max: number;
  windowMs: number;
  now?: () => number;
}

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the client's window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  hit(key: string): RateLimitDecision;
}

/** Creates an in-memory fixed-window limiter (expired windows are swept as it goes). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    hit(key) {
      const time = now();
      if (time - lastSweep > options.windowMs) {
        for (const [entry, window] of windows) if (time - window.start >= options.windowMs) windows.delete(entry);
        lastSweep = time;
      }
      let window = windows.get(key);
      if (!window || time - window.start >= options.windowMs) {
        window = { start: time, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      const resetSeconds = Math.max(1, Math.ceil((window.start + options.windowMs - time) / 1000));
      return { allowed: window.count <= options.max, remaining: Math.max(0, options.max - window.count), resetSeconds };
    },
  };
}

/** Middleware applying `limiter` per client key. */
export function rateLimit(limiter: RateLimiter, max: number, clientKey: (request: Request, env: unknown) => string): MiddlewareHandler {
  return async (c, next) => {
    const decision = limiter.hit(clientKey(c.req.raw, c.env));
    const headers = {
      'RateLimit-Limit': String(max),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    };
    if (!decision.allowed) {
      return Response.json(
        { error: 'rate_limited', error_description: `Too many requests; retry in ${decision.resetSeconds} s.` },
        { status: 429, headers: { ...headers, 'Retry-After': String(decision.resetSeconds) } },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    return undefined;
  };
}
