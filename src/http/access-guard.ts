/**
 * Authentication and rate limiting of the MCP routes, in that order. A request carrying the
 * right bearer token is counted in its client's own bucket (keyed by a digest of the token,
 * never the token); every other request is counted per address in a separate, smaller bucket
 * for unauthenticated attempts and answered 401 (429 once that bucket is spent). So a flood of
 * unauthenticated requests, even from the client's own address (behind a tunnel every client is
 * 127.0.0.1), can never lock out the client that holds the token. A server without a token
 * (loopback only) counts every request per address.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bearerMatches, unauthorized } from './bearer-auth.js';
import { rateLimited, withRateLimitHeaders, type RateLimiter } from './rate-limit.js';

export interface AccessGuardOptions {
  /** `AUTH_TOKEN`; undefined on a loopback-only server without authentication. */
  authToken: string | undefined;
  /** Buckets of authenticated clients (and of every client of a server without a token). */
  authenticated: RateLimiter;
  /** Buckets of unauthenticated attempts, per address. */
  unauthenticated: RateLimiter;
  /** The request's client address (see `clientAddressFor`). */
  clientAddress: (request: Request, env: unknown) => string;
}

/** The rate-limit key of the client holding `token`: a digest prefix, so the token never sits in memory tables or logs. */
export function tokenClientKey(token: string): string {
  return `token:${createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 32)}`;
}

/** Middleware: bearer check, then the bucket of whoever the request turned out to be. */
export function accessGuard(options: AccessGuardOptions): MiddlewareHandler {
  const { authToken } = options;
  const tokenKey = authToken === undefined ? undefined : tokenClientKey(authToken);
  return async (c, next) => {
    const address = `address:${options.clientAddress(c.req.raw, c.env)}`;
    const open = authToken === undefined;
    if (open || bearerMatches(c.req.header('authorization'), authToken)) {
      const decision = options.authenticated.hit(tokenKey ?? address);
      if (!decision.allowed) return rateLimited(decision);
      await withRateLimitHeaders(c, next, decision);
      return undefined;
    }
    const attempt = options.unauthenticated.hit(address);
    if (!attempt.allowed) return rateLimited(attempt, 'unauthenticated requests from this address');
    return unauthorized();
  };
}
