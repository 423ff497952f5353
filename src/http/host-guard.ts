/**
 * DNS-rebinding protection: the `Host` header must name this server (loopback, the public URL's
 * host or `ALLOWED_HOSTS`), and a browser `Origin`, when present, must be one we allow. Uses the
 * MCP SDK's validators so the rules match the SDK's own transports.
 */
import type { MiddlewareHandler } from 'hono';
import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import type { Logger } from '../logging/logger.js';

export interface HostGuardOptions {
  allowedHosts: readonly string[];
  /** Allowed origins (full origins or hostnames); `*` allows every origin. */
  corsOrigins: readonly string[];
  logger: Logger;
}

/** Hostnames an `Origin` header may name: the allowed hosts plus the configured CORS origins. */
export function originHostnames(options: Pick<HostGuardOptions, 'allowedHosts' | 'corsOrigins'>): string[] {
  const hostnames = new Set(options.allowedHosts);
  for (const origin of options.corsOrigins) {
    if (origin === '*') continue;
    try {
      hostnames.add(new URL(origin).hostname);
    } catch {
      hostnames.add(origin.toLowerCase());
    }
  }
  return [...hostnames];
}

/** Middleware refusing foreign `Host` (421/403) and foreign `Origin` (403) headers. */
export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  const hosts = [...options.allowedHosts];
  const anyOrigin = options.corsOrigins.includes('*');
  const origins = originHostnames(options);
  return async (c, next) => {
    const host = validateHostHeader(c.req.header('host'), hosts);
    if (!host.ok) {
      options.logger.warn({ reason: host.errorCode, path: c.req.path }, 'request refused: Host not allowed');
      return Response.json(
        { error: 'invalid_host', error_description: 'This Host is not served here. Add it to ALLOWED_HOSTS or PUBLIC_BASE_URL if it is yours.' },
        { status: 403 },
      );
    }
    if (!anyOrigin) {
      const origin = validateOriginHeader(c.req.header('origin'), origins);
      if (!origin.ok) {
        options.logger.warn({ reason: origin.errorCode, path: c.req.path }, 'request refused: Origin not allowed');
        return Response.json({ error: 'invalid_origin', error_description: 'This Origin is not allowed. Add it to CORS_ORIGIN.' }, { status: 403 });
      }
    }
    return next();
  };
}
