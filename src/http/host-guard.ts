/**
 * DNS-rebinding protection: the `Host` header must name this server (loopback, the public URL's
 * host or `ALLOWED_HOSTS`; the SDK's validator, so the rule matches its own transports), and a
 * browser `Origin`, when present, must be one we allow, compared by scheme, host and port.
 */
import type { MiddlewareHandler } from 'hono';
import { validateHostHeader } from '@modelcontextprotocol/server';
import type { Logger } from '../logging/logger.js';
import { originOf } from './allowed-origins.js';

export interface HostGuardOptions {
  allowedHosts: readonly string[];
  /** Origins (`scheme://host[:port]`, see `allowedOrigins`) a browser `Origin` may be; read per request (the port is known once listening). */
  allowedOrigins: () => ReadonlySet<string>;
  /** `CORS_ORIGIN=*`: every origin is allowed. */
  anyOrigin: boolean;
  logger: Logger;
}

/** Middleware refusing foreign `Host` (403) and foreign `Origin` (403) headers. */
export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  const hosts = [...options.allowedHosts];
  return async (c, next) => {
    const host = validateHostHeader(c.req.header('host'), hosts);
    if (!host.ok) {
      options.logger.warn({ reason: host.errorCode, path: c.req.path }, 'request refused: Host not allowed');
      return Response.json(
        { error: 'invalid_host', error_description: 'This Host is not served here. Add it to ALLOWED_HOSTS or PUBLIC_BASE_URL if it is yours.' },
        { status: 403 },
      );
    }
    const origin = c.req.header('origin');
    if (!options.anyOrigin && origin !== undefined && origin !== '') {
      const normalized = originOf(origin);
      if (normalized === undefined || !options.allowedOrigins().has(normalized)) {
        options.logger.warn({ reason: normalized === undefined ? 'invalid_origin_header' : 'invalid_origin', path: c.req.path }, 'request refused: Origin not allowed');
        return Response.json(
          { error: 'invalid_origin', error_description: 'This Origin (scheme, host and port) is not allowed. Add it to CORS_ORIGIN.' },
          { status: 403 },
        );
      }
    }
    return next();
  };
}
