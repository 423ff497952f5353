/**
 * The address a request comes from, for rate limiting unauthenticated requests. Behind
 * `trustedProxies` proxies (`TRUST_PROXY=<n>`), each proxy appends the address it received the
 * request from to `X-Forwarded-For`, so the client is the n-th address from the right of
 * `X-Forwarded-For` + the socket peer; everything left of it was written by the client itself.
 */
import type { IncomingMessage } from 'node:http';

/** Longest key kept per address (a hostile proxy chain cannot make keys unbounded). */
const MAX_ADDRESS_LENGTH = 64;

/** Returns a function computing a request's client address (`unknown` when there is none). */
export function clientAddressFor(trustedProxies: number): (request: Request, env: unknown) => string {
  return (request, env) => {
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const peer = incoming?.socket.remoteAddress ?? 'unknown';
    if (trustedProxies <= 0) return peer;
    const forwarded = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const chain = [...forwarded, peer];
    // The peer is the nearest trusted proxy; a shorter chain means fewer proxies were passed,
    // and the left-most address is then the closest one to the client we know.
    const client = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer;
    return client.slice(0, MAX_ADDRESS_LENGTH);
  };
}
