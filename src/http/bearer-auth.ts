/**
 * `Authorization: Bearer <AUTH_TOKEN>` on the MCP and management routes. The comparison runs on
 * SHA-256 digests of equal length with `timingSafeEqual`, so neither the token's content nor
 * its length leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether `header` carries exactly `expected` as a bearer token (constant time). */
export function bearerMatches(header: string | undefined | null, expected: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  // Always compare, even on a missing token, so a malformed header is no faster to refuse.
  const equal = timingSafeEqual(digest(given), digest(expected));
  return equal && given.length > 0;
}

/** A 401 with the challenge header clients look for; never echoes what was sent. */
export function unauthorized(): Response {
  return Response.json(
    { error: 'unauthorized', error_description: 'Send Authorization: Bearer <AUTH_TOKEN> (the token configured on the server).' },
    { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="wearables-mcp"' } },
  );
}

/** Middleware requiring the bearer token; a server without a token (loopback only) lets all through. */
export function requireBearer(authToken: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (authToken === undefined) return next();
    if (!bearerMatches(c.req.header('authorization'), authToken)) return unauthorized();
    return next();
  };
}
