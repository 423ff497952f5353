/**
 * WHOOP's two request budgets (100 per minute and 10,000 per day by default), fixed windows on
 * simulator time, and its `X-RateLimit-*` headers: `Limit` lists the limit closest to being hit
 * first, then every window (`100, 100;window=60, 10000;window=86400`); `Remaining` and `Reset`
 * (seconds) belong to that closest window. A refused request gets 429 with the same headers.
 */

export interface WhoopLimitState {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the binding window resets. */
  resetSeconds: number;
}

interface Window {
  limit: number;
  seconds: number;
  start: number;
  used: number;
}

export class WhoopRateLimiter {
  private readonly windows: Window[];
  /** Requests refused so far. */
  refused = 0;

  constructor(perMinute: number, perDay: number) {
    this.windows = [
      { limit: perMinute, seconds: 60, start: Number.NEGATIVE_INFINITY, used: 0 },
      { limit: perDay, seconds: 86_400, start: Number.NEGATIVE_INFINITY, used: 0 },
    ];
  }

  /** Counts one request at `nowMs` (when it fits every budget) and returns the headers to send. */
  hit(nowMs: number): WhoopLimitState {
    for (const window of this.windows) {
      const start = Math.floor(nowMs / (window.seconds * 1000)) * window.seconds * 1000;
      if (start !== window.start) {
        window.start = start;
        window.used = 0;
      }
    }
    const allowed = this.windows.every((window) => window.used < window.limit);
    if (allowed) for (const window of this.windows) window.used += 1;
    else this.refused += 1;
    const remaining = (window: Window): number => Math.max(0, window.limit - window.used);
    const reset = (window: Window): number => Math.max(1, Math.ceil((window.start + window.seconds * 1000 - nowMs) / 1000));
    // The binding window: an exhausted one (the longest wait), else the one with the least left.
    const exhausted = this.windows.filter((window) => remaining(window) === 0);
    const binding =
      exhausted.length > 0
        ? exhausted.reduce((a, b) => (reset(b) > reset(a) ? b : a))
        : this.windows.reduce((a, b) => (remaining(b) / b.limit < remaining(a) / a.limit ? b : a));
    const resetSeconds = reset(binding);
    return {
      allowed,
      resetSeconds,
      headers: {
        'X-RateLimit-Limit': [String(binding.limit), ...this.windows.map((window) => `${window.limit};window=${window.seconds}`)].join(', '),
        'X-RateLimit-Remaining': String(remaining(binding)),
        'X-RateLimit-Reset': String(resetSeconds),
      },
    };
  }
}
