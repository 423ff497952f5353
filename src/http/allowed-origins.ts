/**
 * The browser origins (`scheme://host:port`) allowed to call this server: its own origin on each
 * loopback name and listen port, the listen address's, the public URL's origin, the `ALLOWED_HOSTS` names on the listen
 * port or their scheme's default port, and the configured `CORS_ORIGIN`s. The port counts: a page
 * on another local port (another local web app) is another origin and is refused.
 */
import { isLoopbackHost, LOOPBACK_HOSTS, type HttpConfig } from './http-config.js';

/** Origins allowed for `config` once the server listens on `listenPort`. */
export function allowedOrigins(config: Pick<HttpConfig, 'host' | 'publicBaseUrl' | 'allowedHosts' | 'corsOrigins'>, listenPort: number): Set<string> {
  const origins = new Set<string>();
  const add = (candidate: string) => {
    const origin = originOf(candidate);
    if (origin) origins.add(origin);
  };
  const named = (host: string) => {
    const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    add(`http://${bracketed}:${listenPort}`);
    add(`http://${bracketed}`);
    add(`https://${bracketed}`);
  };
  for (const host of LOOPBACK_HOSTS) add(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${listenPort}`);
  if (!isLoopbackHost(config.host) && config.host !== '0.0.0.0' && config.host !== '::') named(config.host.toLowerCase());
  if (config.publicBaseUrl) add(config.publicBaseUrl);
  for (const host of config.allowedHosts) named(host.toLowerCase());
  for (const origin of config.corsOrigins) {
    if (origin === '*') continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(origin)) add(origin);
    else named(origin.toLowerCase());
  }
  return origins;
}

/** The normalized origin of `value` (`https://a.example:443` -> `https://a.example`), or undefined. */
export function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
