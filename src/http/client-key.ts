/** The key rate limiting counts per: the peer address, or the first `X-Forwarded-For` hop behind a trusted proxy. */
import type { IncomingMessage } from 'node:http';

/** Returns a function computing a request's client key. */
export function clientKeyFor(trustProxy: boolean): (request: Request, env: unknown) => string {
  return (request, env) => {
    if (trustProxy) {
      const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming?.socket.remoteAddress ?? 'unknown';
  };
}
