/** A fixed-window per-minute request budget on simulator time. */

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  allowed: boolean;
}

export class RateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;
  /** Requests refused so far. */
  refused = 0;

  constructor(private readonly perMinute: number) {}

  /** Counts one request at `nowMs` and says whether it fits the budget. */
  hit(nowMs: number): RateLimitState {
    const window = Math.floor(nowMs / 60_000) * 60_000;
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.used = 0;
    }
    const allowed = this.used < this.perMinute;
    if (allowed) this.used += 1;
    else this.refused += 1;
    return {
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - this.used),
      resetSeconds: Math.max(1, Math.ceil((window + 60_000 - nowMs) / 1000)),
      allowed,
    };
  }
}

/** The `X-RateLimit-*` headers for a state (`Reset` = seconds until the window resets). */
export function rateLimitHeaders(state: Pick<RateLimitState, 'limit' | 'remaining' | 'resetSeconds'>): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(state.resetSeconds),
  };
}
